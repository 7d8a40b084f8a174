// Every finding as the documents explain it: why it matters, the option in force and its consequence, who decided
// it, the admin's note and value, the follow-up it puts on the cut-over list, and — for a question that did not
// arise — why. Read from the one decision semantics (model/decisions.ts), so the report, report.json and the
// cut-over list can never disagree with the wizard. Pure.
import {buildReview, decidedBy, isDecidedState, type FindingState} from '../model/decisions.js';
import type {Certainty, Finding, FindingOption, ReviewArea, Severity} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {groupPairs} from '../model/text.js';

/** Who made the choice in force, as report.json names it. */
export type DecidedBy = 'admin' | 'accepted' | 'group' | 'recommended-by-headless' | 'default';

export interface DecidedFinding {
	finding: Finding;
	state: FindingState;
	/** Set when the finding's question did not arise (the connector choices closed it): why. */
	closed?: string;
	option?: FindingOption;
	by: DecidedBy;
	/** A blocker nobody decided. */
	unresolved: boolean;
	note?: string;
	/** The value the option took (a region, an existing ASE's id). */
	value?: string;
	/** What the option in force puts on the cut-over list, for a finding that is not closed (with the workflow a task is about). */
	followUps: string[];
	tasks: {text: string; workflow?: string}[];
}

const BY: Record<ReturnType<typeof decidedBy>, DecidedBy> = {
	admin: 'admin',
	accepted: 'accepted',
	group: 'group',
	recommended: 'recommended-by-headless',
	default: 'default',
};

/** Every finding of the plan with its decision, in the findings' order (blockers first). */
export function decidedFindings(plan: Plan): DecidedFinding[] {
	const {views} = buildReview(plan.findings, plan.decisions);
	const todos = groupPairs(plan.todos.map((t) => [t.findingId, {text: t.text, ...(t.workflow ? {workflow: t.workflow} : {})}] as const));
	return plan.findings.map((finding) => {
		const view = views.get(finding.id)!;
		const by = BY[decidedBy(view.state)];
		const value = view.state.status === 'decided' && view.state.option?.input ? view.state.decision?.value : undefined;
		return {
			finding,
			state: view.state,
			...(view.closed ? {closed: view.closed} : {}),
			...(view.state.option ? {option: view.state.option} : {}),
			by,
			unresolved: finding.severity === 'blocker' && !isDecidedState(view.state) && !view.closed,
			...(view.state.decision?.note ? {note: view.state.decision.note} : {}),
			...(value ? {value} : {}),
			tasks: view.closed ? [] : (todos.get(finding.id) ?? []),
			followUps: view.closed ? [] : (todos.get(finding.id) ?? []).map((t) => t.text),
		};
	});
}

/** Who decided, in words for people. */
export function decidedByText(d: DecidedFinding): string {
	if (d.closed) return 'nobody needed to: the question did not arise';
	if (d.unresolved) return '**UNRESOLVED**: nobody decided this blocker; the recommendation stands in until someone does';
	switch (d.by) {
		case 'admin':
			return 'the admin';
		case 'accepted':
			return "the admin, accepting a screen's recommendations in one go";
		case 'group':
			return `the admin, for the whole group "${d.finding.group?.title ?? 'of similar findings'}"`;
		case 'recommended-by-headless':
			return 'not reviewed: `ise-migrate generate` took the recommendation';
		case 'default':
			return d.state.status === 'stale'
				? 'not decided: an earlier decision names an option this finding no longer offers, so the recommendation is in force'
				: 'not decided: the recommendation is in force';
	}
}

export function certaintyLabel(c: Certainty): string {
	return c === 'C' ? '[C] confirmed' : c === 'S' ? '[S] secondary source' : '[U] our inference — verify';
}

export const SEVERITY_LABEL: Record<Severity, string> = {blocker: 'BLOCKER', warning: 'warning', info: 'info'};

export const AREA_TITLE: Record<ReviewArea, string> = {
	sizing: 'Sizing and hosting',
	network: 'Network',
	security: 'Encryption key',
	connectors: 'Connectors',
	workflows: 'Workflows and the source',
};
