// The wizard's one reducer on the sample ISE: navigation, groups, overrides, undo, notes, filters, search, and the
// position that resume restores. Pure: no Ink, no disk; the runner's answers are events sent by hand.
import {describe, expect, it} from 'vitest';
import {prepareMigration} from '../../source/migration/index.js';
import {loadDemo} from '../../source/services.js';
import {initialState, positionOf, progress, reducer, reviewScreen, type ReviewEvent, type WizardEvent, type WizardState} from '../../source/wizard/state.js';
import {rowOptions, type ReviewStep} from '../../source/wizard/review.js';
import {textOf} from '../../source/wizard/text.js';

const migration = prepareMigration(loadDemo());

function loaded(extra: Partial<Extract<WizardEvent, {type: 'loaded'}>> = {}): WizardState {
	return reducer(initialState, {type: 'loaded', loaded: {...migration, sessionId: 's1'}, decisions: {}, ...extra});
}

const run = (s: WizardState, ...events: WizardEvent[]) => events.reduce(reducer, s);
const review = (step: ReviewStep, ...events: ReviewEvent[]): WizardEvent[] => events.map((event) => ({type: 'review', step, event}));

/** The state after the runner saved every pending change as the store would. */
function saveAll(s: WizardState): WizardState {
	let state = s;
	for (const p of s.pending) state = reducer(state, {type: 'saved', seq: p.seq, decisions: state.decisions});
	return state;
}

function at(s: WizardState, step: ReviewStep) {
	return reviewScreen(s, step);
}

function focusRow(s: WizardState, step: ReviewStep, predicate: (r: ReturnType<typeof at>['rows'][number]) => boolean): WizardState {
	const {rows} = at(s, step);
	const target = rows.findIndex(predicate);
	if (target < 0) throw new Error('no such row');
	return run({...s, review: {...s.review, [step]: {...at(s, step).view, focus: undefined}}}, ...review(step, {type: 'move', delta: target}));
}

describe('navigation', () => {
	it('lands a new session on the ISE step and a resumed one on its saved step and row', () => {
		expect(loaded().step).toBe('ise');
		const base = loaded({step: 'resolve'});
		const {rows} = at(base, 'resolve');
		const target = rows[3]!;
		const resumed = loaded({step: 'resolve', position: {focus: target.id, filter: 'all'}});
		expect(resumed.step).toBe('resolve');
		expect(at(resumed, 'resolve').row?.id).toBe(target.id);
	});

	it('back from a resumed step goes to the step before it, not to the ISE overview', () => {
		const resumed = loaded({step: 'resolve'});
		expect(run(resumed, {type: 'back'}).step).toBe('connectors');
		expect(run(resumed, {type: 'back'}, {type: 'back'}, {type: 'back'}, {type: 'back'}, {type: 'back'}).step).toBe('ise');
		expect(run(loaded(), {type: 'back'}).step).toBe('start');
	});

	it('goes forward step by step and back through history, back to the source screen last', () => {
		let s = run(loaded(), {type: 'next'});
		expect(s.step).toBe('sku');
		s = run(s, {type: 'back'}, {type: 'back'});
		expect(s.step).toBe('start');
		expect(s.loaded).toBeUndefined();
	});

	it('asks before leaving a step with open blockers, and stays on no', () => {
		const s = run(loaded(), {type: 'go', step: 'endpoint'}, {type: 'next'});
		expect(s.confirm).toMatchObject({kind: 'leave', blockers: 1});
		expect(s.step).toBe('endpoint');
		expect(run(s, {type: 'confirm', answer: false})).toMatchObject({step: 'endpoint', confirm: undefined});
		expect(run(s, {type: 'confirm', answer: true}).step).toBe('key');
	});
});

describe('groups and members', () => {
	const base = run(loaded(), {type: 'go', step: 'resolve'});
	const isGroup = (r: {kind: string; mark: string}) => r.kind === 'group' && r.mark !== 'closed';

	it('deciding a group decides each member once, and the header counts it once', () => {
		let s = focusRow(base, 'resolve', isGroup);
		const group = at(s, 'resolve').row!;
		const before = progress(s).decided;
		s = run(s, ...review('resolve', {type: 'menu-open'}, {type: 'menu-choose', index: 0}));
		expect(s.pending.at(-1)?.change).toMatchObject({type: 'decide', id: group.id});
		expect(progress(s).decided).toBe(before + 1);
		const item = at(s, 'resolve').rows.find((r) => r.id === group.id)!;
		expect(item.mark).toBe('decided');
	});

	it('a member decided on its own overrides the group, and the group row says so', () => {
		let s = focusRow(base, 'resolve', (r) => isGroup(r) && r.item.type === 'group' && r.item.group.spec.options.length > 1);
		const group = at(s, 'resolve').row!;
		s = run(s, ...review('resolve', {type: 'menu-open'}, {type: 'menu-choose', index: 0}, {type: 'expand'}, {type: 'move', delta: 1}));
		const member = at(s, 'resolve').row!;
		expect(member.kind).toBe('member');
		// The last option differs from the group's first one.
		s = run(s, ...review('resolve', {type: 'menu-open'}));
		const options = s.review.resolve!.menu!;
		expect(options).toBeDefined();
		s = run(s, ...review('resolve', {type: 'menu-choose', index: 1}));
		const row = at(s, 'resolve').rows.find((r) => r.id === group.id)!;
		expect(row.note).toMatch(/1 decided their own way/);
		// Taking the member's choice back makes it follow the group again.
		const follow = rowOptions(at(s, 'resolve').row!).findIndex((o) => o.followGroup);
		expect(follow).toBeGreaterThan(0);
		s = run(s, ...review('resolve', {type: 'menu-open'}, {type: 'menu-choose', index: follow}));
		expect(at(s, 'resolve').rows.find((r) => r.id === group.id)!.note).not.toMatch(/decided their own way/);
		expect(at(s, 'resolve').row!.mark).toBe('group');
	});

	it("an undecided blocker's menu marks no option in force, only the recommended one; once chosen, that one is", () => {
		let s = focusRow(run(loaded(), {type: 'go', step: 'endpoint'}), 'endpoint', (r) => r.severity === 'blocker');
		const before = rowOptions(at(s, 'endpoint').row!);
		expect(before.some((o) => o.recommended)).toBe(true);
		expect(before.filter((o) => o.inForce)).toEqual([]);
		s = saveAll(run(s, ...review('endpoint', {type: 'menu-open'}, {type: 'menu-choose', index: 1})));
		expect(rowOptions(at(s, 'endpoint').row!).map((o) => o.inForce)).toEqual(before.map((_, i) => i === 1));
		// A warning's menu marks its default in force: it applies until the admin decides.
		const warning = focusRow(s, 'endpoint', (r) => r.severity === 'warning');
		expect(rowOptions(at(warning, 'endpoint').row!).find((o) => o.inForce)?.recommended).toBe(true);
	});

	it('b, m and x choose a connector target only where the row offers it', () => {
		let s = run(loaded(), {type: 'go', step: 'connectors'});
		s = focusRow(s, 'connectors', (r) => r.kind === 'finding' && r.view!.finding.id === 'connector:azureblob');
		s = run(s, ...review('connectors', {type: 'quick', target: 'managed'}));
		expect(s.decisions['connector:azureblob']?.optionId).toBe('managed');
		// A connector none of whose steps converts has no built-in option: b says so and changes nothing.
		s = focusRow(s, 'connectors', (r) => r.kind === 'finding' && r.view!.finding.id === 'connector:sap');
		const before = s.decisions;
		s = run(s, ...review('connectors', {type: 'quick', target: 'builtin'}));
		expect(s.decisions).toBe(before);
		expect(s.message?.text).toMatch(/no built-in option/);
	});
});

describe('saving, undo and notes', () => {
	const base = run(loaded(), {type: 'go', step: 'sku'});

	it('shows a change at once, keeps it when saved, and takes it back when the save fails', () => {
		let s = run(base, ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 0}));
		const id = at(s, 'sku').row!.view!.finding.id;
		expect(s.decisions[id]).toBeDefined();
		expect(s.message).toBeUndefined();
		const saved = reducer(s, {type: 'saved', seq: s.pending[0]!.seq, decisions: {[id]: {...s.decisions[id]!, decidedAt: 'now'}}});
		expect(saved.message?.text).toMatch(/^Saved: /);
		s = reducer(s, {type: 'save-failed', seq: s.pending[0]!.seq, error: 'Could not save the decision: disk full.'});
		expect(s.decisions[id]).toBeUndefined();
		expect(s.message).toEqual({kind: 'error', text: 'Could not save the decision: disk full.'});
	});

	it('z undoes the last decision, then the one before', () => {
		let s = saveAll(run(base, ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 0})));
		const id = at(s, 'sku').row!.view!.finding.id;
		s = saveAll(run(s, ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 2})));
		const third = s.decisions[id]!.optionId;
		s = saveAll(run(s, {type: 'undo'}));
		expect(s.decisions[id]?.optionId).not.toBe(third);
		expect(s.decisions[id]).toBeDefined();
		s = saveAll(run(s, {type: 'undo'}));
		expect(s.decisions[id]).toBeUndefined();
		expect(run(s, {type: 'undo'}).message?.text).toBe('Nothing to undo.');
	});

	it('a note is typed key by key, saved with the decision in force, and kept when the option changes', () => {
		let s = run(base, ...review('sku', {type: 'note-start'}));
		for (const ch of 'load-tested') s = run(s, ...review('sku', {type: 'note-edit', edit: {kind: 'insert', text: ch}}));
		s = saveAll(run(s, ...review('sku', {type: 'note-save'})));
		const id = at(s, 'sku').row!.view!.finding.id;
		expect(s.decisions[id]).toMatchObject({note: 'load-tested'});
		s = saveAll(run(s, ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 0})));
		expect(s.decisions[id]?.note).toBe('load-tested');
	});
});

describe('options that take a value, notes on blockers, failed saves', () => {
	// The sample without a region: its region finding is a blocker whose only option needs the region typed.
	const regionless = prepareMigration({...loadDemo(), inventory: {...loadDemo().inventory, ise: {...loadDemo().inventory.ise, location: undefined}}});
	const withoutRegion = () => reducer(initialState, {type: 'loaded', loaded: {...regionless, sessionId: 's1'}, decisions: {}});
	const base = () => run(loaded(), {type: 'go', step: 'sku'});
	/** A hosting choice and an endpoint blocker's choice, both waiting to be saved, the hosting one first. */
	const queuedTwo = () => {
		let s = run(base(), ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 0}));
		const id = at(s, 'sku').row!.view!.finding.id;
		s = run(s, {type: 'go', step: 'endpoint'});
		s = focusRow(s, 'endpoint', (r) => r.severity === 'blocker');
		s = run(s, ...review('endpoint', {type: 'menu-open'}, {type: 'menu-choose', index: 1}));
		return {s, id, other: at(s, 'endpoint').row!.view!.finding.id};
	};
	const onRegion = () => focusRow(run(withoutRegion(), {type: 'go', step: 'resolve'}), 'resolve', (r) => r.view?.finding.id.endsWith('region') === true);

	it('accepting an option that needs a value asks for the value instead of saving it without one', () => {
		let s = run(onRegion(), ...review('resolve', {type: 'accept', scope: 'row'}));
		expect(s.pending).toEqual([]);
		expect(at(s, 'resolve').view.value?.optionId).toBe('region');
		// Esc goes back to the options with that one highlighted: Enter asks for the value again.
		s = run(s, ...review('resolve', {type: 'value-cancel'}, {type: 'menu-choose'}));
		expect(at(s, 'resolve').view.value?.optionId).toBe('region');
		for (const ch of 'westeurope') s = run(s, ...review('resolve', {type: 'value-edit', edit: {kind: 'insert', text: ch}}));
		s = run(s, ...review('resolve', {type: 'value-submit'}));
		const id = at(s, 'resolve').row!.view!.finding.id;
		expect(s.pending.map((p) => p.change)).toEqual([expect.objectContaining({type: 'decide', id, optionId: 'region', value: 'westeurope'})]);
	});

	it('a note on a blocker waits for an option: nothing is saved with an empty option', () => {
		let s = run(onRegion(), ...review('resolve', {type: 'note-start'}));
		expect(at(s, 'resolve').view.note).toBeUndefined();
		expect(s.message?.text).toMatch(/Choose an option .* first/);
		expect(s.pending).toEqual([]);
	});

	it('after a failed save, undo never brings back the change that failed', () => {
		// Two choices for the same finding, the first not yet saved when the second is made; the first fails.
		let s = run(base(), ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 0}));
		const id = at(s, 'sku').row!.view!.finding.id;
		s = run(s, ...review('sku', {type: 'menu-open'}, {type: 'menu-choose', index: 1}));
		const second = s.decisions[id]!.optionId;
		s = reducer(s, {type: 'save-failed', seq: s.pending[0]!.seq, error: 'Could not save the decision: disk full.'});
		s = saveAll(s);
		expect(s.decisions[id]?.optionId).toBe(second);
		// Undo takes the second back to what was saved before it: nothing, not the choice that failed.
		s = saveAll(run(s, {type: 'undo'}));
		expect(s.decisions[id]).toBeUndefined();
		expect(run(s, {type: 'undo'}).message?.text).toBe('Nothing to undo.');
	});

	it('after a failed save, a change undone behind it stays undone: its entry does not come back', () => {
		const {id, other, s: queued} = queuedTwo();
		let s = queued;
		s = run(s, {type: 'undo'});
		// The hosting change (first in the queue) fails; the endpoint decision and its undo are saved.
		s = saveAll(reducer(s, {type: 'save-failed', seq: s.pending[0]!.seq, error: 'Could not save the decision: disk full.'}));
		expect(s.decisions[id]).toBeUndefined();
		expect(s.decisions[other]).toBeUndefined();
		expect(run(s, {type: 'undo'}).message?.text).toBe('Nothing to undo.');
	});

	it('a failed save takes back its own undo entry, not a later one queued behind it', () => {
		const {id, other, s: queued} = queuedTwo();
		let s = queued;
		expect(s.pending).toHaveLength(2);
		// The first (hosting) fails; the second is saved.
		s = reducer(s, {type: 'save-failed', seq: s.pending[0]!.seq, error: 'Could not save the decision: disk full.'});
		s = saveAll(s);
		expect(s.decisions[id]).toBeUndefined();
		expect(s.decisions[other]).toBeDefined();
		// z still takes back the endpoint decision that was saved.
		s = saveAll(run(s, {type: 'undo'}));
		expect(s.decisions[other]).toBeUndefined();
	});
});

describe('filters, search and position', () => {
	const base = run(loaded(), {type: 'go', step: 'resolve'});

	it('the undecided filter is a queue: a decided row drops out and the next one takes the highlight', () => {
		let s = run(base, ...review('resolve', {type: 'filter', filter: 'undecided'}));
		const {rows} = at(s, 'resolve');
		s = run(s, ...review('resolve', {type: 'menu-open'}, {type: 'menu-choose'}));
		const after = at(s, 'resolve');
		expect(after.rows.map((r) => r.id)).not.toContain(rows[0]!.id);
		expect(after.row?.id).toBe(rows[1]!.id);
	});

	it('toggling a filter keeps the highlighted finding highlighted', () => {
		let s = run(base, ...review('resolve', {type: 'move', delta: 4}));
		const focused = at(s, 'resolve').row!;
		s = run(s, ...review('resolve', {type: 'filter', filter: 'undecided'}));
		expect(at(s, 'resolve').row?.id).toBe(focused.id);
		s = run(s, ...review('resolve', {type: 'filter', filter: 'undecided'}));
		expect(s.review.resolve!.filter).toBe('all');
		expect(at(s, 'resolve').row?.id).toBe(focused.id);
	});

	it('/ searches names, workflows, connectors and kinds; Esc clears', () => {
		let s = run(base, ...review('resolve', {type: 'search-start'}));
		for (const ch of 'sftp') s = run(s, ...review('resolve', {type: 'search-edit', edit: {kind: 'insert', text: ch}}));
		const {rows} = at(s, 'resolve');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.length).toBeLessThan(at(base, 'resolve').rows.length);
		for (const r of rows) {
			const text = JSON.stringify(r.kind === 'group' && r.item.type === 'group' ? r.item.members.map((m) => m.finding) : r.view!.finding).toLowerCase();
			expect(text).toContain('sftp');
		}
		s = run(s, ...review('resolve', {type: 'search-clear'}));
		expect(at(s, 'resolve').rows.length).toBe(at(base, 'resolve').rows.length);
	});

	it('the position names the finding, the filter and the search, and loading it restores all three', () => {
		let s = run(base, ...review('resolve', {type: 'filter', filter: 'undecided'}, {type: 'move', delta: 2}));
		s = {...s, review: {...s.review, resolve: {...s.review.resolve!, query: textOf('workflow')}}};
		const focused = at(s, 'resolve').row!;
		const where = positionOf(s);
		expect(where).toMatchObject({step: 'resolve', position: {focus: focused.id, filter: 'undecided', query: 'workflow'}});
		const back = loaded({step: where.step, position: where.position!});
		expect(at(back, 'resolve').row?.id).toBe(focused.id);
		expect(back.review.resolve).toMatchObject({filter: 'undecided', query: {value: 'workflow'}});
	});

	it('accepting the recommendations of a screen asks first, then saves each as accepted', () => {
		let s = run(loaded(), {type: 'go', step: 'connectors'}, ...review('connectors', {type: 'accept', scope: 'screen'}));
		expect(s.confirm).toMatchObject({kind: 'accept'});
		s = run(s, {type: 'confirm', answer: true});
		const change = s.pending.at(-1)!.change;
		expect(change).toMatchObject({type: 'batch', by: 'accepted'});
		expect(at(s, 'connectors').rows.filter((r) => r.kind !== 'member' && r.mark === 'open')).toEqual([]);
	});
});
