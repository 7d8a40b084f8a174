import {describe, expect, it} from 'vitest';
import {chosenOption, connectorTarget, plan, unresolvedBlockers} from '../../source/generate/plan.js';
import {appNameFor, safeName, uniqueSafeNames} from '../../source/generate/names.js';
import {finding, inventory, workflow} from '../helpers/inventory.js';

describe('plan()', () => {
	it('applies the recommended option unless the admin decided otherwise', () => {
		const f = finding('w1');
		const p1 = plan(inventory(), [f], {});
		expect(p1.todos).toEqual([{findingId: 'w1', text: 'todo w1'}]);
		expect(p1.workflows[0]!.include).toBe(true);
		const p2 = plan(inventory(), [f], {w1: {findingId: 'w1', optionId: 'b', decidedAt: 't'}});
		expect(p2.todos).toEqual([]);
		expect(p2.workflows[0]!.include).toBe(false);
	});

	it('ignores a saved decision whose option no longer exists', () => {
		const f = finding('w1');
		expect(chosenOption(f, {w1: {findingId: 'w1', optionId: 'gone', decidedAt: 't'}})?.id).toBe('a');
	});

	it('lists undecided blockers only', () => {
		const blocker = finding('b1', {severity: 'blocker'});
		const warning = finding('w1');
		expect(unresolvedBlockers([blocker, warning], {}).map((f) => f.id)).toEqual(['b1']);
		expect(unresolvedBlockers([blocker], {b1: {findingId: 'b1', optionId: 'b', decidedAt: 't'}})).toEqual([]);
	});

	it('lets a per-workflow connector choice win over the connector-wide one, in any order', () => {
		const wide = finding('connector:sql', {options: [{id: 'builtin', label: 'b', consequence: 'c', effects: [{type: 'connector', api: 'sql', target: 'builtin'}]}], recommended: 'builtin'});
		const one = finding('connector:sql@orders', {options: [{id: 'managed', label: 'm', consequence: 'c', effects: [{type: 'connector', api: 'sql', target: 'managed', workflow: 'orders'}]}], recommended: 'managed'});
		for (const order of [[wide, one], [one, wide]]) {
			const p = plan(inventory(), order, {});
			expect(connectorTarget(p, 'orders', 'sql')).toBe('managed');
			expect(connectorTarget(p, 'other', 'sql')).toBe('builtin');
		}
	});

	it('gives each workflow a safe, unique folder', () => {
		const inv = inventory({workflows: [workflow('Orders'), workflow('orders'), workflow('../../etc'), workflow('con')]});
		const folders = plan(inv, [], {}).workflows.map((w) => w.folder);
		expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(4);
		for (const f of folders) expect(f).toMatch(/^[\w-]+$/);
	});
});

describe('names', () => {
	it('strips traversal and odd characters', () => {
		expect(safeName('../..')).toBe('workflow');
		expect(safeName('Order intake (v2)')).toBe('Order-intake-v2');
		expect(uniqueSafeNames(['a', 'A', 'a'])).toEqual(['a', 'A-2', 'a-3']);
		expect(appNameFor('contoso-ise')).toBe('contoso-standard');
	});
});

describe('plan() precedence', () => {
	it("applies a blocker's choice after the general ones, whatever the order of findings", () => {
		const general = finding('endpoint:x', {severity: 'warning', options: [{id: 'pe', label: 'pe', consequence: 'c', effects: [{type: 'inbound', mode: 'private-endpoint'}]}], recommended: 'pe'});
		const blocker = finding('endpoint:x:webhooks', {severity: 'blocker', options: [{id: 'pub', label: 'pub', consequence: 'c', effects: [{type: 'inbound', mode: 'public-restricted'}]}], recommended: 'pub'});
		for (const order of [[general, blocker], [blocker, general]]) {
			expect(plan(inventory(), order, {}).inbound).toBe('public-restricted');
		}
	});
});
