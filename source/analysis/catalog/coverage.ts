// How much of a set of workflows converts to built-in: the measure the catalog is held to. Counted are the steps of
// connectors that have a built-in on this hosting whose built-in reference documents what the conversion needs; a
// step left out of the count carries the reason (no counterpart, the missing fact, the hosting).
import type {Workflow} from '../../model/index.js';
import type {HostingKind} from './types.js';
import {planWorkflowConversion} from './workflow-plan.js';

export interface CoverageStep {
	workflow: string;
	step: string;
	api: string;
	converted: boolean;
	/** Why it stays managed. */
	reason?: string;
}

export interface Coverage {
	/** Counted steps that convert. */
	converted: number;
	/** Steps held to the measure. */
	counted: number;
	/** converted / counted (1 when nothing is counted). */
	ratio: number;
	/** Counted steps that stay managed, each with its reason. */
	notConverted: CoverageStep[];
	/** Steps whose built-in reference leaves out a fact the conversion needs, or that have no built-in counterpart. */
	gaps: CoverageStep[];
	/** Steps whose built-in needs another hosting. */
	hosting: CoverageStep[];
}

export function conversionCoverage(workflows: readonly Workflow[], hosting: HostingKind = 'ws'): Coverage {
	const result: Coverage = {converted: 0, counted: 0, ratio: 1, notConverted: [], gaps: [], hosting: []};
	for (const wf of workflows) {
		for (const op of planWorkflowConversion(wf, {hosting}).operations) {
			const entry = op.entry;
			if (!entry || (entry.target !== 'builtin' && entry.target !== 'builtin-b2b')) continue;
			const step: CoverageStep = {
				workflow: wf.name,
				step: op.name,
				api: entry.api,
				converted: op.converted,
				...(op.converted ? {} : {reason: op.assessment?.reason ?? 'no assessment'}),
			};
			if (!op.converted && entry.hosting && entry.hosting.requires !== hosting) result.hosting.push(step);
			else if (!op.converted && op.assessment?.gap) result.gaps.push(step);
			else {
				result.counted++;
				if (op.converted) result.converted++;
				else result.notConverted.push(step);
			}
		}
	}
	result.ratio = result.counted === 0 ? 1 : result.converted / result.counted;
	return result;
}
