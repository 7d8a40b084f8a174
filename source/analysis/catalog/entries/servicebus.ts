// Azure Service Bus (operations.md §2). Managed payloads are PascalCase with base64 ContentData; built-in ones are
// camelCase with plain contentData. Built-in keys and output fields: the Learn built-in reference (13-Azure-Service-
// Bus.md) and Microsoft's generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.ServiceBus (SendMessageInput-
// MessageType, *OutputItem: replyToSession, not replyToSessionId; receive triggers return arrays, the single-message
// session triggers one message). Real shapes from Microsoft's reference workflows (ms-standard-workflows/
// ServiceBusTrigger/*, sb-trigger-splitOn): session triggers poll (kind Polling) with no sessionId for "next
// available" and no splitOn; close/renew session take queueName + sessionId.
import {connectionString, constant, fromBody, fromPath, fromQuery, joined, p, req} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, OutputRewrite, ParamRule, QueryCondition, Transform, ValueRef} from '../types.js';

const MESSAGE_FIELDS: Transform = {
	op: 'renameKeys',
	rename: {
		ContentData: 'contentData',
		ContentType: 'contentType',
		SessionId: 'sessionId',
		Properties: 'userProperties',
		MessageId: 'messageId',
		CorrelationId: 'correlationId',
		Label: 'label',
		ScheduledEnqueueTimeUtc: 'scheduledEnqueueTimeUtc',
		TimeToLive: 'timeToLive',
		To: 'to',
		ReplyTo: 'replyTo',
		ReplyToSessionId: 'replyToSession',
	},
	fromBase64: ['ContentData'],
	strict: true,
};

/** Managed received-message fields → built-in ones (ContentData also stops being base64). */
const RECEIVED: Record<string, string> = {
	ContentType: 'contentType',
	Properties: 'userProperties',
	MessageId: 'messageId',
	To: 'to',
	ReplyTo: 'replyTo',
	ReplyToSessionId: 'replyToSession',
	Label: 'label',
	ScheduledEnqueueTimeUtc: 'scheduledEnqueueTimeUtc',
	SessionId: 'sessionId',
	CorrelationId: 'correlationId',
	SequenceNumber: 'sequenceNumber',
	LockToken: 'lockToken',
	TimeToLive: 'timeToLive',
};

const fieldRewrites: OutputRewrite[] = [
	{kind: 'unwrapBase64', from: 'ContentData', to: 'contentData'},
	...Object.entries(RECEIVED).map(([from, to]): OutputRewrite => ({kind: 'path', from: [from], to: [to]})),
];
const itemRewrite: OutputRewrite = {
	kind: 'items',
	from: [],
	rename: {ContentData: ['contentData'], ...Object.fromEntries(Object.entries(RECEIVED).map(([k, v]) => [k, [v]]))},
	base64: ['ContentData'],
};

/** One message per run: a managed single-message trigger split, or a session trigger that returns one message. */
const oneMessage: OutputChange = {
	change: 'message fields become camelCase (ReplyToSessionId → replyToSession, Properties → userProperties) and contentData is no longer base64',
	certainty: 'S',
	rewrites: fieldRewrites,
};
/** An array of messages: read element by element in a loop. */
const manyMessages: OutputChange = {
	change: 'an array of messages whose fields become camelCase and whose contentData is no longer base64',
	certainty: 'S',
	rewrites: [...fieldRewrites, itemRewrite],
};

const noSession: QueryCondition = {name: 'sessionId', oneOf: ['', 'None']};
const withSession: QueryCondition = {name: 'sessionId', noneOf: ['', 'None']};
const mainQueue: QueryCondition = {name: 'queueType', oneOf: ['', 'Main']};
const mainSub: QueryCondition = {name: 'subscriptionType', oneOf: ['', 'Main']};
const deadLetterQueue: QueryCondition = {name: 'queueType', oneOf: ['DeadLetter']};
const SPLIT = "@triggerOutputs()?['body']";
const byLockToken: ValueRef[] = [{query: 'lockToken'}];

const QUEUE = '/{queueName}';
const SUBSCRIPTION = '/{topicName}/subscriptions/{subscriptionName}';

type Entity = 'queue' | 'topic';
const entityParams = (e: Entity): ParamRule[] =>
	e === 'queue' ? [req('queueName', fromPath('queueName'))] : [req('topicName', fromPath('topicName')), req('subscriptionName', fromPath('subscriptionName'))];
const base = (e: Entity) => (e === 'queue' ? QUEUE : SUBSCRIPTION);
const main = (e: Entity) => (e === 'queue' ? mainQueue : mainSub);
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SETTLE = [
	// verb (managed path), method, built-in V2 suffix, in-session operation, label
	['complete', 'delete', 'complete', 'completeMessageInSession', 'Complete the message'],
	['abandon', 'post', 'abandon', 'abandonMessageInSession', 'Abandon the message'],
	['deadletter', 'post', 'deadLetter', 'deadLetterMessageInSession', 'Dead-letter the message'],
	['defer', 'post', 'defer', 'deferMessageInSession', 'Defer the message'],
] as const;

const deadLetterInfo = [p('deadLetterReason', fromQuery('deadLetterReason')), p('deadLetterErrorDescription', fromQuery('deadLetterErrorDescription'))];

function settle(e: Entity): OperationMapping[] {
	const rows: OperationMapping[] = [];
	for (const [verb, method, v2, inSession, label] of SETTLE) {
		const extra = verb === 'deadletter' ? deadLetterInfo : [];
		rows.push({
			id: `servicebus.${verb}.${e}`,
			label: `${label} in a ${e === 'queue' ? 'queue' : 'topic subscription'}`,
			kind: 'action',
			method,
			paths: [`${base(e)}/messages/${verb}`],
			when: [noSession, main(e)],
			operationId: `${v2}${title(e)}MessageV2`,
			certainty: 'C',
			params: [...entityParams(e), req('lockToken', fromQuery('lockToken')), ...extra],
			pairedBy: byLockToken,
		});
		// In a session the message is settled through the session that holds it, by its message id: the built-in
		// in-session operations take the id of the message whose lock token the managed step passed.
		rows.push({
			id: `servicebus.${verb}.${e}Session`,
			label: `${label} in a ${e === 'queue' ? 'queue' : 'topic subscription'} session`,
			kind: 'action',
			method,
			paths: [`${base(e)}/messages/${verb}`],
			when: [withSession, main(e)],
			operationId: inSession,
			certainty: 'S',
			params: [req('messageId', fromQuery('lockToken', {op: 'messageIdOfLockToken'})), p('lockToken', fromQuery('lockToken')), ...extra],
			pairedBy: byLockToken,
			note: 'the built-in in-session settlement names the message by its id (the one whose lock token the managed step passed)',
		});
	}
	rows.push({
		id: `servicebus.renewLock.${e}`,
		label: `Renew lock on the message in a ${e === 'queue' ? 'queue' : 'topic subscription'}`,
		kind: 'action',
		method: 'post',
		paths: [`${base(e)}/messages/renewlock`],
		when: [noSession, main(e)],
		operationId: `renewLock${title(e)}MessageV2`,
		certainty: 'C',
		params: [...entityParams(e), req('lockToken', fromQuery('lockToken'))],
		pairedBy: byLockToken,
	});
	for (const [verb, method, operationId, label] of [
		['close', 'delete', `close${title(e)}Session`, 'Close a session'],
		['renewlock', 'post', `renew${title(e)}Session`, 'Renew lock on a session'],
	] as const) {
		rows.push({
			id: `servicebus.${verb}Session.${e}`,
			label: `${label} in a ${e === 'queue' ? 'queue' : 'topic subscription'}`,
			kind: 'action',
			method,
			paths: [`${base(e)}/sessions/{sessionId}/${verb}`],
			operationId,
			certainty: 'C',
			params: [...entityParams(e), req('sessionId', fromPath('sessionId'))],
			pairedBy: [{path: 'sessionId'}],
		});
	}
	for (const session of [false, true]) {
		rows.push({
			id: `servicebus.getMessages.${e}${session ? 'Session' : ''}`,
			label: `Get messages from a ${e === 'queue' ? 'queue' : 'topic subscription'}${session ? ' session' : ''} (peek-lock)`,
			kind: 'action',
			method: 'get',
			paths: [`${base(e)}/messages/batch/peek`],
			when: [session ? withSession : noSession, main(e)],
			operationId: `getMessagesFrom${title(e)}${session ? 'Session' : 'V2'}`,
			certainty: 'S',
			params: [...entityParams(e), ...(session ? [req('sessionId', fromQuery('sessionId'))] : []), p('maxMessages', fromQuery('maxMessageCount'))],
			...(session ? {pairedBy: [{query: 'sessionId'} as ValueRef]} : {}),
			output: manyMessages,
		});
	}
	return rows;
}

interface TriggerShape {
	batch?: boolean;
	peek?: boolean;
	session?: boolean;
	deadLetter?: boolean;
}

function trigger(e: Entity, shape: TriggerShape): OperationMapping {
	const {batch, peek, session, deadLetter} = shape;
	const when: QueryCondition[] = [deadLetter ? deadLetterQueue : main(e)];
	if (peek) when.push(session ? withSession : noSession);
	const entity =
		e === 'queue'
			? [req('queueName', deadLetter ? joined('', fromPath('queueName'), constant('/$deadletterqueue')) : fromPath('queueName'))]
			: entityParams(e);
	const params: ParamRule[] = [...entity];
	if (!peek) params.push(p('isSessionsEnabled', constant(false)));
	// "Next Available" (or no session id) is the built-in session trigger without a sessionId.
	if (session) params.push(p('sessionId', fromQuery('sessionId', {op: 'specificSession'})));
	if (batch) params.push(p(session ? 'maxMessages' : 'maxMessageBatchSize', fromQuery('maxMessageCount')));
	const operationId = session
		? batch
			? `onNewMessagesFrom${title(e)}Session`
			: `onSingleNewMessageFrom${title(e)}Session`
		: peek
			? `peekLock${title(e)}MessagesV2`
			: `receive${title(e)}Messages`;
	const where = e === 'queue' ? (deadLetter ? 'dead-letter queue' : 'queue') : 'topic subscription';
	const what = batch ? 'one or more messages arrive' : 'a message is received';
	return {
		id: `servicebus.trigger.${e}${deadLetter ? 'DeadLetter' : ''}${batch ? 'Batch' : ''}${peek ? 'Peek' : ''}${session ? 'Session' : ''}`,
		label: `When ${what} in a ${where}${session ? ' session' : ''} (${peek ? 'peek-lock' : 'auto-complete'})`,
		kind: 'trigger',
		method: 'get',
		paths: [`${base(e)}/messages/${batch ? 'batch/' : ''}head${peek ? '/peek' : ''}`],
		when,
		operationId,
		certainty: session ? 'C' : 'S',
		params,
		// A single-message session trigger returns one message; every other built-in trigger an array.
		output: session && !batch ? oneMessage : batch ? manyMessages : oneMessage,
		trigger: session
			? {polling: true, ...(batch ? {splitOn: SPLIT, onlyWhenSplit: true} : {splitOn: 'drop'})}
			: {push: true, ...(batch ? {splitOn: SPLIT, onlyWhenSplit: true} : {splitOn: SPLIT})},
	};
}

function triggers(e: Entity): OperationMapping[] {
	const rows = [
		trigger(e, {}),
		trigger(e, {peek: true}),
		trigger(e, {peek: true, session: true}),
		trigger(e, {batch: true}),
		trigger(e, {batch: true, peek: true}),
		trigger(e, {batch: true, peek: true, session: true}),
	];
	if (e === 'queue') rows.push(trigger(e, {deadLetter: true}));
	return rows;
}

export const servicebus: CatalogEntry = {
	api: 'servicebus',
	aliases: ['azureservicebus'],
	displayName: 'Azure Service Bus',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/serviceBus',
	// As Microsoft's reference connections.json writes it (ServiceBusServiceProvider, DraftWorkflowsAppDirectory).
	connection: {
		parameterSetName: 'connectionString',
		parameters: [connectionString('Service Bus namespace')],
		certainty: 'C',
		// domain.md: the managed identity variant of a serviceProviderConnections entry [C].
		managedIdentity: {
			parameterSetName: 'ManagedServiceIdentity',
			parameters: [
				{name: 'fullyQualifiedNamespace', setting: 'fullyQualifiedNamespace', secret: false, description: 'Service Bus namespace host name (<namespace>.servicebus.windows.net)'},
				{name: 'authProvider', setting: 'authProvider', secret: false, description: 'Managed identity of the logic app', fixed: {Type: 'ManagedServiceIdentity'}},
			],
			certainty: 'C',
			grant: "Azure Service Bus Data Sender and Data Receiver on the namespace (as its steps send or receive), the roles the ISE workflow's identity held",
		},
	},
	notes: [
		'Built-in non-session triggers are push triggers; session triggers poll. A message is settled by the connector that received it, so a trigger and the steps that complete, abandon, dead-letter or defer its messages convert together or not at all.',
	],
	operations: [
		{
			id: 'servicebus.sendMessage',
			label: 'Send message',
			kind: 'action',
			method: 'post',
			paths: ['/{entityName}/messages'],
			operationId: 'sendMessage',
			certainty: 'S',
			params: [req('entityName', fromPath('entityName')), req('message', fromBody(MESSAGE_FIELDS))],
			// 'None' is the designer's default and adds nothing; 'Run Details' adds the run's details as properties.
			unsupported: [{ref: {query: 'systemProperties'}, allow: ['None'], why: "'systemProperties': the built-in send has no option to add the run details as message properties"}],
		},
		{
			id: 'servicebus.sendMessages',
			label: 'Send one or more messages',
			kind: 'action',
			method: 'post',
			paths: ['/{entityName}/messages/batch'],
			operationId: 'sendMessages',
			certainty: 'S',
			params: [req('entityName', fromPath('entityName')), req('messages', fromBody(MESSAGE_FIELDS))],
		},
		...settle('queue'),
		...settle('topic'),
		...triggers('queue'),
		...triggers('topic'),
	],
};
