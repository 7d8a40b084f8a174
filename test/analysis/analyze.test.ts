import {describe, expect, it} from 'vitest';
import {analyze, orderFindings, summarize} from '../../source/analysis/index.js';
import type {Finding, Inventory, Workflow} from '../../source/model/index.js';
import {action, conn, integrationAccount, inventory, ise, triggers, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

const RANK = {blocker: 0, warning: 1, info: 2} as const;

function estate(workflows?: Workflow[]): Inventory {
	return inventory({
		ise: ise({
			accessEndpoint: 'Internal',
			outboundIps: {workflow: ['20.1.1.1'], connector: ['40.2.2.2']},
			encryption: {keyVaultId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv', keyName: 'k'},
		}),
		workflows: workflows ?? [
			workflow('on-event', {triggers: triggers.api('eg', 'ApiConnectionWebhook')}, {connections: [conn('eg', 'azureeventgrid')]}),
			workflow('js', {actions: {Code: action('JavaScriptCode', {inputs: {code: 'return 1;'}})}}),
			workflow('Alpha-js', {actions: {Code: action('JavaScriptCode', {inputs: {code: 'return 2;'}})}}),
			workflow('echo', {triggers: triggers.request(), actions: {Reply: action('Response')}}),
			workflow('nightly'),
		],
		integrationAccounts: [integrationAccount('ia', {maps: [{name: 'm'}]})],
		issues: [{where: 'templates/extra.json', message: 'Could not resolve parameter x'}],
	});
}

const ids = (fs: Finding[]) => fs.map((f) => f.id);

describe('analyze', () => {
	it('runs every rule family and returns well-formed findings with unique ids', () => {
		const findings = analyze(estate());
		expectWellFormed(findings);
		expect(new Set(ids(findings)).size).toBe(findings.length);
		const kinds = new Set(findings.map((f) => f.kind));
		for (const kind of ['sku', 'endpoint', 'outbound-ip', 'subnets', 'cmk', 'integration-account', 'workflow', 'source']) {
			expect(kinds, kind).toContain(kind);
		}
	});

	it('puts blockers first, then warnings, then info', () => {
		const findings = analyze(estate());
		const ranks = findings.map((f) => RANK[f.severity]);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(findings[0]!.severity).toBe('blocker');
		expect(findings.some((f) => f.severity === 'info')).toBe(true);
	});

	it('groups each severity by review area in screen order, keeping rule order inside a group', () => {
		const f = (id: string, severity: Finding['severity'], area: Finding['area']) => ({...analyze(estate())[0]!, id, severity, area});
		const mixed = [
			f('c1', 'warning', 'connectors'),
			f('w1', 'warning', 'workflows'),
			f('c2', 'warning', 'connectors'),
			f('i1', 'info', 'sizing'),
			f('n1', 'warning', 'network'),
			f('b1', 'blocker', 'workflows'),
			f('b2', 'blocker', 'network'),
			f('w2', 'warning', 'workflows'),
		];
		expect(ids(orderFindings(mixed))).toEqual(['b2', 'b1', 'n1', 'c1', 'c2', 'w1', 'w2', 'i1']);
		// The input is left as it was.
		expect(ids(mixed)[0]).toBe('c1');
	});

	it('gives the same findings on a second run and whatever order the workflows come in', () => {
		const inv = estate();
		const first = analyze(inv);
		expect(analyze(inv)).toEqual(first);
		const reversed = {...inv, workflows: [...inv.workflows].reverse()};
		expect(ids(analyze(reversed))).toEqual(ids(first));
	});

	it('does not change the inventory it reads', () => {
		const inv = estate();
		const copy = structuredClone(inv);
		analyze(inv);
		expect(inv).toEqual(copy);
	});

	it('reports broken definitions and still analyses the other workflows', () => {
		const broken = [
			{...workflow('oops'), definition: 'oops' as unknown as Record<string, unknown>},
			workflow('forty-two', {actions: 42}),
		];
		const findings = analyze(estate([...broken, ...estate().workflows]));
		expectWellFormed(findings);
		for (const name of ['oops', 'forty-two']) {
			const f = findings.find((x) => x.id === `workflow:${name}:unreadable`);
			expect(f, name).toBeDefined();
			expect(f!.severity).toBe('warning');
			expect(f!.detail).toMatch(/could not be analysed/);
			expect(f!.options.some((o) => o.effects.some((e) => e.type === 'workflow' && e.workflow === name && e.include === false))).toBe(true);
		}
		expect(findings.find((f) => f.id === 'workflow:oops:unreadable')!.detail).toMatch(/not a JSON object/);
		expect(findings.find((f) => f.id === 'workflow:forty-two:unreadable')!.detail).toMatch(/actions/);
		// The healthy workflows keep their findings.
		expect(ids(findings)).toContain('workflow:js:inline-code');
		expect(findings.find((f) => f.id === 'endpoint:ise-prod:webhooks')?.workflows).toEqual(['on-event']);
	});

	it('turns steps that cannot be resolved in one workflow into a finding for that workflow only', () => {
		// A connection that throws when read stands for any definition that breaks the resolver.
		const poisoned = workflow(
			'poisoned',
			{triggers: triggers.api('eg', 'ApiConnectionWebhook')},
			{
				connections: [
					{
						key: 'eg',
						get apiId(): string {
							throw new Error('boom');
						},
					},
				] as unknown as Workflow['connections'],
			},
		);
		const findings = analyze(estate([poisoned, ...estate().workflows]));
		const f = findings.find((x) => x.id === 'workflow:poisoned:unreadable');
		expect(f?.severity).toBe('warning');
		expect(f?.detail).toMatch(/connector steps could not be read: boom/);
		// The endpoint family still ran for everyone else.
		expect(findings.find((x) => x.id === 'endpoint:ise-prod')).toBeDefined();
		expect(findings.find((x) => x.id === 'endpoint:ise-prod:webhooks')?.workflows).toEqual(['on-event']);
		expect(ids(findings)).toContain('workflow:js:inline-code');
	});

	it('copes with an empty ISE', () => {
		const findings = analyze(inventory());
		expectWellFormed(findings);
		expect(ids(findings)).toContain('sku:ise-prod');
		expect(findings.every((f) => f.severity !== 'blocker')).toBe(true);
	});
});

describe('summarize', () => {
	it('counts findings per severity and per area, with every bucket present', () => {
		const findings = analyze(estate());
		const s = summarize(findings);
		expect(s.total).toBe(findings.length);
		for (const sev of ['blocker', 'warning', 'info'] as const) {
			expect(s.bySeverity[sev]).toBe(findings.filter((f) => f.severity === sev).length);
		}
		for (const area of ['sizing', 'network', 'security', 'connectors', 'workflows'] as const) {
			expect(s.byArea[area]).toBe(findings.filter((f) => f.area === area).length);
			expect(s.blockersByArea[area]).toBe(findings.filter((f) => f.area === area && f.severity === 'blocker').length);
		}
	});

	it('reports zeros for no findings', () => {
		expect(summarize([])).toEqual({
			total: 0,
			bySeverity: {blocker: 0, warning: 0, info: 0},
			byArea: {sizing: 0, network: 0, security: 0, connectors: 0, workflows: 0},
			blockersByArea: {sizing: 0, network: 0, security: 0, connectors: 0, workflows: 0},
		});
	});
});
