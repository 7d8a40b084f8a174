// What a decision means, in one place: whether a finding is decided, which option is in force, whether a saved
// decision went stale, and how far the review has come. plan(), the screens, the header, the report and the
// headless commands all ask here, so they can never disagree (before, three copies did on a stale decision).
import type {Decision, Decisions, Finding, FindingOption, Severity} from './finding.js';

/**
 * How a finding stands:
 * - `decided`: the admin (or a decisions file) chose an option that the finding still offers;
 * - `stale`: a decision was saved, but the finding no longer offers that option (the rules changed or the ISE
 *   did): it counts as undecided and the recommendation is in force until the admin decides again;
 * - `open`: nothing decided; the recommendation is in force.
 */
export type DecisionStatus = 'decided' | 'stale' | 'open';

export interface FindingState {
	status: DecisionStatus;
	/** The option plan() applies: the decided one, else the recommendation (else the first option). */
	option: FindingOption | undefined;
	/** The saved decision, when there is one (also when stale). */
	decision?: Decision;
}

export function findingState(finding: Finding, decisions: Decisions): FindingState {
	const decision = decisions[finding.id];
	const decided = decision ? finding.options.find((o) => o.id === decision.optionId) : undefined;
	if (decided) return {status: 'decided', option: decided, decision};
	const fallback = finding.options.find((o) => o.id === finding.recommended) ?? finding.options[0];
	return decision ? {status: 'stale', option: fallback, decision} : {status: 'open', option: fallback};
}

/** The option in force for a finding: the admin's decision when it still names an option, else the recommendation. */
export function chosenOption(finding: Finding, decisions: Decisions): FindingOption | undefined {
	return findingState(finding, decisions).option;
}

export function isDecided(finding: Finding, decisions: Decisions): boolean {
	return findingState(finding, decisions).status === 'decided';
}

/** Blockers the admin has not decided (a stale decision does not count). */
export function unresolvedBlockers(findings: readonly Finding[], decisions: Decisions): Finding[] {
	return findings.filter((f) => f.severity === 'blocker' && !isDecided(f, decisions));
}

export interface ReviewProgress {
	decided: number;
	total: number;
	blockersOpen: number;
}

/** How far the review has come: what the header shows and what `generate` refuses to go past. */
export function reviewProgress(findings: readonly Finding[], decisions: Decisions): ReviewProgress {
	let decided = 0;
	let blockersOpen = 0;
	for (const f of findings) {
		if (isDecided(f, decisions)) decided++;
		else if (f.severity === 'blocker') blockersOpen++;
	}
	return {decided, total: findings.length, blockersOpen};
}

/** Who made the choice in force, for the report: the admin, a file of recommendations, or nobody (the default). */
export function decidedBy(state: FindingState): 'admin' | 'recommended' | 'default' {
	if (state.status !== 'decided') return 'default';
	return state.decision?.by === 'recommended' ? 'recommended' : 'admin';
}

/** How many findings of each severity. */
export function summarizeSeverities(findings: readonly Finding[]): Record<Severity, number> {
	const counts: Record<Severity, number> = {blocker: 0, warning: 0, info: 0};
	for (const f of findings) counts[f.severity]++;
	return counts;
}
