// The one place the wizard's work is done: whatever worksOf(state) names is started once, aborted when the state
// stops naming it, and reported back as events. Loading, saving, previewing, writing and live Azure all go through
// here, never through a render.
import path from 'node:path';
import {useLayoutEffect, useRef, type Dispatch} from 'react';
import type {AppServices} from './app-services.js';
import type {AuthMethod, AzureSession} from './azure/credentials.js';
import {checkOutput, openSession, selfCheckMessage, prepareMigration, previewProject, reopenSource, saveChange, sessionSummaries, sourceDateEpoch, writeProject} from './migration/index.js';
import type {OpenedSource} from './migration/index.js';
import type {InventoryProgress} from './sources/azure.js';
import type {AzureFlowEvent, AzureWork, SignedIn} from './wizard/azure-flow.js';
import {workId, worksOf, type Work} from './wizard/effects.js';
import {positionKey, positionOf, type OpenRequest, type WizardEvent, type WizardState} from './wizard/state.js';

/** SOURCE_DATE_EPOCH for the documents' time (a malformed value is ignored here; `generate` refuses it). */
function epochTime(): {generatedAt?: string} {
	const epoch = sourceDateEpoch(process.env);
	return epoch.ok && epoch.value ? {generatedAt: epoch.value} : {};
}

/** How long the highlighted row must stay put before its position is saved: arrow keys do not each write the store. */
const POSITION_DELAY_MS = 250;

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(true), ms);
		signal.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve(false);
		});
	});
}

export interface Runner {
	/** Saves what is still pending (decisions and position) at once: quitting loses nothing. */
	flush(): void;
	abortAll(): void;
}

export function useRunner(state: WizardState, dispatch: Dispatch<WizardEvent>, services: AppServices): Runner {
	const running = useRef(new Map<string, AbortController>()).current;
	const done = useRef(new Set<string>()).current;
	const stateRef = useRef(state);
	stateRef.current = state;
	/** A damaged store set aside on opening: said on the first screen, and again with the first ISE opened. */
	const storeNotice = useRef(services.store.recovered);
	/** The signed-in identity: tokens live inside its credentials, in memory only, never in the state. */
	const azureSession = useRef<AzureSession | undefined>(undefined);

	const azure = (event: AzureFlowEvent) => dispatch({type: 'azure', event});

	async function open(request: OpenRequest, signal: AbortSignal): Promise<void> {
		let opened: OpenedSource;
		let resume = false;
		const progress = (text: string) => !signal.aborted && dispatch({type: 'open-progress', text});
		try {
			switch (request.kind) {
				case 'demo':
					opened = services.sources.demo();
					resume = request.resume;
					break;
				case 'path':
					opened = await services.sources.path(path.resolve(services.cwd, request.path), progress, signal);
					resume = request.resume;
					break;
				case 'inventory':
					opened = request.opened;
					resume = request.resume;
					break;
				case 'session': {
					const session = services.store.get(request.id);
					if (!session) throw new Error('That session is no longer saved.');
					if (session.source.kind === 'azure') {
						const {subscriptionId, subscriptionName, tenantId, cloud, iseId} = session.source;
						if (!services.azure) throw new Error('This session was made from live Azure, and Azure sign-in is not available here.');
						if (!subscriptionId || !iseId) throw new Error('This live-Azure session does not say which subscription and ISE it was made from: sign in and choose the ISE again.');
						dispatch({
							type: 'azure-start',
							target: {subscriptionId, iseId, ...(subscriptionName ? {subscriptionName} : {}), ...(tenantId ? {tenantId} : {}), ...(cloud ? {cloud} : {})},
							...(services.azure.preset ? {preset: services.azure.preset} : {}),
						});
						return;
					}
					progress(`Reopening ${session.iseName}…`);
					opened = await reopenSource(services.sources, session.source, progress, signal);
					resume = true;
					break;
				}
			}
			if (signal.aborted) return;
			const migration = prepareMigration(opened);
			const {session, existed, notes} = openSession(services.store, migration, {resume});
			const resumed = resume && existed;
			const outDir = session.outDir ? path.relative(services.cwd, session.outDir) || '.' : undefined;
			const shown = storeNotice.current ? [storeNotice.current, ...notes] : notes;
			storeNotice.current = undefined;
			dispatch({
				type: 'loaded',
				loaded: {...migration, sessionId: session.id, ...(outDir ? {outDir} : {})},
				decisions: session.decisions,
				...(resumed ? {step: session.step, ...(session.position ? {position: session.position} : {})} : {}),
				notes: shown,
			});
		} catch (error) {
			if (!signal.aborted) dispatch({type: 'open-failed', error: messageOf(error)});
		}
	}

	const signedInOf = (session: AzureSession): SignedIn => ({
		method: session.method,
		...(session.account ? {account: session.account} : {}),
		...(session.homeTenantId ? {tenantId: session.homeTenantId} : {}),
		...(session.homeTenantId && session.tenantNames[session.homeTenantId.toLowerCase()] ? {tenantName: session.tenantNames[session.homeTenantId.toLowerCase()]} : {}),
		cloud: session.config.cloud,
		skipped: session.attempts.filter((a) => !a.ok).map((a) => ({method: a.method, reason: services.azure?.describe(a.error) ?? String(a.error)})),
	});

	/** Errors name their tenant: prefix it when the message does not already. */
	const inTenant = (tenantId: string | undefined, text: string): string => {
		if (!tenantId) return text;
		const name =
			azureSession.current?.tenantNames[tenantId.toLowerCase()] ??
			stateRef.current.azure.listing?.tenants.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase())?.displayName;
		if (text.toLowerCase().includes(tenantId.toLowerCase()) || (name && text.includes(name))) return text;
		return `Tenant ${name ? `${name} (${tenantId})` : tenantId}: ${text}`;
	};

	async function runAzure(work: AzureWork, signal: AbortSignal): Promise<void> {
		const az = services.azure;
		if (!az) return;
		const alive = () => !signal.aborted;
		const session = azureSession.current;
		let tenantId: string | undefined;
		try {
			if (work.kind === 'sign-in') {
				const target = stateRef.current.azure.target;
				tenantId = target?.tenantId;
				const signedIn = await az.signIn(work.choice, {
					...(target?.tenantId ? {tenant: target.tenantId} : {}),
					...(target?.cloud ? {cloud: target.cloud} : {}),
					signal,
					onAttempt: (method) => alive() && azure({type: 'attempt', method}),
					onDeviceCode: (prompt) => alive() && azure({type: 'device-code', prompt}),
				});
				if (!alive()) return;
				azureSession.current = signedIn;
				// Signing in to a further tenant later asks for its own code: show it on whatever screen is up.
				signedIn.setDeviceCodeHandler((prompt) => azure({type: 'device-code', prompt}));
				azure({type: 'signed-in', who: signedInOf(signedIn)});
				return;
			}
			if (!session) throw new Error('Not signed in to Azure any more: go back and sign in again.');
			switch (work.kind) {
				case 'subscriptions': {
					tenantId = work.tenant?.tenantId ?? session.homeTenantId;
					const listing = await az.listSubscriptions(session, {signal, ...(work.tenant ? {signInTo: [work.tenant.tenantId]} : {})});
					if (alive()) azure({type: 'subscriptions', listing});
					return;
				}
				case 'ises': {
					tenantId = work.subscription.tenantId || undefined;
					const ises = await az.listIses(session, work.subscription, {signal});
					if (alive()) azure({type: 'ises', ises});
					return;
				}
				case 'inventory':
				case 'retry': {
					tenantId = work.ise.tenantId;
					const onProgress = (progress: InventoryProgress) => alive() && azure({type: 'progress', progress});
					const load =
						work.kind === 'retry'
							? await az.retryFailed(session, work.ise, work.load, {signal, onProgress})
							: await az.loadInventory(session, work.ise, {signal, onProgress});
					if (alive()) azure({type: 'loaded', load});
					return;
				}
			}
		} catch (error) {
			if (!alive()) return;
			const failed = error as {method?: AuthMethod; attempts?: {method: AuthMethod; ok: boolean; error?: unknown}[]};
			if (work.kind === 'sign-in') tenantId ??= az.tenantFor(failed.method ?? work.choice);
			let text = az.describe(error, {...(tenantId ? {tenantId} : {}), ...(session ? {tenantNames: session.tenantNames} : {})});
			// The automatic order names what it tried before the method that failed, and why each was passed over.
			const earlier = (failed.attempts ?? []).slice(0, -1).filter((a) => !a.ok);
			if (work.kind === 'sign-in' && earlier.length > 0) {
				text = [`${az.labels[failed.method ?? earlier.at(-1)!.method]}: ${text}`, ...earlier.map((a) => `${az.labels[a.method]}: ${az.describe(a.error)}`)].join('\n');
			}
			azure({type: 'failed', error: inTenant(tenantId, text)});
		}
	}

	function save(work: Work & {kind: 'save'}): void {
		try {
			const decisions = saveChange(services.store, work.sessionId, work.pending.change, services.now(), stateRef.current.loaded?.findings);
			dispatch({type: 'saved', seq: work.pending.seq, decisions});
		} catch (error) {
			dispatch({type: 'save-failed', seq: work.pending.seq, error: messageOf(error)});
		}
	}

	function savePosition(work: Work & {kind: 'position'}): void {
		try {
			services.store.setPosition(work.sessionId, work.step, work.position);
			dispatch({type: 'position-saved', position: work.key, step: work.step});
		} catch (error) {
			// Not fatal (decisions are saved on their own), but never silent: resume would land elsewhere.
			dispatch({type: 'position-saved', position: work.key, step: work.step});
			dispatch({type: 'message', message: {kind: 'error', text: `Could not save where you are: ${messageOf(error)}`}});
		}
	}

	async function execute(work: Work, signal: AbortSignal): Promise<void> {
		switch (work.kind) {
			case 'sessions':
				try {
					dispatch({type: 'sessions', sessions: sessionSummaries(services.store.list())});
					if (storeNotice.current) dispatch({type: 'message', message: {kind: 'error', text: storeNotice.current}});
				} catch (error) {
					dispatch({type: 'sessions', sessions: []});
					dispatch({type: 'message', message: {kind: 'error', text: `The saved sessions could not be read: ${messageOf(error)}`}});
				}
				return;
			case 'open':
				return open(work.request, signal);
			case 'complete-path': {
				const r = services.suggestPaths ? await services.suggestPaths(work.partial).catch(() => ({completion: work.partial, matches: []})) : {completion: work.partial, matches: []};
				if (!signal.aborted) dispatch({type: 'path-completed', ...r});
				return;
			}
			case 'save':
				return save(work);
			case 'position':
				if (work.immediate || (await sleep(POSITION_DELAY_MS, signal))) savePosition(work);
				return;
			case 'preview': {
				const s = stateRef.current;
				const loaded = s.loaded;
				if (!loaded) return;
				try {
					const dir = path.resolve(services.cwd, work.dir || `./${loaded.inventory.ise.name}-standard`);
					const preview = previewProject(loaded, s.saved, {...epochTime(), toolVersion: services.toolVersion});
					// A project that fails its own check is never written: say so instead of offering to write it.
					const problem = selfCheckMessage(preview.problems) ?? (await checkOutput(services.disk, dir));
					if (!signal.aborted) dispatch({type: 'previewed', preview: {...preview, dir, ...(problem ? {problem} : {})}});
				} catch (error) {
					if (!signal.aborted) dispatch({type: 'preview-failed', error: messageOf(error)});
				}
				return;
			}
			case 'write': {
				const s = stateRef.current;
				const preview = s.generate.preview;
				if (!preview || !s.loaded) return;
				try {
					const result = await writeProject({disk: services.disk, store: services.store, now: services.now}, preview, preview.dir, s.loaded.sessionId);
					dispatch({
						type: 'written',
						written: {dir: result.dir, written: result.written.length, unchanged: result.unchanged.length, kept: result.kept, merged: result.merged, removed: result.removed, keptStale: result.keptStale, files: preview.paths},
					});
				} catch (error) {
					dispatch({type: 'write-failed', error: messageOf(error)});
				}
				return;
			}
			case 'azure':
				return runAzure(work.work, signal);
		}
	}

	// A layout effect: the work a state names starts in the same commit that showed the state, so a decision's
	// save (a millisecond) and its "Saved" land in the next frame instead of a frame later.
	useLayoutEffect(() => {
		const works = worksOf(state);
		const named = new Set(works.map(workId));
		for (const [id, controller] of running) {
			if (named.has(id)) continue;
			controller.abort();
			running.delete(id);
		}
		// Work that finished is not started again while the state still names it (its event may not have landed).
		for (const id of done) if (!named.has(id)) done.delete(id);
		for (const work of works) {
			const id = workId(work);
			if (running.has(id) || done.has(id)) continue;
			const controller = new AbortController();
			running.set(id, controller);
			void execute(work, controller.signal).finally(() => {
				if (running.get(id) === controller) running.delete(id);
				done.add(id);
			});
		}
	});

	return {
		flush() {
			const s = stateRef.current;
			if (!s.loaded) return;
			for (const pending of s.pending) {
				try {
					saveChange(services.store, s.loaded.sessionId, pending.change, services.now());
				} catch {
					// Reported when it was first tried; quitting goes on.
				}
			}
			if (s.step !== 'start') {
				const where = positionOf(s);
				const key = positionKey(where);
				if (key !== s.savedPosition) savePosition({kind: 'position', sessionId: s.loaded.sessionId, step: where.step, ...(where.position ? {position: where.position} : {}), key, immediate: true});
			}
		},
		abortAll() {
			for (const controller of running.values()) controller.abort();
			running.clear();
		},
	};
}
