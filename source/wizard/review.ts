// The review steps as data: which rows a step shows (groups, their open members, filters, search), where the
// highlight is (by id, so filters and decisions never move it to another finding), and what the card and the
// option menu show. Pure; the Review (decision semantics) comes from model/decisions.ts.
import type {ConnectorTarget, Decisions, Finding, FindingOption, OptionInput, ReviewArea, Severity, StepId} from '../model/index.js';
import {buildReview, isOpenBlocker, itemClosed, itemDecided, itemSeverity, openBlockerLines, REVIEW_AREAS, updateReview, type FindingView, type Review, type ReviewItem} from '../model/index.js';
import {textOf, type TextValue} from './text.js';

export type ReviewStep = 'sku' | 'endpoint' | 'key' | 'connectors' | 'resolve';
export const REVIEW_STEPS: readonly ReviewStep[] = ['sku', 'endpoint', 'key', 'connectors', 'resolve'];
export function isReviewStep(step: StepId): step is ReviewStep {
	return (REVIEW_STEPS as readonly string[]).includes(step);
}

/** Which areas each review step shows; Resolve shows them all (narrowed by its area filter). */
const STEP_AREAS: Record<ReviewStep, readonly ReviewArea[]> = {
	sku: ['sizing'],
	endpoint: ['network'],
	key: ['security'],
	connectors: ['connectors'],
	resolve: REVIEW_AREAS,
};

export type ReviewFilter = 'all' | 'undecided' | 'blockers';
export const FILTERS: readonly ReviewFilter[] = ['all', 'undecided', 'blockers'];

export interface ReviewView {
	/** The highlighted row's id: an item id, or `<group id>>{member id}` for a member of an opened group. */
	focus?: string;
	/** Groups opened to show their members. */
	expanded: string[];
	filter: ReviewFilter;
	/** Resolve only: one area. */
	area?: ReviewArea;
	query: TextValue;
	/** The search field has the keys. */
	searching: boolean;
	/** The option menu of the highlighted row, and its highlighted option. */
	menu?: {row: string; index: number};
	/** Lines the card (or the menu) is scrolled down by. */
	scroll: number;
	/** A note being written for a row. */
	note?: {row: string; text: TextValue};
	/** The value an option takes (an existing ASE's resource id), being typed after choosing it. */
	value?: {row: string; optionId: string; text: TextValue; error?: string};
}

export function emptyView(): ReviewView {
	return {expanded: [], filter: 'all', query: textOf(''), searching: false, scroll: 0};
}

export type RowMark = 'decided' | 'group' | 'open' | 'stale' | 'closed' | 'partial';

export interface ReviewRow {
	id: string;
	kind: 'finding' | 'group' | 'member';
	item: ReviewItem;
	/** The finding of a finding or member row. */
	view?: FindingView;
	severity: Severity;
	area: ReviewArea;
	title: string;
	mark: RowMark;
	/** What is in force, in a few words: the option's label. */
	inForce: string;
	/** `(default)`, `(undecided)`, `3 of 12 open`, `closed`… */
	note: string;
	/** A group row whose members are shown below it. */
	open?: boolean;
}

export const memberRowId = (groupId: string, findingId: string) => `${groupId}>${findingId}`;

/** A row that still asks the admin something: undecided, partly decided, or a saved choice no longer offered. */
export const isOpenMark = (mark: RowMark): boolean => mark === 'open' || mark === 'partial' || mark === 'stale';

function findingMark(v: FindingView): RowMark {
	if (v.closed) return 'closed';
	return v.state.status === 'decided' ? 'decided' : v.state.status === 'group' ? 'group' : v.state.status === 'stale' ? 'stale' : 'open';
}

function findingNote(v: FindingView): string {
	if (v.closed) return 'closed: nothing to decide';
	switch (v.state.status) {
		case 'decided':
			return '';
		case 'group':
			return '(as the group)';
		case 'stale':
			return '(saved choice no longer offered: default)';
		default:
			return v.finding.severity === 'blocker' ? '(undecided)' : '(default)';
	}
}

function itemArea(item: ReviewItem): ReviewArea {
	return item.type === 'finding' ? item.finding.area : item.group.members[0]!.area;
}

function rowOfItem(item: ReviewItem): ReviewRow {
	if (item.type === 'finding') {
		return {
			id: item.id,
			kind: 'finding',
			item,
			view: item,
			severity: item.finding.severity,
			area: item.finding.area,
			title: item.finding.title,
			mark: findingMark(item),
			inForce: item.state.option?.label ?? '—',
			note: findingNote(item),
		};
	}
	const live = item.members.length - item.closed;
	const mark: RowMark = itemClosed(item) ? 'closed' : itemDecided(item) ? 'decided' : item.open < live ? 'partial' : 'open';
	const parts = [
		item.decision ? '' : item.open === live ? (item.group.severity === 'blocker' ? '(undecided)' : '(default)') : `${item.open} of ${live} open`,
		item.overrides > 0 ? `${item.overrides} decided their own way` : '',
		item.closed > 0 ? `${item.closed} closed` : '',
	].filter(Boolean);
	return {
		id: item.id,
		kind: 'group',
		item,
		severity: item.group.severity,
		area: itemArea(item),
		title: `${item.group.spec.title} · ${item.members.length}`,
		mark,
		inForce: item.option?.label ?? '—',
		note: parts.join(', '),
	};
}

function memberRow(item: ReviewItem & {type: 'group'}, v: FindingView): ReviewRow {
	return {
		id: memberRowId(item.id, v.finding.id),
		kind: 'member',
		item,
		view: v,
		severity: v.finding.severity,
		area: v.finding.area,
		title: v.finding.title,
		mark: findingMark(v),
		inForce: v.state.option?.label ?? '—',
		note: findingNote(v),
	};
}

function matches(f: Finding, q: string): boolean {
	if (f.title.toLowerCase().includes(q) || f.subject.name.toLowerCase().includes(q) || f.subject.key.toLowerCase().includes(q)) return true;
	if (f.kind.includes(q) || f.area.includes(q)) return true;
	return (f.workflows ?? []).some((w) => w.toLowerCase().includes(q));
}

function memberVisible(v: FindingView, view: ReviewView, q: string): boolean {
	if (q && !matches(v.finding, q)) return false;
	if (view.filter === 'undecided') return !v.closed && v.state.status !== 'decided' && v.state.status !== 'group';
	if (view.filter === 'blockers') return v.finding.severity === 'blocker';
	return true;
}

function itemVisible(item: ReviewItem, view: ReviewView, q: string): boolean {
	if (view.filter === 'undecided' && (itemDecided(item) || itemClosed(item))) return false;
	if (view.filter === 'blockers' && itemSeverity(item) !== 'blocker') return false;
	if (!q) return true;
	if (item.type === 'finding') return matches(item.finding, q);
	return item.group.spec.title.toLowerCase().includes(q) || item.members.some((m) => matches(m.finding, q));
}

/** The items of a step, before filters: its areas, in the review's order. */
export function stepItems(review: Review, step: ReviewStep, area?: ReviewArea): ReviewItem[] {
	const areas = step === 'resolve' && area ? [area] : STEP_AREAS[step];
	return review.items.filter((i) => areas.includes(itemArea(i)));
}

/**
 * The rows a step shows: its items through the filter and the search, each opened group followed by its members
 * (those the filter and search let through; a search opens every group with a matching member).
 */
export function selectRows(review: Review, step: ReviewStep, view: ReviewView): ReviewRow[] {
	const q = view.query.value.trim().toLowerCase();
	const rows: ReviewRow[] = [];
	for (const item of stepItems(review, step, view.area)) {
		if (!itemVisible(item, view, q)) continue;
		if (item.type !== 'group' || (!view.expanded.includes(item.id) && !q)) {
			rows.push(rowOfItem(item));
			continue;
		}
		rows.push({...rowOfItem(item), open: true});
		for (const m of item.members) if (memberVisible(m, view, q)) rows.push(memberRow(item, m));
	}
	return rows;
}

/**
 * Where the highlight is: the focused row when it is shown, else the row that follows it in the step's full order
 * (a decided row that drops out of the undecided queue hands the highlight to the next one), else the last.
 */
export function focusIndex(rows: readonly ReviewRow[], focus: string | undefined, order: readonly string[]): number {
	if (rows.length === 0) return -1;
	if (focus === undefined) return 0;
	const direct = rows.findIndex((r) => r.id === focus);
	if (direct >= 0) return direct;
	// A member row falls back to its group's row when the group is closed.
	const parent = focus.includes('>') ? rows.findIndex((r) => r.id === focus.slice(0, focus.indexOf('>'))) : -1;
	if (parent >= 0) return parent;
	const at = order.indexOf(focus.includes('>') ? focus.slice(0, focus.indexOf('>')) : focus);
	if (at < 0) return 0;
	const position = new Map(order.map((id, i) => [id, i]));
	const next = rows.findIndex((r) => (position.get(r.kind === 'member' ? r.item.id : r.id) ?? -1) > at);
	return next >= 0 ? next : rows.length - 1;
}

// ─── Memoised derivations: nothing is recomputed per key press unless its inputs changed ────────────────────

let lastReview: {findings: readonly Finding[]; decisions: Decisions; review: Review} | undefined;

/** The review for these decisions, computed once per decision change (not per key). */
export function reviewOf(findings: readonly Finding[], decisions: Decisions): Review {
	if (lastReview && lastReview.findings === findings && lastReview.decisions === decisions) return lastReview.review;
	const review =
		lastReview && lastReview.findings === findings ? updateReview(lastReview.review, findings, lastReview.decisions, decisions) : buildReview(findings, decisions);
	lastReview = {findings, decisions, review};
	return review;
}

let lastRows: {review: Review; step: ReviewStep; key: RowsKey; rows: ReviewRow[]; order: string[]} | undefined;

/** What the rows depend on in a view: moving the highlight, scrolling or opening a menu changes none of it. */
type RowsKey = Pick<ReviewView, 'area' | 'filter' | 'expanded'> & {query: string};
const sameKey = (a: RowsKey, b: RowsKey) => a.area === b.area && a.filter === b.filter && a.expanded === b.expanded && a.query === b.query;

/** Rows and the step's full item order, computed once per review change or change of what the view selects. */
export function rowsOf(review: Review, step: ReviewStep, view: ReviewView): {rows: ReviewRow[]; order: string[]} {
	const key: RowsKey = {area: view.area, filter: view.filter, expanded: view.expanded, query: view.query.value};
	if (lastRows && lastRows.review === review && lastRows.step === step && sameKey(lastRows.key, key)) return lastRows;
	const rows = selectRows(review, step, view);
	const order = stepItems(review, step, view.area).map((i) => i.id);
	lastRows = {review, step, key, rows, order};
	return lastRows;
}

/** Blockers of a step still open (a group counts once, as in the header), whatever the view filters or searches. */
export function openBlockerItems(review: Review, step: ReviewStep): {id: string; title: string}[] {
	return openBlockerLines(stepItems(review, step));
}

export function openBlockerCount(review: Review, step: ReviewStep): number {
	return stepItems(review, step).filter(isOpenBlocker).length;
}

// ─── Options of a row ───────────────────────────────────────────────────────────────────────────────────────

export interface RowOption {
	id: string;
	label: string;
	consequence: string;
	recommended: boolean;
	inForce: boolean;
	/** Choosing it takes back the member's own decision so it follows its group again. */
	followGroup?: boolean;
	/** It needs a value typed by the admin before it is saved. */
	input?: OptionInput;
}

/** What the option menu of a row offers. Closed rows offer nothing. */
export function rowOptions(row: ReviewRow): RowOption[] {
	if (row.mark === 'closed') return [];
	if (row.kind === 'group' && row.item.type === 'group') {
		const item = row.item;
		const {spec} = item.group;
		// An undecided blocker has no option in force (the menu marks none): it waits for the admin.
		const waiting = !item.decision && item.group.severity === 'blocker';
		return spec.options.map((o) => ({id: o.id, label: o.label, consequence: o.consequence, recommended: o.id === spec.recommended, inForce: !waiting && item.option?.id === o.id}));
	}
	const v = row.view!;
	const waiting = v.state.status === 'open' && v.finding.severity === 'blocker';
	const options: RowOption[] = v.finding.options.map((o: FindingOption) => ({
		id: o.id,
		label: o.label,
		consequence: o.consequence,
		recommended: o.id === v.finding.recommended,
		inForce: !waiting && o.id === v.state.option?.id,
		...(o.input ? {input: o.input} : {}),
	}));
	if (row.kind === 'member' && v.state.status === 'decided' && row.item.type === 'group') {
		const groupOption = row.item.option;
		options.push({
			id: '',
			label: `Follow the group's choice${groupOption ? ` (${groupOption.label})` : ''}`,
			consequence: 'Takes back the choice made for this one: the group decides it again.',
			recommended: false,
			inForce: false,
			followGroup: true,
		});
	}
	return options;
}

/** The option of a finding that sends a connector to `target` (the b / m / x keys), if it offers one. */
export function optionForTarget(row: ReviewRow, target: ConnectorTarget): string | undefined {
	if (row.mark === 'closed') return undefined;
	const finding = row.kind === 'group' && row.item.type === 'group' ? row.item.group.members[0] : row.view?.finding;
	if (!finding) return undefined;
	const option = finding.options.find((o) => o.effects.some((e) => e.type === 'connector' && e.target === target));
	if (!option) return undefined;
	if (row.kind === 'group' && row.item.type === 'group') return row.item.group.spec.options.some((o) => o.id === option.id) ? option.id : undefined;
	return option.id;
}

/** The id a decision for this row is saved under: the group's for a group row, the finding's otherwise. */
export function decisionIdOf(row: ReviewRow): string {
	return row.kind === 'group' ? row.id : row.view!.finding.id;
}
