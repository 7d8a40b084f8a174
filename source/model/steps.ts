// The wizard's steps in order, with their titles: shared by the wizard, the session list and the headless
// commands, so a step has one name everywhere.
import type {StepId} from './session.js';

export interface StepInfo {
	id: StepId;
	title: string;
}

export const STEPS: readonly StepInfo[] = [
	{id: 'start', title: 'Source'},
	{id: 'ise', title: 'ISE'},
	{id: 'sku', title: 'Sizing'},
	{id: 'endpoint', title: 'Network'},
	{id: 'key', title: 'Encryption key'},
	{id: 'connectors', title: 'Connectors'},
	{id: 'resolve', title: 'Resolve'},
	{id: 'generate', title: 'Generate'},
	{id: 'done', title: 'Done'},
];

export function stepNumber(step: StepId): number {
	return STEPS.findIndex((s) => s.id === step) + 1;
}

export function stepTitle(step: StepId): string {
	return STEPS.find((s) => s.id === step)?.title ?? step;
}

/** The steps before `step`, in order. */
export function stepsBefore(step: StepId): StepId[] {
	const i = STEPS.findIndex((s) => s.id === step);
	return STEPS.slice(0, Math.max(i, 0)).map((s) => s.id);
}

export function nextStep(step: StepId): StepId {
	const i = STEPS.findIndex((s) => s.id === step);
	return STEPS[Math.min(i + 1, STEPS.length - 1)]!.id;
}
