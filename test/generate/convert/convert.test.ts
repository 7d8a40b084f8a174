// The converter on crafted ISE workflows, one connector family at a time, plus the three targets.
import {describe, expect, test} from 'vitest';
import {buildConnectionsJson, convertWorkflow, type ConvertedWorkflow} from '../../../source/generate/convert/index.js';
import {WORKFLOW_DEFINITION_SCHEMA, type ConnectorTarget, type Workflow} from '../../../source/model/index.js';
import {apiOp, conn, dbl, sgl, text, workflow} from './build.js';

const all = (target: ConnectorTarget) => () => target;
type Rec = Record<string, any>;
const actions = (c: ConvertedWorkflow) => c.definition.actions as Rec;
const triggers = (c: ConvertedWorkflow) => c.definition.triggers as Rec;

function noteFor(c: ConvertedWorkflow, op: string, re: RegExp) {
	return c.notes.find((n) => n.operation === op && re.test(n.message));
}

describe('SQL', () => {
	const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
	const wf = workflow(
		'orders-sync',
		{
			actions: {
				Load: apiOp('sql', 'post', `${sqlV2}/procedures/${dbl('[dbo].[LoadOrders]')}`, {body: {since: "@variables('since')"}, runAfter: {}}),
				Query: apiOp('sql', 'post', `${sqlV2}/query/sql`, {body: {query: 'SELECT * FROM Orders'}, runAfter: {Load: ['Succeeded']}}),
				Rows: apiOp('sql', 'get', `${sqlV2}/tables/${dbl('[dbo].[Customers]')}/items`, {runAfter: {Query: ['Succeeded']}}),
				Report: {
					type: 'Compose',
					inputs: {
						rc: "@body('Load')?['ReturnCode']",
						out: "@body('Load')?['OutputParameters']?['count']",
						first: "@first(body('Query')?['ResultSets']?['Table1'])",
						customers: "@length(body('Rows')?['value'])",
					},
					runAfter: {Rows: ['Succeeded']},
				},
			},
		},
		[conn('sql', 'sql', 'sql-orders')],
	);
	const c = convertWorkflow(wf, all('builtin'), {});

	test('stored procedure, query and get rows become ServiceProvider operations', () => {
		expect(actions(c).Load).toMatchObject({
			type: 'ServiceProvider',
			inputs: {
				parameters: {storedProcedureName: '[dbo].[LoadOrders]', storedProcedureParameters: {since: "@variables('since')"}},
				serviceProviderConfiguration: {connectionName: 'sql-orders', operationId: 'executeStoredProcedure', serviceProviderId: '/serviceProviders/sql'},
			},
			runAfter: {},
		});
		expect(actions(c).Query.inputs.parameters).toEqual({query: 'SELECT * FROM Orders'});
		expect(actions(c).Query.runAfter).toEqual({Load: ['Succeeded']});
		expect(actions(c).Rows.inputs.parameters).toEqual({tableName: '[dbo].[Customers]'});
		expect(c.counts).toEqual({builtin: 3, managed: 0, excluded: 0});
	});

	test('downstream expressions follow the built-in output shapes, and each rewrite is noted', () => {
		expect(actions(c).Report.inputs).toEqual({
			rc: "@body('Load')?['returnCode']",
			out: "@body('Load')?['outputParameters']?['count']",
			first: "@first(body('Query'))",
			customers: "@length(body('Rows'))",
		});
		expect(noteFor(c, 'Query', /rewrote body\('Query'\)\?\['ResultSets'\]\?\['Table1'\] → body\('Query'\)/)).toBeDefined();
		expect(noteFor(c, 'Rows', /rewrote body\('Rows'\)\?\['value'\] → body\('Rows'\)/)).toBeDefined();
	});

	test('one built-in connection, its secret behind an app setting', () => {
		expect(Object.keys(c.serviceProviderConnections)).toEqual(['sql-orders']);
		const sp = c.serviceProviderConnections['sql-orders']!;
		expect(sp.parameterValues).toEqual({connectionString: "@appsetting('sql_orders_connectionString')"});
		expect(sp.parameterSetName).toBe('connectionString');
		expect(sp.appSettings).toEqual([expect.objectContaining({name: 'sql_orders_connectionString', secret: true})]);
	});

	test('query parameters become the built-in queryParameters, by name', () => {
		const w = workflow('q', {actions: {Q: apiOp('sql', 'post', `${sqlV2}/query/sql`, {body: {query: 'SELECT @id', formalParameters: {id: 'INT'}, actualParameters: {id: 1}}, runAfter: {}})}}, [conn('sql', 'sql')]);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Q.inputs.parameters).toEqual({query: 'SELECT @id', queryParameters: {id: 1}});
		expect(r.counts).toEqual({builtin: 1, managed: 0, excluded: 0});
	});

	test('a path naming another server/database gets its own built-in connection', () => {
		const w = workflow('x', {actions: {P: apiOp('sql', 'post', `/v2/datasets/${dbl('srv2.database.windows.net')},${dbl('sales')}/procedures/${dbl('p')}`, {runAfter: {}})}}, [conn('sql', 'sql', 'sql-main')]);
		const r = convertWorkflow(w, all('builtin'));
		const name = actions(r).P.inputs.serviceProviderConfiguration.connectionName as string;
		expect(name).not.toBe('sql-main');
		expect(name.startsWith('sql-main_')).toBe(true);
		expect(r.serviceProviderConnections[name]?.appSettings[0]?.description).toContain('srv2.database.windows.net');
	});
});

describe('Service Bus', () => {
	const wf = workflow(
		'orders-in',
		{
			triggers: {
				On_order: apiOp('sb', 'get', `/${dbl('orders')}/messages/head/peek`, {
					queries: {queueType: 'Main', sessionId: 'None'},
					recurrence: {frequency: 'Minute', interval: 1},
				}),
			},
			actions: {
				Parse: {type: 'ParseJson', inputs: {content: "@base64ToString(triggerBody()?['ContentData'])", schema: {}}, runAfter: {}},
				Forward: apiOp('sb', 'post', `/${dbl('archive')}/messages`, {
					body: {ContentData: "@{base64(body('Parse'))}", ContentType: 'application/json', SessionId: "@triggerBody()?['SessionId']"},
					queries: {systemProperties: 'None'},
					runAfter: {Parse: ['Succeeded']},
				}),
				Complete: apiOp('sb', 'delete', `/${dbl('orders')}/messages/complete`, {
					queries: {lockToken: "@triggerBody()?['LockToken']", queueType: 'Main'},
					runAfter: {Forward: ['Succeeded']},
				}),
				Raw: {type: 'Compose', inputs: "@triggerBody()?['ContentData']", runAfter: {Complete: ['Succeeded']}},
			},
		},
		[conn('sb', 'servicebus', 'sb-prod')],
	);
	const c = convertWorkflow(wf, all('builtin'));

	test('the peek-lock trigger becomes a push trigger that splits the message array', () => {
		const t = triggers(c).On_order;
		expect(t.type).toBe('ServiceProvider');
		expect(t.inputs.serviceProviderConfiguration).toMatchObject({operationId: 'peekLockQueueMessagesV2', serviceProviderId: '/serviceProviders/serviceBus'});
		expect(t.inputs.parameters).toEqual({queueName: 'orders'});
		expect(t.splitOn).toBe("@triggerOutputs()?['body']");
		expect(t.recurrence).toBeUndefined();
		expect(noteFor(c, 'On_order', /recurrence was removed/)).toBeDefined();
	});

	test('expressions reading the old trigger body are rewritten: plain contentData, camelCase fields', () => {
		expect(actions(c).Parse.inputs.content).toBe("@triggerBody()?['contentData']");
		expect(actions(c).Complete.inputs.parameters).toEqual({queueName: 'orders', lockToken: "@triggerBody()?['lockToken']"});
		// A base64 read without decoding keeps its meaning by encoding the plain content again.
		expect(actions(c).Raw.inputs).toBe("@base64(triggerBody()?['contentData'])");
	});

	test('send message: body fields renamed, base64 wrapper removed', () => {
		expect(actions(c).Forward.inputs.parameters).toEqual({
			entityName: 'archive',
			message: {contentData: "@{body('Parse')}", contentType: 'application/json', sessionId: "@triggerBody()?['sessionId']"},
		});
		expect(actions(c).Complete.inputs.serviceProviderConfiguration.operationId).toBe('completeQueueMessageV2');
	});

	test('a message field with no verified built-in name keeps the send managed', () => {
		const w = workflow('x', {actions: {S: apiOp('sb', 'post', `/${dbl('q')}/messages`, {body: {ContentData: 'aGk=', ForcePersistence: true}, runAfter: {}})}}, [conn('sb', 'servicebus')]);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).S.type).toBe('ApiConnection');
		expect(noteFor(r, 'S', /ForcePersistence/)).toBeDefined();
	});
});

describe('Blob storage', () => {
	const wf = workflow(
		'files',
		{
			actions: {
				Get_blob_content: {
					...apiOp('blob', 'get', `/v2/datasets/${dbl('AccountNameFromSettings')}/files/${dbl('JTJmaW5ib3glMmZvcmRlci5qc29u')}/content`, {runAfter: {}}),
					metadata: {JTJmaW5ib3glMmZvcmRlci5qc29u: '/inbox/order.json'},
				},
				Create_blob: apiOp('blob', 'post', `/v2/datasets/${dbl('AccountNameFromSettings')}/files`, {
					queries: {folderPath: '/archive/2024', name: "@{guid()}.json", queryParametersSingleEncoded: true},
					body: "@body('Get_blob_content')",
					runAfter: {Get_blob_content: ['Succeeded']},
				}),
			},
		},
		[conn('blob', 'azureblob', 'storage-main')],
	);
	const c = convertWorkflow(wf, all('builtin'));

	test('get content uses the metadata map to find container and blob', () => {
		expect(actions(c).Get_blob_content.inputs.parameters).toEqual({containerName: 'inbox', blobName: 'order.json'});
		expect(actions(c).Get_blob_content.metadata).toBeUndefined();
	});

	test('create blob splits the folder path into container and blob name and reads the new content shape', () => {
		expect(actions(c).Create_blob.inputs.parameters).toEqual({
			containerName: 'archive',
			blobName: '2024/@{guid()}.json',
			content: "@body('Get_blob_content')?['content']",
			overrideIfExists: 'true',
		});
	});
});

describe('Azure Queues', () => {
	const v2 = (q: string) => `/v2/storageAccounts/${dbl('AccountNameFromSettings')}/queues/${dbl(q)}/messages`;

	test('put (V1 and V2) converts; get converts when nothing reads its output, with seconds as a timespan', () => {
		const w = workflow(
			'queues',
			{
				actions: {
					Put_v2: apiOp('q', 'post', v2('jobs'), {body: 'hello', runAfter: {}}),
					Put_v1: apiOp('q', 'post', `/${sgl('jobs')}/messages`, {body: 'again', runAfter: {}}),
					Get: apiOp('q', 'get', v2('jobs'), {queries: {numofmessages: '5', visibilitytimeout: '90'}, runAfter: {}}),
				},
			},
			[conn('q', 'azurequeues')],
		);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Put_v2.inputs.parameters).toEqual({queueName: 'jobs', message: 'hello'});
		expect(actions(r).Put_v1.inputs.parameters).toEqual({queueName: 'jobs', message: 'again'});
		expect(actions(r).Get.inputs.parameters).toEqual({queueName: 'jobs', messageCount: '5', visibilityTimeout: '00:01:30'});
	});

	test('get messages stays managed when later steps read its (unverified) output shape', () => {
		const w = workflow(
			'queues',
			{
				actions: {
					Get: apiOp('q', 'get', v2('jobs'), {runAfter: {}}),
					Use: {type: 'Compose', inputs: "@body('Get')?['QueueMessagesList']", runAfter: {Get: ['Succeeded']}},
				},
			},
			[conn('q', 'azurequeues')],
		);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Get.type).toBe('ApiConnection');
		expect(actions(r).Use.inputs).toBe("@body('Get')?['QueueMessagesList']");
	});
});

describe('Table storage', () => {
	const base = `/v2/storageAccounts/${dbl('AccountNameFromSettings')}/tables/${sgl('orders')}`;
	const w = workflow(
		'tables',
		{
			actions: {
				Upsert: apiOp('t', 'put', `${base}/entities(PartitionKey='${sgl('eu')}',RowKey='@{encodeURIComponent(variables('id'))}')`, {
					body: {Status: 'new'},
					runAfter: {},
				}),
				Query: apiOp('t', 'get', `${base}/entities`, {queries: {$filter: "Status eq 'new'"}, runAfter: {Upsert: ['Succeeded']}}),
				Count: {type: 'Compose', inputs: "@length(body('Query')?['value'])", runAfter: {Query: ['Succeeded']}},
			},
		},
		[conn('t', 'azuretables')],
	);
	const c = convertWorkflow(w, all('builtin'));

	test('insert or replace carries the keys inside the entity', () => {
		expect(actions(c).Upsert.inputs.parameters).toEqual({
			tableName: 'orders',
			entity: {Status: 'new', PartitionKey: 'eu', RowKey: "@{variables('id')}"},
			updateMode: 'Replace',
		});
	});

	test("get entities: filter mapped, ?['value'] becomes ?['entities']", () => {
		expect(actions(c).Query.inputs.parameters).toEqual({tableName: 'orders', filter: "Status eq 'new'"});
		expect(actions(c).Count.inputs).toBe("@length(body('Query')?['entities'])");
	});
});

describe('file connectors', () => {
	test('SFTP create file joins folder and name; get content returns {content}', () => {
		const w = workflow(
			'sftp',
			{
				actions: {
					Create: apiOp('s', 'post', '/datasets/default/files', {queries: {folderPath: '/out/', name: 'a.csv', queryParametersSingleEncoded: true}, body: 'x', runAfter: {}}),
					Read: apiOp('s', 'get', `/datasets/default/files/${dbl('L291dC9hLmNzdg==')}/content`, {runAfter: {Create: ['Succeeded']}}),
					Use: {type: 'Compose', inputs: "@{body('Read')}", runAfter: {Read: ['Succeeded']}},
				},
			},
			[conn('s', 'sftpwithssh')],
		);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Create.inputs.parameters).toEqual({filePath: '/out/a.csv', content: 'x', overWriteFileIfExists: true});
		expect(actions(r).Read.inputs.parameters).toEqual({filePath: '/out/a.csv'});
		expect(actions(r).Use.inputs).toBe("@{body('Read')?['content']}");
	});

	test('the FTP trigger that returned the file converts to the metadata trigger plus a first step that reads the file', () => {
		const w = workflow(
			'ftp',
			{
				triggers: {On_file: apiOp('f', 'get', '/datasets/default/triggers/onupdatedfile', {queries: {folderId: 'L2luYm94'}, recurrence: {frequency: 'Minute', interval: 1}})},
				actions: {
					Use: {type: 'Compose', inputs: {content: '@triggerBody()', name: "@triggerOutputs()['headers']['x-ms-file-name']"}, runAfter: {}},
					Then: {type: 'Compose', inputs: 'x', runAfter: {Use: ['Succeeded']}},
				},
			},
			[conn('f', 'ftp')],
		);
		const r = convertWorkflow(w, all('builtin'));
		// Polling built-in triggers keep their schedule and are written as the reference workflows write them.
		expect(triggers(r).On_file).toMatchObject({
			type: 'ServiceProvider',
			kind: 'Polling',
			recurrence: {frequency: 'Minute', interval: 1},
			splitOn: "@triggerOutputs()?['body']",
			inputs: {parameters: {folderPath: '/inbox'}, serviceProviderConfiguration: {operationId: 'whenFtpFilesAreAddedOrModified'}},
		});
		expect(Object.keys(actions(r))[0]).toBe('Get_file_content');
		expect(actions(r).Get_file_content).toMatchObject({
			type: 'ServiceProvider',
			runAfter: {},
			inputs: {parameters: {filePath: "@triggerBody()?['path']"}, serviceProviderConfiguration: {operationId: 'getFtpFileContentV2', connectionName: 'f'}},
		});
		expect(actions(r).Use).toMatchObject({inputs: {content: "@body('Get_file_content')", name: "@triggerBody()?['name']"}, runAfter: {Get_file_content: ['Succeeded']}});
		expect(actions(r).Then.runAfter).toEqual({Use: ['Succeeded']});
	});
});

describe('other ISE connectors', () => {
	test('Event Hubs send: contentData is plain', () => {
		const w = workflow('eh', {actions: {Send: apiOp('e', 'post', `/${sgl('telemetry')}/events`, {body: {ContentData: "@{base64(triggerBody())}"}, runAfter: {}})}}, [conn('e', 'eventhubs')]);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Send.inputs.parameters).toEqual({eventHubName: 'telemetry', eventData: {contentData: '@{triggerBody()}'}});
	});

	test('Cosmos DB create document, MQ send and Key Vault get secret convert; DB2 get rows [U] stays managed', () => {
		const w = workflow(
			'mixed',
			{
				actions: {
					Doc: apiOp('cos', 'post', `/v2/cosmosdb/${sgl('AccountNameFromSettings')}/dbs/${sgl('shop')}/colls/${sgl('orders')}/docs`, {
						body: {id: '1'},
						headers: {'x-ms-documentdb-raw-partitionkey': '"eu"', 'x-ms-documentdb-is-upsert': 'true'},
						runAfter: {},
					}),
					Mq: apiOp('mq', 'post', '/v2/send', {body: {Queue: 'ORDERS.IN', Message: 'hi'}, runAfter: {}}),
					Db2_rows: apiOp('db2', 'get', `/datasets/default/tables/${dbl('ORDERS')}/items`, {runAfter: {}}),
					Db2_insert: apiOp('db2', 'post', `/datasets/default/tables/${dbl('ORDERS')}/items`, {body: {ID: 1}, runAfter: {}}),
					Secret: apiOp('kv', 'get', `/secrets/${sgl('pwd')}/value`, {runAfter: {}}),
				},
			},
			[conn('cos', 'documentdb'), conn('mq', 'mq'), conn('db2', 'db2'), conn('kv', 'keyvault')],
		);
		const r = convertWorkflow(w, all('builtin'));
		expect(actions(r).Doc.inputs.parameters).toEqual({databaseId: 'shop', containerId: 'orders', item: {id: '1'}, partitionKey: '"eu"', isUpsert: true});
		expect(actions(r).Mq.inputs.parameters).toEqual({queueName: 'ORDERS.IN', message: 'hi'});
		expect(actions(r).Db2_insert.inputs.parameters).toEqual({table: 'ORDERS', insertParameters: {ID: 1}});
		expect(actions(r).Db2_rows.type).toBe('ApiConnection');
		expect(noteFor(r, 'Db2_rows', /\[U\]/)).toBeDefined();
		expect(actions(r).Secret.inputs.parameters).toEqual({secretName: 'pwd'});
		// The Key Vault connection as Microsoft's reference connections.json writes it: vault URI and managed identity.
		expect(r.serviceProviderConnections.kv).toMatchObject({
			parameterSetName: 'ManagedServiceIdentity',
			parameterValues: {VaultUri: "@appsetting('kv_VaultUri')", authProvider: {Type: 'ManagedServiceIdentity'}},
		});
	});

	test('X12 decode becomes the built-in X12Decode action; read results keep it managed and are named', () => {
		const quiet = workflow('b2b', {actions: {Decode: apiOp('x12', 'post', '/decode', {body: '@triggerBody()', runAfter: {}})}}, [conn('x12', 'x12')]);
		const r = convertWorkflow(quiet, all('builtin'));
		expect(actions(r).Decode).toEqual({type: 'X12Decode', inputs: {messageToDecode: '@triggerBody()'}, runAfter: {}});
		// A B2B action links to the integration account, not to a connection.
		expect(r.serviceProviderConnections).toEqual({});
		expect(noteFor(r, 'Decode', /integration account/)).toBeDefined();

		const read = workflow('b2b', {actions: {...(quiet.definition.actions as Rec), Use: {type: 'Compose', inputs: "@body('Decode')?['GoodMessages']", runAfter: {Decode: ['Succeeded']}}}}, [conn('x12', 'x12')]);
		const m = convertWorkflow(read, all('builtin'));
		expect(actions(m).Decode.type).toBe('ApiConnection');
		expect(noteFor(m, 'Decode', /documents no outputs.*body\('Decode'\)\?\['GoodMessages'\]/)).toBeDefined();
	});
});

describe('targets and invariants', () => {
	const wf = workflow(
		'mixed',
		{
			triggers: {On_msg: apiOp('sb', 'get', `/${dbl('in')}/messages/head`, {queries: {queueType: 'Main'}, recurrence: {frequency: 'Minute', interval: 3}})},
			actions: {
				Scope: {
					type: 'Scope',
					actions: {
						Mail: apiOp('o365', 'post', '/v2/Mail', {body: {To: 'a@b.c'}, runAfter: {}}),
						Call: apiOp('crm', 'post', '/orders', {body: {}, runAfter: {Mail: ['Succeeded']}}),
					},
					runAfter: {},
				},
				Send: apiOp('sb', 'post', `/${dbl('out')}/messages`, {body: {ContentData: 'aGk='}, runAfter: {Scope: ['Succeeded']}}),
				Echo: {type: 'Compose', inputs: "@parameters('$connections')['sb']['connectionId']", runAfter: {Send: ['Succeeded']}},
			},
		},
		[conn('sb', 'servicebus', 'sb-prod'), conn('o365', 'office365', 'o365-ops', 'managed'), conn('crm', 'contoso-crm', 'crm-conn', 'custom')],
	);

	test('the input workflow is never changed', () => {
		const before = structuredClone(wf);
		convertWorkflow(wf, all('builtin'));
		convertWorkflow(wf, all('exclude'));
		expect(wf).toEqual(before);
	});

	test('no $connections is left anywhere in the output', () => {
		for (const target of ['builtin', 'managed', 'exclude'] as const) {
			const r = convertWorkflow(wf, all(target));
			expect(text(r)).not.toContain('$connections');
			expect((r.definition.parameters as Rec).$connections).toBeUndefined();
		}
	});

	test('managed target keeps ApiConnection with a reference name instead of the $connections expression', () => {
		const r = convertWorkflow(wf, all('managed'));
		expect(triggers(r).On_msg.type).toBe('ApiConnection');
		expect(triggers(r).On_msg.inputs.host).toEqual({connection: {referenceName: 'sb-prod'}});
		expect(actions(r).Scope.actions.Mail.inputs.host).toEqual({connection: {referenceName: 'o365-ops'}});
		expect(r.managedConnections['o365-ops']).toMatchObject({api: 'office365', apiKind: 'managed', connectionName: 'o365-ops'});
		expect(r.counts).toEqual({builtin: 0, managed: 4, excluded: 0});
	});

	test('custom connectors keep a managed reference with a note, whatever the built-in choice', () => {
		const r = convertWorkflow(wf, (api) => (api === 'servicebus' ? 'builtin' : 'managed'));
		expect(actions(r).Scope.actions.Call.inputs.host).toEqual({connection: {referenceName: 'crm-conn'}});
		expect(r.managedConnections['crm-conn']).toMatchObject({api: 'contoso-crm', apiKind: 'custom'});
		expect(noteFor(r, 'Call', /custom connector/)).toBeDefined();
		expect(triggers(r).On_msg.type).toBe('ServiceProvider');
		expect(actions(r).Scope.actions.Mail.type).toBe('ApiConnection');
	});

	test('exclude replaces steps with placeholders that keep the run order, and the trigger with a Request trigger', () => {
		const r = convertWorkflow(wf, all('exclude'));
		expect(triggers(r).On_msg).toMatchObject({type: 'Request', kind: 'Http'});
		expect(actions(r).Scope.actions.Call).toMatchObject({type: 'Compose', runAfter: {Mail: ['Succeeded']}});
		expect(actions(r).Send).toMatchObject({type: 'Compose', runAfter: {Scope: ['Succeeded']}});
		expect(actions(r).Send.inputs.reason).toContain('excluded');
		expect(r.counts).toEqual({builtin: 0, managed: 0, excluded: 4});
		expect(r.notes.filter((n) => /excluded/.test(n.message))).toHaveLength(4);
	});

	test('a connection key that is computed at run time points at a placeholder connection, with a [U] note', () => {
		const w = workflow('dyn', {actions: {S: {...apiOp('x', 'post', '/m'), inputs: {host: {connection: {name: "@parameters('$connections')[concat('sb_', rand(1,3))]['connectionId']"}}, method: 'post', path: '/m'}, runAfter: {}}}}, [conn('sb_1', 'servicebus')]);
		const r = convertWorkflow(w, all('builtin'));
		const ref = actions(r).S.inputs.host.connection.referenceName as string;
		expect(ref).toMatch(/^unresolved-/);
		expect(r.managedConnections[ref]).toBeDefined();
		expect(r.notes.find((n) => n.operation === 'S')?.certainty).toBe('U');
		expect(text(r)).not.toContain('$connections');
	});
});

test('malformed workflows convert without throwing', () => {
	const bad = [
		{...workflow('a', {actions: {}}, []), definition: null as unknown as Workflow['definition']},
		{...workflow('b', {actions: {X: {type: 'ApiConnection', inputs: 'oops', runAfter: {}}}}, []), connections: undefined as unknown as Workflow['connections']},
	];
	for (const w of bad) {
		const r = convertWorkflow(w, all('builtin'));
		expect(text(r)).not.toContain('$connections');
	}
});

describe('connections.json', () => {
	const sqlPath = `/v2/datasets/${dbl('default')},${dbl('default')}/procedures/${dbl('p')}`;
	const a = workflow('a', {actions: {P: apiOp('sql', 'post', sqlPath, {runAfter: {}}), M: apiOp('o', 'post', '/v2/Mail', {runAfter: {}})}}, [conn('sql', 'sql', 'sql-shared'), conn('o', 'office365', 'o365', 'managed')]);
	const b = workflow('b', {actions: {P: apiOp('db', 'post', sqlPath, {runAfter: {}}), M: apiOp('mail', 'post', '/v2/Mail', {runAfter: {}})}}, [conn('db', 'sql', 'sql-shared'), conn('mail', 'office365', 'o365', 'managed')]);
	const c = workflow('c', {actions: {P: apiOp('sql', 'post', sqlPath, {runAfter: {}})}}, [conn('sql', 'sql', 'sql-reporting')]);
	const converted = [a, b, c].map((w) => convertWorkflow(w, all('builtin')));
	const {json, appSettings} = buildConnectionsJson(converted);

	test('one connection used by several workflows becomes one entry; two connections to the same API stay two', () => {
		expect(Object.keys(json.serviceProviderConnections).sort()).toEqual(['sql-reporting', 'sql-shared']);
		expect(Object.keys(json.managedApiConnections)).toEqual(['o365']);
		expect(appSettings.filter((s) => s.name === 'sql_shared_connectionString')).toHaveLength(1);
	});

	test('entries have the Standard shapes and use only app setting references', () => {
		expect(json.serviceProviderConnections['sql-shared']).toEqual({
			parameterValues: {connectionString: "@appsetting('sql_shared_connectionString')"},
			parameterSetName: 'connectionString',
			serviceProvider: {id: '/serviceProviders/sql'},
			displayName: expect.any(String),
		});
		expect(json.managedApiConnections.o365).toEqual({
			api: {id: "/subscriptions/@appsetting('WORKFLOWS_SUBSCRIPTION_ID')/providers/Microsoft.Web/locations/@appsetting('WORKFLOWS_LOCATION_NAME')/managedApis/office365"},
			connection: {id: "/subscriptions/@appsetting('WORKFLOWS_SUBSCRIPTION_ID')/resourceGroups/@appsetting('WORKFLOWS_RESOURCE_GROUP_NAME')/providers/Microsoft.Web/connections/o365"},
			connectionRuntimeUrl: "@appsetting('o365_connectionRuntimeUrl')",
			authentication: {type: 'ManagedServiceIdentity'},
		});
		for (const w of converted) {
			for (const sp of Object.values(w.serviceProviderConnections)) {
				for (const v of Object.values(sp.parameterValues)) {
					if (typeof v === 'string') expect(v).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);
				}
			}
		}
		const names = appSettings.map((s) => s.name);
		expect(names).toEqual(expect.arrayContaining(['WORKFLOWS_SUBSCRIPTION_ID', 'WORKFLOWS_RESOURCE_GROUP_NAME', 'WORKFLOWS_LOCATION_NAME', 'o365_connectionRuntimeUrl']));
		expect(appSettings.find((s) => s.name === 'o365_connectionKey')?.secret).toBe(true);
	});

	test('a custom subscription setting name is used in managed ids', () => {
		const r = convertWorkflow(a, all('managed'), {subscriptionIdSetting: 'TARGET_SUBSCRIPTION'});
		const j = buildConnectionsJson([r]).json.managedApiConnections.o365 as Rec;
		expect(j.api.id).toContain("@appsetting('TARGET_SUBSCRIPTION')");
	});
});


describe('the definition language a workflow.json names', () => {
	const keep = () => 'managed' as const;
	const withSchema = (schema: string | undefined) => {
		const base = workflow('s', {actions: {Respond: {type: 'Response', inputs: {statusCode: 200}, runAfter: {}}}}, []);
		const {$schema: _, ...rest} = base.definition;
		return {...base, definition: schema === undefined ? rest : {$schema: schema, ...rest}};
	};

	test('a hand-written template that names the deployment template schema gets the 2016-06-01 language first, with a note', () => {
		const wf = withSchema('https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#');
		const c = convertWorkflow(wf, keep);
		expect(Object.keys(c.definition)[0]).toBe('$schema');
		expect(c.definition.$schema).toBe(WORKFLOW_DEFINITION_SCHEMA);
		expect(c.notes.map((n) => n.message).join('\n')).toContain('deploymentTemplate.json');
		expect(wf.definition.$schema).toContain('deploymentTemplate.json');
	});

	test('a definition without $schema gets it silently; one in another case is kept as it is', () => {
		const none = convertWorkflow(withSchema(undefined), keep);
		expect(Object.keys(none.definition)[0]).toBe('$schema');
		expect(none.notes.filter((n) => n.message.includes('$schema'))).toEqual([]);
		const shouting = WORKFLOW_DEFINITION_SCHEMA.toUpperCase();
		expect(convertWorkflow(withSchema(shouting), keep).definition.$schema).toBe(shouting);
	});
});

describe('spellings Consumption let pass, written as the designer writes them', () => {
	test("an HTTP method in another case becomes upper case; a recurrence interval given as text becomes a number", () => {
		const wf = workflow(
			'h',
			{
				triggers: {Every_hour: {type: 'recurrence', recurrence: {frequency: 'Hour', interval: '1'}}},
				actions: {
					Ping: {type: 'Http', inputs: {method: 'Get', uri: 'https://example.org'}, runAfter: {}},
					Hook: {type: 'HttpWebhook', inputs: {subscribe: {method: 'post', uri: 'https://example.org/s'}, unsubscribe: {method: 'Delete', uri: 'https://example.org/u'}}, runAfter: {}},
					Custom: {type: 'Http', inputs: {method: 'PROPFIND', uri: 'https://example.org'}, runAfter: {}},
				},
			},
			[],
		);
		const c = convertWorkflow(wf, () => 'managed' as const);
		expect(actions(c).Ping.inputs.method).toBe('GET');
		expect(actions(c).Hook.inputs.subscribe.method).toBe('POST');
		expect(actions(c).Hook.inputs.unsubscribe.method).toBe('DELETE');
		expect(actions(c).Custom.inputs.method).toBe('PROPFIND');
		expect(triggers(c).Every_hour.recurrence.interval).toBe(1);
		// The inventory's definition is left as it was.
		expect((wf.definition.actions as Rec).Ping.inputs.method).toBe('Get');
	});
});

describe('an "Initialize variables" step holding several variables', () => {
	test('becomes one step per variable, chained where it ran; the last keeps its name, so later steps still run after all', () => {
		const init = {
			type: 'InitializeVariable',
			description: 'counters',
			inputs: {variables: [{name: 'a', type: 'integer', value: 0}, {name: 'b', type: 'string', value: "@{variables('a')}"}, {name: 'c', type: 'array'}]},
			runAfter: {Parse: ['Succeeded']},
		};
		const wf = workflow(
			'v',
			{
				actions: {
					Parse: {type: 'Compose', inputs: 1, runAfter: {}},
					Scope: {type: 'Scope', actions: {Init: init, Init_1: {type: 'Compose', inputs: 2, runAfter: {Init: ['Succeeded']}}}, runAfter: {Parse: ['Succeeded']}},
				},
			},
			[],
		);
		const c = convertWorkflow(wf, () => 'managed' as const);
		const scope = actions(c).Scope.actions as Rec;
		// Document order kept; the existing Init_1 is not reused.
		expect(Object.keys(scope)).toEqual(['Init_2', 'Init_3', 'Init', 'Init_1']);
		expect(scope.Init_2).toEqual({type: 'InitializeVariable', inputs: {variables: [init.inputs.variables[0]]}, runAfter: {Parse: ['Succeeded']}});
		expect(scope.Init_3.runAfter).toEqual({Init_2: ['Succeeded']});
		expect(scope.Init).toEqual({type: 'InitializeVariable', description: 'counters', inputs: {variables: [init.inputs.variables[2]]}, runAfter: {Init_3: ['Succeeded']}});
		expect(scope.Init_1.runAfter).toEqual({Init: ['Succeeded']});
		expect(noteFor(c, 'Init', /3 steps, one per variable/)).toBeTruthy();
		// The inventory's step is left whole.
		expect(((wf.definition.actions as Rec).Scope.actions as Rec).Init.inputs.variables).toHaveLength(3);
	});
});

test('a definition in an older language keeps its $schema: naming the new one would not make it one', () => {
	const wf = workflow('old', {actions: {Respond: {type: 'Response', inputs: {statusCode: 200}, runAfter: {}}}}, []);
	const preview = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2015-08-01-preview/workflowdefinition.json#';
	const c = convertWorkflow({...wf, definition: {...wf.definition, $schema: preview}}, () => 'managed' as const);
	expect(c.definition.$schema).toBe(preview);
});

describe('connections many workflows share', () => {
	// Thousands of workflows on one ISE connection must not carry a connection object each, nor may sharing change
	// what connections.json says.
	const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
	const make = (name: string) =>
		workflow(name, {actions: {Rows: apiOp('sql', 'get', `${sqlV2}/tables/${dbl('[dbo].[Customers]')}/items`, {runAfter: {}}), Post: apiOp('office365', 'post', '/v2/Mail', {runAfter: {Rows: ['Succeeded']}})}}, [
			conn('sql', 'sql', 'sql-orders'),
			conn('office365', 'office365', 'office365-mail'),
		]);
	const target = (api: string): ConnectorTarget => (api === 'sql' ? 'builtin' : 'managed');

	test('are made once per run and give the same connections.json as made per workflow', () => {
		const madeConnections = new Map();
		const shared = ['a', 'b'].map((n) => convertWorkflow(make(n), target, {madeConnections}));
		const own = ['a', 'b'].map((n) => convertWorkflow(make(n), target));
		const [a, b] = shared.map((c) => c.serviceProviderConnections);
		expect(Object.keys(a!)).toHaveLength(1);
		expect(Object.values(b!)[0]).toBe(Object.values(a!)[0]);
		expect(Object.values(shared[1]!.managedConnections)[0]).toBe(Object.values(shared[0]!.managedConnections)[0]);
		expect(Object.values(own[1]!.serviceProviderConnections)[0]).not.toBe(Object.values(own[0]!.serviceProviderConnections)[0]);
		expect(buildConnectionsJson(shared)).toEqual(buildConnectionsJson(own));
	});
});
