// <App>: one reducer over the wizard state; renders the screen for the current step and performs the
// side effects screens ask for (loading, saving decisions at once, writing files) through injected services.
import {Text, useApp} from 'ink';
import path from 'node:path';
import {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {AuthMethod} from './azure/credentials.js';
import {useAzureSource, type AzureService} from './azure-source.js';
import type {Finding, StepId} from './model/index.js';
import {plan as makePlan} from './generate/index.js';
import {
	checkOutput,
	decide,
	openSession,
	prepareMigration,
	previewProject,
	reopenSource,
	sessionSummaries,
	writeProject,
	type DiskPort,
	type OpenedSource,
	type Preview,
	type SessionRepository,
	type SourcePort,
} from './migration/index.js';
import {DoneScreen} from './screens/done.js';
import {ConnectorFacts, KeyFacts, NetworkFacts, SkuFacts} from './screens/facts.js';
import {GenerateScreen, type GeneratePreview} from './screens/generate.js';
import {IseScreen} from './screens/ise.js';
import {ReviewScreen, type QuickKey} from './screens/review.js';
import {StartScreen} from './screens/start.js';
import {KeyRouter, useKeyHandler} from './ui/keys.js';
import type {AzureTarget} from './wizard/azure-flow.js';
import {findingsForStep, stepTitle} from './wizard/steps.js';
import {connectorRows, connectorsInUse} from './wizard/selectors.js';
import {summarize} from './analysis/index.js';
import {initialState, progress, reducer, type WizardState} from './wizard/state.js';

export type {OpenedSource} from './migration/index.js';
export type {AzureService} from './azure-source.js';

export interface AppServices {
	store: SessionRepository;
	sources: SourcePort;
	disk: DiskPort;
	/** Tab completion for typed paths (folders and .json files), relative to cwd. */
	suggestPaths?: (partial: string) => Promise<{completion: string; matches: string[]}>;
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
	const [sessions, setSessions] = useState(() => sessionSummaries(services.store.list()));
	const stateRef = useRef<WizardState>(state);
	// What the Generate preview listed is exactly what gets written: generated once, not again on confirm.
	const previewed = useRef<Preview | undefined>(undefined);
	stateRef.current = state;
	const azure = services.azure;
	const [startMode, setStartMode] = useState<'menu' | 'path'>('menu');

	const azureSource = useAzureSource(azure, {
		onOpened: (opened, resume) => open(opened, resume),
		onNoIse: (choice) => (choice === 'path' ? setStartMode('path') : startDemo()),
		onQuit: () => quit(),
	});

	const quit = () => {
		const s = stateRef.current;
		// A pending device-code poll or ARM read would keep the process alive after the UI is gone.
		azureSource.abort();
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
		const migration = prepareMigration(raw);
		const {session, existed, changed, notes} = openSession(services.store, migration, {resume});
		setLoading(undefined);
		dispatch({
			type: 'loaded',
			loaded: {...migration, sessionId: session.id, resumed: resume && existed, changedSinceSaved: changed, outDir: session.outDir},
			decisions: session.decisions,
			step: resume && existed ? session.step : 'ise',
			cursor: resume && existed ? session.cursor : undefined,
		});
		if (notes.length > 0) dispatch({type: 'message', message: {kind: 'info', text: notes.join(' ')}});
	};

	const startDemo = () => {
		try {
			open(services.sources.demo(), Boolean(initial?.kind === 'demo'));
		} catch (error) {
			fail(error);
		}
	};
	const startPath = (p: string, resume = false) => {
		setLoading({text: `Reading ${p}…`});
		services.sources.path(p, (text) => setLoading({text})).then((o) => open(o, resume), fail);
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
		reopenSource(services.sources, session.source, (text) => setLoading({text})).then((o) => open(o, true), fail);
	};

	// ─── Live Azure: the sub-flow lives in azure-source.tsx; here only when it starts ─────────────

	function startAzure(target?: AzureTarget) {
		if (!azure) return;
		setStartMode('menu');
		dispatch({type: 'message', message: undefined});
		azureSource.start(target);
	}

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
		() => (loaded ? makePlan(loaded.inventory, loaded.findings, state.decisions, loaded.operations) : undefined),
		[loaded, state.decisions],
	);

	if (azureSource.active) return azureSource.view();

	if (!loaded || !thePlan || state.step === 'start') {
		const live = azureSource.signedIn;
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
		if (stateRef.current.history.at(-1) === 'start') setSessions(sessionSummaries(services.store.list()));
	};
	const decideOption = (finding: Finding, option: {id: string; label: string}, value?: string) => {
		try {
			const decisions = decide(services.store, loaded.sessionId, finding, option.id, services.now(), value === undefined ? {} : {value});
			dispatch({type: 'decisions', decisions});
		} catch (error) {
			return fail(error);
		}
		dispatch({type: 'message', message: {kind: 'info', text: `Saved: ${finding.title} → ${option.label}${value ? ` (${value})` : ''}`}});
	};

	switch (state.step) {
		case 'ise': {
			const counts = summarize(loaded.findings).bySeverity;
			return (
				<IseScreen
					inventory={loaded.inventory}
					progress={prog}
					findingCounts={counts}
					connectors={connectorsInUse(loaded.inventory, thePlan.operations)}
					message={state.message}
					onNext={() => dispatch({type: 'next'})}
					onBack={back}
					onQuit={quit}
				/>
			);
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
					<ConnectorFacts rows={connectorRows(thePlan)} />
				) : undefined;
			const heading = {
				sku: 'Hosting: a Workflow Standard plan or an App Service Environment v3, sized from the ISE',
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
					showArea={state.step === 'resolve'}
					listLimit={state.step === 'resolve' ? 10 : 6}
					emptyText={state.step === 'key' ? 'Nothing to decide: continue with n.' : undefined}
					onCursor={(index) => dispatch({type: 'cursor', index})}
					onDecide={decideOption}
					onNext={() => dispatch({type: 'next'})}
					onBack={back}
					onQuit={quit}
				/>
			);
		}
		case 'generate': {
			const makePreview = () => previewProject(loaded, state.decisions, {generatedAt: services.now(), toolVersion: services.toolVersion});
			const preview = async (dir: string): Promise<GeneratePreview> => {
				const abs = path.resolve(services.cwd, dir);
				const p = makePreview();
				previewed.current = p;
				return {
					dir: abs,
					files: p.paths,
					workflows: p.workflows,
					unresolved: p.unresolved.map((f) => ({id: f.id, title: f.title})),
					problem: await checkOutput(services.disk, abs),
				};
			};
			const onWrite = async (dir: string) => {
				const p = previewed.current ?? makePreview();
				const result = await writeProject({disk: services.disk, store: services.store, now: services.now}, p, dir, loaded.sessionId);
				dispatch({
					type: 'written',
					written: {dir: result.dir, written: result.written.length, unchanged: result.unchanged.length, kept: result.kept, merged: result.merged, files: p.paths},
				});
			};
			const saved = state.outDir ?? loaded.outDir;
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
