// Would this managed operation convert to its built-in operation, and if not, why? One answer shared by the
// connector findings (what the admin is told) and the converter (what is written), so they never disagree.
import type {Certainty} from '../../model/index.js';
import {isConfident, minCertainty, planOperation, type OperationPlan, type PlanOptions} from './apply.js';
import type {CatalogEntry, OperationMatch} from './types.js';
import {describeRequest} from '../walk.js';

export interface Assessment {
	convertible: boolean;
	certainty: Certainty;
	match?: OperationMatch;
	plan?: OperationPlan;
	/** Why it stays managed (when not convertible). */
	reason?: string;
	/**
	 * Why the step could not convert whatever the workflow said: the built-in has no counterpart for it, or Microsoft's
	 * built-in reference leaves out a fact the conversion needs (`reason` names it). Absent when this workflow's own
	 * content (a value computed at run time, an expression read later) keeps it managed.
	 */
	gap?: 'no-counterpart' | 'undocumented';
}


export function assessOperation(
	entry: CatalogEntry | undefined,
	match: OperationMatch | undefined,
	op: Record<string, unknown>,
	options: PlanOptions,
): Assessment {
	if (!entry) return {convertible: false, certainty: 'U', reason: 'the connector is not in the catalog, so no built-in mapping is known'};
	if (entry.target === 'managed') return {convertible: false, certainty: entry.certainty, reason: 'it has no built-in version'};
	if (entry.target === 'builtin-action') {
		return {convertible: false, certainty: 'U', reason: `${entry.displayName} is called through its own action type in Standard, not through a connector operation`};
	}
	// Known only at generation: analysis (no hosting) assesses what could convert, the converter what will on the
	// hosting chosen, and the hosting finding says which connectors that changes.
	if (entry.hosting && options.hosting !== undefined && options.hosting !== entry.hosting.requires) {
		return {convertible: false, certainty: 'C', ...(match ? {match} : {}), reason: entry.hosting.reason};
	}
	if (!match) return {convertible: false, certainty: 'U', reason: `operation ${describeRequest(op)} has no known built-in equivalent`};
	if (!match.mapping.operationId) {
		return {convertible: false, certainty: match.mapping.certainty, match, reason: match.mapping.note ?? 'it has no built-in counterpart', gap: 'no-counterpart'};
	}
	// Built-in action types of their own (B2B) take no connection.
	const needsConnection = !match.mapping.actionType;
	if (needsConnection && (!entry.serviceProviderId || !entry.connection)) {
		return {convertible: false, certainty: 'U', match, reason: 'the built-in connection parameters are not known'};
	}
	if (needsConnection && entry.connection && !isConfident(entry.connection.certainty)) {
		return {
			convertible: false,
			certainty: 'U',
			match,
			reason: `the built-in connection parameters are unverified [U]${entry.connection?.note ? ` (${entry.connection.note})` : ''}`,
		};
	}
	const plan = planOperation(match, op, options);
	const certainty = minCertainty(plan.certainty, entry.certainty);
	if (!plan.ok || !isConfident(certainty)) {
		return {
			convertible: false,
			certainty,
			match,
			plan,
			reason: `'${match.mapping.label}' → ${match.mapping.operationId ?? 'no built-in operation'}: ${plan.reasons.join('; ')}`,
			...(plan.undocumented ? {gap: 'undocumented' as const} : {}),
		};
	}
	return {convertible: true, certainty, match, plan};
}
