// One test per defect issue 9 names in the first conversion: each fails on the old behaviour.
import {describe, expect, test} from 'vitest';
import {convertWorkflow} from '../../../source/generate/convert/index.js';
import {apiOp, conn, dbl, sgl, text, workflow} from './build.js';

type Rec = Record<string, any>;
const builtin = () => 'builtin' as const;
const SQL = `/v2/datasets/${dbl('default')},${dbl('default')}`;

describe('defects of the first conversion', () => {
	test('Table Storage select is an array, as Microsoft\'s reference workflows write it, not a comma-separated string', () => {
		const wf = workflow(
			't',
			{actions: {Get: apiOp('t', 'get', `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities`, {queries: {$select: 'Name,Price'}, runAfter: {}})}},
			[conn('t', 'azuretables')],
		);
		expect((convertWorkflow(wf, builtin).definition.actions as Rec).Get.inputs.parameters.select).toEqual(['Name', 'Price']);
	});

	test('Event Hubs event properties are sent as Properties, the built-in\'s spelling', () => {
		const wf = workflow('e', {actions: {Send: apiOp('e', 'post', `/${sgl('hub')}/events`, {body: {ContentData: 'aGk=', Properties: {a: 1}}, runAfter: {}})}}, [conn('e', 'eventhubs')]);
		expect((convertWorkflow(wf, builtin).definition.actions as Rec).Send.inputs.parameters.eventData).toEqual({contentData: 'hi', Properties: {a: 1}});
	});

	test('the IBM MQ connection carries connectAs', () => {
		const wf = workflow('m', {actions: {Send: apiOp('m', 'post', '/v2/send', {body: {Queue: 'Q', Message: 'x'}, runAfter: {}})}}, [conn('m', 'mq', 'mq-wms')]);
		expect(convertWorkflow(wf, builtin).serviceProviderConnections['mq-wms']?.parameterValues).toHaveProperty('connectAs');
	});

	test('a Service Bus session trigger for the next available session has no sessionId and no splitOn', () => {
		const wf = workflow(
			's',
			{
				triggers: {On: {...apiOp('s', 'get', `/${dbl('q')}/messages/head/peek`, {queries: {queueType: 'Main', sessionId: 'Next Available'}}), splitOn: '@triggerBody()'}},
				actions: {Use: {type: 'Compose', inputs: "@triggerBody()?['SessionId']", runAfter: {}}},
			},
			[conn('s', 'servicebus')],
		);
		const c = convertWorkflow(wf, builtin);
		const on = (c.definition.triggers as Rec).On;
		expect(on.inputs.serviceProviderConfiguration.operationId).toBe('onSingleNewMessageFromQueueSession');
		expect(on.inputs.parameters).toEqual({queueName: 'q'});
		expect(on.splitOn).toBeUndefined();
		// One message per run: the trigger body is that message.
		expect((c.definition.actions as Rec).Use.inputs).toBe("@triggerBody()?['sessionId']");
	});

	test('ReplyToSessionId becomes replyToSession, on the message sent and on the message received', () => {
		const wf = workflow(
			'r',
			{
				triggers: {On: apiOp('s', 'get', `/${dbl('in')}/messages/head`, {queries: {queueType: 'Main'}})},
				actions: {Reply: apiOp('s', 'post', `/${dbl('out')}/messages`, {body: {ContentData: 'aGk=', SessionId: "@triggerBody()?['ReplyToSessionId']", ReplyToSessionId: 's2'}, runAfter: {}})},
			},
			[conn('s', 'servicebus')],
		);
		const c = convertWorkflow(wf, builtin);
		expect((c.definition.actions as Rec).Reply.inputs.parameters.message).toEqual({contentData: 'hi', sessionId: "@triggerBody()?['replyToSession']", replyToSession: 's2'});
		expect(text(c.definition)).not.toContain('replyToSessionId');
	});

	test('a stored procedure whose ResultSets later steps read stays managed and names them; its output parameters and return code are rewritten', () => {
		const proc = (reader: string) =>
			workflow(
				'p',
				{
					actions: {
						Run: apiOp('sql', 'post', `${SQL}/procedures/${dbl('[dbo].[P]')}`, {runAfter: {}}),
						Use: {type: 'Compose', inputs: reader, runAfter: {Run: ['Succeeded']}},
					},
				},
				[conn('sql', 'sql')],
			);
		const rows = convertWorkflow(proc("@body('Run')?['ResultSets']?['Table1']"), builtin);
		expect((rows.definition.actions as Rec).Run.type).toBe('ApiConnection');
		expect(rows.notes.find((n) => n.operation === 'Run')?.message).toContain("body('Run')?['ResultSets']?['Table1']");
		expect(text(rows.definition)).not.toContain("['resultSets']");

		const code = convertWorkflow(proc("@{body('Run')?['ReturnCode']} @{body('Run')?['OutputParameters']?['n']}"), builtin);
		expect((code.definition.actions as Rec).Run.type).toBe('ServiceProvider');
		expect((code.definition.actions as Rec).Use.inputs).toBe("@{body('Run')?['returnCode']} @{body('Run')?['outputParameters']?['n']}");
	});

	test('a query\'s ResultSets.Table1 becomes the built-in array of rows', () => {
		const wf = workflow(
			'q',
			{
				actions: {
					Run: apiOp('sql', 'post', `${SQL}/query/sql`, {body: {query: 'SELECT 1'}, runAfter: {}}),
					Each: {type: 'Foreach', foreach: "@body('Run')?['ResultSets']?['Table1']", actions: {}, runAfter: {Run: ['Succeeded']}},
				},
			},
			[conn('sql', 'sql')],
		);
		expect((convertWorkflow(wf, builtin).definition.actions as Rec).Each.foreach).toBe("@body('Run')");
	});

	test('a blob read leaves no $content behind: base64ToString(body()?[\'$content\']) reads the built-in content', () => {
		const wf = workflow(
			'b',
			{
				actions: {
					Read: apiOp('b', 'get', `/v2/datasets/${dbl('AccountNameFromSettings')}/GetFileContentByPath`, {queries: {path: '/in/a.xml'}, runAfter: {}}),
					Use: {type: 'Compose', inputs: "@base64ToString(body('Read')?['$content'])", runAfter: {Read: ['Succeeded']}},
					Raw: {type: 'Compose', inputs: "@body('Read')", runAfter: {Read: ['Succeeded']}},
				},
			},
			[conn('b', 'azureblob')],
		);
		const c = convertWorkflow(wf, builtin);
		const a = c.definition.actions as Rec;
		expect(a.Read.type).toBe('ServiceProvider');
		expect(a.Use.inputs).toBe("@base64ToString(base64(body('Read')?['content']))");
		expect(a.Raw.inputs).toBe("@body('Read')?['content']");
		expect(text(c.definition)).not.toContain('$content');
	});

	test('nothing converts while leaving an expression that would read null: an output read with no known built-in counterpart keeps the step managed', () => {
		const wf = workflow(
			'n',
			{
				actions: {
					Send: apiOp('s', 'post', `/${dbl('q')}/messages`, {body: {ContentData: 'aGk='}, runAfter: {}}),
					Use: {type: 'Compose', inputs: "@body('Send')?['SequenceNumber']", runAfter: {Send: ['Succeeded']}},
				},
			},
			[conn('s', 'servicebus')],
		);
		const c = convertWorkflow(wf, builtin);
		expect((c.definition.actions as Rec).Send.type).toBe('ApiConnection');
		expect(c.notes.find((n) => n.operation === 'Send')?.message).toContain("body('Send')?['SequenceNumber']");
	});
});
