// What the runner is asked to do, derived from the state: each piece of work has one identity while it runs.
import {describe, expect, it} from 'vitest';
import {workId, worksOf} from '../../source/wizard/effects.js';
import {initialState, reducer} from '../../source/wizard/state.js';

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
});
