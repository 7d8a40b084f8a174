// Steps whose built-in output shape or connection keys are now confirmed from Microsoft sources: they convert, the
// later expressions that read them are rewritten, and anything the catalog cannot map keeps the step managed.
import {describe, expect, test} from 'vitest';
import {convertWorkflow, type ConvertedWorkflow} from '../../../source/generate/convert/index.js';
import {apiOp, conn, dbl, sgl, workflow} from './build.js';

type Rec = Record<string, any>;
const builtin = () => 'builtin' as const;
const actions = (c: ConvertedWorkflow) => c.definition.actions as Rec;
const triggers = (c: ConvertedWorkflow) => c.definition.triggers as Rec;
const BLOB = `/v2/datasets/${dbl('AccountNameFromSettings')}`;

describe('SMTP', () => {
	const wf = workflow(
		'notify',
		{actions: {Mail: apiOp('smtp', 'post', '/SendEmailV3', {body: {From: 'a@contoso.com', To: 'b@contoso.com', Subject: 'Hi', Body: 'x'}, runAfter: {}})}},
		[conn('smtp', 'smtp', 'smtp-relay')],
	);
	const c = convertWorkflow(wf, builtin);

	test('Send Email converts and its connection uses the built-in SMTP keys, all behind app settings', () => {
		expect(actions(c).Mail).toMatchObject({
			type: 'ServiceProvider',
			inputs: {
				parameters: {from: 'a@contoso.com', to: 'b@contoso.com', subject: 'Hi', body: 'x'},
				serviceProviderConfiguration: {operationId: 'sendEmail', serviceProviderId: '/serviceProviders/Smtp'},
			},
		});
		const sp = c.serviceProviderConnections['smtp-relay']!;
		expect(Object.keys(sp.parameterValues).sort()).toEqual(['enableSSL', 'password', 'port', 'serverAddress', 'username']);
		for (const v of Object.values(sp.parameterValues)) expect(v).toMatch(/^@appsetting\('smtp_relay_/);
		expect(sp.appSettings.find((s) => s.name === 'smtp_relay_password')?.secret).toBe(true);
	});
});

describe('Azure Queues: Get messages read in a For each', () => {
	const loop = (inner: Rec) =>
		workflow(
			'drain',
			{
				actions: {
					Get: apiOp('azurequeues', 'get', `/${sgl('orders')}/messages`, {queries: {numofmessages: '10'}, runAfter: {}}),
					Each: {
						type: 'Foreach',
						foreach: "@body('Get')?['QueueMessagesList']?['QueueMessage']",
						runAfter: {Get: ['Succeeded']},
						actions: inner,
					},
				},
			},
			[conn('azurequeues', 'azurequeues', 'queues')],
		);

	test('converts, iterates the built-in array and reads the built-in item fields', () => {
		const c = convertWorkflow(
			loop({
				Show: {type: 'Compose', inputs: {text: "@items('Each')?['MessageText']", id: "@{items('Each')?['MessageId']}"}, runAfter: {}},
				Remove: apiOp('azurequeues', 'delete', `/${sgl('orders')}/messages/@{encodeURIComponent(items('Each')?['MessageId'])}`, {
					queries: {popreceipt: "@items('Each')?['PopReceipt']"},
					runAfter: {Show: ['Succeeded']},
				}),
			}),
			builtin,
		);
		const each = actions(c).Each;
		expect(actions(c).Get.type).toBe('ServiceProvider');
		expect(each.foreach).toBe("@body('Get')");
		expect(each.actions.Show.inputs).toEqual({text: "@items('Each')?['content']", id: "@{items('Each')?['messageId']}"});
		expect(each.actions.Remove.inputs.parameters).toMatchObject({
			messageId: "@{items('Each')?['messageId']}",
			popReceipt: "@items('Each')?['popReceipt']",
		});
	});

	test('a message field with no confirmed built-in counterpart keeps Get messages managed', () => {
		const c = convertWorkflow(loop({Show: {type: 'Compose', inputs: "@items('Each')?['DequeueCount']", runAfter: {}}}), builtin);
		expect(actions(c).Get.type).toBe('ApiConnection');
		expect(actions(c).Each.foreach).toBe("@body('Get')?['QueueMessagesList']?['QueueMessage']");
		expect(actions(c).Each.actions.Show.inputs).toBe("@items('Each')?['DequeueCount']");
	});
});

describe('Azure Blob', () => {
	const create = (reader: string) =>
		workflow(
			'archive',
			{
				actions: {
					Save: apiOp('azureblob', 'post', `${BLOB}/files`, {
						queries: {folderPath: '/archive/in', name: 'a.xml', queryParametersSingleEncoded: true},
						body: "@triggerBody()",
						runAfter: {},
					}),
					Use: {type: 'Compose', inputs: reader, runAfter: {Save: ['Succeeded']}},
				},
			},
			[conn('azureblob', 'azureblob', 'blob')],
		);

	test('Create blob converts and its Path is read from the built-in properties', () => {
		const c = convertWorkflow(create("@body('Save')?['Path']"), builtin);
		expect(actions(c).Save.inputs.parameters).toMatchObject({containerName: 'archive', blobName: 'in/a.xml'});
		expect(actions(c).Use.inputs).toBe("@body('Save')?['properties']?['blobFullPathWithContainer']");
	});

	test('a later read of the managed blob Id keeps Create blob managed', () => {
		const c = convertWorkflow(create("@body('Save')?['Id']"), builtin);
		expect(actions(c).Save.type).toBe('ApiConnection');
		expect(actions(c).Use.inputs).toBe("@body('Save')?['Id']");
	});

	const list = (inner: string) =>
		workflow(
			'sweep',
			{
				actions: {
					List: apiOp('azureblob', 'get', `${BLOB}/foldersV2/${dbl('JTJmaW5ib3g=')}`, {runAfter: {}}),
					Each: {
						type: 'Foreach',
						foreach: "@body('List')?['value']",
						runAfter: {List: ['Succeeded']},
						actions: {Log: {type: 'Compose', inputs: inner, runAfter: {}}},
					},
				},
			},
			[conn('azureblob', 'azureblob', 'blob')],
		);

	test('List blobs converts when the loop reads only fields the built-in list also returns', () => {
		const c = convertWorkflow(list("@items('Each')?['Name']"), builtin);
		expect(actions(c).List.inputs.parameters).toMatchObject({containerName: 'inbox'});
		expect(actions(c).Each.foreach).toBe("@body('List')?['blobs']");
		expect(actions(c).Each.actions.Log.inputs).toBe("@items('Each')?['name']");
	});

	test('List blobs stays managed when the loop uses the managed blob Id', () => {
		const c = convertWorkflow(list("@items('Each')?['Id']"), builtin);
		expect(actions(c).List.type).toBe('ApiConnection');
	});
});

describe('IBM MQ Send message', () => {
	const send = (body: Rec) =>
		workflow('wms', {actions: {Send: apiOp('mq', 'post', '/v2/send', {body, runAfter: {}})}}, [conn('mq', 'mq', 'mq-wms')]);

	test('message options move into sendMessageOptions with the built-in names and values', () => {
		const c = convertWorkflow(
			send({Queue: 'Q.IN', Message: 'hello', MessageType: 'Datagram', Format: 'MQSTR', CorrelationId: "@{variables('id')}"}),
			builtin,
		);
		expect(actions(c).Send.inputs.parameters).toEqual({
			queueName: 'Q.IN',
			message: 'hello',
			sendMessageOptions: {messageType: 'Datagram', format: 'String', correlationId: "@{variables('id')}"},
		});
	});

	test('without options no empty options object is written', () => {
		const c = convertWorkflow(send({Queue: 'Q.IN', Message: 'hello'}), builtin);
		expect(actions(c).Send.inputs.parameters).toEqual({queueName: 'Q.IN', message: 'hello'});
	});

	test('an MQ format without a confirmed built-in value keeps the step managed', () => {
		const c = convertWorkflow(send({Queue: 'Q.IN', Message: 'hello', Format: 'MQHRF2'}), builtin);
		expect(actions(c).Send.type).toBe('ApiConnection');
		expect(c.notes.find((n) => n.operation === 'Send')?.message).toContain("'MQHRF2'");
	});
});

describe('file triggers (properties only)', () => {
	const fileTrigger = (api: 'sftpwithssh' | 'ftp', reader: string) =>
		workflow(
			'pickup',
			{
				triggers: {
					Files: {
						...apiOp(api, 'get', '/datasets/default/triggers/batch/onupdatedfile', {
							queries: {folderId: 'L2luYm94', maxFileCount: 10},
						}),
						recurrence: {frequency: 'Minute', interval: 5},
						splitOn: '@triggerBody()',
					},
				},
				actions: {Use: {type: 'Compose', inputs: reader, runAfter: {}}},
			},
			[conn(api, api, `${api}-conn`)],
		);

	test('SFTP: converts, keeps splitting the built-in array and reads fileMetadata', () => {
		const c = convertWorkflow(fileTrigger('sftpwithssh', "@{triggerBody()?['Name']} (@{triggerBody()?['Size']})"), builtin);
		expect(triggers(c).Files).toMatchObject({
			type: 'ServiceProvider',
			splitOn: "@triggerOutputs()?['body']",
			inputs: {parameters: {folderPath: '/inbox'}, serviceProviderConfiguration: {operationId: 'whenFilesAreAddedOrModified'}},
		});
		expect(actions(c).Use.inputs).toBe("@{triggerBody()?['fileMetadata']?['name']} (@{triggerBody()?['fileMetadata']?['size']})");
	});

	test('FTP: converts and reads the built-in item fields', () => {
		const c = convertWorkflow(fileTrigger('ftp', "@triggerBody()?['Path']"), builtin);
		expect(triggers(c).Files.inputs.serviceProviderConfiguration.operationId).toBe('whenFtpFilesAreAddedOrModified');
		expect(actions(c).Use.inputs).toBe("@triggerBody()?['path']");
	});

	test('a read of the managed file Id keeps the trigger managed', () => {
		const c = convertWorkflow(fileTrigger('sftpwithssh', "@triggerBody()?['Id']"), builtin);
		expect(triggers(c).Files.type).toBe('ApiConnection');
		expect(actions(c).Use.inputs).toBe("@triggerBody()?['Id']");
	});
});
