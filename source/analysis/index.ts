// analyze(): every rule family over one inventory, in a fixed order, robust to broken workflow definitions.
import {ACKNOWLEDGE_OPTION, REVIEW_AREAS, type Finding, type FindingKind, type Inventory, type ReviewArea, type Severity, type Workflow} from '../model/index.js';
import {iseSubject, makeFinding} from './finding.js';
import {resolveOperations, restrictOperations, type OperationIndex} from './operations.js';
import {cmkFindings} from './rules/cmk.js';
import {connectorFindings} from './rules/connectors.js';
import {credentialFindings} from './rules/credentials.js';
import {reachFindings} from './rules/reach.js';
import {customConnectorFindings} from './rules/custom-connectors.js';
import {endpointFindings} from './rules/endpoint.js';
import {flowStateFindings} from './rules/flow-state.js';
import {integrationAccountFindings} from './rules/integration-account.js';
import {outboundIpFindings} from './rules/outbound-ip.js';
import {skuFindings} from './rules/sku.js';
import {sourceFindings} from './rules/source.js';
import {subnetFindings} from './rules/subnets.js';
import {definitionProblems, unreadableFinding, workflowFindings} from './rules/workflow.js';

interface RuleFamily {
	kind: FindingKind;
	/** What the admin would call these checks, for failure messages. */
	label: string;
	run: (inv: Inventory, ops: OperationIndex) => Finding[];
}

// Order = order of the review screens; findings keep it within each severity.
const FAMILIES: RuleFamily[] = [
	{kind: 'sku', label: 'sizing', run: skuFindings},
	{kind: 'endpoint', label: 'inbound access', run: endpointFindings},
	{kind: 'outbound-ip', label: 'outbound IP', run: outboundIpFindings},
	{kind: 'subnets', label: 'subnet', run: subnetFindings},
	{kind: 'cmk', label: 'encryption key', run: cmkFindings},
	{kind: 'connector', label: 'connector', run: connectorFindings},
	{kind: 'connector', label: 'connection reach', run: reachFindings},
	{kind: 'custom-connector', label: 'custom connector', run: customConnectorFindings},
	{kind: 'integration-account', label: 'integration account', run: integrationAccountFindings},
	{kind: 'workflow', label: 'workflow pre-flight', run: workflowFindings},
	{kind: 'workflow', label: 'credential', run: credentialFindings},
	{kind: 'workflow', label: 'start-up', run: flowStateFindings},
	{kind: 'source', label: 'source', run: sourceFindings},
];

const SEVERITY_RANK: Record<Severity, number> = {blocker: 0, warning: 1, info: 2};
const AREAS = REVIEW_AREAS;

function message(err: unknown): string {
	const text = err instanceof Error ? err.message : String(err);
	return text.length > 160 ? text.slice(0, 160) + '…' : text;
}

function byName(a: Workflow, b: Workflow): number {
	const x = String(a.name).toLowerCase();
	const y = String(b.name).toLowerCase();
	return x < y ? -1 : x > y ? 1 : String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
}

/** A rule family that fails even without the offending workflows: say so instead of hiding the gap. */
function familyFailure(family: RuleFamily, inv: Inventory, err: unknown): Finding {
	return makeFinding({
		kind: family.kind,
		aspect: 'failed',
		severity: 'warning',
		certainty: 'C',
		subject: iseSubject(inv.ise.name),
		title: `The ${family.label} checks could not run`,
		detail: `The ${family.label} checks stopped with an error (${message(err)}), so their findings are missing. Review this area by hand.`,
		options: [
			{
				id: ACKNOWLEDGE_OPTION.acknowledge,
				label: 'Noted; review this area by hand',
				consequence: 'Migration goes on; a cut-over task reminds you to check this area yourself.',
				effects: [{type: 'acknowledge', todo: `Review the ${family.label} area by hand: the automatic checks failed.`}],
			},
		],
		recommended: ACKNOWLEDGE_OPTION.acknowledge,
	});
}

/**
 * Runs one family. If it throws, finds the workflows that make it throw by running it on each alone, then runs it
 * once more without them, so one broken definition costs only its own findings. A family that fails even without
 * any workflow is reported as a whole, and no workflow is blamed.
 */
function runFamily(family: RuleFamily, inv: Inventory, ops: OperationIndex, failures: Map<Workflow, string[]>): Finding[] {
	const only = (workflows: Workflow[]) => family.run({...inv, workflows}, restrictOperations(ops, workflows));
	try {
		return family.run(inv, ops);
	} catch (whole) {
		try {
			only([]);
		} catch (err) {
			return [familyFailure(family, inv, err)];
		}
		const healthy: Workflow[] = [];
		for (const wf of inv.workflows) {
			try {
				only([wf]);
				healthy.push(wf);
			} catch (err) {
				failures.set(wf, [...(failures.get(wf) ?? []), `the ${family.label} checks failed: ${message(err)}`]);
			}
		}
		try {
			return only(healthy);
		} catch (err) {
			return [familyFailure(family, inv, healthy.length === inv.workflows.length ? whole : err)];
		}
	}
}

export interface Analysis {
	/** Every connection-using step, resolved once (rules, converter, screens and report read these). */
	operations: OperationIndex;
	/** Ordered by orderFindings(): blockers first, grouped by review area. */
	findings: Finding[];
}

/** Every finding for an inventory, ordered by orderFindings(): blockers first, grouped by review area. */
export function analyze(inv: Inventory): Finding[] {
	return analyzeInventory(inv).findings;
}

/** Resolves every step once, then runs every rule family over the records. */
export function analyzeInventory(inv: Inventory): Analysis {
	// Sorting makes the output independent of the order a source listed the workflows in.
	const workflows = [...inv.workflows].sort(byName);
	const ordered: Inventory = {...inv, workflows};
	const failures = new Map<Workflow, string[]>();
	for (const wf of workflows) {
		const problems = definitionProblems(wf);
		if (problems.length > 0) failures.set(wf, problems);
	}

	const operations = resolveOperations(ordered);
	for (const wf of workflows) {
		const why = operations.failed.get(wf.name);
		if (why) failures.set(wf, [...(failures.get(wf) ?? []), `its connector steps could not be read: ${message(why)}`]);
	}
	const found: Finding[] = [];
	for (const family of FAMILIES) found.push(...runFamily(family, ordered, operations, failures));
	for (const wf of workflows) {
		const reasons = failures.get(wf);
		if (reasons) found.push(unreadableFinding(wf, reasons));
	}

	const seen = new Set<string>();
	const unique = found.filter((f) => {
		if (seen.has(f.id)) return false;
		seen.add(f.id);
		return true;
	});
	return {operations, findings: orderFindings(unique)};
}

/**
 * Blockers first, then warnings, then info; within a severity grouped by review area in screen order (sizing,
 * network, security, connectors, workflows), and within an area in rule order. A rule family may report into
 * another area (the connector family's pre-flight checks belong to 'workflows'), so grouping needs its own key.
 * Array.prototype.sort is stable, so the rule order survives inside each group.
 */
export function orderFindings(findings: readonly Finding[]): Finding[] {
	const areaRank = (a: ReviewArea) => {
		const i = AREAS.indexOf(a);
		return i < 0 ? AREAS.length : i;
	};
	return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || areaRank(a.area) - areaRank(b.area));
}

export interface FindingSummary {
	total: number;
	bySeverity: Record<Severity, number>;
	byArea: Record<ReviewArea, number>;
	/** Blockers per area, so a header can point at the screen that needs attention. */
	blockersByArea: Record<ReviewArea, number>;
}

export function summarize(findings: readonly Finding[]): FindingSummary {
	const zeroAreas = () => Object.fromEntries(AREAS.map((a) => [a, 0])) as Record<ReviewArea, number>;
	const summary: FindingSummary = {
		total: findings.length,
		bySeverity: {blocker: 0, warning: 0, info: 0},
		byArea: zeroAreas(),
		blockersByArea: zeroAreas(),
	};
	for (const f of findings) {
		summary.bySeverity[f.severity] = (summary.bySeverity[f.severity] ?? 0) + 1;
		summary.byArea[f.area] = (summary.byArea[f.area] ?? 0) + 1;
		if (f.severity === 'blocker') summary.blockersByArea[f.area] = (summary.blockersByArea[f.area] ?? 0) + 1;
	}
	return summary;
}
