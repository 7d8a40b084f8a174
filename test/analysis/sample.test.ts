// The bundled sample ISE is the product's demo: analysing it must show every rule family and every kind of
// pre-flight check at least once, ordered the way the review screens present them.
import {describe, expect, it} from 'vitest';
import {analyze, summarize} from '../../source/analysis/index.js';
import {apiOfConnection} from '../../source/analysis/catalog/index.js';
import {connectionKeyOf, isApiConnectionType, walkOperations} from '../../source/analysis/walk.js';
import {convertWorkflow} from '../../source/generate/convert/index.js';
import {generate, plan} from '../../source/generate/index.js';
import type {Finding, FindingKind, ReviewArea} from '../../source/model/index.js';
import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {expectWellFormed} from './shape.js';
import {fileText} from '../../source/model/fileset.js';

const inv = contosoInventory();
const findings = analyze(inv);
const byId = (id: string) => findings.find((f) => f.id === id);
const matching = (re: RegExp) => findings.filter((f) => re.test(f.id));

const KINDS: FindingKind[] = [
	'sku',
	'endpoint',
	'cmk',
	'outbound-ip',
	'subnets',
	'connector',
	'custom-connector',
	'integration-account',
	'workflow',
	'source',
];

describe('the sample ISE yields every rule', () => {
	it('returns well-formed findings with unique ids, and no rule family failed on it', () => {
		expectWellFormed(findings);
		expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
		expect(findings.filter((f) => f.id.endsWith(':failed') || f.id.endsWith(':unreadable'))).toEqual([]);
	});

	it('has a finding of every kind, and of no other', () => {
		expect([...new Set(findings.map((f) => f.kind))].sort()).toEqual([...KINDS].sort());
	});

	// One row per rule (family file, or check inside the workflow and connector families): id pattern and what
	// the finding must say on this sample.
	const rules: [string, RegExp, (f: Finding[]) => void][] = [
		['sku: plan, instances and apps, a starting point', /^sku:/, (f) => expect(f[0]!.title).toMatch(/load-test/)],
		['endpoint: Internal → private endpoint', /^endpoint:contoso-ise$/, (f) => expect(f[0]!.recommended).toBe('private-endpoint')],
		[
			'endpoint: webhook triggers from outside services block a private endpoint, naming the workflows',
			/^endpoint:contoso-ise:webhooks$/,
			(f) => {
				expect(f[0]!.severity).toBe('blocker');
				expect(f[0]!.workflows).toEqual(expect.arrayContaining(['delivery-proof-eventgrid', 'invoice-email-intake']));
				// The ISE-hosted SAP connector becomes built-in and needs no callback.
				expect(f[0]!.workflows).not.toContain('sap-idoc-to-servicebus');
			},
		],
		['cmk: storage encryption plan, our inference', /^cmk:/, (f) => expect(f[0]!.certainty).toBe('U')],
		[
			'outbound-ip: NAT gateway and the destinations that trust today\'s IPs',
			/^outbound-ip:/,
			(f) => {
				expect(f[0]!.recommended).toBe('nat');
				expect(f[0]!.detail).toContain('as2.fabrikam.com');
				expect(f[0]!.detail).toContain('sftp.contoso.com');
			},
		],
		['subnets: sized, with the ISE address space', /^subnets:/, (f) => expect(f[0]!.detail).toContain('10.20.0.0/22')],
		['connector: one per connector', /^connector:[a-z0-9]+$/, (f) => expect(f.length).toBeGreaterThanOrEqual(10)],
		['connector: a step that cannot convert gets its own finding', /^connector:[a-z0-9]+:op:/, (f) => expect(f.length).toBeGreaterThan(0)],
		['connector: per-workflow choices for shared connectors', /^connector:[a-z0-9]+@/, (f) => expect(f.every((x) => x.recommended === 'inherit')).toBe(true)],
		['custom-connector', /^custom-connector:contoso-erp$/, (f) => expect(f[0]!.options.map((o) => o.id)).toEqual(['apim', 'http', 'custom-builtin', 'exclude'])],
		['integration-account: tier by SKU, or Artifacts', /^integration-account:/, (f) => expect(f[0]!.options.map((o) => o.id)).toEqual(['account', 'artifacts'])],
		['workflow: inline code', /:inline-code$/, (f) => expect(f[0]!.severity).toBe('blocker')],
		['workflow: Azure Queues V1 path / no visibility timeout', /:azure-queues$/, (f) => expect(f.some((x) => /V1 queue path/.test(x.detail))).toBe(true)],
		[
			'workflow: Service Bus trigger becomes an array, naming the expressions that break',
			/:servicebus-trigger-array$/,
			(f) => expect(f[0]!.detail).toContain("base64ToString(triggerBody()?['ContentData'])"),
		],
		['workflow: Table "Get entities" inside a For each', /:tables-in-foreach$/, (f) => expect(f.length).toBe(1)],
		['workflow: trigger concurrency ignored', /:trigger-concurrency$/, (f) => expect(f[0]!.workflows).toEqual(['order-fulfilment-servicebus'])],
		['workflow: secure parameters → Key Vault / app settings', /:secure-parameters$/, (f) => expect(f[0]!.recommended).toBe('key-vault')],
		['workflow: nested Workflow actions', /:nested-workflow$/, (f) => expect(f.length).toBeGreaterThanOrEqual(2)],
		[
			'workflow: Function and API Management actions need their Standard connections',
			/:rewiring$/,
			(f) => {
				const text = f.map((x) => x.detail).join(' ');
				expect(text).toContain('functionConnections');
				expect(text).toContain('apiManagementConnections');
			},
		],
		['workflow: limits that shrink, per workflow', /^workflow:[^:]+:limits$/, (f) => expect(f.length).toBeGreaterThan(0)],
		['workflow: limits that shrink, for every workflow', /:platform-limits$/, (f) => expect(f[0]!.detail).toMatch(/366/)],
		['workflow: eligible to be Stateless', /:stateless$/, (f) => expect(f.map((x) => x.workflows![0])).toContain('shipping-quote-calculator')],
		['source: what could not be read', /^source:/, (f) => expect(f[0]!.detail).toContain('edifact-archive-legacy')],
	];

	it.each(rules)('%s', (_label, re, check) => {
		const hits = matching(re);
		expect(hits.length, re.source).toBeGreaterThan(0);
		check(hits);
	});
});

describe('order', () => {
	const SEVERITY = ['blocker', 'warning', 'info'];
	const AREAS: ReviewArea[] = ['sizing', 'network', 'security', 'connectors', 'workflows'];

	it('puts blockers first and groups each severity by review area in screen order', () => {
		const keys = findings.map((f) => SEVERITY.indexOf(f.severity) * 10 + AREAS.indexOf(f.area));
		expect(keys).toEqual([...keys].sort((a, b) => a - b));
		// The connector family reports its pre-flight checks in the workflows area: they join the other workflow findings.
		const warnings = findings.filter((f) => f.severity === 'warning');
		const firstWorkflow = warnings.findIndex((f) => f.area === 'workflows');
		expect(warnings.slice(firstWorkflow).every((f) => f.area === 'workflows')).toBe(true);
		expect(warnings.slice(firstWorkflow).some((f) => f.id.endsWith(':azure-queues'))).toBe(true);
	});

	it('is the same on every run and whatever order the source listed the workflows in', () => {
		const again = analyze({...contosoInventory(), workflows: [...contosoInventory().workflows].reverse()});
		expect(again.map((f) => f.id)).toEqual(findings.map((f) => f.id));
	});

	it('summarize() agrees with the list', () => {
		const s = summarize(findings);
		expect(s.total).toBe(findings.length);
		expect(s.blockersByArea.network).toBe(1);
		expect(s.bySeverity.blocker).toBe(findings.filter((f) => f.severity === 'blocker').length);
	});
});

describe('what the admin sees about connector conversion', () => {
	it('connector titles carry the certainty of the mappings that convert', () => {
		for (const f of matching(/^connector:[a-z0-9]+$/)) {
			const m = /(\d+) of (\d+) operations convert/.exec(f.title);
			if (!m || m[1] === '0') continue;
			expect(f.title, f.id).toMatch(/\((\[[CS]\] \d+(, )?)+\)$/);
		}
	});

	it('every step that stays managed although its connector goes built-in has a finding saying why; nothing [U] is converted', () => {
		for (const wf of inv.workflows) {
			const converted = convertWorkflow(wf, () => 'builtin');
			const after = new Map([...walkOperations(converted.definition)].map((v) => [v.name, v.op]));
			for (const v of walkOperations(wf.definition)) {
				if (!isApiConnectionType(v.op.type)) continue;
				const ref = wf.connections.find((c) => c.key === connectionKeyOf(v.op))!;
				const api = apiOfConnection(ref);
				const now = after.get(v.name)!;
				if (now.type === 'ServiceProvider') continue;
				const where = `${wf.name}/${v.name}`;
				const explained =
					byId(`connector:${api.name}:op:${where}`) ??
					(api.kind === 'custom' ? byId(`custom-connector:${api.name}`) : undefined) ??
					findings.find((f) => f.id === `connector:${api.name}` && !f.options.some((o) => o.id === 'builtin'));
				expect(explained, where).toBeDefined();
			}
			for (const n of converted.notes.filter((x) => /^converted /.test(x.message))) {
				expect(['C', 'S'], `${wf.name}/${n.operation}`).toContain(n.certainty);
				expect(n.message).toMatch(/\[[CS]\]$/);
			}
		}
	});

	it('the report lists connector findings with their certainty and every conversion note with its own', () => {
		const files = generate(plan(inv, findings, {}), {generatedAt: '2024-01-01T00:00:00.000Z', toolVersion: 'test'});
		const report = fileText(files.get('migration/report.md'));
		const sql = byId('connector:sql')!;
		expect(report).toContain(sql.title);
		expect(report).toMatch(/converted '.+' to built-in .+ \[[CS]\] \(\[[CS]\] /);
		expect(report).toMatch(/`Get_order_lines`: stays on the managed 'sql' connector.*\[U\] our inference/);
	});
});

describe('a connector choice for one workflow', () => {
	it('keeps SQL managed in one workflow while the others convert, and the report says so', () => {
		const id = 'connector:sql@order-intake-sql';
		const decisions = {[id]: {findingId: id, optionId: 'managed', decidedAt: '2024-01-01T00:00:00.000Z'}};
		const files = generate(plan(inv, findings, decisions), {generatedAt: '2024-01-01T00:00:00.000Z', toolVersion: 'test'});
		const sqlOps = (folder: string) =>
			[...walkOperations(JSON.parse(fileText(files.get(`${folder}/workflow.json`))).definition)].filter(
				(v) => (v.op.inputs as {serviceProviderConfiguration?: {serviceProviderId?: string}})?.serviceProviderConfiguration?.serviceProviderId === '/serviceProviders/sql',
			);
		expect(sqlOps('order-intake-sql')).toHaveLength(0);
		expect(sqlOps('shipment-tracking-eventhub').length).toBeGreaterThan(0);
		expect(fileText(files.get('migration/report.md'))).toContain('sql in order-intake-sql → managed');
		expect(JSON.parse(fileText(files.get('migration/report.json'))).plan.connectorOverrides).toEqual({'order-intake-sql': {sql: 'managed'}});
	});
});
