// The tasks the decisions put on the cut-over list, in the order an admin must meet them: blockers' follow-ups
// first, then the rest in the findings' order. A task about a workflow left out of the migration (or a finding
// whose workflows are all left out) is dropped: nothing of them moves, so there is nothing to do for them. Pure.
import type {Severity} from '../model/index.js';
import {decidedFindings, type DecidedFinding} from './decided.js';
import type {DocumentInput} from './document-input.js';

export interface FollowUp {
	findingId: string;
	severity: Severity;
	text: string;
	/** The workflows the finding is about (empty: the whole migration). */
	workflows: string[];
}

const RANK: Record<Severity, number> = {blocker: 0, warning: 1, info: 2};

export function followUps(decided: readonly DecidedFinding[], included: ReadonlySet<string>): FollowUp[] {
	const out: {task: FollowUp; order: number}[] = [];
	decided.forEach((d, order) => {
		const workflows = d.finding.workflows ?? [];
		if (workflows.length > 0 && !workflows.some((w) => included.has(w))) return;
		for (const t of d.tasks) {
			if (t.workflow && !included.has(t.workflow)) continue;
			out.push({task: {findingId: d.finding.id, severity: d.finding.severity, text: t.text, workflows: t.workflow ? [t.workflow] : workflows}, order});
		}
	});
	return out.sort((a, b) => RANK[a.task.severity] - RANK[b.task.severity] || a.order - b.order).map((x) => x.task);
}

export interface DecisionFacts {
	decided: DecidedFinding[];
	tasks: FollowUp[];
	/** Names of the workflows that move. */
	included: Set<string>;
}

const facts = new WeakMap<DocumentInput, DecisionFacts>();

/** Every finding as decided and the tasks they leave, worked out once per generation for all the documents. */
export function decisionFacts(input: DocumentInput): DecisionFacts {
	let known = facts.get(input);
	if (!known) {
		const decided = decidedFindings(input.plan);
		const included = new Set(input.workflows.filter((w) => w.included).map((w) => w.name));
		known = {decided, tasks: followUps(decided, included), included};
		facts.set(input, known);
	}
	return known;
}
