// plan() and the hosting effect: which family, which App Service Environment (new, or existing by the id the admin
// gave), and its load balancer following the inbound decision. Every later step reads plan.hosting.
import {describe, expect, it} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {skuFindings} from '../../source/analysis/rules/sku.js';
import {aseNameFor} from '../../source/generate/hosting.js';
import {plan} from '../../source/generate/plan.js';
import type {Decisions, Finding} from '../../source/model/index.js';
import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {finding, inventory} from '../helpers/inventory.js';

const ASE_ID = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Web/hostingEnvironments/ase-shared';
const decided = (f: Finding, optionId: string, value?: string): Decisions => ({[f.id]: {findingId: f.id, optionId, ...(value ? {value} : {}), decidedAt: 't'}});
const inbound = (mode: 'private-endpoint' | 'public-restricted') =>
	finding('endpoint:x', {kind: 'endpoint', area: 'network', options: [{id: mode, label: mode, consequence: 'c', effects: [{type: 'inbound', mode}]}], recommended: mode});

describe('plan().hosting', () => {
	const inv = inventory();
	const [sku] = skuFindings(inv);

	it('without a hosting finding it stays on a Workflow Standard plan', () => {
		expect(plan(inv, [], {}).hosting).toEqual({kind: 'ws', plan: 'WS2', instances: 1, apps: 1});
	});

	it('a Workflow Standard option carries its plan, instances and apps', () => {
		expect(plan(inv, [sku!], decided(sku!, 'headroom')).hosting).toEqual({kind: 'ws', plan: 'WS3', instances: 3, apps: 1});
	});

	it('a new ASE gets a name of at most 36 characters and an internal load balancer when inbound is private', () => {
		const p = plan(inv, [sku!, inbound('private-endpoint')], decided(sku!, 'ase-new'));
		expect(p.hosting).toEqual({kind: 'ase', plan: 'I2v2', instances: 2, apps: 1, ase: {source: 'new', name: 'test-ase', internal: true, subnetPrefixLength: 24}});
		expect(aseNameFor('a'.repeat(60))).toHaveLength(36);
		expect(aseNameFor('a'.repeat(60))).toMatch(/^[a-z0-9][a-z0-9-]*-ase$/);
	});

	it('its load balancer follows the inbound decision applied after it, whatever the order of findings', () => {
		for (const order of [[sku!, inbound('public-restricted')], [inbound('public-restricted'), sku!]]) {
			const p = plan(inv, order, decided(sku!, 'ase-new'));
			expect(p.hosting.kind === 'ase' && p.hosting.ase.internal).toBe(false);
		}
	});

	it('an existing ASE takes the resource id the admin gave, and none when the value is missing or not an ASE id', () => {
		const given = plan(inv, [sku!], decided(sku!, 'ase-existing', `${ASE_ID}/`)).hosting;
		expect(given).toMatchObject({kind: 'ase', ase: {source: 'existing', id: ASE_ID, name: 'ase-shared'}});
		for (const value of [undefined, '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet']) {
			const p = plan(inv, [sku!], decided(sku!, 'ase-existing', value));
			expect(p.hosting).toMatchObject({kind: 'ase', ase: {source: 'existing'}});
			expect(p.hosting.kind === 'ase' && p.hosting.ase.source === 'existing' && p.hosting.ase.id).toBeFalsy();
		}
	});
});

describe('the sample migrates both ways with one decision', () => {
	const inv = contosoInventory();
	const findings = analyze(inv);
	const sku = findings.find((f) => f.kind === 'sku')!;

	it('its recommendation is a new internal ASE v3 (Internal endpoint, a file share); "balanced" flips it to Workflow Standard', () => {
		expect(sku.id).toBe('sku:contoso-ise');
		expect(sku.recommended).toBe('ase-new');
		const ase = plan(inv, findings, {});
		expect(ase.hosting).toMatchObject({kind: 'ase', ase: {source: 'new', name: 'contoso-ase', internal: true}});
		const ws = plan(inv, findings, decided(sku, 'balanced'));
		expect(ws.hosting).toEqual({kind: 'ws', plan: 'WS3', instances: 2, apps: 1});
		// On Workflow Standard the File System steps stay managed: each gets a task to reach its share through a
		// data gateway, and nothing else in the plan moves with the hosting.
		// (operations is an index of functions, made once per plan.)
		const fileSystemTasks = (p: typeof ws) => p.todos.filter((t) => t.findingId.startsWith('connector:filesystem:op:'));
		expect(fileSystemTasks(ase)).toEqual([]);
		expect(fileSystemTasks(ws).length).toBeGreaterThan(0);
		for (const t of fileSystemTasks(ws)) expect(t.text).toMatch(/on-premises data gateway/);
		const {hosting: _a, decisions: _d1, operations: _o1, todos: t1, ...restAse} = ase;
		const {hosting: _b, decisions: _d2, operations: _o2, todos: t2, ...restWs} = ws;
		expect(restWs).toEqual(restAse);
		expect(t2.filter((t) => !fileSystemTasks(ws).includes(t))).toEqual(t1);
	});
});
