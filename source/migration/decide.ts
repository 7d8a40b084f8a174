// What the admin decides: an option for a finding, a note on it, or taking a decision back. Every change is saved
// at once; the session the store returns is the truth the caller shows (never a copy made before saving).
import {checkOptionValue, findingIndex, groupFindings} from '../model/index.js';
import type {Decision, Decisions, Finding, FindingOption} from '../model/index.js';
import type {SessionRepository} from './types.js';

/** A decision that could not be saved: nothing changed, and the message says what to do. */
export class SaveError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SaveError';
	}
}

function saving<T>(what: string, run: () => T | undefined): T {
	let result: T | undefined;
	try {
		result = run();
	} catch (error) {
		throw new SaveError(`Could not save ${what}: ${(error as Error).message}. Nothing was changed; try again.`);
	}
	if (result === undefined) throw new SaveError(`Could not save ${what}: the session is no longer in the store. Open the ISE again.`);
	return result;
}

/** A change to a session's decisions, as the wizard makes them (a finding's or a group's id). */
export type Change =
	| {type: 'decide'; id: string; optionId: string; by?: Decision['by']; label: string; value?: string}
	| {type: 'clear'; id: string; label: string}
	| {type: 'note'; id: string; optionId: string; note: string; label: string}
	| {type: 'batch'; entries: {id: string; optionId: string}[]; by: Decision['by']; label: string}
	| {type: 'restore'; entries: {id: string; decision?: Decision}[]; label: string};

/**
 * A change applied to decisions. `now` stamps what it decides; without it (the wizard showing a change before the
 * store has it) the earlier time is kept. A note stays with its finding when the option changes.
 */
export function applyChange(decisions: Decisions, change: Change, now?: string): Decisions {
	const next = {...decisions};
	const put = (id: string, optionId: string, extra: {by?: Decision['by']; note?: string; value?: string} = {}) => {
		const note = 'note' in extra ? extra.note : decisions[id]?.note;
		const value = 'value' in extra ? extra.value : undefined;
		next[id] = {findingId: id, optionId, decidedAt: now ?? decisions[id]?.decidedAt ?? '', ...(extra.by ? {by: extra.by} : {}), ...(note ? {note} : {}), ...(value ? {value} : {})};
	};
	switch (change.type) {
		case 'decide':
			put(change.id, change.optionId, {by: change.by, value: change.value});
			break;
		case 'clear':
			delete next[change.id];
			break;
		case 'note':
			put(change.id, decisions[change.id]?.optionId ?? change.optionId, {by: decisions[change.id]?.by, note: change.note || undefined, value: decisions[change.id]?.value});
			break;
		case 'batch':
			for (const e of change.entries) put(e.id, e.optionId, {by: change.by});
			break;
		case 'restore':
			for (const e of change.entries) {
				if (e.decision) next[e.id] = e.decision;
				else delete next[e.id];
			}
			break;
	}
	return next;
}

/**
 * Saves a change at once; returns the decisions as the store now holds them. Given the findings, a decision for an
 * option that takes a value is checked as the decisions file's are: never saved without it, or with a wrong one.
 */
export function saveChange(store: SessionRepository, sessionId: string, change: Change, now: string, findings?: readonly Finding[]): Decisions {
	if (findings) checkChange(change, findings);
	return saving(change.type === 'note' ? 'the note' : 'the decision', () => store.update(sessionId, (s) => ({...s, decisions: applyChange(s.decisions, change, now)}))).decisions;
}

function checkChange(change: Change, findings: readonly Finding[]): void {
	const decided = change.type === 'decide' ? [{id: change.id, optionId: change.optionId, value: change.value}] : change.type === 'batch' ? change.entries : [];
	if (decided.length === 0) return;
	const byId = findingIndex(findings);
	for (const d of decided) {
		const option = byId.get(d.id)?.options.find((o) => o.id === d.optionId);
		if (option) optionValueOf(option, 'value' in d ? d.value : undefined, (message) => new SaveError(`Could not save the decision: ${message}. Nothing was changed.`));
	}
}

/**
 * The value a decision for `option` carries: required and validated when the option takes one (an existing ASE's
 * resource id), refused when it does not.
 */
function optionValueOf(option: FindingOption, given: string | undefined, fail: (message: string) => Error): string | undefined {
	if (!option.input) {
		if (given !== undefined) throw fail(`'${option.id}' takes no value (remove "value")`);
		return undefined;
	}
	if (given === undefined) throw fail(`'${option.id}' needs a value (${option.input.prompt}): {"optionId": "${option.id}", "value": "${option.input.example}"}`);
	const checked = checkOptionValue(option.input, given);
	if (!checked.ok) throw fail(`'${option.id}': ${checked.message}`);
	return checked.value;
}

/** The recommended option of every finding, marked as not reviewed by anyone (headless generate without a file). */
export function recommendedDecisions(findings: readonly Finding[], now: string): Decisions {
	return Object.fromEntries(findings.map((f) => [f.id, {findingId: f.id, optionId: f.recommended, by: 'recommended' as const, decidedAt: now}]));
}

/** What is wrong with a decisions file, naming the place. */
export class DecisionsFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DecisionsFileError';
	}
}

/**
 * A decisions file's map (`{"<finding id>": "<option id>" | {optionId, note?, value?}}`) checked against the findings:
 * every id must name a finding of this inventory and one of its options.
 */
export function decisionsFromMap(
	map: Readonly<Record<string, string | {optionId: string; note?: string; value?: string}>>,
	findings: readonly Finding[],
	now: string,
	file: string,
): Decisions {
	const byId = new Map(findings.map((f) => [f.id, f]));
	// A group is decided under its own id, `group:<key>`, with the group's options (as the wizard saves it).
	const groups = groupFindings(findings);
	const groupById = new Map([...groups.values()].map((g) => [g.id, g]));
	const out: Decisions = {};
	for (const [id, v] of Object.entries(map)) {
		const optionId = typeof v === 'string' ? v : v.optionId;
		const note = typeof v === 'string' ? undefined : v.note;
		const group = groupById.get(id);
		if (group) {
			if (!group.spec.options.some((o) => o.id === optionId)) {
				throw new DecisionsFileError(`${file}: '${optionId}' is not an option of '${id}' (options: ${group.spec.options.map((o) => o.id).join(', ')})`);
			}
			out[id] = {findingId: id, optionId, decidedAt: now, ...(note ? {note} : {})};
			continue;
		}
		const finding = byId.get(id);
		if (!finding) throw new DecisionsFileError(`${file}: no finding or group '${id}' in this inventory (run \`ise-migrate generate ... --json\` to list their ids)`);
		const option = finding.options.find((o) => o.id === optionId);
		if (!option) {
			throw new DecisionsFileError(`${file}: '${optionId}' is not an option of '${id}' (options: ${finding.options.map((o) => o.id).join(', ')})`);
		}
		const value = optionValueOf(option, typeof v === 'string' ? undefined : v.value, (message) => new DecisionsFileError(`${file}: '${id}' → ${message}`));
		out[id] = {findingId: id, optionId, decidedAt: now, ...(note ? {note} : {}), ...(value ? {value} : {})};
	}
	return out;
}
