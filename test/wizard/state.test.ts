import {describe, expect, it} from 'vitest';
import {initialState, progress, reducer, type WizardState} from '../../source/wizard/state.js';
import {finding, inventory} from '../helpers/inventory.js';

const loaded = (findings = [finding('a', {severity: 'blocker'}), finding('b')]) => ({
	inventory: inventory(),
	findings,
	sessionId: 's1',
	source: {kind: 'demo' as const},
	resumed: false,
});

describe('wizard reducer', () => {
	it('lands a new session on the ISE step and a resumed one on its saved step', () => {
		const a = reducer(initialState, {type: 'loaded', loaded: loaded(), decisions: {}});
		expect(a.step).toBe('ise');
		const b = reducer(initialState, {type: 'loaded', loaded: loaded(), decisions: {}, step: 'resolve', cursor: 4});
		expect(b.step).toBe('resolve');
		expect(b.cursor.resolve).toBe(4);
	});

	it('goes forward step by step and back through history, back to the source screen last', () => {
		let s: WizardState = reducer(initialState, {type: 'loaded', loaded: loaded(), decisions: {}});
		s = reducer(s, {type: 'next'});
		s = reducer(s, {type: 'next'});
		expect(s.step).toBe('endpoint');
		s = reducer(s, {type: 'back'});
		expect(s.step).toBe('sku');
		s = reducer(reducer(s, {type: 'back'}), {type: 'back'});
		expect(s.step).toBe('start');
		expect(s.loaded).toBeUndefined();
	});

	it('counts resolved findings and open blockers', () => {
		let s = reducer(initialState, {type: 'loaded', loaded: loaded(), decisions: {}});
		expect(progress(s)).toEqual({decided: 0, total: 2, blockersOpen: 1});
		s = reducer(s, {type: 'decisions', decisions: {...s.decisions, a: {findingId: 'a', optionId: 'b', decidedAt: 't'}}});
		expect(progress(s)).toEqual({decided: 1, total: 2, blockersOpen: 0});
		s = reducer(s, {type: 'decisions', decisions: {...s.decisions, b: {findingId: 'b', optionId: 'nope', decidedAt: 't'}}});
		expect(progress(s).decided).toBe(1);
	});
});

describe('progress', () => {
	it('treats a saved decision naming a vanished option as undecided, for blockers too', () => {
		const s = reducer(initialState, {type: 'loaded', loaded: loaded(), decisions: {a: {findingId: 'a', optionId: 'gone', decidedAt: 't'}}});
		expect(progress(s)).toEqual({decided: 0, total: 2, blockersOpen: 1});
	});
});
