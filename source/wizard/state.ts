// The wizard's state machine: events in, state out. No Ink, no disk: app.tsx persists what changes.
import type {Decisions, StepId} from '../model/index.js';
import type {Migration} from '../migration/types.js';
import {reviewProgress, type ReviewProgress} from '../model/decisions.js';
import {nextStep} from './steps.js';

/** The open migration and its session. */
export interface Loaded extends Migration {
	sessionId: string;
	/** Set when decisions were made on an inventory that has since changed. */
	changedSinceSaved?: boolean;
	resumed: boolean;
	/** The output folder of the last write, offered again. */
	outDir?: string;
}

export interface WizardState {
	step: StepId;
	/** Steps visited, for Esc. */
	history: StepId[];
	loaded?: Loaded;
	decisions: Decisions;
	/** Highlighted row per step, restored on resume and when coming back. */
	cursor: Partial<Record<StepId, number>>;
	outDir?: string;
	written?: {dir: string; written: number; unchanged: number; kept: string[]; merged: {file: string; added: string[]; conflicts: string[]}[]; files: string[]};
	message?: {kind: 'error' | 'info'; text: string};
}

export type WizardEvent =
	| {type: 'loaded'; loaded: Loaded; decisions: Decisions; step?: StepId; cursor?: number}
	| {type: 'go'; step: StepId}
	| {type: 'next'}
	| {type: 'back'}
	/** The decisions as the store saved them (the store is the truth; the state mirrors it). */
	| {type: 'decisions'; decisions: Decisions}
	| {type: 'cursor'; index: number}
	| {type: 'written'; written: NonNullable<WizardState['written']>}
	| {type: 'message'; message?: WizardState['message']};

export const initialState: WizardState = {step: 'start', history: [], decisions: {}, cursor: {}};

export function reducer(state: WizardState, event: WizardEvent): WizardState {
	switch (event.type) {
		case 'loaded': {
			const step = event.step && event.step !== 'start' && event.step !== 'done' ? event.step : 'ise';
			return {
				...state,
				loaded: event.loaded,
				decisions: event.decisions,
				step,
				history: step === 'ise' ? ['start'] : ['start', 'ise'],
				cursor: event.cursor !== undefined ? {[step]: event.cursor} : {},
				message: undefined,
			};
		}
		case 'go':
			if (event.step === state.step) return state;
			return {...state, step: event.step, history: [...state.history, state.step], message: undefined};
		case 'next':
			return reducer(state, {type: 'go', step: nextStep(state.step)});
		case 'back': {
			const previous = state.history.at(-1);
			if (!previous) return state;
			// Going back to the source screen drops the loaded ISE; its session stays saved on disk.
			if (previous === 'start') return {...initialState};
			return {...state, step: previous, history: state.history.slice(0, -1), message: undefined};
		}
		case 'decisions':
			return {...state, decisions: event.decisions};
		case 'cursor':
			return {...state, cursor: {...state.cursor, [state.step]: event.index}};
		case 'written':
			return {...state, written: event.written, outDir: event.written.dir, step: 'done', history: [...state.history, state.step]};
		case 'message':
			return {...state, message: event.message};
	}
}

export function progress(state: WizardState): ReviewProgress {
	return reviewProgress(state.loaded?.findings ?? [], state.decisions);
}
