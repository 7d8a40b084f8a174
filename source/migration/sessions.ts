// Saved sessions as the start screen and the `sessions` command list them.
import {stepTitle, type Session} from '../model/index.js';

export interface SessionSummary {
	id: string;
	iseName: string;
	sourceLabel: string;
	step: string;
	decisions: number;
	updatedAt: string;
}

export function sourceLabel(s: Session): string {
	if (s.source.kind === 'demo') return 'sample';
	if (s.source.kind === 'azure') return `Azure ${s.source.subscriptionName ?? s.source.subscriptionId ?? ''}`.trim();
	return s.source.path ?? s.source.kind;
}

export function sessionSummaries(sessions: readonly Session[]): SessionSummary[] {
	return sessions.map((s) => ({
		id: s.id,
		iseName: s.iseName,
		sourceLabel: sourceLabel(s),
		step: stepTitle(s.step),
		decisions: Object.keys(s.decisions).length,
		updatedAt: s.updatedAt,
	}));
}
