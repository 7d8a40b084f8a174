// What the runner is asked to do, derived from the state: each piece of work has one identity while it runs.
import {describe, expect, it} from 'vitest';
import {prepareMigration} from '../../source/migration/index.js';
import {loadDemo} from '../../source/services.js';
import {workId, worksOf} from '../../source/wizard/effects.js';
import {initialState, reducer, type WizardEvent} from '../../source/wizard/state.js';

describe('worksOf', () => {
	it('keeps the identity of an open while its progress text changes (a new identity would restart it)', () => {
		const opening = reducer(initialState, {type: 'open', request: {kind: 'path', path: './estate', resume: false}});
		const id = () => worksOf(s).filter((w) => w.kind === 'open').map(workId);
		let s = opening;
		const first = id();
		expect(first).toHaveLength(1);
		s = reducer(s, {type: 'open-progress', text: 'Read 1 file, found 7 resources…'});
		expect(id()).toEqual(first);
	});

	it('asks for the saved sessions on the start screen, once nothing is loaded', () => {
		expect(worksOf(initialState).map((w) => w.kind)).toEqual(['sessions']);
		expect(worksOf(reducer(initialState, {type: 'sessions', sessions: []}))).toEqual([]);
	});

	it('asks for nothing once quitting', () => {
		expect(worksOf({...initialState, quit: true})).toEqual([]);
	});

	it('builds the preview only once every change is saved (the report carries when each was decided)', () => {
		const events: WizardEvent[] = [
			{type: 'loaded', loaded: {...prepareMigration(loadDemo()), sessionId: 's1'}, decisions: {}},
			{type: 'go', step: 'sku'},
			{type: 'review', step: 'sku', event: {type: 'menu-open'}},
			{type: 'review', step: 'sku', event: {type: 'menu-choose', index: 0}},
			{type: 'go', step: 'generate'},
			{type: 'preview'},
		];
		const s = events.reduce(reducer, initialState);
		const kinds = (state: typeof s) => worksOf(state).map((w) => w.kind);
		expect(kinds(s)).toContain('save');
		expect(kinds(s)).not.toContain('preview');
		const saved = reducer(s, {type: 'saved', seq: s.pending[0]!.seq, decisions: s.decisions});
		expect(kinds(saved)).toContain('preview');
	});
});
