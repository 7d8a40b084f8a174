// One case per converted ISE connector family: a Consumption step as the designer (or the managed connector's
// generated SDK) writes it goes in; what comes out is held against the step Microsoft's own reference workflow writes
// for that built-in operation (same operation, keys documented, values of the same JSON type, same trigger kind and
// splitOn), and its connection against the reference connections.json.
import {describe, expect, test} from 'vitest';
import {convertWorkflow, type ConvertedWorkflow} from '../../../source/generate/convert/index.js';
import type {ConnectionReference} from '../../../source/model/index.js';
import {apiOp, conn, dbl, sgl, workflow} from './build.js';
import {describeCorpus} from '../../helpers/corpus.js';
import {expectConnectionLike, expectDocumented, expectShapedLike, referenceConnection, referenceOperation} from './reference.js';

type Rec = Record<string, any>;
const builtin = () => 'builtin' as const;

function convertOne(api: string, op: Rec, opts: {trigger?: boolean; more?: Rec; connection?: ConnectionReference} = {}): {c: ConvertedWorkflow; step: Rec} {
	const parts = opts.trigger
		? {triggers: {Step: op}, actions: {Use: {type: 'Compose', inputs: 'x', runAfter: {}}, ...opts.more}}
		: {actions: {Step: {...op, runAfter: {}}, ...opts.more}};
	const c = convertWorkflow(workflow('family', parts, [opts.connection ?? conn(api, api, `${api}-conn`)]), builtin);
	const step = (opts.trigger ? c.definition.triggers : c.definition.actions) as Rec;
	return {c, step: step.Step};
}

const SQL = `/v2/datasets/${dbl('default')},${dbl('default')}`;
const BLOB = `/v2/datasets/${dbl('AccountNameFromSettings')}`;

describeCorpus('Service Bus', () => {
	test('a single-message queue trigger becomes the built-in array trigger, split per message (sb-trigger-splitOn)', () => {
		const {step} = convertOne('servicebus', apiOp('servicebus', 'get', `/${dbl('testqueue')}/messages/head`, {queries: {queueType: 'Main'}, recurrence: {frequency: 'Minute', interval: 3}}), {trigger: true});
		expectShapedLike(step, referenceOperation('sb-trigger-splitOn/workflow.json', 'When_messages_are_available_in_a_queue'), {queueName: 'testqueue', isSessionsEnabled: false});
		expect(step.splitOn).toBe("@triggerOutputs()?['body']");
		expect(step.recurrence).toBeUndefined();
	});

	test('the session trigger takes the next available session: no sessionId, no splitOn, polling (PeekLock.Complete.SessionQueue)', () => {
		const op = {...apiOp('servicebus', 'get', `/${dbl('ServiceBuscit')}/messages/head/peek`, {queries: {queueType: 'Main', sessionId: 'Next Available'}, recurrence: {frequency: 'Second', interval: 1}}), splitOn: '@triggerBody()'};
		const {step} = convertOne('servicebus', op, {trigger: true});
		const reference = referenceOperation('ServiceProviders/ServiceBusTrigger/workflow.PeekLock.Complete.SessionQueue.json', 'On_single_new_message_from_queue_session');
		expectShapedLike(step, reference, {queueName: 'ServiceBuscit'});
		expect(step.recurrence).toEqual(reference.recurrence);
	});

	test('session steps: get messages, close and renew the session (PeekLock.Complete.SessionQueue)', () => {
		const ref = (n: string) => referenceOperation('ServiceProviders/ServiceBusTrigger/workflow.PeekLock.Complete.SessionQueue.json', n);
		const q = `/${dbl('ServiceBuscit')}`;
		const session = "@triggerBody()?['SessionId']";
		const wf = workflow(
			'sessions',
			{
				triggers: {On: apiOp('sb', 'get', `${q}/messages/head/peek`, {queries: {queueType: 'Main', sessionId: 'Next Available'}, recurrence: {frequency: 'Second', interval: 1}})},
				actions: {
					Get: apiOp('sb', 'get', `${q}/messages/batch/peek`, {queries: {queueType: 'Main', sessionId: session}, runAfter: {}}),
					Renew: apiOp('sb', 'post', `${q}/sessions/@{encodeURIComponent(triggerBody()?['SessionId'])}/renewlock`, {runAfter: {Get: ['Succeeded']}}),
					Close: apiOp('sb', 'delete', `${q}/sessions/@{encodeURIComponent(triggerBody()?['SessionId'])}/close`, {runAfter: {Renew: ['Succeeded']}}),
				},
			},
			[conn('sb', 'servicebus')],
		);
		const a = convertWorkflow(wf, builtin).definition.actions as Rec;
		expectShapedLike(a.Get, ref('Get_messages_from_a_queue_session'), {queueName: 'ServiceBuscit', sessionId: "@triggerBody()?['sessionId']"});
		expectShapedLike(a.Renew, ref('Renew_a_queue_session'), {queueName: 'ServiceBuscit', sessionId: "@{triggerBody()?['sessionId']}"});
		expectShapedLike(a.Close, ref('Close_a_queue_session'), {queueName: 'ServiceBuscit', sessionId: "@{triggerBody()?['sessionId']}"});
	});

	test('send message: camelCase message fields, plain content, user properties (sendSingleMessageWorkflow)', () => {
		const {step} = convertOne(
			'servicebus',
			apiOp('servicebus', 'post', `/${dbl('demo')}/messages`, {
				queries: {systemProperties: 'None'},
				body: {ContentData: '@{base64(triggerBody())}', ContentType: 'text', Properties: {check: 'check1'}, MessageId: 'MESSAGE1', CorrelationId: '23', Label: 'Label'},
			}),
		);
		expectShapedLike(step, referenceOperation('ServiceProviders/ServiceOperationProvider/ServiceBus/sendSingleMessageWorkflow.json', 'Send_Single_Message'), {
			entityName: 'demo',
			message: {contentData: '@{triggerBody()}', contentType: 'text', userProperties: {check: 'check1'}, messageId: 'MESSAGE1', correlationId: '23', label: 'Label'},
		});
	});

	test('complete, abandon, dead-letter and defer in a queue and a topic subscription take the V2 operations by lock token', () => {
		const lock = "@triggerBody()?['LockToken']";
		const cases: [string, string, string, Rec][] = [
			['delete', `/${dbl('q')}/messages/complete`, 'completeQueueMessageV2', {queueName: 'q'}],
			['post', `/${dbl('q')}/messages/abandon`, 'abandonQueueMessageV2', {queueName: 'q'}],
			['post', `/${dbl('q')}/messages/defer`, 'deferQueueMessageV2', {queueName: 'q'}],
			['post', `/${dbl('t')}/subscriptions/${sgl('s')}/messages/deadletter`, 'deadLetterTopicMessageV2', {topicName: 't', subscriptionName: 's'}],
		];
		for (const [method, path, operationId, entity] of cases) {
			const wf = workflow(
				'settle',
				{
					triggers: {On: apiOp('sb', 'get', path.includes('/subscriptions/') ? `/${dbl('t')}/subscriptions/${sgl('s')}/messages/head/peek` : `/${dbl('q')}/messages/head/peek`, {queries: {sessionId: 'None'}})},
					actions: {Settle: apiOp('sb', method, path, {queries: {lockToken: lock}, runAfter: {}})},
				},
				[conn('sb', 'servicebus')],
			);
			const settle = (convertWorkflow(wf, builtin).definition.actions as Rec).Settle;
			expect(settle.inputs.serviceProviderConfiguration.operationId, path).toBe(operationId);
			expect(settle.inputs.parameters).toEqual({...entity, lockToken: "@triggerBody()?['lockToken']"});
			expectDocumented(settle);
		}
	});
});

describeCorpus('SQL', () => {
	test('get rows with an equality filter, get row, insert, update, delete, stored procedure and query', () => {
		const table = `${SQL}/tables/${dbl('[dbo].[Orders]')}/items`;
		const cases: [string, string, Rec, string, Rec][] = [
			['get', table, {queries: {$filter: "Region eq 'EU' and Status eq 3"}}, 'getRows', {tableName: '[dbo].[Orders]', columnValuesForWhereCondition: {Region: 'EU', Status: 3}}],
			['get', `${table}/${dbl('42')}`, {}, 'getRows', {tableName: '[dbo].[Orders]', primaryKey: '42'}],
			['post', table, {body: {Id: 1}}, 'insertRow', {tableName: '[dbo].[Orders]', setColumns: {Id: 1}}],
			['patch', `${table}/${dbl('42')}`, {body: {Status: 4}}, 'updateRows', {tableName: '[dbo].[Orders]', primaryKey: '42', setColumns: {Status: 4}}],
			['delete', `${table}/${dbl('42')}`, {}, 'deleteRows', {tableName: '[dbo].[Orders]', primaryKey: '42'}],
			['post', `/datasets/default/procedures/${dbl('[dbo].[Close]')}`, {body: {id: 1}}, 'executeStoredProcedure', {storedProcedureName: '[dbo].[Close]', storedProcedureParameters: {id: 1}}],
			['post', `${SQL}/query/sql`, {body: {query: 'SELECT @id', formalParameters: {id: 'INT'}, actualParameters: {id: 7}}}, 'executeQuery', {query: 'SELECT @id', queryParameters: {id: 7}}],
		];
		for (const [method, path, extra, operationId, parameters] of cases) {
			const {step} = convertOne('sql', apiOp('sql', method, path, extra));
			expect(step.inputs.serviceProviderConfiguration.operationId, `${method} ${path}`).toBe(operationId);
			expect(step.inputs.parameters).toEqual(parameters);
			expectDocumented(step);
		}
	});

	test('the get rows step reads what Microsoft\'s RAG sample reads: tableName alone', () => {
		const {step} = convertOne('sql', apiOp('sql', 'get', `${SQL}/tables/${dbl('docs')}/items`));
		expect(step.inputs.parameters).toEqual({tableName: 'docs'});
	});
});

describeCorpus('Azure Storage', () => {
	test('create blob becomes uploadBlob with container, blob name and overwrite (BlobAction.UpdateBlobContent)', () => {
		const {step} = convertOne('azureblob', apiOp('azureblob', 'post', `${BLOB}/files`, {queries: {folderPath: '/azurelogicappscontainer', name: 'update.txt', queryParametersSingleEncoded: true}, body: '@triggerBody()'}));
		expectShapedLike(step, referenceOperation('ServiceProviders/BlobTrigger/workflow.BlobAction.UpdateBlobContent.json', 'Upload_Blob'), {
			containerName: 'azurelogicappscontainer',
			blobName: 'update.txt',
			content: '@triggerBody()',
			overrideIfExists: 'true',
		});
	});

	test('get blob content by id: the designer\'s encoded id becomes container and blob name (BlobAction.UploadUpdateContent)', () => {
		const id = 'JTJmYXp1cmVsb2dpY2FwcHNjb250YWluZXIlMmZ1cGxvYWQudHh0'; // base64 of %2fazurelogicappscontainer%2fupload.txt
		const {step} = convertOne('azureblob', apiOp('azureblob', 'get', `${BLOB}/files/${dbl(id)}/content`));
		expectShapedLike(step, referenceOperation('ServiceProviders/BlobTrigger/workflow.BlobAction.UploadUpdateContent.json', 'Read_Upload_Blob'), {
			containerName: 'azurelogicappscontainer',
			blobName: 'upload.txt',
		});
	});

	test('put a message on a queue, V2 and V1 paths alike (ServiceProviderTest)', () => {
		const reference = referenceOperation('ServiceProviderTest/workflow.json', 'Add_Message_To_Queue');
		for (const path of [`/v2/storageAccounts/${dbl('AccountNameFromSettings')}/queues/${sgl('std-sp-demo')}/messages`, `/${sgl('std-sp-demo')}/messages`]) {
			const {step} = convertOne('azurequeues', apiOp('azurequeues', 'post', path, {body: 'hello'}));
			expectShapedLike(step, reference, {queueName: 'std-sp-demo', message: 'hello'});
		}
	});

	test('table entities: insert with the keys inside, query with filter, select as an array, top as a number (TableStorageTest)', () => {
		const tables = `/v2/storageAccounts/${dbl('AccountNameFromSettings')}/tables/${sgl('stddemo')}`;
		const insert = convertOne('azuretables', apiOp('azuretables', 'put', `${tables}/entities(PartitionKey='${sgl('std')}',RowKey='${sgl('r1')}')`, {body: {Message: 'hi'}})).step;
		expectShapedLike(insert, referenceOperation('TableStorageTest/workflow.json', 'Insert_Entity'), {
			tableName: 'stddemo',
			entity: {Message: 'hi', PartitionKey: 'std', RowKey: 'r1'},
			updateMode: 'Replace',
		});
		const query = convertOne('azuretables', apiOp('azuretables', 'get', `${tables}/entities`, {queries: {$filter: "PartitionKey eq 'std'", $select: 'stringValue, IsActive', $top: '5'}})).step;
		expectShapedLike(query, referenceOperation('TableStorageTest/workflow.json', 'Query_All_Entities'), {
			tableName: 'stddemo',
			filter: "PartitionKey eq 'std'",
			select: ['stringValue', 'IsActive'],
			top: 5,
		});
		expectDocumented(query);
	});

	test('Azure Files: create and read by path', () => {
		const create = convertOne('azurefile', apiOp('azurefile', 'post', '/datasets/default/files', {queries: {folderPath: '/share/in', name: 'a.txt'}, body: 'x'})).step;
		expect(create.inputs.parameters).toEqual({folderPath: '/share/in', fileName: 'a.txt', fileContent: 'x', overwrite: true});
		expectDocumented(create);
		const read = convertOne('azurefile', apiOp('azurefile', 'get', '/datasets/default/GetFileContentByPath', {queries: {path: '/share/in/a.txt'}})).step;
		expect(read.inputs.parameters).toEqual({fileId: '/share/in/a.txt'});
		expectDocumented(read);
	});
});

describeCorpus('Event Hubs, Key Vault, SMTP', () => {
	test('send event: contentData plain, Properties as the built-in spells it (sendSingleEventWorkflow)', () => {
		const {step} = convertOne('eventhubs', apiOp('eventhubs', 'post', `/${sgl('demo')}/events`, {body: {ContentData: "@{base64('singleEvent01')}", Properties: {source: 'erp'}}}));
		expectShapedLike(step, referenceOperation('ServiceProviders/ServiceOperationProvider/EventHub/sendSingleEventWorkflow.json', 'Send_Single_Event'), {
			eventHubName: 'demo',
			eventData: {contentData: 'singleEvent01', Properties: {source: 'erp'}},
		});
	});

	test('the Event Hubs trigger is a push trigger over the event hub (EventHubTrigger)', () => {
		const op = {...apiOp('eventhubs', 'get', `/${sgl('eventhubcit')}/events/batch/head`, {queries: {consumerGroupName: '$Default', contentType: 'application/octet-stream'}, recurrence: {frequency: 'Minute', interval: 1}})};
		const {step} = convertOne('eventhubs', op, {trigger: true});
		expectShapedLike(step, referenceOperation('ServiceProviders/EventHubTrigger/workflow.json', 'receive_event_from_eventhubs'), {eventHubName: 'eventhubcit', consumerGroup: '$Default'});
		expect(step.recurrence).toBeUndefined();
	});

	test('get secret (KeyVault/getSecret) through the vault connection of the reference connections.json', () => {
		const {c, step} = convertOne('keyvault', apiOp('keyvault', 'get', `/secrets/${sgl('testSecret')}/value`));
		expectShapedLike(step, referenceOperation('ServiceProviders/KeyVault/getSecret/workflow.json', 'Get_Secret'), {secretName: 'testSecret'});
		expectConnectionLike(c.serviceProviderConnections['keyvault-conn']!, referenceConnection('IacApp5', 'keyVault'), ['VaultUri', 'authProvider']);
	});

	test('send email without attachments (SMTP/SendEmail.Basic)', () => {
		const {step} = convertOne(
			'smtp',
			apiOp('smtp', 'post', '/SendEmailV3', {body: {From: 'smtp_username', To: 'smtp_username', CC: 'smtp_username', Subject: 'Test Email', Body: 'Hi', Importance: 'High', ReadReceipt: 'smtp_username', DeliveryReceipt: 'smtp_username'}}),
		);
		expectShapedLike(step, referenceOperation('ServiceProviders/SMTP/SendEmail.Basic.Workflow.json', 'Send_Email'), {
			from: 'smtp_username',
			to: 'smtp_username',
			cc: 'smtp_username',
			subject: 'Test Email',
			body: 'Hi',
			importance: 'High',
			readReceipt: 'smtp_username',
			deliveryReceipt: 'smtp_username',
		});
	});
});

describeCorpus('file connectors', () => {
	test('SFTP: the properties-only trigger polls the folder without content (SFTP/TriggerOnlyWorkflow)', () => {
		const op = {...apiOp('sftpwithssh', 'get', '/datasets/default/triggers/batch/onupdatedfile', {queries: {folderId: 'L2lu', maxFileCount: 10}, recurrence: {frequency: 'Second', interval: 30}})};
		const {step} = convertOne('sftpwithssh', op, {trigger: true});
		expectShapedLike(step, referenceOperation('ServiceProviders/SFTP/TriggerOnlyWorkflow.json', 'When_a_file_is_added_or_updated'), {folderPath: '/in', maxFileCount: 10, includeFileContent: false});
	});

	test('SFTP: create file uploads with overwrite (SFTP/ReplicateLargeFileWorkflow)', () => {
		const {c, step} = convertOne('sftpwithssh', apiOp('sftpwithssh', 'post', '/datasets/default/files', {queries: {folderPath: '/out', name: 'a.csv'}, body: '@triggerBody()'}));
		expectShapedLike(step, referenceOperation('ServiceProviders/SFTP/ReplicateLargeFileWorkflow.json', 'Upload_File_Content'), {filePath: '/out/a.csv', content: '@triggerBody()', overWriteFileIfExists: true});
		expectConnectionLike(c.serviceProviderConnections['sftpwithssh-conn']!, referenceConnection('SFTP', 'Sftp'), ['sshHostAddress', 'username', 'portNumber']);
	});

	test('FTP: create file and get content (Ftp/ReplicateLargeContentWorkflow)', () => {
		const ref = (n: string) => referenceOperation('ServiceProviders/Ftp/ReplicateLargeContentWorkflow.json', n);
		const create = convertOne('ftp', apiOp('ftp', 'post', '/datasets/default/files', {queries: {folderPath: '/up', name: 'a.bin'}, body: '@triggerBody()'})).step;
		expectShapedLike(create, ref('Upload_File_Content'), {filePath: '/up/a.bin', fileContent: '@triggerBody()'});
		const get = convertOne('ftp', apiOp('ftp', 'get', '/datasets/default/GetFileContentByPath', {queries: {path: '/up/a.bin'}})).step;
		expectShapedLike(get, ref('Get_File_Content_(V2)'), {filePath: '/up/a.bin'});
	});

	test('File System on App Service Environment v3: create file and the polling trigger (FileSystem/*)', () => {
		const create = apiOp('filesystem', 'post', '/datasets/default/files', {queries: {folderPath: 'LogicAppStandardTests/testfolder', name: 'newfile.txt'}, body: 'Hey, new file!!', runAfter: {}});
		const trigger = apiOp('filesystem', 'get', '/datasets/default/triggers/batch/onnewfile', {queries: {folderId: 'L0xvZ2ljQXBwVGVzdHMvdHJpZ2dlci10ZXN0LWZvbGRlcg==', maxFileCount: 4}, recurrence: {frequency: 'Second', interval: 20}});
		const wf = workflow('fs', {triggers: {On: trigger}, actions: {Create: create}}, [conn('filesystem', 'filesystem', 'fs-share')]);
		const onAse = convertWorkflow(wf, builtin, {hosting: 'ase'});
		expectShapedLike((onAse.definition.actions as Rec).Create, referenceOperation('ServiceProviders/FileSystem/createFile/workflow.json', 'Upload_File'), {
			filePath: 'LogicAppStandardTests/testfolder/newfile.txt',
			body: 'Hey, new file!!',
		});
		expectShapedLike((onAse.definition.triggers as Rec).On, referenceOperation('ServiceProviders/FileSystem/whenFilesAreAdded/workflow.json', 'When_a_file_is_added_or_updated'), {
			folderPath: '/LogicAppTests/trigger-test-folder',
			maxFileCount: 4,
		});
		expectConnectionLike(onAse.serviceProviderConnections['fs-share']!, {...referenceConnection('FileSystem', 'FileSystem'), parameterValues: {...referenceConnection('FileSystem', 'FileSystem').parameterValues, rootFolder: '', username: '', password: ''}}, ['mountPath', 'rootFolder']);

		// On a Workflow Standard plan the same steps stay managed, with the hosting reason.
		const onWs = convertWorkflow(wf, builtin);
		expect((onWs.definition.actions as Rec).Create.type).toBe('ApiConnection');
		expect(onWs.notes.find((n) => n.operation === 'Create')?.message).toMatch(/File System connector runs only on App Service Environment v3/);
	});
});

describeCorpus('IBM MQ and DB2', () => {
	test('MQ send, and a connection with every key the reference connections.json requires, connectAs among them', () => {
		const {c, step} = convertOne('mq', apiOp('mq', 'post', '/v2/send', {body: {Queue: 'DEV.QUEUE.1', Message: 'hello'}}));
		expect(step.inputs.parameters).toEqual({queueName: 'DEV.QUEUE.1', message: 'hello'});
		expectDocumented(step);
		expectConnectionLike(c.serviceProviderConnections['mq-conn']!, referenceConnection('Mq', 'mq'), ['serverName', 'portNumber', 'channelName', 'queueManagerName', 'connectAs']);
	});

	test('MQ receive: includeInfo, required by the built-in, defaults to no headers', () => {
		const {step} = convertOne('mq', apiOp('mq', 'post', '/v2/receive', {body: {Queue: 'DEV.QUEUE.1'}}));
		expect(step.inputs.parameters).toEqual({queueName: 'DEV.QUEUE.1', includeInfo: false});
		expectDocumented(step);
	});

	test('DB2 insert row, with the connection of the reference connections.json', () => {
		const {c, step} = convertOne('db2', apiOp('db2', 'post', `/datasets/default/tables/${dbl('ORDERS')}/items`, {body: {ID: 1}}));
		expect(step.inputs.parameters).toEqual({table: 'ORDERS', insertParameters: {ID: 1}});
		expectDocumented(step);
		expectConnectionLike(c.serviceProviderConnections['db2-conn']!, referenceConnection('DB2', 'DB2ConnectionString'), ['serverName', 'portNumber', 'database']);
	});
});

describeCorpus('SAP', () => {
	test('the IDoc trigger without an action filter becomes SapTrigger; the connection is the reference one', () => {
		const op = apiOp(
			'sap',
			'post',
			'/api/webhooktrigger/subscribe',
			{queries: {gatewayHost: 'sapgw.corp', gatewayService: 'sapgw00', programId: 'LOGICAPPS', degreeOfParallelism: 1}, body: {IdocFormat: 'SapPlainXml', NotificationUrl: '@{listCallbackUrl()}'}},
			'ApiConnectionWebhook',
		);
		const {c, step} = convertOne('sap', op, {trigger: true, more: {Use: {type: 'Compose', inputs: "@xpath(xml(triggerBody()), '//DOCNUM')", runAfter: {}}}});
		expect(step).toMatchObject({
			type: 'ServiceProvider',
			inputs: {
				parameters: {GatewayHost: 'sapgw.corp', GatewayService: 'sapgw00', ProgramId: 'LOGICAPPS', DegreeOfParallelism: 1, idocFormat: 'SapPlainXml'},
				serviceProviderConfiguration: {operationId: 'SapTrigger', serviceProviderId: '/serviceProviders/sap'},
			},
		});
		expectDocumented(step);
		expect((c.definition.actions as Rec).Use.inputs).toBe("@xpath(xml(triggerBody()?['content']), '//DOCNUM')");
		expectConnectionLike(c.serviceProviderConnections['sap-conn']!, referenceConnection('SAPServiceProvider', 'sap'), ['applicationServerHost', 'client', 'logonType', 'authenticationType']);
	});
});
