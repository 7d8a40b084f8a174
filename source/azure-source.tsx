// The live-Azure source of steps 1 (Source) and 2 (ISE): sign in, choose a subscription and an ISE, read its
// inventory. The flow itself is the pure reducer in wizard/azure-flow.ts; this hook runs the work it names and
// renders its screens. app.tsx decides when the flow starts and takes over once an inventory is read.
import {useEffect, useRef, useState, type ReactElement} from 'react';
import type {AuthChoice, AuthMethod, AzureSession, DeviceCodePrompt, MethodAvailability} from './azure/credentials.js';
import type {ProblemContext} from './azure/errors.js';
import type {SourceRef} from './model/index.js';
import type {
	filterSubscriptions,
	InventoryLoad,
	InventoryProgress,
	IseSummary,
	listIses,
	listSubscriptions,
	loadInventory,
	noIseHelp,
	retryFailed,
} from './sources/azure.js';
import type {OpenedSource} from './migration/index.js';
import {AzureIsesScreen} from './screens/azure-ises.js';
import {AzureLoadScreen} from './screens/azure-load.js';
import {AzureMethodScreen, AzureSignInScreen} from './screens/azure-signin.js';
import {AzureSubscriptionsScreen} from './screens/azure-subscriptions.js';
import {azureIdle, azureReducer, workKey, workOf, type AzureFlowEvent, type AzureFlowState, type AzureTarget, type AzureWork, type SignedIn} from './wizard/azure-flow.js';

/**
 * Live Azure for the wizard: sign-in and the ARM readers of sources/azure.ts, configured once (flags, env, CA).
 * Tests build it with the same functions pointed at the fakes.
 */
export interface AzureService {
	/** --auth: sign in this way without showing the method screen. */
	preset?: AuthChoice;
	labels: Record<AuthMethod, string>;
	/** Configuration problems worth showing (an unreadable NODE_EXTRA_CA_CERTS file…). */
	warnings: readonly string[];
	methods: () => {availability: MethodAvailability[]; auto: AuthMethod[]};
	/** Sign in; `tenant` and `cloud` override the flags (a saved session knows where its ISE lives). */
	signIn: (
		choice: AuthChoice,
		input: {tenant?: string; cloud?: string; signal?: AbortSignal; onAttempt?: (method: AuthMethod) => void; onDeviceCode?: (prompt: DeviceCodePrompt) => void},
	) => Promise<AzureSession>;
	listSubscriptions: typeof listSubscriptions;
	filterSubscriptions: typeof filterSubscriptions;
	listIses: typeof listIses;
	loadInventory: typeof loadInventory;
	retryFailed: typeof retryFailed;
	noIseHelp: typeof noIseHelp;
	/** One readable line (message and what to do), secrets redacted. */
	describe: (error: unknown, ctx?: ProblemContext) => string;
	/** The tenant a sign-in with this method goes to when known beforehand (--tenant, AZURE_TENANT_ID), for messages. */
	tenantFor: (method: AuthChoice) => string | undefined;
}

export interface AzureSourceHandlers {
	/** The chosen ISE's inventory was read; `resume` when it is a saved session's ISE. */
	onOpened: (opened: OpenedSource, resume: boolean) => void;
	/** The subscription has no ISE and the admin would rather type a path or open the sample. */
	onNoIse: (choice: 'path' | 'demo') => void;
	onQuit: () => void;
}

export interface AzureSource {
	/** An Azure screen is showing (the flow is not off). */
	active: boolean;
	/** Show the flow: at sign-in, or past it while still signed in; a target goes straight to a saved session's ISE. */
	start: (target?: AzureTarget) => void;
	/** The identity of the last sign-in, kept while the app runs (the start screen names it). */
	signedIn: AzureSession | undefined;
	/** Stop whatever is waiting on Azure. */
	abort: () => void;
	/** The screen of the current phase; null while the flow is off. */
	view: () => ReactElement | null;
}

export function useAzureSource(azure: AzureService | undefined, on: AzureSourceHandlers): AzureSource {
	// The Azure sub-flow of steps 1 and 2. The ref is updated with every event, so events arriving before a
	// render (progress, a device code) build on each other.
	const [flow, setFlow] = useState<AzureFlowState>(azureIdle);
	const flowRef = useRef<AzureFlowState>(flow);
	const send = (event: AzureFlowEvent): AzureFlowState => {
		const next = azureReducer(flowRef.current, event);
		flowRef.current = next;
		setFlow(next);
		return next;
	};
	/** The signed-in identity: tokens live inside its credentials, in memory only. */
	const azureSession = useRef<AzureSession | undefined>(undefined);
	const azureWork = useRef<AbortController | undefined>(undefined);

	const signedInOf = (session: AzureSession): SignedIn => ({
		method: session.method,
		...(session.account ? {account: session.account} : {}),
		...(session.homeTenantId ? {tenantId: session.homeTenantId} : {}),
		...(session.homeTenantId && session.tenantNames[session.homeTenantId.toLowerCase()] ? {tenantName: session.tenantNames[session.homeTenantId.toLowerCase()]} : {}),
		skipped: session.attempts.filter((a) => !a.ok).map((a) => ({method: a.method, reason: azure?.describe(a.error) ?? String(a.error)})),
	});

	function startAzure(target?: AzureTarget) {
		if (!azure) return;
		const live = azureSession.current;
		// Still signed in (back from a loaded ISE): go on with that identity, unless the ISE lives in another cloud.
		if (live && (!target?.cloud || target.cloud === live.config.cloud)) send({type: 'start', target, signedIn: signedInOf(live)});
		else send({type: 'start', target, choice: azure.preset});
	}

	const azureBack = () => {
		const next = send({type: 'back'});
		// Back to the method screen is a sign-out: the next sign-in starts from scratch.
		if (next.phase === 'method') azureSession.current = undefined;
	};

	const tenantText = (tenantId: string | undefined): string | undefined => {
		if (!tenantId) return undefined;
		const name =
			azureSession.current?.tenantNames[tenantId.toLowerCase()] ??
			flowRef.current.listing?.tenants.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase())?.displayName;
		return name ? `${name} (${tenantId})` : tenantId;
	};

	/** Errors name their tenant: prefix it when the message does not already. */
	const inTenant = (tenantId: string | undefined, text: string): string => {
		const label = tenantText(tenantId);
		if (!label || !tenantId || text.toLowerCase().includes(tenantId.toLowerCase())) return text;
		const name = label.replace(/ \(.*\)$/, '');
		return text.includes(name) && name !== tenantId ? text : `Tenant ${label}: ${text}`;
	};

	const finishAzure = (load: InventoryLoad, ise: IseSummary) => {
		const session = azureSession.current;
		const f = flowRef.current;
		const subscriptionName = ise.subscriptionName && ise.subscriptionName !== ise.subscriptionId ? ise.subscriptionName : f.target?.subscriptionName;
		const source: SourceRef = {
			kind: 'azure',
			subscriptionId: ise.subscriptionId,
			...(subscriptionName ? {subscriptionName} : {}),
			...(ise.tenantId ? {tenantId: ise.tenantId} : {}),
			...(session ? {cloud: session.config.cloud} : {}),
			iseId: ise.id,
		};
		const missing = load.failures.length;
		const notice = missing > 0 ? `${missing} item${missing === 1 ? ' was' : 's were'} not read and ${missing === 1 ? 'is' : 'are'} left out: each is a finding to acknowledge.` : undefined;
		const resuming = Boolean(f.target);
		send({type: 'close'});
		on.onOpened({inventory: load.inventory, source, ...(notice ? {notice} : {})}, resuming);
	};

	const runAzure = async (work: AzureWork, signal: AbortSignal) => {
		if (!azure) return;
		const alive = () => !signal.aborted;
		const session = azureSession.current;
		let tenantId: string | undefined;
		try {
			if (work.kind === 'sign-in') {
				const target = flowRef.current.target;
				tenantId = target?.tenantId;
				const signedIn = await azure.signIn(work.choice, {
					...(target?.tenantId ? {tenant: target.tenantId} : {}),
					...(target?.cloud ? {cloud: target.cloud} : {}),
					signal,
					onAttempt: (method) => alive() && send({type: 'attempt', method}),
					onDeviceCode: (prompt) => alive() && send({type: 'device-code', prompt}),
				});
				if (!alive()) return;
				azureSession.current = signedIn;
				// Signing in to a further tenant later asks for its own code: show it on whatever screen is up.
				signedIn.setDeviceCodeHandler((prompt) => send({type: 'device-code', prompt}));
				send({type: 'signed-in', who: signedInOf(signedIn)});
				return;
			}
			if (!session) throw new Error('Not signed in to Azure any more: go back and sign in again.');
			switch (work.kind) {
				case 'subscriptions': {
					tenantId = work.tenant?.tenantId ?? session.homeTenantId;
					const listing = await azure.listSubscriptions(session, {signal, ...(work.tenant ? {signInTo: [work.tenant.tenantId]} : {})});
					if (alive()) send({type: 'subscriptions', listing});
					return;
				}
				case 'ises': {
					tenantId = work.subscription.tenantId || undefined;
					const ises = await azure.listIses(session, work.subscription, {signal});
					if (alive()) send({type: 'ises', ises});
					return;
				}
				case 'inventory':
				case 'retry': {
					tenantId = work.ise.tenantId;
					const onProgress = (progress: InventoryProgress) => alive() && send({type: 'progress', progress});
					const load =
						work.kind === 'retry'
							? await azure.retryFailed(session, work.ise, work.load, {signal, onProgress})
							: await azure.loadInventory(session, work.ise, {signal, onProgress});
					if (!alive()) return;
					if (load.failures.length === 0) finishAzure(load, work.ise);
					else send({type: 'loaded', load});
					return;
				}
			}
		} catch (error) {
			if (!alive()) return;
			const failed = error as {method?: AuthMethod; attempts?: {method: AuthMethod; ok: boolean; error?: unknown}[]};
			if (work.kind === 'sign-in') tenantId ??= azure.tenantFor(failed.method ?? work.choice);
			let text = azure.describe(error, {...(tenantId ? {tenantId} : {}), ...(session ? {tenantNames: session.tenantNames} : {})});
			// The automatic order names what it tried before the method that failed, and why each was passed over.
			const earlier = (failed.attempts ?? []).slice(0, -1).filter((a) => !a.ok);
			if (work.kind === 'sign-in' && earlier.length > 0) {
				text = [`${azure.labels[failed.method ?? earlier.at(-1)!.method]}: ${text}`, ...earlier.map((a) => `${azure.labels[a.method]}: ${azure.describe(a.error)}`)].join('\n');
			}
			send({type: 'failed', error: inTenant(tenantId, text)});
		}
	};

	// Whatever the flow waits for runs here; leaving that phase (Esc) or quitting aborts it.
	const work = azure ? workOf(flow) : undefined;
	const workId = work ? workKey(work) : undefined;
	useEffect(() => {
		if (!work) return;
		const controller = new AbortController();
		azureWork.current = controller;
		void runAzure(work, controller.signal);
		return () => controller.abort();
	}, [workId]);

	function renderAzure(az: AzureService) {
		const message = flow.message ?? (az.warnings.length > 0 ? {kind: 'error' as const, text: az.warnings.join(' ')} : undefined);
		const signedIn = flow.signedIn;
		switch (flow.phase) {
			case 'method': {
				const {availability, auto} = az.methods();
				return (
					<AzureMethodScreen
						methods={availability}
						auto={auto}
						labels={az.labels}
						current={flow.choice}
						message={message}
						onChoose={(choice) => send({type: 'choose-method', choice})}
						onBack={azureBack}
						onQuit={on.onQuit}
					/>
				);
			}
			case 'signing-in':
				return (
					<AzureSignInScreen
						choice={flow.choice ?? 'auto'}
						trying={flow.trying}
						labels={az.labels}
						prompt={flow.prompt}
						error={flow.error}
						message={message}
						onRetry={() => send({type: 'retry'})}
						onBack={azureBack}
					/>
				);
			case 'subscriptions': {
				const listing = flow.listing;
				const who = signedIn
					? [
							`Signed in with ${az.labels[signedIn.method]}${signedIn.account ? ` as ${signedIn.account}` : ''}${signedIn.tenantId ? ` · home tenant ${signedIn.tenantName ? `${signedIn.tenantName} (${signedIn.tenantId})` : signedIn.tenantId}` : ''}`,
							...signedIn.skipped.map((s) => `${az.labels[s.method]} was skipped: ${s.reason}`),
						].join('\n')
					: '';
				return (
					<AzureSubscriptionsScreen
						signedIn={who}
						subscriptions={listing ? az.filterSubscriptions(listing.subscriptions, flow.query) : []}
						total={listing?.subscriptions.length ?? 0}
						needsSignIn={listing?.needsSignIn ?? []}
						failures={listing?.failures ?? []}
						query={flow.query}
						loading={!listing && !flow.error ? 'Listing the subscriptions of every tenant you can see…' : undefined}
						tenantSignIn={flow.tenant ? {tenant: flow.tenant, ...(flow.prompt ? {prompt: flow.prompt} : {})} : undefined}
						error={flow.error}
						message={message}
						selectedId={flow.subscription?.subscriptionId}
						onType={(text) => send({type: 'type', text})}
						onErase={() => send({type: 'erase'})}
						onChoose={(subscription) => send({type: 'choose-subscription', subscription})}
						onSignInTenant={(tenant) => send({type: 'sign-in-tenant', tenant})}
						onRetry={() => send({type: 'retry'})}
						onBack={azureBack}
					/>
				);
			}
			case 'ises': {
				const sub = flow.subscription;
				const name = sub?.displayName ?? '';
				const tenant = tenantText(sub?.tenantId || undefined);
				return (
					<AzureIsesScreen
						subscriptionLabel={`${name}${sub && name !== sub.subscriptionId ? ` (${sub.subscriptionId})` : ''}${tenant ? ` · tenant ${tenant}` : ''}`}
						ises={flow.ises}
						loading={!flow.ises && !flow.error ? (flow.target ? `Looking for the saved ISE in ${name}…` : `Looking for integration service environments in ${name}…`) : undefined}
						emptyHelp={az.noIseHelp(name)}
						error={flow.error}
						message={message}
						onChoose={(ise) => send({type: 'choose-ise', ise})}
						onNoIse={(choice) => {
							if (choice === 'subscriptions') return azureBack();
							send({type: 'close'});
							on.onNoIse(choice);
						}}
						onRetry={() => send({type: 'retry'})}
						onBack={azureBack}
						onQuit={on.onQuit}
					/>
				);
			}
			case 'loading':
			case 'failures': {
				const ise = flow.ise;
				const tenant = tenantText(ise?.tenantId);
				return (
					<AzureLoadScreen
						iseName={ise?.name ?? ''}
						where={`${ise?.resourceGroup ?? ''} · subscription ${ise?.subscriptionName ?? ise?.subscriptionId ?? ''}${tenant ? ` · tenant ${tenant}` : ''}`}
						progress={flow.progress}
						retrying={flow.retrying}
						failures={flow.phase === 'failures' ? flow.load?.failures : undefined}
						error={flow.error}
						message={message}
						onRetry={() => send({type: 'retry'})}
						onContinue={() => flow.load && ise && finishAzure(flow.load, ise)}
						onBack={azureBack}
						onQuit={on.onQuit}
					/>
				);
			}
			default:
				return null;
		}
	}

	return {
		active: Boolean(azure) && flow.phase !== 'off',
		start: startAzure,
		signedIn: azureSession.current,
		abort: () => azureWork.current?.abort(),
		view: () => (azure ? renderAzure(azure) : null),
	};
}
