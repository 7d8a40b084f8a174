// The whole wizard as one state machine: events in, state out, no Ink and no disk. The start screen, the live-Azure
// sub-flow, the review steps, the pending saves and the generate step all live here; the runner (runner.ts) does
// the work that worksOf(state) names and reports back with events.
import type {AuthChoice} from '../azure/credentials.js';
import type {ConnectorTarget, Decisions, ReviewArea, ReviewPosition, SourceRef, StepId} from '../model/index.js';
import {checkOptionValue, nextStep, REVIEW_AREAS, sameDecisions, stepsBefore} from '../model/index.js';
import {applyChange, type Change, type Migration, type Preview, type SessionSummary} from '../migration/index.js';
export type {Change} from '../migration/index.js';
import type {WriteResult} from '../generate/write.js';
import {azureIdle, azureReducer, type AzureFlowEvent, type AzureFlowState, type AzureTarget, type SignedIn} from './azure-flow.js';
import {
	decisionIdOf,
	emptyView,
	FILTERS,
	focusIndex,
	isOpenMark,
	isReviewStep,
	openBlockerCount,
	openBlockerItems,
	optionForTarget,
	reviewOf,
	rowOptions,
	rowsOf,
	type ReviewFilter,
	type ReviewRow,
	type ReviewStep,
	type ReviewView,
} from './review.js';
import {defaultOutputFolder} from '../generate/names.js';
import {editText, textOf, type TextEdit, type TextValue} from './text.js';

/** The open migration and its session. */
export interface Loaded extends Migration {
	sessionId: string;
	/** The output folder of the last write, offered again. */
	outDir?: string;
}

/** What to open: the sample, a path, a saved session, or an inventory the Azure flow has read. */
export type OpenRequest =
	| {kind: 'demo'; resume: boolean}
	| {kind: 'path'; path: string; resume: boolean}
	| {kind: 'session'; id: string}
	| {kind: 'inventory'; opened: import('../migration/index.js').OpenedSource; resume: boolean};

export interface Pending {
	seq: number;
	change: Change;
	/** The undo entry this change pushed: a failed save takes exactly that one back. */
	inverse?: Change;
	/** The undo entry this change consumed (it is an undo): a failed save puts it back. */
	undid?: Change;
}

export type Confirm =
	| {kind: 'accept'; step: ReviewStep; entries: {id: string; optionId: string}[]; what: string}
	| {kind: 'leave'; to: StepId; blockers: number};

export interface Written {
	dir: string;
	written: number;
	unchanged: number;
	kept: string[];
	merged: WriteResult['merged'];
	/** Files an earlier run wrote that this one no longer generates: removed, or kept because the admin edited them. */
	removed?: string[];
	keptStale?: string[];
	files: string[];
}

export interface GenerateState {
	dir: TextValue;
	phase: 'input' | 'previewing' | 'confirm' | 'writing';
	preview?: Preview & {dir: string; problem?: string};
	error?: string;
}

export interface Message {
	kind: 'error' | 'info';
	text: string;
}

export interface WizardState {
	step: StepId;
	/** Steps visited, for Esc. */
	history: StepId[];
	start: {
		mode: 'menu' | 'path';
		/** Saved sessions; undefined until the runner has listed them. */
		sessions?: SessionSummary[];
		path: TextValue;
		/** Tab asked for completions of the path. */
		completing?: boolean;
		matches: string[];
	};
	azure: AzureFlowState;
	/** The identity of the last sign-in, kept while the app runs (its credentials stay in the runner). */
	azureIdentity?: SignedIn;
	/** What is being opened, with its progress text. */
	opening?: OpenRequest & {progress?: string};
	loaded?: Loaded;
	/** Decisions as the store saved them. */
	saved: Decisions;
	/** Changes not yet saved, in order. */
	pending: Pending[];
	seq: number;
	/** What the admin sees: the saved decisions with the pending changes applied. */
	decisions: Decisions;
	/** Changes that undo earlier ones, newest last. */
	undo: Change[];
	review: Partial<Record<ReviewStep, ReviewView>>;
	/** The position the store holds, so the runner saves only when it moved. */
	savedPosition?: string;
	/** The step the store holds: a new step is saved at once, a moved highlight after a pause. */
	savedStep?: StepId;
	generate: GenerateState;
	written?: Written;
	message?: Message;
	help: boolean;
	confirm?: Confirm;
	quit: boolean;
}

export type ReviewEvent =
	| {type: 'move'; delta: number}
	| {type: 'edge'; where: 'first' | 'last'}
	| {type: 'next-open'}
	| {type: 'menu-open'}
	| {type: 'menu-move'; delta: number}
	| {type: 'menu-choose'; index?: number}
	| {type: 'menu-close'}
	| {type: 'expand'}
	| {type: 'collapse'}
	| {type: 'filter'; filter?: ReviewFilter}
	| {type: 'area'}
	| {type: 'search-start'}
	| {type: 'search-edit'; edit: TextEdit}
	| {type: 'search-done'}
	| {type: 'search-clear'}
	| {type: 'scroll'; delta: number}
	| {type: 'quick'; target: ConnectorTarget}
	| {type: 'accept'; scope: 'row' | 'screen'}
	| {type: 'note-start'}
	| {type: 'note-edit'; edit: TextEdit}
	| {type: 'note-save'}
	| {type: 'note-cancel'}
	| {type: 'value-edit'; edit: TextEdit}
	| {type: 'value-submit'}
	| {type: 'value-cancel'};

export type WizardEvent =
	| {type: 'sessions'; sessions: SessionSummary[]}
	| {type: 'start-mode'; mode: 'menu' | 'path'}
	| {type: 'path-edit'; edit: TextEdit}
	| {type: 'path-complete'}
	| {type: 'path-completed'; completion: string; matches: string[]}
	| {type: 'open'; request: OpenRequest}
	/** Enter on the path prompt: opens what the prompt holds now (the event carries no copy that could be stale). */
	| {type: 'open-typed-path'}
	| {type: 'open-progress'; text: string}
	| {type: 'open-failed'; error: string}
	| {type: 'loaded'; loaded: Loaded; decisions: Decisions; step?: StepId; position?: ReviewPosition; notes?: string[]}
	| {type: 'azure-start'; target?: AzureTarget; preset?: AuthChoice}
	| {type: 'azure'; event: AzureFlowEvent}
	| {type: 'azure-continue'}
	| {type: 'azure-no-ise'; choice: 'path' | 'demo'}
	| {type: 'go'; step: StepId}
	| {type: 'next'}
	| {type: 'back'}
	| {type: 'review'; step: ReviewStep; event: ReviewEvent}
	| {type: 'change'; change: Change}
	| {type: 'saved'; seq: number; decisions: Decisions}
	| {type: 'save-failed'; seq: number; error: string}
	| {type: 'position-saved'; position: string; step: StepId}
	| {type: 'undo'}
	| {type: 'dir-edit'; edit: TextEdit}
	| {type: 'preview'}
	| {type: 'previewed'; preview: GenerateState['preview'] & {}}
	| {type: 'preview-failed'; error: string}
	| {type: 'write'}
	| {type: 'written'; written: Written}
	| {type: 'write-failed'; error: string}
	| {type: 'generate-edit'}
	| {type: 'help'; show: boolean}
	| {type: 'confirm'; answer: boolean}
	| {type: 'message'; message?: Message}
	| {type: 'quit'};

export const initialState: WizardState = {
	step: 'start',
	history: [],
	start: {mode: 'menu', path: textOf(''), matches: []},
	azure: azureIdle,
	saved: {},
	pending: [],
	seq: 0,
	decisions: {},
	undo: [],
	review: {},
	generate: {dir: textOf(''), phase: 'input'},
	help: false,
	quit: false,
};

// ─── Decisions: what the admin sees is what is saved plus what is being saved ──────────────────────────────

function withPending(saved: Decisions, pending: readonly Pending[]): Decisions {
	return pending.reduce((d, p) => applyChange(d, p.change), saved);
}

/** The change that takes `change` back, from the decisions it is applied to. */
function inverseOf(decisions: Decisions, change: Change): Change {
	const ids = change.type === 'batch' || change.type === 'restore' ? change.entries.map((e) => e.id) : [change.id];
	return {type: 'restore', entries: ids.map((id) => ({id, ...(decisions[id] ? {decision: decisions[id]} : {})})), label: `Undone: ${change.label}`};
}

function enqueue(state: WizardState, change: Change, undid?: Change): WizardState {
	const inverse = undid ? undefined : inverseOf(state.decisions, change);
	const undo = inverse ? [...state.undo, inverse].slice(-50) : state.undo;
	const pending: Pending = {seq: state.seq + 1, change, ...(inverse ? {inverse} : {}), ...(undid ? {undid} : {})};
	return {...state, pending: [...state.pending, pending], seq: state.seq + 1, undo, decisions: applyChange(state.decisions, change)};
}

// ─── Review steps ───────────────────────────────────────────────────────────────────────────────────────────

export function viewOf(state: WizardState, step: ReviewStep): ReviewView {
	return state.review[step] ?? EMPTY_VIEW;
}
const EMPTY_VIEW = emptyView();

/** The rows of a review step as the screen shows them, and the highlighted one. */
export function reviewScreen(state: WizardState, step: ReviewStep) {
	const findings = state.loaded?.findings ?? [];
	const review = reviewOf(findings, state.decisions);
	const view = viewOf(state, step);
	const {rows, order} = rowsOf(review, step, view);
	const index = focusIndex(rows, view.focus, order);
	return {review, view, rows, index, row: index >= 0 ? rows[index] : undefined};
}

function setView(state: WizardState, step: ReviewStep, view: ReviewView): WizardState {
	return {...state, review: {...state.review, [step]: view}};
}

function focusOn(view: ReviewView, row: ReviewRow | undefined): ReviewView {
	return row && row.id !== view.focus ? {...view, focus: row.id, scroll: 0, menu: undefined} : view;
}

/**
 * The admin picks an option (from the menu, a quick key or "accept"): an option that takes a value (an existing ASE's
 * resource id) asks for it before anything is saved, whichever way it was picked; any other is saved at once.
 */
function choose(state: WizardState, step: ReviewStep, row: ReviewRow, optionId: string): WizardState {
	const options = rowOptions(row);
	const index = options.findIndex((o) => o.id === optionId && !o.followGroup);
	const option = options[index];
	if (!option) return state;
	const view = viewOf(state, step);
	if (option.input) {
		// The prompt shows under the options, with the picked one highlighted (Esc goes back to them).
		const saved = state.decisions[decisionIdOf(row)];
		return setView(state, step, {...view, menu: {row: row.id, index}, value: {row: row.id, optionId: option.id, text: textOf(saved?.optionId === option.id ? (saved.value ?? '') : '')}});
	}
	return decideRow(view.menu ? setView(state, step, {...view, menu: undefined, scroll: 0}) : state, row, option.id);
}

function decideRow(state: WizardState, row: ReviewRow, optionId: string, value?: string): WizardState {
	const options = rowOptions(row);
	const option = options.find((o) => o.id === optionId && !o.followGroup);
	if (!option) return state;
	const what = row.kind === 'group' ? row.title.replace(/ · \d+$/, '') : row.title;
	return enqueue(state, {type: 'decide', id: decisionIdOf(row), optionId, label: `${what} → ${option.label}${value ? ` (${value})` : ''}`, ...(value ? {value} : {})});
}

/** Every item of the step still open, with its recommended option (what "accept" would save). */
function openEntries(rows: readonly ReviewRow[]): {id: string; optionId: string}[] {
	const entries: {id: string; optionId: string}[] = [];
	for (const r of rows) {
		if (r.kind === 'member' || r.mark === 'closed' || r.mark === 'decided') continue;
		if (r.kind === 'group' && r.item.type === 'group') entries.push({id: r.id, optionId: r.item.group.spec.recommended});
		else if (r.view && r.view.state.status !== 'decided') {
			// An option that needs a typed value cannot be accepted blindly.
			if (r.view.finding.options.find((o) => o.id === r.view!.finding.recommended)?.input) continue;
			entries.push({id: r.view.finding.id, optionId: r.view.finding.recommended});
		}
	}
	return entries;
}

function reduceReview(state: WizardState, step: ReviewStep, event: ReviewEvent): WizardState {
	const screen = reviewScreen(state, step);
	const {view, rows, index, row} = screen;
	const set = (v: ReviewView) => setView(state, step, v);
	switch (event.type) {
		case 'move':
			return set(focusOn(view, rows[Math.max(0, Math.min(rows.length - 1, index + event.delta))]));
		case 'edge':
			return set(focusOn(view, event.where === 'first' ? rows[0] : rows.at(-1)));
		case 'next-open': {
			const open = (r: ReviewRow) => isOpenMark(r.mark);
			const after = rows.slice(index + 1).find(open) ?? rows.slice(0, Math.max(0, index)).find(open);
			if (after) return set(focusOn(view, after));
			// Nothing left to decide here: n moves on, as it always has.
			return reducer(state, {type: 'next'});
		}
		case 'menu-open': {
			if (!row) return state;
			if (row.mark === 'closed') return {...state, message: {kind: 'info', text: row.view?.closed ?? 'Everything in this group is closed: nothing to decide.'}};
			const options = rowOptions(row);
			const inForce = Math.max(0, options.findIndex((o) => o.inForce));
			return set({...view, menu: {row: row.id, index: inForce}, scroll: 0});
		}
		case 'menu-move': {
			if (!view.menu || !row) return state;
			const n = rowOptions(row).length;
			return set({...view, menu: {...view.menu, index: Math.max(0, Math.min(n - 1, view.menu.index + event.delta))}});
		}
		case 'menu-choose': {
			if (!view.menu || !row) return state;
			const options = rowOptions(row);
			const option = options[event.index ?? view.menu.index];
			if (!option) return state;
			if (option.followGroup) return enqueue(set({...view, menu: undefined, scroll: 0}), {type: 'clear', id: decisionIdOf(row), label: `${row.title} → follows its group again`});
			return choose(state, step, row, option.id);
		}
		case 'menu-close':
			return set({...view, menu: undefined, scroll: 0});
		case 'expand':
			if (!row || row.kind !== 'group' || view.expanded.includes(row.id)) return state;
			return set({...view, expanded: [...view.expanded, row.id]});
		case 'collapse': {
			if (!row) return state;
			const groupId = row.kind === 'member' ? row.item.id : row.kind === 'group' ? row.id : undefined;
			if (!groupId || !view.expanded.includes(groupId)) return state;
			return set({...view, expanded: view.expanded.filter((g) => g !== groupId), focus: groupId});
		}
		case 'filter': {
			const filter = event.filter ?? FILTERS[(FILTERS.indexOf(view.filter) + 1) % FILTERS.length]!;
			// The highlighted finding stays highlighted when the new filter still shows it.
			return set({...view, filter: view.filter === filter && event.filter ? 'all' : filter, focus: row?.id ?? view.focus});
		}
		case 'area': {
			if (step !== 'resolve') return state;
			const i = view.area ? REVIEW_AREAS.indexOf(view.area) + 1 : 0;
			const area: ReviewArea | undefined = REVIEW_AREAS[i];
			return set({...view, area, focus: row?.id ?? view.focus});
		}
		case 'search-start':
			return set({...view, searching: true, focus: row?.id ?? view.focus});
		case 'search-edit':
			return set({...view, query: editText(view.query, event.edit)});
		case 'search-done':
			return set({...view, searching: false});
		case 'search-clear':
			return set({...view, searching: false, query: textOf(''), focus: row?.id ?? view.focus});
		case 'scroll':
			return set({...view, scroll: Math.max(0, view.scroll + event.delta)});
		case 'quick': {
			if (!row) return state;
			const optionId = optionForTarget(row, event.target);
			if (!optionId) return {...state, message: {kind: 'info', text: `'${row.title}' has no ${event.target === 'builtin' ? 'built-in' : event.target} option.`}};
			return choose(state, step, row, optionId);
		}
		case 'accept': {
			if (event.scope === 'row') {
				if (!row || row.mark === 'closed') return state;
				const item = row.item;
				if (row.kind === 'group' && item.type === 'group') {
					const {spec} = item.group;
					const entries = [{id: row.id, optionId: spec.recommended}];
					const label = spec.options.find((o) => o.id === spec.recommended)?.label ?? '';
					return {...state, confirm: {kind: 'accept', step, entries, what: `'${label}' for all ${item.members.length} in '${spec.title}'`}};
				}
				return choose(state, step, row, row.view!.finding.recommended);
			}
			const entries = openEntries(rows);
			if (entries.length === 0) return {...state, message: {kind: 'info', text: 'Nothing open on this screen.'}};
			return {...state, confirm: {kind: 'accept', step, entries, what: `the recommended option for the ${entries.length} open item${entries.length === 1 ? '' : 's'} shown here`}};
		}
		case 'note-start': {
			if (!row || row.mark === 'closed') return state;
			// A note belongs to a decision: on a blocker nothing is in force until the admin picks an option.
			if (!rowOptions(row).some((o) => o.inForce)) return {...state, message: {kind: 'info', text: `Choose an option for '${row.title}' first (Enter), then add a note.`}};
			const existing = state.decisions[decisionIdOf(row)]?.note ?? '';
			return set({...view, note: {row: row.id, text: textOf(existing)}});
		}
		case 'note-edit':
			return view.note ? set({...view, note: {...view.note, text: editText(view.note.text, event.edit)}}) : state;
		case 'note-cancel':
			return set({...view, note: undefined});
		case 'value-edit':
			return view.value ? set({...view, value: {...view.value, text: editText(view.value.text, event.edit), error: undefined}}) : state;
		case 'value-cancel':
			return set({...view, value: undefined});
		case 'value-submit': {
			const entering = view.value;
			if (!entering || !row) return set({...view, value: undefined});
			const option = rowOptions(row).find((o) => o.id === entering.optionId);
			if (!option?.input) return set({...view, value: undefined});
			// The same validator the decisions file and plan() use: what the wizard accepts, the rest accepts too.
			const checked = checkOptionValue(option.input, entering.text.value);
			if (!checked.ok) return set({...view, value: {...entering, error: checked.message}});
			return decideRow(set({...view, value: undefined, menu: undefined, scroll: 0}), row, option.id, checked.value);
		}
		case 'note-save': {
			if (!view.note || !row) return set({...view, note: undefined});
			const optionId = rowOptions(row).find((o) => o.inForce)?.id;
			const closed = set({...view, note: undefined});
			if (!optionId) return closed;
			const text = view.note.text.value.trim();
			return enqueue(closed, {type: 'note', id: decisionIdOf(row), optionId, note: text, label: text ? `Note on ${row.title}` : `Note removed from ${row.title}`});
		}
	}
}

/** Open blockers among a review step's items. */
export function openBlockers(state: WizardState, step: ReviewStep): number {
	return openBlockerCount(reviewOf(state.loaded?.findings ?? [], state.decisions), step);
}

/** Every blocker still open, a group as one line (what Generate lists before writing, counted as the header counts). */
export function openBlockerList(state: WizardState): {id: string; title: string}[] {
	return openBlockerItems(reviewOf(state.loaded?.findings ?? [], state.decisions), 'resolve');
}

// ─── Position: what resume restores ─────────────────────────────────────────────────────────────────────────

export function positionOf(state: WizardState): {step: StepId; position?: ReviewPosition} {
	if (!isReviewStep(state.step)) return {step: state.step};
	const {view, row} = reviewScreen(state, state.step);
	const q = view.query.value;
	return {
		step: state.step,
		position: {
			...(row ? {focus: row.id} : {}),
			...(view.filter !== 'all' ? {filter: view.filter} : {}),
			...(q ? {query: q} : {}),
			...(view.area ? {area: view.area} : {}),
			...(view.expanded.length > 0 ? {expanded: view.expanded} : {}),
		},
	};
}

export const positionKey = (p: ReturnType<typeof positionOf>) => JSON.stringify(p);

function restoreView(position: ReviewPosition | undefined): ReviewView | undefined {
	if (!position) return undefined;
	const area = REVIEW_AREAS.find((a) => a === position.area);
	return {
		...emptyView(),
		...(position.focus ? {focus: position.focus} : {}),
		filter: FILTERS.includes(position.filter as ReviewFilter) ? (position.filter as ReviewFilter) : 'all',
		query: textOf(position.query ?? ''),
		...(area ? {area} : {}),
		expanded: position.expanded ?? [],
	};
}

// ─── The reducer ────────────────────────────────────────────────────────────────────────────────────────────

function finishAzure(state: WizardState): WizardState {
	const f = state.azure;
	const ise = f.ise;
	const load = f.load;
	if (!ise || !load) return state;
	const subscriptionName = ise.subscriptionName && ise.subscriptionName !== ise.subscriptionId ? ise.subscriptionName : f.target?.subscriptionName;
	const source: SourceRef = {
		kind: 'azure',
		subscriptionId: ise.subscriptionId,
		...(subscriptionName ? {subscriptionName} : {}),
		...(ise.tenantId ? {tenantId: ise.tenantId} : {}),
		...(f.signedIn?.cloud ? {cloud: f.signedIn.cloud} : {}),
		iseId: ise.id,
	};
	const missing = load.failures.length;
	const notice = missing > 0 ? `${missing} item${missing === 1 ? ' was' : 's were'} not read and ${missing === 1 ? 'is' : 'are'} left out: each is a finding to acknowledge.` : undefined;
	return {
		...state,
		azure: azureIdle,
		opening: {kind: 'inventory', opened: {inventory: load.inventory, source, ...(notice ? {notice} : {})}, resume: Boolean(f.target)},
	};
}

function goTo(state: WizardState, step: StepId): WizardState {
	if (step === state.step) return state;
	const generate = step === 'generate' ? {...state.generate, phase: 'input' as const, error: undefined, preview: undefined} : state.generate;
	return {...state, step, history: [...state.history, state.step], message: undefined, confirm: undefined, generate};
}

function defaultDir(loaded: Loaded, cwdRelative?: string): TextValue {
	// Built through the one path sanitiser: an ISE named `../../x` must not point the folder outside.
	return textOf(cwdRelative ?? defaultOutputFolder(loaded.inventory.ise.name));
}

export function reducer(state: WizardState, event: WizardEvent): WizardState {
	switch (event.type) {
		case 'sessions':
			return {...state, start: {...state.start, sessions: event.sessions}};
		case 'start-mode':
			return {...state, start: {...state.start, mode: event.mode, matches: []}, message: undefined};
		case 'path-edit':
			return {...state, start: {...state.start, path: editText(state.start.path, event.edit), matches: []}};
		case 'path-complete':
			return {...state, start: {...state.start, completing: true}};
		case 'path-completed':
			return {...state, start: {...state.start, completing: false, path: textOf(event.completion), matches: event.matches}};
		case 'open':
			return {...state, opening: event.request, message: undefined, start: {...state.start, mode: 'menu'}};
		case 'open-typed-path': {
			const typed = state.start.path.value.trim();
			return typed ? reducer(state, {type: 'open', request: {kind: 'path', path: typed, resume: false}}) : state;
		}
		case 'open-progress':
			return state.opening ? {...state, opening: {...state.opening, progress: event.text}} : state;
		case 'open-failed':
			return {...state, opening: undefined, message: {kind: 'error', text: event.error}};
		case 'loaded': {
			const wanted = event.step && event.step !== 'start' && event.step !== 'done' ? event.step : 'ise';
			const loaded = event.loaded;
			const review: WizardState['review'] = {};
			const restored = isReviewStep(wanted) ? restoreView(event.position) : undefined;
			if (restored && isReviewStep(wanted)) review[wanted] = restored;
			const notes = event.notes ?? [];
			return {
				...state,
				opening: undefined,
				loaded,
				saved: event.decisions,
				decisions: event.decisions,
				pending: [],
				undo: [],
				review,
				step: wanted,
				// Back from where a session resumes goes through the steps before it, as if walked there.
				history: stepsBefore(wanted),
				generate: {dir: defaultDir(loaded, loaded.outDir), phase: 'input'},
				written: undefined,
				message: notes.length > 0 ? {kind: 'info', text: notes.join(' ')} : undefined,
				savedPosition: undefined,
				savedStep: undefined,
			};
		}
		case 'azure-start': {
			const live = state.azureIdentity;
			// Still signed in (back from a loaded ISE): go on with that identity, unless the ISE lives in another cloud.
			const azure =
				live && (!event.target?.cloud || event.target.cloud === live.cloud)
					? azureReducer(azureIdle, {type: 'start', target: event.target, signedIn: live})
					: azureReducer(azureIdle, {type: 'start', target: event.target, choice: event.preset});
			return {...state, azure, opening: undefined, message: undefined, start: {...state.start, mode: 'menu'}};
		}
		case 'azure': {
			const azure = azureReducer(state.azure, event.event);
			let next: WizardState = {...state, azure};
			if (event.event.type === 'signed-in') next = {...next, azureIdentity: azure.signedIn};
			// Back to the method screen is a sign-out: the next sign-in starts from scratch.
			if (azure.phase === 'method' && state.azure.phase !== 'method') next = {...next, azureIdentity: undefined};
			// A complete read opens at once; one with failures waits for retry or continue.
			if (event.event.type === 'loaded' && event.event.load.failures.length === 0) return finishAzure({...next, azure: {...azure, load: event.event.load}});
			return next;
		}
		case 'azure-continue':
			return finishAzure(state);
		case 'azure-no-ise':
			return event.choice === 'path'
				? {...state, azure: azureIdle, start: {...state.start, mode: 'path'}}
				: {...state, azure: azureIdle, opening: {kind: 'demo', resume: false}};
		case 'go':
			return goTo(state, event.step);
		case 'next': {
			const to = nextStep(state.step);
			if (isReviewStep(state.step) && !state.confirm) {
				const blockers = openBlockers(state, state.step);
				if (blockers > 0) return {...state, confirm: {kind: 'leave', to, blockers}};
			}
			return goTo(state, to);
		}
		case 'back': {
			const previous = state.history.at(-1);
			if (!previous) return state;
			// Going back to the source screen drops the loaded ISE; its session stays saved on disk.
			if (previous === 'start') return {...initialState, azureIdentity: state.azureIdentity, start: {...initialState.start}};
			return {...state, step: previous, history: state.history.slice(0, -1), message: undefined, confirm: undefined};
		}
		case 'review':
			return reduceReview(state, event.step, event.event);
		case 'change':
			return enqueue(state, event.change);
		case 'saved': {
			const done = state.pending.find((p) => p.seq === event.seq);
			const pending = state.pending.filter((p) => p.seq !== event.seq);
			const decisions = withPending(event.decisions, pending);
			return {
				...state,
				saved: event.decisions,
				pending,
				// What is shown stays the same object when the store agrees, so nothing is derived again.
				decisions: sameDecisions(decisions, state.decisions) ? state.decisions : decisions,
				message: done ? {kind: 'info', text: `Saved: ${done.change.label}`} : state.message,
			};
		}
		case 'save-failed': {
			const failed = state.pending.find((p) => p.seq === event.seq);
			if (!failed) return state;
			// What could not be saved is taken back on screen, and the undo history is made true again: the failed
			// change's own entry goes; a failed undo's entry goes back where it was; and the entries of changes queued
			// after it are computed again from what was saved (they were computed from a screen that held it).
			let base = withPending(state.saved, state.pending.filter((p) => p.seq < failed.seq));
			// Entries a later undo already took stay taken: only those still on the stack are replaced.
			const onStack = new Set(state.undo);
			const stale = new Set<Change | undefined>([failed.inverse]);
			const later: Change[] = [];
			const pending = state.pending
				.filter((p) => p !== failed)
				.map((p) => {
					if (p.seq < failed.seq) return p;
					const before = base;
					base = applyChange(base, p.change);
					if (!p.inverse) return p;
					const inverse = inverseOf(before, p.change);
					stale.add(p.inverse);
					if (onStack.has(p.inverse)) later.push(inverse);
					return {...p, inverse};
				});
			const undo = [...state.undo.filter((u) => !stale.has(u)), ...(failed.undid ? [failed.undid] : []), ...later];
			return {...state, pending, decisions: withPending(state.saved, pending), undo, message: {kind: 'error', text: event.error}};
		}
		case 'position-saved':
			return {...state, savedPosition: event.position, savedStep: event.step};
		case 'undo': {
			const last = state.undo.at(-1);
			if (!last) return {...state, message: {kind: 'info', text: 'Nothing to undo.'}};
			return enqueue({...state, undo: state.undo.slice(0, -1)}, last, last);
		}
		case 'dir-edit':
			return {...state, generate: {...state.generate, dir: editText(state.generate.dir, event.edit), error: undefined}};
		case 'preview':
			return state.generate.phase === 'input' ? {...state, generate: {...state.generate, phase: 'previewing', error: undefined}} : state;
		case 'previewed':
			return {...state, generate: {...state.generate, phase: 'confirm', preview: event.preview}};
		case 'preview-failed':
			return {...state, generate: {...state.generate, phase: 'input', error: event.error}};
		case 'write':
			return state.generate.phase === 'confirm' && state.generate.preview && !state.generate.preview.problem
				? {...state, generate: {...state.generate, phase: 'writing'}}
				: state;
		case 'written':
			return {
				...state,
				written: event.written,
				loaded: state.loaded ? {...state.loaded, outDir: event.written.dir} : state.loaded,
				generate: {...state.generate, phase: 'input'},
				step: 'done',
				history: [...state.history, state.step],
			};
		case 'write-failed':
			return {...state, generate: {...state.generate, phase: 'confirm', error: event.error}};
		case 'generate-edit':
			return {...state, generate: {...state.generate, phase: 'input', preview: undefined, error: undefined}};
		case 'help':
			return {...state, help: event.show};
		case 'confirm': {
			const c = state.confirm;
			if (!c) return state;
			const cleared = {...state, confirm: undefined};
			if (!event.answer) return cleared;
			if (c.kind === 'leave') return goTo(cleared, c.to);
			return enqueue(cleared, {type: 'batch', entries: c.entries, by: 'accepted', label: `accepted ${c.what}`});
		}
		case 'message':
			return {...state, message: event.message};
		case 'quit':
			return {...state, quit: true};
	}
}

/** The header's progress: the decisions the admin has to make, and how many are made. */
export function progress(state: WizardState) {
	return reviewOf(state.loaded?.findings ?? [], state.decisions).progress;
}

export {isReviewStep, type ReviewStep} from './review.js';
