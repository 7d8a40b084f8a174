// Decision semantics: one answer to "is it decided, what is in force, does it still matter" for every caller.
import {describe, expect, it} from 'vitest';
import {plan} from '../../source/generate/plan.js';
import {buildReview, findingState, groupDecisionId, openBlockerLines, unresolvedBlockers, type Decisions, type Finding, type FindingGroupSpec} from '../../source/model/index.js';
import {finding, inventory} from '../helpers/inventory.js';

const spec: FindingGroupSpec = {
	key: 'workflow:limits',
	title: 'Workflows that exceed a limit',
	detail: 'd',
	options: [
		{id: 'a', label: 'A for all', consequence: 'a'},
		{id: 'b', label: 'B for all', consequence: 'b'},
	],
	recommended: 'a',
};
const member = (id: string, extra: Partial<Finding> = {}) => finding(id, {group: spec, ...extra});
const decision = (findingId: string, optionId: string) => ({findingId, optionId, decidedAt: 't'});

describe('groups', () => {
	const findings = [member('x'), member('y'), member('z'), finding('solo')];

	it('show as one review item that counts once, next to the findings that are not grouped', () => {
		const review = buildReview(findings, {});
		expect(review.items.map((i) => i.id)).toEqual([groupDecisionId('workflow:limits'), 'solo']);
		expect(review.progress).toEqual({decided: 0, total: 2, blockersOpen: 0});
	});

	it("a group decision decides every member that has no decision of its own, with that member's own option", () => {
		const decisions: Decisions = {[groupDecisionId(spec.key)]: decision(groupDecisionId(spec.key), 'b')};
		for (const id of ['x', 'y', 'z']) {
			const state = findingState(findings.find((f) => f.id === id)!, decisions);
			expect(state.status).toBe('group');
			expect(state.option?.id).toBe('b');
		}
		expect(buildReview(findings, decisions).progress.decided).toBe(1);
		// plan() applies each member's own effects of the group's option.
		expect(plan(inventory(), findings, decisions).workflows.find((w) => w.name === 'orders')?.include).toBe(false);
	});

	it('a member decided on its own overrides the group, and the group says how many do', () => {
		const decisions: Decisions = {[groupDecisionId(spec.key)]: decision(groupDecisionId(spec.key), 'b'), y: decision('y', 'a')};
		expect(findingState(findings[1]!, decisions)).toMatchObject({status: 'decided', option: {id: 'a'}});
		const group = buildReview(findings, decisions).items[0]!;
		expect(group).toMatchObject({type: 'group', overrides: 1, open: 0, option: {id: 'b'}});
	});

	it('a group whose members are all decided one by one counts as decided without a group decision', () => {
		const decisions: Decisions = {x: decision('x', 'a'), y: decision('y', 'b'), z: decision('z', 'a')};
		expect(buildReview(findings, decisions).progress.decided).toBe(1);
	});

	it('a stale decision of its own gives way to the group decision', () => {
		const decisions: Decisions = {x: decision('x', 'gone'), [groupDecisionId(spec.key)]: decision(groupDecisionId(spec.key), 'b')};
		expect(findingState(findings[0]!, decisions)).toMatchObject({status: 'group', option: {id: 'b'}});
		expect(findingState(findings[0]!, {x: decision('x', 'gone')})).toMatchObject({status: 'stale', option: {id: 'a'}});
	});

	it('a lone member is shown as itself', () => {
		expect(buildReview([member('only')], {}).items).toMatchObject([{type: 'finding', id: 'only'}]);
	});
});

describe('findings that only matter under a connector choice', () => {
	const sqlWide = finding('connector:sql', {
		kind: 'connector',
		options: [
			{id: 'builtin', label: 'built-in', consequence: '', effects: [{type: 'connector', api: 'sql', target: 'builtin'}]},
			{id: 'managed', label: 'managed', consequence: '', effects: [{type: 'connector', api: 'sql', target: 'managed'}]},
		],
		recommended: 'builtin',
	});
	const step = finding('connector:sql:op:orders/Get_rows', {
		kind: 'connector',
		relevantWhen: {type: 'connector-target', api: 'sql', apiName: 'SQL Server', workflow: 'orders', target: 'builtin'},
	});
	const findings = [sqlWide, step];

	it('are open while the connector converts, and count', () => {
		const review = buildReview(findings, {});
		expect(review.views.get(step.id)?.closed).toBeUndefined();
		expect(review.progress.total).toBe(2);
		expect(plan(inventory(), findings, {}).todos.map((t) => t.findingId)).toContain(step.id);
	});

	it('close when the connector stays managed: they ask nothing, count for nothing and add no task', () => {
		const decisions: Decisions = {'connector:sql': decision('connector:sql', 'managed')};
		const review = buildReview(findings, decisions);
		expect(review.views.get(step.id)?.closed).toMatch(/SQL Server stays on the managed connector in orders/);
		expect(review.progress).toEqual({decided: 1, total: 1, blockersOpen: 0});
		expect(plan(inventory(), findings, decisions).todos.map((t) => t.findingId)).not.toContain(step.id);
	});

	it('a closed blocker is not an unresolved blocker', () => {
		const blocker = {...step, severity: 'blocker' as const};
		expect(unresolvedBlockers([sqlWide, blocker], {})).toHaveLength(1);
		expect(unresolvedBlockers([sqlWide, blocker], {'connector:sql': decision('connector:sql', 'managed')})).toHaveLength(0);
	});
});

describe('updating the review after a change', () => {
	it('gives what building it afresh gives, for any sequence of decisions on the sample (finding, group, connector)', async () => {
		const fc = (await import('fast-check')).default;
		const {prepareMigration} = await import('../../source/migration/index.js');
		const {loadDemo} = await import('../../source/services.js');
		const {updateReview, groupFindings: groupsOf} = await import('../../source/model/index.js');
		const m = prepareMigration(loadDemo());
		const targets = [
			...m.findings.map((f) => ({id: f.id, options: f.options.map((o) => o.id)})),
			...[...groupsOf(m.findings).values()].map((g) => ({id: g.id, options: g.spec.options.map((o) => o.id)})),
		];
		const summary = (r: ReturnType<typeof buildReview>) => ({
			progress: r.progress,
			items: r.items.map((i) => (i.type === 'finding' ? [i.id, i.state.status, i.state.option?.id, i.closed ?? ''] : [i.id, i.open, i.overrides, i.closed, i.option?.id])),
			views: [...r.views.values()].map((v) => [v.finding.id, v.state.status, v.state.option?.id, v.closed ?? '']),
			choices: r.choices,
		});
		fc.assert(
			fc.property(
				fc.array(fc.record({target: fc.integer({min: 0, max: targets.length - 1}), option: fc.nat(), clear: fc.boolean()}), {maxLength: 12}),
				(steps) => {
					let decisions: Decisions = {};
					let review = buildReview(m.findings, decisions);
					for (const step of steps) {
						const t = targets[step.target]!;
						const next: Decisions = {...decisions};
						if (step.clear) delete next[t.id];
						else next[t.id] = {findingId: t.id, optionId: t.options[step.option % t.options.length]!, decidedAt: 't'};
						review = updateReview(review, m.findings, decisions, next);
						decisions = next;
						expect(summary(review)).toEqual(summary(buildReview(m.findings, decisions)));
					}
				},
			),
			{numRuns: 40},
		);
	});
});

// What Generate and the headless command list before writing: the blockers still open, counted as the header
// counts them (a group once), so "3 blockers open" in the header is never "716 blockers undecided" a step later.
describe('open blockers before writing', () => {
	const blocker = (id: string, grouped: boolean) => finding(id, {severity: 'blocker', ...(grouped ? {group: spec} : {})});
	const findings = [...Array.from({length: 40}, (_, i) => blocker(`over-${i}`, true)), blocker('webhooks', false), finding('a-warning')];

	it('a group of blockers is one line with how many of its members are open, as the header counts it', () => {
		const review = buildReview(findings, {});
		expect(openBlockerLines(review.items)).toEqual([
			{id: groupDecisionId(spec.key), title: 'Workflows that exceed a limit (40 undecided)', options: ['a', 'b'], recommended: 'a'},
			{id: 'webhooks', title: 'finding webhooks', options: ['a', 'b'], recommended: 'a'},
		]);
		expect(review.progress.blockersOpen).toBe(2);
	});

	it('a decided group and findings decided on their own leave the list', () => {
		const review = buildReview(findings, {[groupDecisionId(spec.key)]: decision(groupDecisionId(spec.key), 'b'), webhooks: decision('webhooks', 'a')});
		expect(openBlockerLines(review.items)).toEqual([]);
		expect(review.progress.blockersOpen).toBe(0);
	});
});
