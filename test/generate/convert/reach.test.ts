// A step that stays on a managed connector although its ISE connector ran inside the network: the finding says what
// it can no longer reach and offers a data gateway or a public endpoint; whichever is chosen, the one reach model
// carries it into networking.md, cutover.md and the infrastructure template.
import {describe, expect, test} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {generate, plan} from '../../../source/generate/index.js';
import {reachModel} from '../../../source/generate/reach.js';
import {convertWorkflow, planConnectionNames} from '../../../source/generate/convert/index.js';
import {connectorTarget} from '../../../source/generate/plan.js';
import type {Decisions, Finding, Inventory} from '../../../source/model/index.js';
import {checkTemplate} from '../infra/arm-check.js';
import {inventory} from '../../helpers/inventory.js';
import {apiOp, conn, dbl, workflow} from './build.js';
import {fileText} from '../../../source/model/fileset.js';

const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
// Get rows ordered by a column: the built-in's query keys for $orderby are not documented, so it stays on the
// managed connector whatever is chosen.
const query = apiOp('dwh', 'get', `${sqlV2}/tables/${dbl('[dbo].[Sales]')}/items`, {queries: {$orderby: 'SaleDate'}, runAfter: {}});

function estate(server: string): Inventory {
	const dwh = {...conn('dwh', 'sql', 'sql-dwh'), values: {server, database: 'SalesDW'}};
	const orders = conn('orders', 'sql', 'sql-orders');
	const report = workflow(
		'report',
		{actions: {Query: query, Save: apiOp('orders', 'post', `${sqlV2}/procedures/${dbl('[dbo].[Save]')}`, {body: {}, runAfter: {Query: ['Succeeded']}})}},
		[dwh, orders],
	);
	return inventory({workflows: [report]});
}

const decide = (finding: Finding, optionId: string): Decisions => ({[finding.id]: {findingId: finding.id, optionId, decidedAt: '2026-01-01T00:00:00.000Z'}});

function run(inv: Inventory, pick?: (f: Finding) => string | undefined) {
	const findings = analyze(inv);
	const decisions: Decisions = {};
	for (const f of findings) {
		const option = pick?.(f);
		if (option) Object.assign(decisions, decide(f, option));
	}
	const p = plan(inv, findings, decisions);
	return {findings, plan: p, files: generate(p, {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'})};
}

const outside = (findings: Finding[]) => findings.find((f) => f.id.endsWith(':outside-network'));

describe('a step that stays on a managed connector outside the network', () => {
	test('gets a finding naming the system it can no longer reach, with the gateway and a public endpoint as options', () => {
		const {findings} = run(estate('sqldwh01.corp.contoso.com'));
		const f = outside(findings)!;
		expect(f.title).toBe('sql-dwh (SQL Server) no longer runs inside your network');
		expect(f.detail).toMatch(/reached server sqldwh01\.corp\.contoso\.com, database SalesDW directly/);
		expect(f.detail).toMatch(/report\/Query stays on the managed SQL Server connector/);
		expect(f.options.map((o) => o.id)).toEqual(['gateway', 'public']);
		expect(f.recommended).toBe('gateway');
		// A converted connection needs nothing of the kind.
		expect(findings.filter((x) => x.id.includes('sql-orders') && /outside-network|gateway/.test(x.id))).toEqual([]);
	});

	test('an Azure SQL server answers on a public endpoint: there the recommendation is the service tag', () => {
		expect(outside(run(estate('contoso.database.windows.net')).findings)!.recommended).toBe('public');
	});

	test('through the gateway: the template connection carries its values and the gateway, the guide and the cut-over list say so', () => {
		const {files} = run(estate('sqldwh01.corp.contoso.com'), (f) => (f.id.endsWith(':outside-network') ? 'gateway' : undefined));
		const template = JSON.parse(files.get('infra/azuredeploy.json')!);
		const connection = template.resources.find((r: {type: string; name: string}) => r.type === 'Microsoft.Web/connections' && r.name === 'sql-dwh');
		expect(connection.properties.parameterValues).toEqual({server: 'sqldwh01.corp.contoso.com', database: 'SalesDW', gateway: {id: "[parameters('gatewayId_sql_dwh')]"}});
		// No gateway is known: the parameter has no default, so the deployment asks for it instead of guessing one.
		expect(template.parameters.gatewayId_sql_dwh).toMatchObject({type: 'string'});
		expect(template.parameters.gatewayId_sql_dwh.defaultValue).toBeUndefined();
		expect(template.parameters.gatewayId_sql_dwh.minLength).toBe(1);
		expect(JSON.parse(files.get('infra/azuredeploy.parameters.json')!).parameters.gatewayId_sql_dwh).toEqual({value: ''});
		const gateway = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-gw/providers/Microsoft.Web/connectionGateways/onprem';
		expect(checkTemplate(template, {parameterValues: {gatewayId_sql_dwh: gateway}}).problems).toEqual([]);
		const guide = files.get('migration/networking.md')!;
		expect(guide).toMatch(/\| `sql-dwh` \| SQL Server \| server sqldwh01\.corp\.contoso\.com, database SalesDW \| `report` \| managed connector, through the on-premises data gateway \|/);
		expect(guide).toMatch(/\| `sql-orders` \| SQL Server \| not recorded \| `report` \| from the app, through its virtual network \|/);
		expect(guide).toContain('### Through the on-premises data gateway');
		expect(fileText(files.get('migration/cutover.md'))).toMatch(/On-premises data gateway for sql-dwh \(server sqldwh01\.corp\.contoso\.com, database SalesDW\): .*set gatewayId_sql_dwh/);
		expect(files.get('infra/README.md')).toMatch(/`sql-dwh` reaches its system through an on-premises data gateway/);
	});

	test('through a public endpoint: the regional AzureConnectors tag, and no gateway anywhere', () => {
		const {files} = run(estate('sqldwh.contoso.example'), (f) => (f.id.endsWith(':outside-network') ? 'public' : undefined));
		const template = JSON.parse(files.get('infra/azuredeploy.json')!);
		const connection = template.resources.find((r: {type: string; name: string}) => r.type === 'Microsoft.Web/connections' && r.name === 'sql-dwh');
		expect(connection.properties.parameterValues).toEqual({server: 'sqldwh.contoso.example', database: 'SalesDW'});
		expect(Object.keys(template.parameters).filter((k) => k.startsWith('gatewayId_'))).toEqual([]);
		expect(files.get('migration/networking.md')).toMatch(/\| `sql-dwh` \|.*\| managed connector, from the AzureConnectors addresses \| a public endpoint whose firewall allows `AzureConnectors\.WestEurope` \(the managed connector calls from there, not from the app\)/);
		expect(fileText(files.get('migration/cutover.md'))).toMatch(/sql-dwh \(server sqldwh\.contoso\.example, database SalesDW\): a public endpoint whose firewall allows `AzureConnectors\.WestEurope`/);
		expect(files.get('migration/networking.md')).not.toContain('### Through the on-premises data gateway');
	});

	test('a private system left on a managed connector is said to be out of reach, not told to allow the service tag as if that sufficed', () => {
		const {files} = run(estate('sqldwh01.corp.contoso.com'), (f) => (f.id.endsWith(':outside-network') ? 'public' : undefined));
		const line = fileText(files.get('migration/cutover.md')).split('\n').find((l) => l.includes('sql-dwh (server sqldwh01'))!;
		expect(line).toMatch(/not reachable as it stands: it answers only inside your network, and the managed connector calls from the internet, from `AzureConnectors\.WestEurope`/);
		expect(line).toMatch(/or convert its steps to built-in/);
		expect(line).not.toMatch(/natPublicIp|NAT/);
	});
});

describe('reachModel()', () => {
	test('one destination per connection and path, from what the conversion wrote and the decisions', () => {
		const inv = estate('sqldwh01');
		const findings = analyze(inv);
		const f = outside(findings)!;
		const p = plan(inv, findings, decide(f, 'gateway'));
		const wf = inv.workflows[0]!;
		const result = convertWorkflow(wf, (api) => connectorTarget(p, wf.name, api), {connectionNames: planConnectionNames(inv.workflows)});
		const model = reachModel(p, [{workflow: wf, result}]);
		expect(model.connectorTag).toBe('AzureConnectors.WestEurope');
		expect(model.destinations.map((d) => [d.connection, d.path, d.decided, d.wasIse])).toEqual([
			['sql-dwh', 'gateway', true, true],
			['sql-orders', 'app', false, true],
		]);
	});
});
