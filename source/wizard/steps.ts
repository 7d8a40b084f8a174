import type {Finding, StepId} from '../model/index.js';

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

export function nextStep(step: StepId): StepId {
	const i = STEPS.findIndex((s) => s.id === step);
	return STEPS[Math.min(i + 1, STEPS.length - 1)]!.id;
}

/** Which findings each review step shows; `resolve` shows them all. */
export function findingsForStep(step: StepId, findings: readonly Finding[]): Finding[] {
	switch (step) {
		case 'sku':
			return findings.filter((f) => f.area === 'sizing');
		case 'endpoint':
			return findings.filter((f) => f.area === 'network');
		case 'key':
			return findings.filter((f) => f.area === 'security');
		case 'connectors':
			return findings.filter((f) => f.area === 'connectors');
		case 'resolve':
			return [...findings];
		default:
			return [];
	}
}
