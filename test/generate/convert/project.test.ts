// Converted workflows + connections.json form a Standard project that the independent structural checker accepts,
// for crafted workflows of every family and for the real public Consumption fixtures.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {buildConnectionsJson, convertWorkflow, planConnectionNames, type ConvertedWorkflow} from '../../../source/generate/convert/index.js';
import type {ConnectorTarget, Workflow} from '../../../source/model/index.js';
import {fixtureFiles, workflowsOf} from '../../analysis/catalog/fixture-workflows.js';
import {CHECK_PROJECT, hasCorpus, itCorpus} from '../../helpers/corpus.js';
import {apiOp, conn, dbl, sgl, workflow} from './build.js';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) fs.rmSync(d, {recursive: true, force: true});
});

function writeProject(converted: ConvertedWorkflow[]): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-convert-'));
	dirs.push(dir);
	const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
	fs.writeFileSync(path.join(dir, 'host.json'), json({version: '2.0', extensionBundle: {id: 'Microsoft.Azure.Functions.ExtensionBundle.Workflows', version: '[1.*, 2.0.0)'}}));
	fs.writeFileSync(path.join(dir, 'parameters.json'), json({}));
	fs.writeFileSync(path.join(dir, 'connections.json'), json(buildConnectionsJson(converted).json));
	converted.forEach((c, i) => {
		fs.mkdirSync(path.join(dir, `wf${i}`));
		fs.writeFileSync(path.join(dir, `wf${i}`, 'workflow.json'), json({definition: c.definition, kind: 'Stateful'}));
	});
	return dir;
}

function check(dir: string): {status: number | null; summary: Record<string, unknown>} {
	const r = spawnSync(process.execPath, [CHECK_PROJECT, dir], {encoding: 'utf8'});
	return {status: r.status, summary: JSON.parse(r.stdout || '{}') as Record<string, unknown>};
}

const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
const crafted: Workflow[] = [
	workflow(
		'orders',
		{
			triggers: {On_msg: apiOp('sb', 'get', `/${dbl('orders')}/messages/head`, {queries: {queueType: 'Main'}, recurrence: {frequency: 'Minute', interval: 1}})},
			actions: {
				Save: apiOp('sql', 'post', `${sqlV2}/query/sql`, {
					body: {query: 'EXEC [dbo].[Save] @payload', formalParameters: {payload: 'NVARCHAR(MAX)'}, actualParameters: {payload: "@base64ToString(triggerBody()?['ContentData'])"}},
					runAfter: {},
				}),
				Loop: {
					type: 'Foreach',
					foreach: "@body('Save')?['ResultSets']?['Table1']",
					actions: {
						Put: apiOp('q', 'post', `/v2/storageAccounts/${dbl('AccountNameFromSettings')}/queues/${dbl('jobs')}/messages`, {body: '@items(\'Loop\')', runAfter: {}}),
						Mail: apiOp('o365', 'post', '/v2/Mail', {body: {To: 'ops@contoso.com'}, runAfter: {Put: ['Succeeded']}}),
					},
					runAfter: {Save: ['Succeeded']},
				},
				Crm: apiOp('crm', 'post', '/orders', {body: {}, runAfter: {Loop: ['Succeeded']}}),
			},
		},
		[conn('sb', 'servicebus', 'sb-prod'), conn('sql', 'sql', 'sql-orders'), conn('q', 'azurequeues', 'storage'), conn('o365', 'office365', 'o365', 'managed'), conn('crm', 'contoso-crm', 'crm', 'custom')],
	),
	workflow(
		'files',
		{
			triggers: {On_blob: apiOp('blob', 'get', '/datasets/default/triggers/batch/onupdatedfile', {queries: {folderId: 'JTJmaW5ib3g=', maxFileCount: 10}, splitOn: '@triggerBody()'})},
			actions: {
				Upload: apiOp('sftp', 'post', '/datasets/default/files', {queries: {folderPath: '/in', name: 'x.txt'}, body: 'x', runAfter: {}}),
				Send: apiOp('eh', 'post', `/${sgl('telemetry')}/events`, {body: {ContentData: 'aGk='}, runAfter: {Upload: ['Succeeded']}}),
			},
		},
		// Another resource group's connection that is also called 'storage' (to another API).
		[{...conn('blob', 'azureblob', 'storage'), connectionId: '/subscriptions/s/resourceGroups/rg-files/providers/Microsoft.Web/connections/storage'}, conn('sftp', 'sftpwithssh', 'partner-sftp'), conn('eh', 'eventhubs', 'eh')],
	),
];

test.skipIf(!hasCorpus).each(['builtin', 'managed', 'exclude'] as const)('corpus: crafted workflows, every connector %s: check-project exits 0', (target: ConnectorTarget) => {
	const connectionNames = planConnectionNames(crafted);
	const converted = crafted.map((w) => convertWorkflow(w, () => target, {connectionNames}));
	const {status, summary} = check(writeProject(converted));
	expect(summary.defects).toEqual([]);
	expect(status).toBe(0);
	if (target === 'builtin') {
		expect(summary.serviceProvider).toBeGreaterThanOrEqual(6);
		expect(summary.spIds).toMatchObject({'/serviceProviders/serviceBus': 1, '/serviceProviders/sql': 1});
	}
	if (target === 'exclude') expect(summary.serviceProvider).toBe(0);
});

itCorpus('every public Consumption fixture converts to a project check-project accepts', () => {
	const workflows = fixtureFiles().flatMap((f) => workflowsOf(f));
	const connectionNames = planConnectionNames(workflows);
	const converted = workflows.map((w) => convertWorkflow(w, () => 'builtin', {connectionNames}));
	const {status, summary} = check(writeProject(converted));
	expect(summary.defects).toEqual([]);
	expect(status).toBe(0);
	// The sql-proc stored procedure, the ftp-to-blob blob upload and the x12-to-as2 template's two uploads (their
	// folder left empty, as the template leaves it) become built-in operations.
	expect(summary.ops).toMatchObject({'/serviceProviders/sql:executeStoredProcedure': 1, '/serviceProviders/AzureBlob:uploadBlob': 3});
});

test('without an inventory-wide name plan, two connections sharing a resource name are reported as a clash', () => {
	const converted = crafted.map((w) => convertWorkflow(w, () => 'builtin'));
	expect(buildConnectionsJson(converted).conflicts).toEqual(['storage']);
	const planned = planConnectionNames(crafted);
	expect(new Set(Object.values(planned)).size).toBe(Object.keys(planned).length);
	const storage = Object.values(planned).filter((n) => n.startsWith('storage'));
	expect(storage).toHaveLength(2);
	expect(storage).toContain('storage');
});
