// What the ISE's API connections say is used: built-in settings are filled in from their non-secret values, and a
// connection through an on-premises data gateway (SQL Server with Windows authentication) stays managed through it.
import {describe, expect, test} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {generate, plan} from '../../../source/generate/index.js';
import {builtinValue} from '../../../source/generate/connection-values.js';
import {fileText, type Decisions, type FileSet, type Inventory} from '../../../source/model/index.js';
import {inventory} from '../../helpers/inventory.js';
import {apiOp, conn, dbl, workflow} from './build.js';

const GATEWAY = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-gw/providers/Microsoft.Web/connectionGateways/onprem-gw';
const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;

function estate(): Inventory {
	const sftp = {...conn('s', 'sftpwithssh', 'sftp-partner'), values: {hostName: 'sftp.partner.example', portNumber: 2222}, parameterNames: ['hostName', 'portNumber', 'userName', 'sshPrivateKey']};
	const cloudSql = {...conn('sql', 'sql', 'sql-cloud'), values: {server: 'contoso.database.windows.net', database: 'Orders'}};
	const onpremSql = {...conn('sql', 'sql', 'sql-onprem'), values: {server: 'sqlprod01', database: 'Ledger', authType: 'windows'}, authType: 'windows', gatewayId: GATEWAY};
	const files = workflow(
		'files',
		{actions: {Create: apiOp('s', 'post', '/datasets/default/files', {queries: {folderPath: '/out/', name: 'a.csv', queryParametersSingleEncoded: true}, body: 'x', runAfter: {}})}},
		[sftp],
	);
	const orders = workflow('orders', {actions: {Save: apiOp('sql', 'post', `${sqlV2}/procedures/${dbl('[dbo].[Save]')}`, {body: {}, runAfter: {}})}}, [cloudSql]);
	const ledger = workflow('ledger', {actions: {Post: apiOp('sql', 'post', `${sqlV2}/procedures/${dbl('[dbo].[Post]')}`, {body: {}, runAfter: {}})}}, [onpremSql]);
	return inventory({workflows: [files, orders, ledger]});
}

function run(inv: Inventory, choose: (findings: ReturnType<typeof analyze>) => Decisions = () => ({})) {
	const findings = analyze(inv);
	return {findings, files: generate(plan(inv, findings, choose(findings)), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'})};
}

const json = (files: FileSet, f: string) => JSON.parse(fileText(files.get(f)));

describe('connection values in the generated project', () => {
	const inv = estate();
	const {findings, files} = run(inv);
	const local = json(files, 'local.settings.json').Values as Record<string, string>;

	test('built-in settings are filled in from the ISE connection, secrets never', () => {
		expect(local.sftp_partner_sshHostAddress).toBe('sftp.partner.example');
		expect(local.sftp_partner_portNumber).toBe('2222');
		expect(local.sftp_partner_sshPrivateKey).toBe('');
		expect(local.sftp_partner_username).toBe('');
		const infraValues = json(files, 'infra/azuredeploy.parameters.json').parameters.appSettingValues.value;
		expect(infraValues.sftp_partner_sshHostAddress).toBe('sftp.partner.example');
		expect(fileText(files.get('migration/report.md'))).toMatch(/`sftp_partner_sshHostAddress` = `sftp\.partner\.example`: .*filled in from the ISE connection sftp-partner/);
	});

	test('a secret connection string is never filled, but its description says where the ISE connection pointed', () => {
		expect(local.sql_cloud_connectionString).toBe('');
		expect(fileText(files.get('migration/report.md'))).toMatch(/`sql_cloud_connectionString` \(secret\): .*pointed at server contoso\.database\.windows\.net, database Orders/);
	});

	test('a SQL connection through a data gateway with Windows authentication stays managed through the gateway', () => {
		const f = findings.find((x) => x.id.endsWith(':gateway'))!;
		expect(f.title).toBe('sql-onprem (SQL Server) reaches server sqlprod01, database Ledger through an on-premises data gateway');
		expect(f.detail).toMatch(/Windows authentication, which only the managed SQL Server connector supports/);
		expect(f.recommended).toBe('gateway');
		expect(json(files, 'ledger/workflow.json').definition.actions.Post.type).toBe('ApiConnection');
		expect(json(files, 'orders/workflow.json').definition.actions.Save.type).toBe('ServiceProvider');
		expect(Object.keys(json(files, 'connections.json').managedApiConnections)).toEqual(['sql-onprem']);
	});

	test('choosing to convert it after all makes it built-in', () => {
		const {files: converted} = run(inv, (fs) => {
			const f = fs.find((x) => x.id.endsWith(':gateway'))!;
			return {[f.id]: {findingId: f.id, optionId: 'convert', decidedAt: '2026-01-01T00:00:00.000Z'}};
		});
		expect(json(converted, 'ledger/workflow.json').definition.actions.Post.type).toBe('ServiceProvider');
	});
});

describe('an ISE connection that signed in with the workflow\'s managed identity', () => {
	const keyless = {
		...conn('sb', 'servicebus', 'sb-orders'),
		values: {namespaceEndpoint: 'sb://contoso-orders.servicebus.windows.net/'},
		parameterNames: ['namespaceEndpoint'],
		authType: 'managedIdentityAuth',
	};
	const keyed = conn('sb', 'servicebus', 'sb-legacy');
	const send = (name: string, ref: typeof keyed) =>
		workflow(name, {actions: {Send: apiOp('sb', 'post', `/${dbl('orders')}/messages`, {body: {ContentData: 'aGk='}, runAfter: {}})}}, [ref]);
	const inv = inventory({workflows: [send('keyless', keyless), send('keyed', keyed)]});
	const {files} = run(inv, (fs) => Object.fromEntries(fs.filter((f) => f.options.some((o) => o.id === 'builtin')).map((f) => [f.id, {findingId: f.id, optionId: 'builtin', decidedAt: '2026-01-01T00:00:00.000Z'}])));
	const sp = json(files, 'connections.json').serviceProviderConnections;
	const local = json(files, 'local.settings.json').Values as Record<string, string>;

	test('becomes a built-in connection with managed identity: no secret to fill, its namespace filled in', () => {
		expect(json(files, 'keyless/workflow.json').definition.actions.Send.type).toBe('ServiceProvider');
		expect(sp['sb-orders']).toMatchObject({
			parameterSetName: 'ManagedServiceIdentity',
			parameterValues: {fullyQualifiedNamespace: "@appsetting('sb_orders_fullyQualifiedNamespace')", authProvider: {Type: 'ManagedServiceIdentity'}},
		});
		expect(local.sb_orders_fullyQualifiedNamespace).toBe('contoso-orders.servicebus.windows.net');
		expect(Object.keys(local).filter((k) => k.startsWith('sb_orders_'))).toEqual(['sb_orders_fullyQualifiedNamespace']);
		expect(fileText(files.get('migration/report.md'))).toMatch(/signed in with the workflow's managed identity in the ISE.*Azure Service Bus Data Sender and Data Receiver/);
	});

	test('one that used a key keeps the connection string, which the admin fills', () => {
		expect(sp['sb-legacy']).toMatchObject({parameterSetName: 'connectionString', parameterValues: {connectionString: "@appsetting('sb_legacy_connectionString')"}});
		expect(local.sb_legacy_connectionString).toBe('');
	});
});

describe('builtinValue()', () => {
	test('maps managed parameter names to built-in ones and splits host:port', () => {
		expect(builtinValue('serverName', {server: 'db2host:50000'})).toBe('db2host');
		expect(builtinValue('portNumber', {server: 'db2host:50000'})).toBe('50000');
		expect(builtinValue('queueManagerName', {queuemanager: 'QM1'})).toBe('QM1');
		expect(builtinValue('password', {server: 'x'})).toBeUndefined();
	});
});

describe('a managed connection that signed in with a managed identity in the ISE', () => {
	// Learn, "Authenticate access with managed identities" (Standard): connections.json carries the target's
	// authentication in connectionProperties, and the connection resource is made without consent.
	const uai = `/subscriptions/${'6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34'}/resourceGroups/rg-sec/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-automation`;
	const byUai = {...conn('automation', 'azureautomation', 'automation-jobs'), authType: 'ManagedServiceIdentity', identity: uai, audience: 'https://management.core.windows.net/'};
	const bySet = {...conn('sentinel', 'azuresentinel', 'sentinel-incidents'), authType: 'managedIdentityAuth', parameterSet: 'managedIdentityAuth'};
	const byExpression = {...conn('automation', 'azureautomation', 'automation-other'), authType: 'ManagedServiceIdentity', identity: "[parameters('identityId')]"};
	const consent = conn('mail', 'office365', 'office365-alerts');
	const step = (key: string, path: string) => apiOp(key, 'post', path, {runAfter: {}});
	const inv = inventory({
		workflows: [
			workflow('runbook-starter', {actions: {Start: step('automation', '/jobs'), Mail: {...step('mail', '/v2/Mail'), runAfter: {Start: ['Succeeded']}}}}, [byUai, consent]),
			workflow('incident-closer', {actions: {Close: step('sentinel', '/Incidents')}}, [bySet]),
			workflow('other-runbook', {actions: {Start: step('automation', '/jobs')}}, [byExpression]),
		],
	});
	const {files} = run(inv);
	const managed = json(files, 'connections.json').managedApiConnections;
	const template = json(files, 'infra/azuredeploy.json');
	const resource = (name: string) => template.resources.find((r: {type: string; name: string}) => r.type === 'Microsoft.Web/connections' && r.name === name);
	const cutover = fileText(files.get('migration/cutover.md'));

	test('connections.json says how it reaches its target: the named user-assigned identity, or the app\'s own', () => {
		expect(managed['automation-jobs'].connectionProperties).toEqual({authentication: {audience: 'https://management.core.windows.net/', type: 'ManagedServiceIdentity', identity: uai}});
		expect(managed['sentinel-incidents'].connectionProperties).toEqual({authentication: {type: 'ManagedServiceIdentity'}});
		expect(managed['office365-alerts'].connectionProperties).toBeUndefined();
		// An identity named by an expression is not written as if it were one: the note says to set it by hand.
		expect(managed['automation-other'].connectionProperties).toEqual({authentication: {type: 'ManagedServiceIdentity'}});
		expect(fileText(files.get('migration/report.md'))).toMatch(/'automation-other' signed in with a user-assigned identity.*set connectionProperties\.authentication\.identity of 'automation-other'/);
	});

	test('the template makes it without consent, in the form of its connector, and the app carries the identity', () => {
		expect(resource('automation-jobs').properties).toMatchObject({parameterValueType: 'Alternative', alternativeParameterValues: {}});
		expect(resource('automation-jobs').properties.parameterValues).toBeUndefined();
		expect(resource('sentinel-incidents').properties).toMatchObject({parameterValueSet: {name: 'managedIdentityAuth', values: {}}});
		expect(resource('office365-alerts').properties).toMatchObject({parameterValues: {}});
		const site = template.resources.find((r: {type: string}) => r.type === 'Microsoft.Web/sites');
		expect(site.identity.type).toBe('SystemAssigned, UserAssigned');
		expect(Object.keys(site.identity.userAssignedIdentities)).toEqual([uai]);
	});

	test('cut-over asks to authorise only the connections that need consent', () => {
		const authorise = cutover.split('\n').find((l) => l.includes('authorise each managed API connection'))!;
		expect(authorise).toContain('office365-alerts');
		expect(authorise).not.toContain('automation-jobs');
		const keyless = cutover.split('\n').find((l) => l.includes('sign in with a managed identity'))!;
		expect(keyless).toMatch(/automation-jobs \(azureautomation, user-assigned identity id-automation\).*sentinel-incidents \(azuresentinel, the app's identity\)/);
		expect(fileText(files.get('migration/report.md'))).toContain('Authorise the 1 managed API connection after deployment.');
		expect(cutover).toMatch(/Connections that sign in with a user-assigned identity keep it.*`id-automation` beside its own \(connection automation-jobs\)\. Whoever deploys needs Managed Identity Operator on it\./);
		const infraReadme = fileText(files.get('infra/README.md')).split('\n');
		expect(infraReadme.find((l) => l.startsWith('- Authorise each API connection'))).not.toContain('automation-jobs');
		expect(infraReadme.find((l) => l.includes('sign in with a managed identity'))).toMatch(/`automation-jobs` \(azureautomation\).*`sentinel-incidents`/);
	});
});
