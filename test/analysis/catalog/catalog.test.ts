// The catalog as data: every ISE connector family is present with the Standard target domain.md §4 gives, and
// managed operation paths (as operations.md writes them) match the right built-in operation.
import {describe, expect, test} from 'vitest';
import {allCatalogEntries, catalogEntry, catalogEntryForActionType, matchOperation, type ValueSource} from '../../../source/analysis/catalog/index.js';

const dbl = (v: string) => `@{encodeURIComponent(encodeURIComponent('${v}'))}`;
const sgl = (v: string) => `@{encodeURIComponent('${v}')}`;

describe('entries', () => {
	// Expected values copied from domain.md §4 / operations.md, not from the catalog.
	const expected: [string, string, string | undefined][] = [
		['azureblob', 'builtin', '/serviceProviders/AzureBlob'],
		['azurefile', 'builtin', '/serviceProviders/AzureFile'],
		['azuretables', 'builtin', '/serviceProviders/azureTables'],
		['azurequeues', 'builtin', '/serviceProviders/azurequeues'],
		['servicebus', 'builtin', '/serviceProviders/serviceBus'],
		['eventhubs', 'builtin', '/serviceProviders/eventHub'],
		['azureautomation', 'builtin', '/serviceProviders/azureAutomation'],
		['keyvault', 'builtin', '/serviceProviders/keyVault'],
		['azureeventgrid', 'managed', undefined],
		['azuremonitorlogs', 'managed', undefined],
		['ftp', 'builtin', '/serviceProviders/Ftp'],
		['sftpwithssh', 'builtin', '/serviceProviders/Sftp'],
		['filesystem', 'builtin', '/serviceProviders/FileSystem'],
		['smtp', 'builtin', '/serviceProviders/Smtp'],
		['sap', 'builtin', '/serviceProviders/sap'],
		['mq', 'builtin', '/serviceProviders/mq'],
		['db2', 'builtin', '/serviceProviders/DB2'],
		['si3270', 'builtin', '/serviceProviders/si3270'],
		['sql', 'builtin', '/serviceProviders/sql'],
		['sqldw', 'managed', undefined],
		['documentdb', 'builtin', '/serviceProviders/AzureCosmosDB'],
		['as2', 'builtin-b2b', undefined],
		['x12', 'builtin-b2b', undefined],
		['edifact', 'builtin-b2b', undefined],
		['office365', 'managed', undefined],
		['sharepointonline', 'managed', undefined],
		['teams', 'managed', undefined],
		['dynamicscrmonline', 'managed', undefined],
		['commondataservice', 'managed', undefined],
		['salesforce', 'managed', undefined],
		['azuredatafactory', 'managed', undefined],
		['azurefunctions', 'builtin-action', undefined],
		['apimanagement', 'builtin-action', undefined],
	];

	test.each(expected)('%s → %s %s', (api, target, spId) => {
		const e = catalogEntry(api);
		expect(e, api).toBeDefined();
		expect(e!.target).toBe(target);
		expect(e!.serviceProviderId).toBe(spId);
		expect(['C', 'S', 'U']).toContain(e!.certainty);
	});

	test('Azure Functions and API Management are found by action type, with their connections.json section and key settings', () => {
		const fn = catalogEntryForActionType('Function');
		expect(fn?.api).toBe('azurefunctions');
		expect(fn?.actionType?.connectionsSection).toBe('functionConnections');
		expect(catalogEntryForActionType('apimanagement')?.actionType?.connectionsSection).toBe('apiManagementConnections');
		for (const e of [fn!, catalogEntryForActionType('ApiManagement')!]) {
			expect(e.connection?.parameters.some((p) => p.secret), e.api).toBe(true);
			expect(['C', 'S']).toContain(e.actionType!.certainty);
		}
		expect(catalogEntryForActionType('Http')).toBeUndefined();
		expect(catalogEntryForActionType(undefined)).toBeUndefined();
	});

	test('names are looked up case-insensitively and through aliases', () => {
		expect(catalogEntry('SQL')?.api).toBe('sql');
		expect(catalogEntry('azurecosmosdb')?.api).toBe('documentdb');
		expect(catalogEntry('no-such-connector')).toBeUndefined();
	});

	test('webhook triggers that need public inbound are flagged', () => {
		for (const api of ['azureeventgrid', 'office365', 'commondataservice', 'visualstudioteamservices']) {
			expect(catalogEntry(api)?.webhookTrigger?.needsPublicInbound, api).toBe(true);
		}
		expect(catalogEntry('sql')?.webhookTrigger).toBeUndefined();
	});

	test('built-in connections keep secrets behind app settings and every confident row names its operation', () => {
		const ids = new Set<string>();
		for (const e of allCatalogEntries()) {
			// Rows that may convert need the built-in connection; [U] rows only classify and never convert.
			if (e.target === 'builtin' && e.operations.some((m) => m.certainty !== 'U')) expect(e.connection, e.api).toBeDefined();
			for (const m of e.operations) {
				expect(ids.has(m.id), `duplicate row id ${m.id}`).toBe(false);
				ids.add(m.id);
				// A confident row names its built-in operation, unless it records that there is none.
				if (m.certainty !== 'U') expect(m.operationId || /no built-in counterpart/.test(m.note ?? ''), m.id).toBeTruthy();
				expect(m.anyPath || m.paths.length > 0, m.id).toBe(true);
				// Every path variable a parameter reads must exist in every pattern of the row (unless it has a default).
				const vars = new Set<string>();
				const collect = (s: ValueSource) => {
					const f = s.from;
					if ('path' in f) vars.add(f.path);
					if ('join' in f) f.join.forEach(collect);
					if ('object' in f) Object.values(f.object).forEach(collect);
				};
				for (const rule of m.params) if (rule.default === undefined) collect(rule.source);
				for (const pattern of m.paths) for (const v of vars) expect(pattern, `${m.id} reads {${v}}`).toContain(`{${v}}`);
			}
		}
		expect(catalogEntry('sql')!.connection!.parameters.find((p) => p.name === 'connectionString')?.secret).toBe(true);
	});
});

describe('matchOperation', () => {
	const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
	const rows: [string, string, {method: string; path: string; queries?: unknown; headers?: unknown; isTrigger?: boolean}, string, Record<string, string>?][] = [
		['sql', 'execute query V2', {method: 'post', path: `${sqlV2}/query/sql`}, 'executeQuery', {server: 'default', database: 'default'}],
		['sql', 'stored procedure V2 single-encoded', {method: 'post', path: `${sqlV2}/procedures/${sgl('[dbo].[Load]')}`}, 'executeStoredProcedure', {procedure: '[dbo].[Load]'}],
		['sql', 'stored procedure V1', {method: 'post', path: `/datasets/default/procedures/${dbl('[dbo].[Load]')}`}, 'executeStoredProcedure', {procedure: '[dbo].[Load]'}],
		['sql', 'get rows, literal double-encoded table', {method: 'get', path: '/v2/datasets/default,default/tables/%255Bdbo%255D.%255BOrders%255D/items'}, 'getRows', {table: '[dbo].[Orders]'}],
		['sql', 'get row', {method: 'get', path: `${sqlV2}/tables/${dbl('[dbo].[Orders]')}/items/${dbl('42')}`}, 'getRows', {table: '[dbo].[Orders]', id: '42'}],
		['sql', 'insert row', {method: 'post', path: `${sqlV2}/tables/${dbl('T')}/items`}, 'insertRow'],
		['sql', 'update row', {method: 'patch', path: `${sqlV2}/tables/${dbl('T')}/items/${dbl('1')}`}, 'updateRows'],
		['sql', 'delete row', {method: 'delete', path: `${sqlV2}/tables/${dbl('T')}/items/${dbl('1')}`}, 'deleteRows'],
		['sql', 'trigger on new items V2', {method: 'get', path: `${sqlV2}/tables/${dbl('T')}/onnewitems`, isTrigger: true}, 'whenARowIsInserted', {table: 'T'}],
		['sql', 'trigger on updated items without /v2', {method: 'get', path: `/datasets/${dbl('srv')},${dbl('db')}/tables/${dbl('T')}/onupdateditems`, isTrigger: true}, 'whenARowIsModified', {server: 'srv', database: 'db'}],
		['servicebus', 'send message', {method: 'post', path: `/${dbl('orders')}/messages`, queries: {systemProperties: 'None'}}, 'sendMessage', {entityName: 'orders'}],
		['servicebus', 'queue trigger auto-complete', {method: 'get', path: `/${dbl('orders')}/messages/head`, queries: {queueType: 'Main'}, isTrigger: true}, 'receiveQueueMessages'],
		['servicebus', 'queue trigger peek-lock', {method: 'get', path: `/${dbl('orders')}/messages/head/peek`, queries: {queueType: 'Main', sessionId: 'None'}, isTrigger: true}, 'peekLockQueueMessagesV2'],
		['servicebus', 'topic trigger', {method: 'get', path: `/${dbl('events')}/subscriptions/${sgl('all')}/messages/head`, queries: {subscriptionType: 'Main'}, isTrigger: true}, 'receiveTopicMessages', {topicName: 'events', subscriptionName: 'all'}],
		['servicebus', 'complete in queue', {method: 'delete', path: `/${dbl('orders')}/messages/complete`, queries: {lockToken: 'x', queueType: 'Main'}}, 'completeQueueMessageV2'],
		['servicebus', 'complete in topic subscription', {method: 'delete', path: `/${dbl('events')}/subscriptions/${sgl('all')}/messages/complete`, queries: {lockToken: 'x', subscriptionType: 'Main'}}, 'completeTopicMessageV2'],
		['azureblob', 'create blob V2', {method: 'post', path: `/v2/datasets/${dbl('AccountNameFromSettings')}/files`, queries: {folderPath: '/in', name: 'a.txt'}}, 'uploadBlob'],
		['azureblob', 'create blob V1', {method: 'post', path: '/datasets/default/files', queries: {folderPath: '/in', name: 'a.txt'}}, 'uploadBlob'],
		['azureblob', 'get blob content V2', {method: 'get', path: `/v2/datasets/${dbl('AccountNameFromSettings')}/files/${dbl('JTJmaW4lMmZhLnR4dA==')}/content`}, 'readBlob', {id: 'JTJmaW4lMmZhLnR4dA=='}],
		['azureblob', 'delete blob V2', {method: 'delete', path: `/v2/datasets/${dbl('acct')}/files/${dbl('x')}`}, 'deleteBlob'],
		['azureblob', 'list blobs', {method: 'get', path: `/v2/datasets/${dbl('acct')}/foldersV2/${dbl('x')}`}, 'listBlobs'],
		['azureblob', 'blob trigger V1', {method: 'get', path: '/datasets/default/triggers/batch/onupdatedfile', queries: {folderId: 'x'}, isTrigger: true}, 'whenABlobIsAddedOrModified'],
		['azurequeues', 'put message V2', {method: 'post', path: `/v2/storageAccounts/${dbl('AccountNameFromSettings')}/queues/${dbl('jobs')}/messages`}, 'putMessage', {queueName: 'jobs'}],
		['azurequeues', 'put message V1', {method: 'post', path: `/${sgl('jobs')}/messages`}, 'putMessage', {queueName: 'jobs'}],
		['azurequeues', 'get messages V2', {method: 'get', path: `/v2/storageAccounts/${dbl('a')}/queues/${dbl('jobs')}/messages`}, 'getMessages'],
		['azurequeues', 'get messages V1', {method: 'get', path: `/${sgl('jobs')}/messages`}, 'getMessages'],
		['azurequeues', 'delete message V2', {method: 'delete', path: `/v2/storageAccounts/${dbl('a')}/queues/${dbl('jobs')}/messages/${sgl('m1')}`}, 'deleteMessage', {messageId: 'm1'}],
		['azuretables', 'insert entity V2', {method: 'post', path: `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities`}, 'upsertEntity'],
		['azuretables', 'insert or replace V2', {method: 'put', path: `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities(PartitionKey='${sgl('p1')}',RowKey='${sgl('r1')}')`}, 'upsertEntity', {pk: 'p1', rk: 'r1'}],
		['azuretables', 'replace with If-Match', {method: 'put', path: `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities(PartitionKey='${sgl('p1')}',RowKey='${sgl('r1')}')`, headers: {'If-Match': '*'}}, 'updateEntity'],
		['azuretables', 'get entity V2', {method: 'get', path: `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities(PartitionKey='${sgl('p1')}',RowKey='${sgl('r1')}')`}, 'getEntity'],
		['azuretables', 'get entities V1', {method: 'get', path: `/Tables/${sgl('ratings')}/entities`}, 'queryEntities', {table: 'ratings'}],
		['sftpwithssh', 'create file', {method: 'post', path: '/datasets/default/files', queries: {folderPath: '/out', name: 'a.csv'}}, 'uploadFileContent'],
		['sftpwithssh', 'get file content', {method: 'get', path: `/datasets/default/files/${dbl('L291dC9hLmNzdg==')}/content`}, 'getFileContent'],
		['sftpwithssh', 'list folder', {method: 'get', path: `/datasets/default/folders/${dbl('x')}`}, 'listFolder'],
		['sftpwithssh', 'trigger', {method: 'get', path: '/datasets/default/triggers/batch/onupdatedfile', queries: {folderId: 'x'}, isTrigger: true}, 'whenFilesAreAddedOrModified'],
		['ftp', 'create file', {method: 'post', path: '/datasets/default/files'}, 'createFile'],
		['ftp', 'get content', {method: 'get', path: `/datasets/default/files/${dbl('x')}/content`}, 'getFtpFileContentV2'],
		['ftp', 'list folder', {method: 'get', path: `/datasets/default/folders/${dbl('x')}`}, 'listFilesInFolder'],
		['ftp', 'trigger', {method: 'get', path: '/datasets/default/triggers/onupdatedfile', queries: {folderId: 'Lw=='}, isTrigger: true}, 'whenFtpFilesAreAddedOrModified'],
		['smtp', 'send email V3', {method: 'post', path: '/SendEmailV3'}, 'sendEmail'],
		['eventhubs', 'send event', {method: 'post', path: `/${sgl('telemetry')}/events`}, 'sendEvent', {eventHubName: 'telemetry'}],
		['eventhubs', 'trigger', {method: 'get', path: `/${sgl('telemetry')}/events/batch/head`, isTrigger: true}, 'receiveEvents'],
		['keyvault', 'get secret', {method: 'get', path: `/secrets/${sgl('db-password')}/value`}, 'getSecret', {secretName: 'db-password'}],
		['documentdb', 'create document', {method: 'post', path: `/v2/cosmosdb/${sgl('AccountNameFromSettings')}/dbs/${sgl('db')}/colls/${sgl('c')}/docs`}, 'CreateOrUpdateDocument'],
		['documentdb', 'query documents V5', {method: 'get', path: `/v5/cosmosdb/${sgl('AccountNameFromSettings')}/dbs/${sgl('db')}/colls/${sgl('c')}/query`}, 'QueryDocuments'],
		['mq', 'send', {method: 'post', path: '/v2/send'}, 'sendMessage'],
		['mq', 'receive', {method: 'post', path: '/v2/receive'}, 'receiveMessage'],
		['db2', 'insert row', {method: 'post', path: `/datasets/default/tables/${dbl('ORDERS')}/items`}, 'insertRow'],
		['x12', 'encode by agreement name', {method: 'post', path: '/encode/resolvebyname', queries: {agreementName: 'a'}}, 'x12Encode'],
		['x12', 'encode by identities', {method: 'post', path: '/encode/resolvebyidentities'}, 'x12Encode'],
		['edifact', 'decode', {method: 'post', path: '/decode'}, 'EdifactDecode'],
		['sap', 'call RFC', {method: 'post', path: '/CallRfc', queries: {rfcName: 'X'}}, 'callRfc'],
		['sap', 'IDoc trigger', {method: 'post', path: '/api/webhooktrigger/subscribe', isTrigger: true}, 'SapTrigger'],
	];

	test.each(rows)('%s: %s', (api, _label, op, operationId, values) => {
		const m = matchOperation(api, {isTrigger: false, ...op});
		expect(m?.mapping.operationId).toBe(operationId);
		if (values) expect(m?.values).toMatchObject(values);
	});

	test('operations whose built-in inputs Learn does not document are unverified [U], so they never convert', () => {
		for (const [api, path] of [['sap', '/CallRfc'], ['sap', '/SendIDoc'], ['as2', '/encode'], ['as2', '/decode'], ['edifact', '/decode']] as const) {
			expect(matchOperation(api, {method: 'post', path, isTrigger: false})?.mapping.certainty, `${api} ${path}`).toBe('U');
		}
		// X12 documents its JSON inputs (x12Decode: messageToDecode), so it maps with certainty [S].
		expect(matchOperation('x12', {method: 'post', path: '/decode', isTrigger: false})?.mapping).toMatchObject({certainty: 'S', actionType: 'X12Decode'});
		// Integration account replication is classified, with no built-in counterpart.
		const replication = matchOperation('x12', {method: 'put', path: '/controlNumbers', isTrigger: false})?.mapping;
		expect(replication?.id).toBe('x12.controlNumber');
		expect(replication?.operationId).toBeUndefined();
	});

	test('DB2 get rows is known but unverified [U]', () => {
		const m = matchOperation('db2', {method: 'get', path: `/datasets/default/tables/${dbl('ORDERS')}/items`, isTrigger: false});
		expect(m?.mapping.certainty).toBe('U');
	});

	test('sessions and dead-letter queues select other rows from the query', () => {
		const peek = (sessionId: string) =>
			matchOperation('servicebus', {method: 'get', path: `/${dbl('q')}/messages/head/peek`, queries: {queueType: 'Main', sessionId}, isTrigger: true});
		expect(peek('None')?.mapping.operationId).toBe('peekLockQueueMessagesV2');
		expect(peek('Next Available')?.mapping.operationId).toBe('onSingleNewMessageFromQueueSession');
		const dlq = matchOperation('servicebus', {method: 'get', path: `/${dbl('q')}/messages/head`, queries: {queueType: 'DeadLetter'}, isTrigger: true});
		expect(dlq?.mapping.id).toBe('servicebus.trigger.queueDeadLetter');
		// A complete inside a session settles through the session, by message id.
		expect(
			matchOperation('servicebus', {method: 'delete', path: `/${dbl('q')}/messages/complete`, queries: {lockToken: 'x', sessionId: 's1'}, isTrigger: false})?.mapping.operationId,
		).toBe('completeMessageInSession');
	});

	test('method, kind and unknown paths do not match', () => {
		expect(matchOperation('sql', {method: 'get', path: `${sqlV2}/query/sql`, isTrigger: false})).toBeUndefined();
		expect(matchOperation('sql', {method: 'post', path: `${sqlV2}/query/sql`, isTrigger: true})).toBeUndefined();
		expect(matchOperation('sql', {method: 'get', path: '/something/else', isTrigger: false})).toBeUndefined();
		expect(matchOperation('unknown-api', {method: 'get', path: '/x', isTrigger: false})).toBeUndefined();
	});

	test('segments computed at run time come back as expressions, not literals', () => {
		const m = matchOperation('servicebus', {method: 'post', path: "/@{encodeURIComponent(encodeURIComponent(variables('queue')))}/messages", isTrigger: false});
		expect(m?.pathValues.entityName).toEqual({value: "@{variables('queue')}", literal: false});
	});
});
