// The public fixtures, loaded the way an admin would: expectations come from reading the files
// (which workflows they declare, which connectors those use), not from the loader's output.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseApiId, type Inventory, type Workflow} from '../../../source/model/index.js';
import {openSource} from '../../../source/sources/from-path.js';
import {parseSnapshot, serializeSnapshot} from '../../../source/sources/snapshot.js';
import {SourceLoadError} from '../../../source/sources/templates/errors.js';
import {corpusEntries, describeCorpus, PUBLIC_FIXTURES} from '../../helpers/corpus.js';

const PUBLIC = PUBLIC_FIXTURES;
const consumption = (name: string) => path.join(PUBLIC, 'consumption', name);
const ise = (name: string) => path.join(PUBLIC, 'ise', name);

/** key → API name, as the admin would read them from `$connections`. */
function apis(w: Workflow): Record<string, string> {
	return Object.fromEntries(w.connections.map(c => [c.key, parseApiId(c.apiId).name]));
}

function only(inv: Inventory): Workflow {
	expect(inv.workflows).toHaveLength(1);
	return inv.workflows[0]!;
}

describeCorpus('public fixtures: consumption templates', () => {
	it('ftp-to-blob: one workflow using the ftp and azureblob connectors, names from its connection resources', async () => {
		const {inventory} = await openSource(consumption('Azure__azure-quickstart-templates__quickstarts__microsoft.logic__logic-app-ftp-to-blob__azuredeploy.json'));
		const w = only(inventory);
		expect(apis(w)).toEqual({ftp: 'ftp', azureblob: 'azureblob'});
		for (const c of w.connections) expect(parseApiId(c.apiId).kind).toBe('managed');
		const ftp = w.connections.find(c => c.key === 'ftp')!;
		expect(ftp.displayName).toBe('ftp');
		// Names of the connection's parameters, never their values.
		expect(ftp.parameterNames).toEqual(expect.arrayContaining(['serverAddress', 'userName', 'password', 'serverPort']));
		// logicAppName has no default and no parameters file: the name stands in and an issue says so.
		expect(w.name).toBe('logicAppName');
		expect(inventory.issues?.some(i => /logicAppName/.test(i.message) && /no value/.test(i.message))).toBe(true);
		// Template expressions inside the definition are evaluated, property names included.
		const trigger = (w.definition['triggers'] as Record<string, {inputs: {queries: {folderId: string}}; metadata: Record<string, string>}>)['When_a_file_is_added_or_modified']!;
		expect(trigger.inputs.queries.folderId).toBe('Lw==');
		expect(trigger.metadata).toEqual({'Lw==': '/'});
	});

	it('sql-proc: one workflow on the sql connector; the procedure the files give no value becomes a workflow parameter in the path', async () => {
		const {inventory} = await openSource(consumption('Azure__azure-quickstart-templates__quickstarts__microsoft.logic__logic-app-sql-proc__azuredeploy.json'));
		const w = only(inventory);
		expect(apis(w)).toEqual({sql: 'sql'});
		expect(w.connections[0]!.displayName).toBe('sql_connection');
		const action = (w.definition['actions'] as Record<string, {inputs: {path: string}}>)['Execute_stored_procedure']!;
		expect(action.inputs.path).toBe("/datasets/default/procedures/@{encodeURIComponent(encodeURIComponent(parameters('sqlProcedure')))}");
		expect(w.definition['parameters']).toMatchObject({sqlProcedure: {type: 'String'}});
		expect(inventory.issues?.some(i => /sqlProcedure/.test(i.message) && /fill in/.test(i.message))).toBe(true);
	});

	it('b2b disaster recovery: three workflows, primary/secondary connections, upper-case connection resources, two integration accounts', async () => {
		const {inventory} = await openSource(consumption('Azure__azure-quickstart-templates__quickstarts__microsoft.logic__logic-app-b2b-disaster-recovery-replication__azuredeploy.json'));
		const byName = Object.fromEntries(inventory.workflows.map(w => [w.name, w]));
		expect(Object.keys(byName).sort()).toEqual(['as2-dr', 'edifact-dr', 'x12-dr']);
		expect(apis(byName['as2-dr']!)).toEqual({'as2-primary': 'as2', 'as2-secondary': 'as2'});
		expect(apis(byName['edifact-dr']!)).toEqual({'edifact-primary': 'edifact', 'edifact-secondary': 'edifact'});
		expect(apis(byName['x12-dr']!)).toEqual({'x12-primary': 'x12', 'x12-secondary': 'x12'});
		// The MICROSOFT.WEB/CONNECTIONS resources are found despite the upper-case type.
		const primary = byName['as2-dr']!.connections.find(c => c.key === 'as2-primary')!;
		expect(primary.connectionName).toBe('as2-primary');
		expect(primary.displayName).toBe('as2-primary');
		expect(primary.parameterNames).toEqual(['integrationAccountId', 'integrationAccountUrl']);
		expect(inventory.integrationAccounts.map(a => a.sku)).toEqual(['Standard', 'Standard']);
	});

	it('recurrence jobs: three workflows; the nested deployment re-deploys one with three servicebus connections from a copy loop', async () => {
		const {inventory} = await openSource(consumption('Azure__logicapps__scripts__recurrence-jobs__schedulesWithConn.json'));
		const names = inventory.workflows.map(w => w.name).sort();
		expect(names).toEqual(['CreateRecurrenceJobLogicAppName', 'ExecuteRecurrenceJobLogicAppName', 'RescheduleRecurrenceJobLogicAppName']);
		const exec = inventory.workflows.find(w => w.name === 'ExecuteRecurrenceJobLogicAppName')!;
		expect(apis(exec)).toEqual({servicebus_1: 'servicebus', servicebus_2: 'servicebus', servicebus_3: 'servicebus'});
		expect(exec.connections.map(c => c.connectionName)).toEqual(['ServiceBusConnName0', 'ServiceBusConnName1', 'ServiceBusConnName2']);
		expect(exec.origin).toMatch(/nestedTemplate/);
		// The child-workflow call resolves to the id the sibling workflow gets.
		const create = inventory.workflows.find(w => w.name === 'CreateRecurrenceJobLogicAppName')!;
		const call = (create.definition['actions'] as Record<string, {inputs: {host: {workflow: {id: string}}}}>)['ExecuteRecurrenceJob']!;
		expect(call.inputs.host.workflow.id.toLowerCase()).toBe(exec.id.toLowerCase());
	});

	it.each([
		['Azure__logicapps__templates__twitter-to-smtp.json', {twitter: 'twitter', smtp: 'smtp'}],
		['Azure__logicapps__templates__scheduler-recurrence-storage-queue.json', {azurequeues: 'azurequeues'}],
		['Azure__logicapps__templates__service-bus-sessions.json', {servicebus: 'servicebus'}],
		['Azure__logicapps__templates__x12-to-as2.json', {as2: 'as2', x12: 'x12', azureblob: 'azureblob'}],
	])('gallery template %s: one workflow with its connectors', async (file, expected) => {
		const {inventory} = await openSource(consumption(file));
		const w = only(inventory);
		expect(apis(w)).toEqual(expected);
		expect(w.name).toBe(file.replace(/\.json$/, ''));
		for (const c of w.connections) expect(c.apiId).not.toMatch(/\{[01]\}/);
	});

	it('the consumption folder: every workflow of every file, and an ISE stand-in that says it is one', async () => {
		const {inventory, skipped} = await openSource(path.join(PUBLIC, 'consumption'));
		expect(skipped).toEqual([]);
		expect(inventory.workflows).toHaveLength(3 + 1 + 1 + 3 + 4);
		expect(inventory.ise.name).toBe('consumption');
		expect(inventory.ise.sku.name).toBe('NotSpecified');
		expect(inventory.ise.accessEndpoint).toBe('NotSpecified');
		expect(inventory.ise.subnets).toEqual([]);
		expect(inventory.issues?.some(i => /not ISE-hosted/.test(i.message))).toBe(true);
		// ftp-to-blob and sql-proc both call their workflow logicAppName: two workflows, two ids.
		const same = inventory.workflows.filter(w => w.name === 'logicAppName');
		expect(same).toHaveLength(2);
		expect(new Set(same.map(w => w.id.toLowerCase())).size).toBe(2);
		expect(new Set(inventory.workflows.map(w => w.id.toLowerCase())).size).toBe(inventory.workflows.length);
	});
});

describeCorpus('public fixtures: ISE', () => {
	it('the quickstart ISE template takes its parameters file: Developer, 0 units, External, four subnets, two connectors', async () => {
		const {inventory} = await openSource(ise('Azure__azure-quickstart-templates__quickstarts__microsoft.logic__integration-service-environment__azuredeploy.json'));
		expect(inventory.ise.name).toBe('GEN-UNIQUE');
		expect(inventory.ise.sku).toEqual({name: 'Developer', capacity: 0});
		expect(inventory.ise.accessEndpoint).toBe('External');
		expect(inventory.ise.subnets.map(s => s.addressPrefix)).toEqual(['10.0.1.0/26', '10.0.1.64/26', '10.0.1.128/26', '10.0.1.192/26']);
		expect(inventory.ise.subnets[0]!.id).toMatch(/virtualNetworks\/GEN-UNIQUE-8\/subnets\/Subnet1$/);
		expect(inventory.ise.virtualNetworkAddressSpace).toBe('10.0.0.0/22');
		expect(inventory.managedApis.map(a => a.name)).toEqual(['servicebus', 'azureblob']);
		expect(inventory.ise.tags?.['ise-migrate:inferred']).toBeUndefined();
	});

	it('naming the parameters file loads its template with those values', async () => {
		const {inventory} = await openSource(ise('Azure__azure-quickstart-templates__quickstarts__microsoft.logic__integration-service-environment__azuredeploy.parameters.json'));
		expect(inventory.ise.name).toBe('GEN-UNIQUE');
		expect(inventory.managedApis.map(a => a.name)).toEqual(['servicebus', 'azureblob']);
	});

	it('a saved GET answer gives the ISE as Azure describes it', async () => {
		const {inventory} = await openSource(ise('Azure__azure-rest-api-specs__specification__logic__resource-manager__Microsoft.Logic__stable__2019-05-01__examples__IntegrationServiceEnvironments_Get.json'));
		const i = inventory.ise;
		expect(i.name).toBe('testIntegrationServiceEnvironment');
		expect(i.subscriptionId).toBe('f34b22a3-2202-4fb1-b040-1332bd928c84');
		expect(i.resourceGroup).toBe('testResourceGroup');
		expect(i.location).toBe('northeurope');
		expect(i.sku).toEqual({name: 'Developer', capacity: 0});
		expect(i.accessEndpoint).toBe('Internal');
		expect(i.state).toBe('Enabled');
		expect(i.provisioningState).toBe('Succeeded');
		expect(i.outboundIps).toEqual({workflow: ['40.69.195.162', '10.43.1.0/24'], connector: ['40.127.188.117', '40.85.114.29', '10.43.2.0/24', '10.43.3.0/24']});
		expect(i.accessEndpointIps).toEqual({workflow: ['10.43.1.6'], connector: []});
		expect(i.subnets.map(s => s.name)).toEqual(['VNET-ILB-NorthEurope/s1', 'VNET-ILB-NorthEurope/s2', 'VNET-ILB-NorthEurope/s3', 'VNET-ILB-NorthEurope/s4']);
	});

	it('a saved managed API answer gives the ISE connector and an ISE inferred from its id', async () => {
		const {inventory} = await openSource(ise('Azure__azure-rest-api-specs__specification__logic__resource-manager__Microsoft.Logic__stable__2019-05-01__examples__IntegrationServiceEnvironments_ManagedApis_Get.json'));
		expect(inventory.ise.name).toBe('testIntegrationServiceEnvironment');
		expect(inventory.ise.resourceGroup).toBe('testResourceGroup');
		expect(inventory.ise.tags?.['ise-migrate:inferred']).toBeDefined();
		expect(inventory.managedApis).toEqual([{name: 'servicebus', displayName: 'Service Bus', connectionParameterNames: ['connectionString']}]);
	});

	it.each(corpusEntries('fixtures', 'public', 'ise').filter(f => f.endsWith('.json')))('%s loads', async file => {
		const {inventory} = await openSource(ise(file));
		expect(inventory.ise.name.length).toBeGreaterThan(0);
	});
});

describeCorpus('public fixtures: the whole folder', () => {
	it('loads; Standard project files are listed as skipped with the reason, everything else is used', async () => {
		const {inventory, skipped, stats} = await openSource(PUBLIC);
		const standard = readdirSync(path.join(PUBLIC, 'standard')).map(f => `standard/${f}`);
		for (const f of standard) {
			const s = skipped.find(x => x.file === f);
			expect(s, f).toBeDefined();
			expect(s!.reason).toMatch(/Standard|host\.json/);
		}
		expect(skipped.find(s => s.file === 'SOURCES.tsv')?.reason).toMatch(/not a \.json file/);
		expect(skipped.filter(s => !s.file.startsWith('standard/') && s.file !== 'SOURCES.tsv')).toEqual([]);
		expect(stats.filesRead).toBe(readdirSync(path.join(PUBLIC, 'consumption')).length + readdirSync(path.join(PUBLIC, 'ise')).length + standard.length);
		// Several ISEs in one folder: the one with a template is chosen and the others are named in an issue.
		expect(inventory.ise.name).toBe('GEN-UNIQUE');
		expect(inventory.issues?.some(i => /testIntegrationServiceEnvironment/.test(i.message))).toBe(true);
		expect(inventory.workflows).toHaveLength(12);
	});

	it('a Standard workflow.json on its own is refused with the reason: it is not an ISE workflow', async () => {
		const file = path.join(PUBLIC, 'standard', 'Azure__logicapps__azure-devops-sample__logic__EventTrigger__workflow.json');
		await expect(openSource(file)).rejects.toThrow(SourceLoadError);
		await expect(openSource(file)).rejects.toThrow(/Standard logic app workflow.*not an ISE workflow/);
	});

	it('what the loader builds is a valid snapshot (round trip through the snapshot format)', async () => {
		const {inventory} = await openSource(PUBLIC);
		const again = parseSnapshot(serializeSnapshot(inventory), 'memory.json');
		expect(again).toEqual(JSON.parse(JSON.stringify(inventory)));
	});
});
