// What Generate lists before writing: the blockers still open, counted as the header counts them (a group once),
// so "3 blockers open" in the header is never "716 blockers undecided" a step later.
import {describe, expect, it} from 'vitest';
import {buildReview, groupDecisionId, type FindingGroupSpec} from '../../source/model/index.js';
import {openBlockerItems} from '../../source/wizard/review.js';
import {finding} from '../helpers/inventory.js';

const spec: FindingGroupSpec = {
	key: 'workflow:nested-workflow',
	title: 'Workflows that call other workflows',
	detail: 'd',
	options: [
		{id: 'a', label: 'A for all', consequence: 'a'},
		{id: 'b', label: 'B for all', consequence: 'b'},
	],
	recommended: 'a',
};
const blocker = (id: string, grouped: boolean) => finding(id, {severity: 'blocker', ...(grouped ? {group: spec} : {})});

describe('open blockers before writing', () => {
	const findings = [...Array.from({length: 40}, (_, i) => blocker(`calls-${i}`, true)), blocker('webhooks', false), finding('a-warning')];

	it('a group of blockers is one line with how many of its members are open, as the header counts it', () => {
		const review = buildReview(findings, {});
		expect(openBlockerItems(review, 'resolve')).toEqual([
			{id: groupDecisionId(spec.key), title: 'Workflows that call other workflows (40 undecided)', options: ['a', 'b'], recommended: 'a'},
			{id: 'webhooks', title: 'finding webhooks', options: ['a', 'b'], recommended: 'a'},
		]);
		expect(review.progress.blockersOpen).toBe(2);
	});

	it('a decided group and members decided on their own leave the list', () => {
		const decided = {findingId: groupDecisionId(spec.key), optionId: 'b', decidedAt: 't'};
		const review = buildReview(findings, {[decided.findingId]: decided, webhooks: {findingId: 'webhooks', optionId: 'a', decidedAt: 't'}});
		expect(openBlockerItems(review, 'resolve')).toEqual([]);
		expect(review.progress.blockersOpen).toBe(0);
	});
});
