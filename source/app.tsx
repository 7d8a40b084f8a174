// <App>: one reducer over the whole wizard (wizard/state.ts), one runner that does the work the state names
// (runner.ts), and the screen for the current step. Screens get props and send events; nothing here reads the
// store or the disk while rendering.
import {Text, useApp} from 'ink';
import {useEffect, useMemo, useReducer} from 'react';
import type {AppServices} from './app-services.js';
import type {AuthMethod} from './azure/credentials.js';
import {plan as makePlan} from './generate/plan.js';
import {summarizeSeverities, type StepId} from './model/index.js';
import {useRunner} from './runner.js';
import {AzureView} from './screens/azure.js';
import {DoneScreen} from './screens/done.js';
import {ConnectorFacts, KeyFacts, NetworkFacts, SkuFacts} from './screens/facts.js';
import {GenerateScreen} from './screens/generate.js';
import {IseScreen} from './screens/ise.js';
import {ReviewScreen} from './screens/review.js';
import {StartScreen} from './screens/start.js';
import {KeyRouter, useKeyHandler} from './ui/keys.js';
import {decisionIdOf} from './wizard/review.js';
import {connectorRows, connectorsInUse} from './wizard/selectors.js';
import {initialState, isReviewStep, openBlockerList, progress, reducer, reviewScreen, type ReviewStep, type WizardState} from './wizard/state.js';

export type {AppServices, AzureService} from './app-services.js';
export type {OpenedSource} from './migration/index.js';

export interface AppProps {
	services: AppServices;
	/** Start-up request from flags: open the sample (--demo) or a path (--from). */
	initial?: {kind: 'demo'} | {kind: 'path'; path: string};
	/** Told how the app ended, so the CLI can print where the session is saved. */
	onExit?: (summary: {sessionId?: string; step: StepId; written?: string}) => void;
}

const HEADINGS: Record<ReviewStep, string> = {
	sku: 'Hosting: a Workflow Standard plan or an App Service Environment v3, sized from the ISE',
	endpoint: 'Network: inbound access, outbound IPs and subnets',
	key: 'Encryption: the customer-managed key',
	connectors: 'Connectors: convert to built-in, keep managed, or exclude',
	resolve: 'Resolve: every finding, blockers first',
};

export function App(props: AppProps) {
	return (
		<KeyRouter>
			<Wizard {...props} />
		</KeyRouter>
	);
}

function start(initial: AppProps['initial']): WizardState {
	if (initial?.kind === 'demo') return {...initialState, opening: {kind: 'demo', resume: true}};
	if (initial?.kind === 'path') return {...initialState, opening: {kind: 'path', path: initial.path, resume: true}};
	return initialState;
}

function Wizard({services, initial, onExit}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(reducer, initial, start);
	const runner = useRunner(state, dispatch, services);
	const azure = services.azure;

	// Quitting saves what is still pending, stops whatever waits on Azure, and ends the app.
	useEffect(() => {
		if (!state.quit) return;
		runner.flush();
		runner.abortAll();
		onExit?.({sessionId: state.loaded?.sessionId, step: state.step, written: state.written?.dir});
		exit();
	}, [state.quit]);

	// Ctrl-C quits from any screen, even while loading; every decision is saved on the way out.
	useKeyHandler((input, key) => {
		if (key.ctrl && input === 'c') dispatch({type: 'quit'});
	});

	const loaded = state.loaded;
	// The facts panels of steps 3–6 show the plan; elsewhere it is not made at all (at 5,000 workflows it costs
	// tens of milliseconds, and Resolve is where most decisions are made).
	const showsPlan = state.step === 'sku' || state.step === 'endpoint' || state.step === 'key' || state.step === 'connectors';
	const thePlan = useMemo(
		() => (loaded && showsPlan ? makePlan(loaded.inventory, loaded.findings, state.decisions, loaded.operations) : undefined),
		[loaded, state.decisions, showsPlan],
	);
	const connectorSummary = useMemo(() => (thePlan && state.step === 'connectors' ? connectorRows(thePlan) : undefined), [thePlan, state.step]);
	// Only Generate lists the open blockers; typing the folder name must not walk every finding per key.
	const openBlockers = useMemo(() => (loaded && state.step === 'generate' ? openBlockerList(state) : []), [loaded, state.decisions, state.step]);
	const quit = () => dispatch({type: 'quit'});
	const help = (show: boolean) => dispatch({type: 'help', show});
	const back = () => dispatch({type: 'back'});
	const next = () => dispatch({type: 'next'});

	if (azure && state.azure.phase !== 'off') {
		return (
			<AzureView
				flow={state.azure}
				azure={azure}
				onFlow={(event) => dispatch({type: 'azure', event})}
				onContinue={() => dispatch({type: 'azure-continue'})}
				onNoIse={(choice) => dispatch({type: 'azure-no-ise', choice})}
				onQuit={quit}
			/>
		);
	}

	if (!loaded || state.step === 'start') {
		const live = state.azureIdentity;
		const azureNote = azure
			? live
				? `signed in${live.account ? ` as ${live.account}` : ''}`
				: azure.preset
					? `with ${azure.labels[azure.preset as AuthMethod] ?? 'the automatic order'}`
					: undefined
			: services.azureNote;
		const opening = state.opening;
		return (
			<StartScreen
				sessions={state.start.sessions ?? (loaded || opening ? [] : undefined)}
				azureNote={azureNote}
				mode={state.start.mode}
				path={state.start.path}
				matches={state.start.matches}
				canComplete={Boolean(services.suggestPaths)}
				loading={opening ? {text: opening.progress ?? (opening.kind === 'path' ? `Reading ${opening.path}…` : 'Opening…')} : undefined}
				message={state.message}
				help={state.help}
				onChoose={(choice) => {
					if (choice.kind === 'resume') dispatch({type: 'open', request: {kind: 'session', id: choice.id}});
					else if (choice.kind === 'demo') dispatch({type: 'open', request: {kind: 'demo', resume: false}});
					else if (choice.kind === 'path') dispatch({type: 'start-mode', mode: 'path'});
					else if (azure) dispatch({type: 'azure-start', ...(azure.preset ? {preset: azure.preset} : {})});
					else dispatch({type: 'message', message: {kind: 'info', text: services.azureNote ?? 'Azure sign-in is not available in this build.'}});
				}}
				onPathEdit={(edit) => dispatch({type: 'path-edit', edit})}
				onOpenPath={() => dispatch({type: 'open-typed-path'})}
				onComplete={() => dispatch({type: 'path-complete'})}
				onMenu={() => dispatch({type: 'start-mode', mode: 'menu'})}
				onQuit={quit}
				onHelp={help}
			/>
		);
	}

	const prog = progress(state);
	const iseName = loaded.inventory.ise.name;
	const step = state.step;

	if (isReviewStep(step)) {
		const screen = reviewScreen(state, step);
		const facts = !thePlan ? undefined : step === 'sku' ? (
				<SkuFacts inventory={loaded.inventory} plan={thePlan} />
			) : step === 'endpoint' ? (
				<NetworkFacts inventory={loaded.inventory} plan={thePlan} />
			) : step === 'key' ? (
				<KeyFacts inventory={loaded.inventory} plan={thePlan} />
			) : step === 'connectors' && connectorSummary ? (
				<ConnectorFacts rows={connectorSummary} />
			) : undefined;
		const factsHeight = step === 'sku' ? 6 : step === 'endpoint' ? 6 : step === 'key' ? 4 : step === 'connectors' ? 3 : 0;
		return (
			<ReviewScreen
				key={step}
				step={step}
				iseName={iseName}
				progress={prog}
				message={state.message}
				heading={HEADINGS[step]}
				facts={facts}
				factsHeight={factsHeight}
				emptyText={step === 'key' ? 'Nothing to decide: continue with Tab.' : undefined}
				rows={screen.rows}
				index={screen.index}
				view={screen.view}
				note={screen.row ? state.decisions[decisionIdOf(screen.row)]?.note : undefined}
				value={screen.row ? state.decisions[decisionIdOf(screen.row)]?.value : undefined}
				quickKeys={step === 'connectors' || step === 'resolve'}
				confirm={state.confirm}
				help={state.help}
				onReview={(event) => dispatch({type: 'review', step, event})}
				onNext={next}
				onBack={back}
				onUndo={() => dispatch({type: 'undo'})}
				onQuit={quit}
				onHelp={help}
				onConfirm={(answer) => dispatch({type: 'confirm', answer})}
			/>
		);
	}

	switch (step) {
		case 'ise':
			return (
				<IseScreen
					inventory={loaded.inventory}
					progress={prog}
					findingCounts={summarizeSeverities(loaded.findings)}
					connectors={connectorsInUse(loaded.inventory, loaded.operations)}
					message={state.message}
					onNext={next}
					onBack={back}
					onQuit={quit}
				/>
			);
		case 'generate':
			return (
				<GenerateScreen
					iseName={iseName}
					progress={prog}
					state={state.generate}
					blockers={openBlockers}
					message={state.message}
					help={state.help}
					onEdit={(edit) => dispatch({type: 'dir-edit', edit})}
					onPreview={() => dispatch({type: 'preview'})}
					onWrite={() => dispatch({type: 'write'})}
					onChangeFolder={() => dispatch({type: 'generate-edit'})}
					onBack={back}
					onQuit={quit}
					onHelp={help}
				/>
			);
		case 'done':
			return state.written ? <DoneScreen iseName={iseName} progress={prog} written={state.written} onBack={back} onQuit={quit} /> : <Text>Nothing was written.</Text>;
		default:
			return null;
	}
}
