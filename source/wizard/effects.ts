// What the wizard waits for, derived from its state: the runner starts each named piece of work once, aborts
// what the state no longer names (Esc, quit), and reports the outcome back as events. Nothing here runs anything.
import type {ReviewPosition, StepId} from '../model/index.js';
import {workKey, workOf, type AzureWork} from './azure-flow.js';
import {positionKey, positionOf, type OpenRequest, type Pending, type WizardState} from './state.js';

export type Work =
	| {kind: 'sessions'}
	| {kind: 'open'; request: OpenRequest}
	| {kind: 'complete-path'; partial: string}
	| {kind: 'save'; sessionId: string; pending: Pending}
	| {kind: 'position'; sessionId: string; step: StepId; position?: ReviewPosition; key: string; immediate: boolean}
	| {kind: 'preview'; dir: string}
	| {kind: 'write'; dir: string}
	| {kind: 'azure'; work: AzureWork};

export function worksOf(state: WizardState): Work[] {
	const works: Work[] = [];
	if (state.quit) return works;
	if (state.step === 'start' && state.start.sessions === undefined && !state.loaded) works.push({kind: 'sessions'});
	if (state.opening) works.push({kind: 'open', request: state.opening});
	if (state.start.completing) works.push({kind: 'complete-path', partial: state.start.path.value});
	const azure = workOf(state.azure);
	if (azure) works.push({kind: 'azure', work: azure});
	const loaded = state.loaded;
	if (loaded) {
		// One save at a time, in order: the store sees the changes exactly as the admin made them.
		const head = state.pending[0];
		if (head) works.push({kind: 'save', sessionId: loaded.sessionId, pending: head});
		if (state.step !== 'start') {
			const where = positionOf(state);
			const key = positionKey(where);
			// A new step is saved at once (a kill right after must resume there); a moved highlight after a pause.
			if (key !== state.savedPosition) works.push({kind: 'position', sessionId: loaded.sessionId, step: where.step, ...(where.position ? {position: where.position} : {}), key, immediate: where.step !== state.savedStep});
		}
		// The preview is built from the decisions as saved (with their times, for the report): it waits for the saves.
		if (state.generate.phase === 'previewing' && state.pending.length === 0) works.push({kind: 'preview', dir: state.generate.dir.value.trim()});
		if (state.generate.phase === 'writing' && state.generate.preview) works.push({kind: 'write', dir: state.generate.preview.dir});
	}
	return works;
}

/** The same id means the same work, already running or done. */
export function workId(work: Work): string {
	switch (work.kind) {
		case 'sessions':
			return 'sessions';
		case 'open': {
			// The progress text changes while the same request runs: it is not part of the work's identity.
			const {progress: _progress, ...request} = work.request as OpenRequest & {progress?: string};
			return `open:${JSON.stringify(request.kind === 'inventory' ? {kind: 'inventory', source: request.opened.source} : request)}`;
		}
		case 'complete-path':
			return `complete:${work.partial}`;
		case 'save':
			return `save:${work.pending.seq}`;
		case 'position':
			return `position:${work.key}`;
		case 'preview':
			return `preview:${work.dir}`;
		case 'write':
			return `write:${work.dir}`;
		case 'azure':
			return `azure:${workKey(work.work)}`;
	}
}
