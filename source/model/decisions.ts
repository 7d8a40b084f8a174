// What a decision means, in one place: whether a finding is decided (by itself or through its group), which option
// is in force, whether a saved decision went stale, whether the finding still matters at all, and how far the
// review has come. plan(), the screens, the header, the report and the headless commands all ask here, so they can
// never disagree (before, three copies did on a stale decision).
import type {ConnectorTarget, Decision, Decisions, Finding, FindingGroupSpec, FindingOption, HostingKind, Severity} from './finding.js';
import {groupBy} from './text.js';

/**
 * How a finding stands:
 * - `decided`: the admin (or a decisions file) chose an option that the finding still offers;
 * - `group`: no decision of its own, but its group's decision names one of its options;
 * - `stale`: a decision was saved, but the finding no longer offers that option (the rules changed or the ISE
 *   did): it counts as undecided and the recommendation is in force until the admin decides again;
 * - `open`: nothing decided; the recommendation is in force.
 */
export type DecisionStatus = 'decided' | 'group' | 'stale' | 'open';

export interface FindingState {
	status: DecisionStatus;
	/** The option plan() applies: the decided one, else the group's, else the recommendation (else the first). */
	option: FindingOption | undefined;
	/** The decision in force (its own, or the group's), when there is one; also set when stale. */
	decision?: Decision;
}

/** Where a group's decision is saved. */
export function groupDecisionId(key: string): string {
	return `group:${key}`;
}

export function findingState(finding: Finding, decisions: Decisions): FindingState {
	const own = decisions[finding.id];
	const decided = own ? finding.options.find((o) => o.id === own.optionId) : undefined;
	if (decided) return {status: 'decided', option: decided, decision: own};
	if (finding.group) {
		const byGroup = decisions[groupDecisionId(finding.group.key)];
		const option = byGroup ? finding.options.find((o) => o.id === byGroup.optionId) : undefined;
		if (option) return {status: 'group', option, decision: byGroup};
	}
	const fallback = finding.options.find((o) => o.id === finding.recommended) ?? finding.options[0];
	return own ? {status: 'stale', option: fallback, decision: own} : {status: 'open', option: fallback};
}

/** The option in force for a finding: the admin's decision when it still names an option, else the group's, else the recommendation. */
export function chosenOption(finding: Finding, decisions: Decisions): FindingOption | undefined {
	return findingState(finding, decisions).option;
}

/**
 * The value the option in force takes (FindingOption.input, e.g. an existing ASE's resource id): the admin's
 * decision carries it. A recommendation or a group decision has none, nor does a stale decision.
 */
export function optionValue(finding: Finding, decisions: Decisions): string | undefined {
	const state = findingState(finding, decisions);
	return state.status === 'decided' && state.option?.input ? state.decision?.value : undefined;
}

/** Decided by the admin, for itself or through its group. */
export function isDecided(finding: Finding, decisions: Decisions): boolean {
	return isDecidedState(findingState(finding, decisions));
}

/** The same for a state already worked out: a decision of its own or its group's, not a stale one or none. */
export function isDecidedState(state: FindingState): boolean {
	return state.status === 'decided' || state.status === 'group';
}

/** Who made the choice in force, for the report. */
export function decidedBy(state: FindingState): 'admin' | 'group' | 'accepted' | 'recommended' | 'default' {
	if (state.status === 'open' || state.status === 'stale') return 'default';
	if (state.decision?.by === 'recommended') return 'recommended';
	if (state.decision?.by === 'accepted') return 'accepted';
	return state.status === 'group' ? 'group' : 'admin';
}

// ─── Applying effects: one order for plan() and for judging relevance ────────────────────────────────────────

const APPLY_RANK: Record<Severity, number> = {info: 0, warning: 1, blocker: 2};

/**
 * `derive` memoised on its argument's identity. Findings never change once analysed, so what is derived from them
 * alone is derived once (a review of 5,000 workflows is updated on every decision, and must stay fast).
 */
function derivedOnce<K extends object, V>(derive: (key: K) => V): (key: K) => V {
	const cache = new WeakMap<K, V>();
	return (key) => {
		if (cache.has(key)) return cache.get(key)!;
		const value = derive(key);
		cache.set(key, value);
		return value;
	};
}

/**
 * The order options' effects are applied in: info, then warnings, then blockers (blockers resolve specific
 * conflicts and their options say they override the general choices); within a severity, the findings' order.
 */
export const applicationOrder: (findings: readonly Finding[]) => Finding[] = derivedOnce((findings) =>
	findings
		.map((f, i) => ({f, i}))
		.sort((a, b) => APPLY_RANK[a.f.severity] - APPLY_RANK[b.f.severity] || a.i - b.i)
		.map((x) => x.f),
);

/** Connector targets as the unconditional findings set them: per API, and per workflow where a choice of its own applies. */
export interface ConnectorChoices {
	connectors: Record<string, ConnectorTarget>;
	overrides: Record<string, Record<string, ConnectorTarget>>;
	/** The hosting in force (the hosting finding's choice), when one was made. */
	hosting?: HostingKind;
}

export function targetIn(choices: ConnectorChoices, workflow: string, api: string): ConnectorTarget {
	return choices.overrides[workflow]?.[api] ?? choices.connectors[api] ?? 'managed';
}

/**
 * The connector choices made by findings that always apply (those without `relevantWhen`). Relevance is judged
 * against these, so a conditional finding can never switch itself off (or another conditional one on).
 */
export function baseConnectorChoices(ordered: readonly Finding[], decisions: Decisions): ConnectorChoices {
	const choices: ConnectorChoices = {connectors: {}, overrides: {}};
	for (const f of choosers(ordered)) {
		for (const e of chosenOption(f, decisions)?.effects ?? []) {
			if (e.type === 'hosting') choices.hosting = e.kind;
			if (e.type !== 'connector') continue;
			if (e.workflow) (choices.overrides[e.workflow] ??= {})[e.api] = e.target;
			else choices.connectors[e.api] = e.target;
		}
	}
	return choices;
}

/** The unconditional findings with an option that sets a connector target or the hosting, in order. */
const choosers = derivedOnce((ordered: readonly Finding[]): readonly Finding[] =>
	ordered.filter((f) => !f.relevantWhen && f.options.some((o) => o.effects.some((e) => e.type === 'connector' || e.type === 'hosting'))),
);

/** Why a finding is closed (its question is already answered), or undefined when it still matters. */
export function closedReason(finding: Finding, choices: ConnectorChoices): string | undefined {
	const r = finding.relevantWhen;
	if (!r) return undefined;
	const now = targetIn(choices, r.workflow, r.api);
	if (now === r.target && (!r.hosting || !choices.hosting || choices.hosting === r.hosting)) return undefined;
	if (now === r.target && r.hosting) {
		return `The app is hosted on ${choices.hosting === 'ase' ? 'an App Service Environment v3' : 'a Workflow Standard plan'}, so this question does not arise (change that under Sizing to reopen it).`;
	}
	const where = now === 'exclude' ? 'is left out' : now === 'managed' ? 'stays on the managed connector' : 'moves to built-in';
	return `${r.apiName} ${where} in ${r.workflow}, so this question does not arise (change that under Connectors to reopen it).`;
}

// ─── The review: what the admin actually has to decide ──────────────────────────────────────────────────────

export interface FindingGroup {
	/** `group:<key>`: also where the group's decision is saved. */
	id: string;
	spec: FindingGroupSpec;
	members: Finding[];
	/** The most severe member's. */
	severity: Severity;
}

export interface FindingView {
	finding: Finding;
	state: FindingState;
	/** Set when the finding is closed: why it asks nothing. */
	closed?: string;
}

export type ReviewItem =
	| ({type: 'finding'; id: string} & FindingView)
	| {
			type: 'group';
			id: string;
			group: FindingGroup;
			members: FindingView[];
			/** The group's decision, when it has one that names one of its options. */
			decision?: Decision;
			/** The group option in force: decided, else recommended. */
			option: FindingGroupSpec['options'][number] | undefined;
			/** Members still open (not closed, not decided by themselves or the group). */
			open: number;
			/** Members with a decision of their own that differs from the group's option. */
			overrides: number;
			closed: number;
	  };

export interface ReviewProgress {
	/** Review items decided (a group counts once; closed items are not counted at all). */
	decided: number;
	/** Review items the admin has to decide. */
	total: number;
	blockersOpen: number;
}

export interface Review {
	/** Top-level rows in the findings' order: a group sits where its first member would. */
	items: ReviewItem[];
	progress: ReviewProgress;
	/** Every finding's view, by id. */
	views: ReadonlyMap<string, FindingView>;
	choices: ConnectorChoices;
}

const SEVERITY_ORDER: Record<Severity, number> = {blocker: 0, warning: 1, info: 2};

/** Groups of two or more findings sharing a group key; a lone member is shown as itself. */
export const groupFindings: (findings: readonly Finding[]) => Map<string, FindingGroup> = derivedOnce((findings) => {
	const byKey = groupBy(
		findings.filter((f) => f.group),
		(f) => f.group!.key,
	);
	const groups = new Map<string, FindingGroup>();
	for (const [key, members] of byKey) {
		if (members.length < 2) continue;
		const severity = members.reduce<Severity>((s, m) => (SEVERITY_ORDER[m.severity] < SEVERITY_ORDER[s] ? m.severity : s), 'info');
		groups.set(key, {id: groupDecisionId(key), spec: members[0]!.group!, members, severity});
	}
	return groups;
});

/** A review's groups by their decision id (`group:<key>`). */
const groupsById = derivedOnce((groups: Map<string, FindingGroup>) => new Map([...groups.values()].map((g) => [g.id, g])));

export function itemDecided(item: ReviewItem): boolean {
	if (item.type === 'finding') return isDecidedState(item.state);
	return item.open === 0;
}

export function itemClosed(item: ReviewItem): boolean {
	return item.type === 'finding' ? Boolean(item.closed) : item.closed === item.members.length;
}

export function itemSeverity(item: ReviewItem): Severity {
	return item.type === 'finding' ? item.finding.severity : item.group.severity;
}

function viewOf(f: Finding, decisions: Decisions, choices: ConnectorChoices): FindingView {
	const view: FindingView = {finding: f, state: findingState(f, decisions)};
	if (f.relevantWhen) {
		const closed = closedReason(f, choices);
		if (closed) view.closed = closed;
	}
	return view;
}

function groupItem(group: FindingGroup, views: ReadonlyMap<string, FindingView>, decisions: Decisions): ReviewItem {
	const members = group.members.map((m) => views.get(m.id)!);
	const decision = decisions[group.id];
	const option = group.spec.options.find((o) => o.id === decision?.optionId);
	const inForce = option ?? group.spec.options.find((o) => o.id === group.spec.recommended);
	let open = 0;
	let overrides = 0;
	let closed = 0;
	for (const m of members) {
		if (m.closed) closed++;
		else if (!isDecidedState(m.state)) open++;
		if (m.state.status === 'decided' && m.state.option?.id !== inForce?.id) overrides++;
	}
	return {type: 'group', id: group.id, group, members, ...(option && decision ? {decision} : {}), option: inForce, open, overrides, closed};
}

function findingItem(view: FindingView): ReviewItem {
	return {type: 'finding', id: view.finding.id, finding: view.finding, state: view.state, ...(view.closed ? {closed: view.closed} : {})};
}

/** A review item that still asks for a blocker decision: what the header counts, a group once. */
export function isOpenBlocker(item: ReviewItem): boolean {
	return !itemClosed(item) && !itemDecided(item) && itemSeverity(item) === 'blocker';
}

/** An open blocker as one line: the id to decide it by (a group's `group:` id) and its options. */
export interface OpenBlockerLine {
	id: string;
	title: string;
	options: string[];
	recommended?: string;
}

/** The open blocker items as one line each: a group with how many of its members are open. */
export function openBlockerLines(items: readonly ReviewItem[]): OpenBlockerLine[] {
	return items.filter(isOpenBlocker).map((i) => {
		const {title, options, recommended} = i.type === 'group' ? {...i.group.spec, title: `${i.group.spec.title} (${i.open} undecided)`} : i.finding;
		return {id: i.id, title, options: options.map((o) => o.id), ...(recommended ? {recommended} : {})};
	});
}

function progressOf(items: readonly ReviewItem[]): ReviewProgress {
	let decided = 0;
	let total = 0;
	let blockersOpen = 0;
	for (const item of items) {
		if (itemClosed(item)) continue;
		total++;
		if (itemDecided(item)) decided++;
		else if (isOpenBlocker(item)) blockersOpen++;
	}
	return {decided, total, blockersOpen};
}

/** The whole review for these decisions, computed from scratch (see updateReview for a change). */
export function buildReview(findings: readonly Finding[], decisions: Decisions, groups: Map<string, FindingGroup> = groupFindings(findings)): Review {
	const choices = baseConnectorChoices(applicationOrder(findings), decisions);
	const views = new Map<string, FindingView>();
	for (const f of findings) views.set(f.id, viewOf(f, decisions, choices));
	const items: ReviewItem[] = [];
	const placed = new Set<string>();
	for (const f of findings) {
		const group = f.group ? groups.get(f.group.key) : undefined;
		if (!group) {
			items.push(findingItem(views.get(f.id)!));
			continue;
		}
		if (placed.has(group.id)) continue;
		placed.add(group.id);
		items.push(groupItem(group, views, decisions));
	}
	return {items, progress: progressOf(items), views, choices};
}

/**
 * The review after the decisions changed from `before` to `after`, deriving again only what the changed decisions
 * touch: the same result as buildReview(findings, after), in a few milliseconds instead of tens at 5,000
 * workflows. A change to a connector or hosting choice can open or close findings anywhere: the choices are worked
 * out again, and so is every conditional finding whose connector target (or hosting) they changed.
 */
export function updateReview(previous: Review, findings: readonly Finding[], before: Decisions, after: Decisions): Review {
	const groups = groupFindings(findings);
	const byGroupId = groupsById(groups);
	const index = findingIndex(findings);
	const choosing = chooserIds(findings);
	const touched = new Set<string>();
	for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
		if (before[id] === after[id]) continue;
		const group = byGroupId.get(id);
		if (group) for (const m of group.members) touched.add(m.id);
		else if (index.has(id)) touched.add(id);
	}
	let choices = previous.choices;
	if ([...touched].some((id) => choosing.has(id))) {
		choices = baseConnectorChoices(applicationOrder(findings), after);
		for (const f of conditional(findings)) if (relevanceMoved(f.relevantWhen!, previous.choices, choices)) touched.add(f.id);
	}
	const top = new Map<string, FindingView>();
	for (const id of touched) top.set(id, viewOf(index.get(id)!, after, choices));
	const views = layered(top, previous.views);
	const items = previous.items.map((item) => {
		if (item.type === 'finding') return touched.has(item.id) ? findingItem(views.get(item.id)!) : item;
		// A changed group decision touched all its members, so their group is derived again with them.
		return item.members.some((m) => touched.has(m.finding.id)) ? groupItem(item.group, views, after) : item;
	});
	return {items, progress: progressOf(items), views, choices};
}

/** Whether closedReason could answer differently under `after` than under `before` (it reads nothing else). */
function relevanceMoved(r: NonNullable<Finding['relevantWhen']>, before: ConnectorChoices, after: ConnectorChoices): boolean {
	return targetIn(before, r.workflow, r.api) !== targetIn(after, r.workflow, r.api) || (Boolean(r.hosting) && before.hosting !== after.hosting);
}

/** The findings that ask only under some connector choice. */
const conditional = derivedOnce((findings: readonly Finding[]) => findings.filter((f) => f.relevantWhen));

/**
 * The views of a review after a change: the changed ones over the previous review's, without copying thousands of
 * entries per decision. A stack of layers is flattened every few changes, so a lookup never walks far.
 */
class LayeredViews implements ReadonlyMap<string, FindingView> {
	readonly depth: number;
	constructor(
		private readonly top: ReadonlyMap<string, FindingView>,
		private readonly below: ReadonlyMap<string, FindingView>,
	) {
		this.depth = below instanceof LayeredViews ? below.depth + 1 : 1;
	}
	get(id: string): FindingView | undefined {
		return this.top.get(id) ?? this.below.get(id);
	}
	has(id: string): boolean {
		return this.top.has(id) || this.below.has(id);
	}
	get size(): number {
		return this.below.size;
	}
	*entries(): MapIterator<[string, FindingView]> {
		for (const [id, view] of this.below) yield [id, this.top.get(id) ?? view];
	}
	*keys(): MapIterator<string> {
		yield* this.below.keys();
	}
	*values(): MapIterator<FindingView> {
		for (const [, view] of this.entries()) yield view;
	}
	[Symbol.iterator](): MapIterator<[string, FindingView]> {
		return this.entries();
	}
	forEach(fn: (value: FindingView, key: string, map: ReadonlyMap<string, FindingView>) => void): void {
		for (const [id, view] of this.entries()) fn(view, id, this);
	}
}

function layered(top: Map<string, FindingView>, below: ReadonlyMap<string, FindingView>): ReadonlyMap<string, FindingView> {
	const views = new LayeredViews(top, below);
	return views.depth > 8 ? new Map(views) : views;
}

/** Findings by id, built once per analysis (a save at 5,000 workflows looks one up, it must not index 17,000). */
export const findingIndex: (findings: readonly Finding[]) => ReadonlyMap<string, Finding> = derivedOnce((findings) => new Map(findings.map((f) => [f.id, f])));

const chooserIds = derivedOnce((findings: readonly Finding[]) => new Set(choosers(applicationOrder(findings)).map((f) => f.id)));

/** Blockers the admin has not decided (closed ones ask nothing). */
export function unresolvedBlockers(findings: readonly Finding[], decisions: Decisions): Finding[] {
	const choices = baseConnectorChoices(applicationOrder(findings), decisions);
	return findings.filter((f) => f.severity === 'blocker' && !isDecided(f, decisions) && !closedReason(f, choices));
}

/** The same decisions apart from when they were made: the wizard keeps what it shows when the store agrees. */
export function sameDecisions(a: Decisions, b: Decisions): boolean {
	if (a === b) return true;
	const keys = Object.keys(a);
	if (keys.length !== Object.keys(b).length) return false;
	for (const k of keys) {
		const x = a[k];
		const y = b[k];
		if (!x || !y || x.optionId !== y.optionId || x.note !== y.note || x.value !== y.value || x.by !== y.by) return false;
	}
	return true;
}

/** How many findings of each severity. */
export function summarizeSeverities(findings: readonly Finding[]): Record<Severity, number> {
	const counts: Record<Severity, number> = {blocker: 0, warning: 0, info: 0};
	for (const f of findings) counts[f.severity]++;
	return counts;
}
