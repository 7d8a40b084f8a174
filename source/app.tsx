// <App>: one reducer over the wizard state; renders the screen for the current step and performs the
// side effects screens ask for (loading, saving decisions at once, writing files) through injected services.
import {Text, useApp} from 'ink';
import path from 'node:path';
import {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {AuthChoice, AuthMethod, AzureSession, DeviceCodePrompt, MethodAvailability} from './azure/credentials.js';
import type {ProblemContext} from './azure/errors.js';
import type {Decision, FileSet, Finding, Inventory, Session, SourceRef, StepId} from './model/index.js';
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
import {generate, plan as makePlan, unresolvedBlockers} from './generate/index.js';
import type {WriteResult} from './generate/write.js';
import type {SessionStore} from './store/sessions.js';
import {fingerprint} from './sources/fingerprint.js';
import {uniqueWorkflowNames} from './sources/normalize.js';
import {AzureIsesScreen} from './screens/azure-ises.js';
import {AzureLoadScreen} from './screens/azure-load.js';
import {AzureMethodScreen, AzureSignInScreen} from './screens/azure-signin.js';
import {AzureSubscriptionsScreen} from './screens/azure-subscriptions.js';
import {DoneScreen} from './screens/done.js';
import {ConnectorFacts, KeyFacts, NetworkFacts, SkuFacts} from './screens/facts.js';
import {GenerateScreen, type GeneratePreview} from './screens/generate.js';
import {IseScreen} from './screens/ise.js';
import {ReviewScreen, type QuickKey} from './screens/review.js';
import {StartScreen, type SessionSummary} from './screens/start.js';
import {KeyRouter, useKeyHandler} from './ui/keys.js';
import {azureIdle, azureReducer, workKey, workOf, type AzureFlowEvent, type AzureFlowState, type AzureTarget, type AzureWork, type SignedIn} from './wizard/azure-flow.js';
import {findingsForStep, stepTitle} from './wizard/steps.js';
import {initialState, progress, reducer, type WizardState} from './wizard/state.js';

export interface OpenedSource {
	inventory: Inventory;
	source: SourceRef;
	/** Files skipped while reading a template folder, shown once. */
	notice?: string;
}

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

export interface AppServices {
	store: SessionStore;
	analyze: (inv: Inventory) => Finding[];
	loadDemo: () => OpenedSource;
	openPath: (p: string, onProgress: (text: string) => void) => Promise<OpenedSource>;
	/** Reload a saved session's source; undefined when it needs a sign-in first. */
	reopen: (source: SourceRef, onProgress: (text: string) => void) => Promise<OpenedSource>;
	write: (files: FileSet, dir: string) => Promise<WriteResult>;
	/** Tab completion for typed paths (folders and .json files), relative to cwd. */
	suggestPaths?: (partial: string) => Promise<{completion: string; matches: string[]}>;
	/** Why writing into this folder would be refused, if it would. */
	checkDir: (dir: string) => Promise<string | undefined>;
	cwd: string;
	toolVersion: string;
	now: () => string;
	/** Live Azure sign-in; without it the Azure entry only shows `azureNote`. */
	azure?: AzureService;
	/** Text shown under the Azure entry when live sign-in is not available. */
	azureNote?: string;
	onAzure?: () => void;
}

export interface AppProps {
	services: AppServices;
	/** Start-up request from flags: open the sample (--demo) or a path (--from). */
	initial?: {kind: 'demo'} | {kind: 'path'; path: string};
	/** Told how the app ended, so the CLI can print where the session is saved. */
	onExit?: (summary: {sessionId?: string; step: StepId; written?: string}) => void;
}

const QUICK_CONNECTOR_KEYS: QuickKey[] = [
	{key: 'b', label: 'built-in', optionId: 'builtin'},
	{key: 'm', label: 'managed', optionId: 'managed'},
	{key: 'x', label: 'exclude', optionId: 'exclude'},
];

function summarize(sessions: Session[]): SessionSummary[] {
	return sessions.map((s) => ({
		id: s.id,
		iseName: s.iseName,
		sourceLabel:
			s.source.kind === 'demo'
				? 'sample'
				: s.source.kind === 'azure'
					? `Azure ${s.source.subscriptionName ?? s.source.subscriptionId ?? ''}`.trim()
					: (s.source.path ?? s.source.kind),
		step: stepTitle(s.step),
		decisions: Object.keys(s.decisions).length,
		updatedAt: s.updatedAt,
	}));
}

export function App(props: AppProps) {
	return (
		<KeyRouter>
			<Wizard {...props} />
		</KeyRouter>
	);
}

function Wizard({services, initial, onExit}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(reducer, initialState);
	const [loading, setLoading] = useState<{text: string}>();
	const [sessions, setSessions] = useState(() => summarize(services.store.list()));
	const stateRef = useRef<WizardState>(state);
	stateRef.current = state;
	const azure = services.azure;
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
	const [startMode, setStartMode] = useState<'menu' | 'path'>('menu');

	const quit = () => {
		const s = stateRef.current;
		// A pending device-code poll or ARM read would keep the process alive after the UI is gone.
		azureWork.current?.abort();
		onExit?.({sessionId: s.loaded?.sessionId, step: s.step, written: s.written?.dir});
		exit();
	};

	// Ctrl-C quits from any screen, even while loading; every decision is already on disk.
	useKeyHandler((input, key) => {
		if (key.ctrl && input === 'c') quit();
	});

	const fail = (error: unknown) => {
		setLoading(undefined);
		dispatch({type: 'message', message: {kind: 'error', text: (error as Error).message}});
	};

	const open = (raw: OpenedSource, resume: boolean) => {
		const opened = {...raw, inventory: uniqueWorkflowNames(raw.inventory)};
		const findings = services.analyze(opened.inventory);
		const fp = fingerprint(opened.inventory);
		const {session, existed} = services.store.open({
			source: opened.source,
			iseId: opened.inventory.ise.id,
			iseName: opened.inventory.ise.name,
			fingerprint: fp,
		});
		const changed = existed && session.fingerprint !== fp;
		if (changed) services.store.update(session.id, (s) => ({...s, fingerprint: fp}));
		setLoading(undefined);
		dispatch({
			type: 'loaded',
			loaded: {inventory: opened.inventory, findings, sessionId: session.id, source: opened.source, resumed: resume && existed, changedSinceSaved: changed},
			decisions: session.decisions,
			step: resume && existed ? session.step : 'ise',
			cursor: resume && existed ? session.cursor : undefined,
		});
		const kept = Object.keys(session.decisions).length;
		const notes = [
			opened.notice,
			changed ? 'The ISE has changed since these decisions were made: they are kept where the same findings still exist; review again.' : undefined,
			existed && !resume && kept > 0 ? `${kept} earlier decision${kept === 1 ? ' was' : 's were'} kept from the saved session.` : undefined,
		].filter(Boolean);
		if (notes.length > 0) dispatch({type: 'message', message: {kind: 'info', text: notes.join(' ')}});
	};

	const startDemo = () => {
		try {
			open(services.loadDemo(), Boolean(initial?.kind === 'demo'));
		} catch (error) {
			fail(error);
		}
	};
	const startPath = (p: string, resume = false) => {
		setLoading({text: `Reading ${p}…`});
		services.openPath(p, (text) => setLoading({text})).then((o) => open(o, resume), fail);
	};
	const resume = (id: string) => {
		const session = services.store.get(id);
		if (!session) return fail(new Error('That session is no longer saved.'));
		if (session.source.kind === 'azure') {
			const {subscriptionId, subscriptionName, tenantId, cloud, iseId} = session.source;
			if (!azure) return fail(new Error('This session was made from live Azure, and Azure sign-in is not available here.'));
			if (!subscriptionId || !iseId) return fail(new Error('This live-Azure session does not say which subscription and ISE it was made from: sign in and choose the ISE again.'));
			return startAzure({subscriptionId, iseId, ...(subscriptionName ? {subscriptionName} : {}), ...(tenantId ? {tenantId} : {}), ...(cloud ? {cloud} : {})});
		}
		setLoading({text: `Reopening ${session.iseName}…`});
		services.reopen(session.source, (text) => setLoading({text})).then((o) => open(o, true), fail);
	};

	// ─── Live Azure ───────────────────────────────────────────────────────────────────────────

	const signedInOf = (session: AzureSession): SignedIn => ({
		method: session.method,
		...(session.account ? {account: session.account} : {}),
		...(session.homeTenantId ? {tenantId: session.homeTenantId} : {}),
		...(session.homeTenantId && session.tenantNames[session.homeTenantId.toLowerCase()] ? {tenantName: session.tenantNames[session.homeTenantId.toLowerCase()]} : {}),
		skipped: session.attempts.filter((a) => !a.ok).map((a) => ({method: a.method, reason: azure?.describe(a.error) ?? String(a.error)})),
	});

	function startAzure(target?: AzureTarget) {
		if (!azure) return;
		setStartMode('menu');
		dispatch({type: 'message', message: undefined});
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
		open({inventory: load.inventory, source, ...(notice ? {notice} : {})}, resuming);
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

	useEffect(() => {
		if (initial?.kind === 'demo') startDemo();
		else if (initial?.kind === 'path') startPath(initial.path, true);
	}, []);

	// The step (and highlighted row) is saved whenever it changes, so a kill resumes on the same screen.
	useEffect(() => {
		const id = state.loaded?.sessionId;
		if (id && state.step !== 'start') services.store.setStep(id, state.step, state.cursor[state.step]);
	}, [state.step, state.cursor[state.step], state.loaded?.sessionId]);

	const loaded = state.loaded;
	const thePlan = useMemo(
		() => (loaded ? makePlan(loaded.inventory, loaded.findings, state.decisions) : undefined),
		[loaded, state.decisions],
	);

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
						onQuit={quit}
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
							if (choice === 'path') setStartMode('path');
							else startDemo();
						}}
						onRetry={() => send({type: 'retry'})}
						onBack={azureBack}
						onQuit={quit}
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
						onQuit={quit}
					/>
				);
			}
			default:
				return null;
		}
	}

	if (azure && flow.phase !== 'off') return renderAzure(azure);

	if (!loaded || !thePlan || state.step === 'start') {
		const live = azureSession.current;
		const azureNote = azure
			? live
				? `signed in${live.account ? ` as ${live.account}` : ''}`
				: azure.preset
					? `with ${azure.labels[azure.preset as AuthMethod] ?? 'the automatic order'}`
					: undefined
			: services.azureNote;
		return (
			<StartScreen
				key={startMode}
				sessions={sessions}
				azureNote={azureNote}
				initialMode={startMode}
				suggestPaths={services.suggestPaths}
				loading={loading}
				message={state.message}
				onResume={(id) => {
					setStartMode('menu');
					resume(id);
				}}
				onAzure={() =>
					services.onAzure
						? services.onAzure()
						: azure
							? startAzure()
							: dispatch({type: 'message', message: {kind: 'info', text: services.azureNote ?? 'Azure sign-in is not available in this build.'}})
				}
				onDemo={() => {
					setStartMode('menu');
					startDemo();
				}}
				onOpenPath={(p) => {
					setStartMode('menu');
					startPath(path.resolve(services.cwd, p));
				}}
				onQuit={quit}
			/>
		);
	}

	const prog = progress(state);
	const iseName = loaded.inventory.ise.name;
	const back = () => {
		dispatch({type: 'back'});
		if (stateRef.current.history.at(-1) === 'start') setSessions(summarize(services.store.list()));
	};
	const decide = (finding: Finding, option: {id: string; label: string}) => {
		const decision: Decision = {findingId: finding.id, optionId: option.id, decidedAt: services.now()};
		try {
			services.store.decide(loaded.sessionId, decision);
		} catch (error) {
			return fail(new Error(`Could not save the decision: ${(error as Error).message}. Nothing was changed; try again.`));
		}
		dispatch({type: 'decide', decision});
		dispatch({type: 'message', message: {kind: 'info', text: `Saved: ${finding.title} → ${option.label}`}});
	};

	switch (state.step) {
		case 'ise': {
			const counts = {blocker: 0, warning: 0, info: 0};
			for (const f of loaded.findings) counts[f.severity]++;
			return <IseScreen inventory={loaded.inventory} progress={prog} findingCounts={counts} message={state.message} onNext={() => dispatch({type: 'next'})} onBack={back} onQuit={quit} />;
		}
		case 'sku':
		case 'endpoint':
		case 'key':
		case 'connectors':
		case 'resolve': {
			const findings = findingsForStep(state.step, loaded.findings);
			const facts =
				state.step === 'sku' ? (
					<SkuFacts inventory={loaded.inventory} plan={thePlan} />
				) : state.step === 'endpoint' ? (
					<NetworkFacts inventory={loaded.inventory} plan={thePlan} />
				) : state.step === 'key' ? (
					<KeyFacts inventory={loaded.inventory} plan={thePlan} />
				) : state.step === 'connectors' ? (
					<ConnectorFacts inventory={loaded.inventory} plan={thePlan} />
				) : undefined;
			const heading = {
				sku: 'Sizing: from ISE scale units to a Workflow Standard plan',
				endpoint: 'Network: inbound access, outbound IPs and subnets',
				key: 'Encryption: the customer-managed key',
				connectors: 'Connectors: convert to built-in, keep managed, or exclude',
				resolve: 'Resolve: every finding, blockers first',
			}[state.step];
			return (
				<ReviewScreen
					key={state.step}
					step={state.step}
					iseName={iseName}
					progress={prog}
					message={state.message}
					heading={heading}
					facts={facts}
					findings={findings}
					decisions={state.decisions}
					cursor={state.cursor[state.step] ?? 0}
					quickKeys={state.step === 'connectors' ? QUICK_CONNECTOR_KEYS : undefined}
					listLimit={state.step === 'resolve' ? 10 : 6}
					emptyText={state.step === 'key' ? 'Nothing to decide: continue with n.' : undefined}
					onCursor={(index) => dispatch({type: 'cursor', index})}
					onDecide={decide}
					onNext={() => dispatch({type: 'next'})}
					onBack={back}
					onQuit={quit}
				/>
			);
		}
		case 'generate': {
			const files = () => generate(thePlan, {generatedAt: services.now(), toolVersion: services.toolVersion});
			const preview = async (dir: string): Promise<GeneratePreview> => {
				const abs = path.resolve(services.cwd, dir);
				const set = files();
				return {
					dir: abs,
					files: [...set.keys()].sort(),
					workflows: thePlan.workflows.filter((w) => w.include).length,
					unresolved: unresolvedBlockers(loaded.findings, state.decisions).map((f) => ({id: f.id, title: f.title})),
					problem: await services.checkDir(abs),
				};
			};
			const onWrite = async (dir: string) => {
				const set = files();
				const result = await services.write(set, dir);
				services.store.update(loaded.sessionId, (s) => ({...s, outDir: result.dir, generatedAt: services.now()}));
				dispatch({
					type: 'written',
					written: {dir: result.dir, written: result.written.length, unchanged: result.unchanged.length, kept: result.kept, merged: result.merged, files: [...set.keys()]},
				});
			};
			const saved = services.store.get(loaded.sessionId)?.outDir;
			const defaultDir = saved ? path.relative(services.cwd, saved) || '.' : `./${iseName}-standard`;
			return <GenerateScreen iseName={iseName} progress={prog} defaultDir={defaultDir} message={state.message} preview={preview} onWrite={onWrite} onBack={back} onQuit={quit} />;
		}
		case 'done':
			return state.written ? (
				<DoneScreen iseName={iseName} progress={prog} written={state.written} onBack={back} onQuit={quit} />
			) : (
				<Text>Nothing was written.</Text>
			);
		default:
			return null;
	}
}
