// Azure Service Bus (operations.md §2). Managed payloads are PascalCase with base64 ContentData; built-in
// ones are camelCase with plain contentData, and built-in triggers return arrays (LogicAppsUX#4846).
import {connectionString, constant, fromBody, fromPath, fromQuery, joined, p, req} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, QueryCondition, Transform} from '../types.js';

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
		ReplyToSessionId: 'replyToSessionId',
	},
	fromBase64: ['ContentData'],
	strict: true,
};

const messageOutput = (single: boolean): OutputChange => ({
	change: single
		? 'managed returns one message with base64 ContentData and PascalCase fields; built-in returns an array of messages (split per message) with plain contentData and camelCase fields'
		: 'message fields become camelCase and contentData is no longer base64',
	certainty: 'S',
	rewrites: [
		{kind: 'unwrapBase64', from: 'ContentData', to: 'contentData'},
		{kind: 'path', from: ['LockToken'], to: ['lockToken']},
		{kind: 'path', from: ['SessionId'], to: ['sessionId']},
		{kind: 'path', from: ['MessageId'], to: ['messageId']},
		{kind: 'path', from: ['ContentType'], to: ['contentType']},
		{kind: 'path', from: ['CorrelationId'], to: ['correlationId']},
	],
});

const noSession: QueryCondition = {name: 'sessionId', oneOf: ['', 'None']};
const withSession: QueryCondition = {name: 'sessionId', noneOf: ['', 'None']};
const mainQueue: QueryCondition = {name: 'queueType', oneOf: ['', 'Main']};
const mainSub: QueryCondition = {name: 'subscriptionType', oneOf: ['', 'Main']};
const deadLetterQueue: QueryCondition = {name: 'queueType', oneOf: ['DeadLetter']};
const SPLIT = "@triggerOutputs()?['body']";

function queueAction(id: string, label: string, method: string, suffix: string, operationId: string, extra: OperationMapping['params'] = []): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method,
		paths: [`/{queueName}/messages/${suffix}`],
		when: [noSession, mainQueue],
		operationId,
		certainty: 'C',
		params: [req('queueName', fromPath('queueName')), req('lockToken', fromQuery('lockToken')), ...extra],
	};
}

function queueTrigger(
	id: string,
	label: string,
	suffix: string,
	operationId: string,
	opts: {batch?: boolean; peek?: boolean; session?: boolean; deadLetter?: boolean; certainty?: 'C' | 'S' | 'U'} = {},
): OperationMapping {
	const when: QueryCondition[] = [opts.deadLetter ? deadLetterQueue : mainQueue];
	if (opts.peek) when.push(opts.session ? withSession : noSession);
	const params: OperationMapping['params'] = [
		req('queueName', opts.deadLetter ? joined('', fromPath('queueName'), constant('/$deadletterqueue')) : fromPath('queueName')),
	];
	if (!opts.peek) params.push(p('isSessionsEnabled', constant(false)));
	if (opts.session) params.push(req('sessionId', fromQuery('sessionId')));
	if (opts.batch) params.push(p(opts.session ? 'maxMessages' : 'maxMessageBatchSize', fromQuery('maxMessageCount')));
	return {
		id,
		label,
		kind: 'trigger',
		method: 'get',
		paths: [`/{queueName}/messages/${suffix}`],
		when,
		operationId,
		certainty: opts.certainty ?? 'C',
		params,
		output: messageOutput(!opts.batch),
		// Non-session built-in triggers are push triggers; session triggers poll and keep their recurrence.
		trigger: {push: !opts.session, ...(opts.batch ? {} : {splitOn: SPLIT})},
	};
}

function topicTrigger(id: string, label: string, suffix: string, operationId: string, opts: {batch?: boolean; peek?: boolean} = {}): OperationMapping {
	const when: QueryCondition[] = [mainSub];
	if (opts.peek) when.push(noSession);
	const params: OperationMapping['params'] = [
		req('topicName', fromPath('topicName')),
		req('subscriptionName', fromPath('subscriptionName')),
	];
	if (!opts.peek) params.push(p('isSessionsEnabled', constant(false)));
	if (opts.batch) params.push(p('maxMessageBatchSize', fromQuery('maxMessageCount')));
	return {
		id,
		label,
		kind: 'trigger',
		method: 'get',
		paths: [`/{topicName}/subscriptions/{subscriptionName}/messages/${suffix}`],
		when,
		operationId,
		certainty: 'C',
		params,
		output: messageOutput(!opts.batch),
		trigger: {push: true, ...(opts.batch ? {} : {splitOn: SPLIT})},
	};
}

export const servicebus: CatalogEntry = {
	api: 'servicebus',
	aliases: ['azureservicebus'],
	displayName: 'Azure Service Bus',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/serviceBus',
	connection: {
		parameters: [connectionString('Service Bus namespace')],
		certainty: 'C',
		note: 'managed identity is possible instead: parameterSetName ManagedServiceIdentity with fullyQualifiedNamespace',
	},
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
		queueAction('servicebus.completeQueueMessage', 'Complete the message in a queue', 'delete', 'complete', 'completeQueueMessageV2'),
		queueAction('servicebus.abandonQueueMessage', 'Abandon the message in a queue', 'post', 'abandon', 'abandonQueueMessageV2'),
		queueAction('servicebus.deadLetterQueueMessage', 'Dead-letter the message in a queue', 'post', 'deadletter', 'deadLetterQueueMessageV2', [
			p('deadLetterReason', fromQuery('deadLetterReason')),
			p('deadLetterErrorDescription', fromQuery('deadLetterErrorDescription')),
		]),
		queueAction('servicebus.renewLockQueueMessage', 'Renew lock on the message in a queue', 'post', 'renewlock', 'renewLockQueueMessageV2'),
		{
			id: 'servicebus.completeTopicMessage',
			label: 'Complete the message in a topic subscription',
			kind: 'action',
			method: 'delete',
			paths: ['/{topicName}/subscriptions/{subscriptionName}/messages/complete'],
			when: [noSession, mainSub],
			operationId: 'completeTopicMessageV2',
			certainty: 'C',
			params: [
				req('topicName', fromPath('topicName')),
				req('subscriptionName', fromPath('subscriptionName')),
				req('lockToken', fromQuery('lockToken')),
			],
		},
		{
			id: 'servicebus.getMessagesFromQueue',
			label: 'Get messages from a queue (peek-lock)',
			kind: 'action',
			method: 'get',
			paths: ['/{queueName}/messages/batch/peek'],
			when: [noSession, mainQueue],
			operationId: 'getMessagesFromQueueV2',
			certainty: 'S',
			params: [req('queueName', fromPath('queueName')), p('maxMessages', fromQuery('maxMessageCount'))],
			output: {change: 'the fields of the returned messages (casing, base64 content) are unverified', certainty: 'U'},
		},
		{
			id: 'servicebus.getMessagesFromQueueSession',
			label: 'Get messages from a queue session (peek-lock)',
			kind: 'action',
			method: 'get',
			paths: ['/{queueName}/messages/batch/peek'],
			when: [withSession, mainQueue],
			operationId: 'getMessagesFromQueueSession',
			certainty: 'S',
			params: [
				req('queueName', fromPath('queueName')),
				req('sessionId', fromQuery('sessionId')),
				p('maxMessages', fromQuery('maxMessageCount')),
			],
			output: {change: 'the fields of the returned messages (casing, base64 content) are unverified', certainty: 'U'},
		},
		queueTrigger('servicebus.trigger.queue', 'When a message is received in a queue (auto-complete)', 'head', 'receiveQueueMessages'),
		queueTrigger('servicebus.trigger.queueDeadLetter', 'When a message is received in a dead-letter queue (auto-complete)', 'head', 'receiveQueueMessages', {deadLetter: true}),
		queueTrigger('servicebus.trigger.queuePeek', 'When a message is received in a queue (peek-lock)', 'head/peek', 'peekLockQueueMessagesV2', {peek: true}),
		queueTrigger('servicebus.trigger.queuePeekSession', 'When a message is received in a queue session (peek-lock)', 'head/peek', 'onSingleNewMessageFromQueueSession', {
			peek: true,
			session: true,
			certainty: 'S',
		}),
		queueTrigger('servicebus.trigger.queueBatch', 'When one or more messages arrive in a queue (auto-complete)', 'batch/head', 'receiveQueueMessages', {batch: true}),
		queueTrigger('servicebus.trigger.queueBatchPeek', 'When one or more messages arrive in a queue (peek-lock)', 'batch/head/peek', 'peekLockQueueMessagesV2', {
			batch: true,
			peek: true,
		}),
		topicTrigger('servicebus.trigger.topic', 'When a message is received in a topic subscription (auto-complete)', 'head', 'receiveTopicMessages'),
		topicTrigger('servicebus.trigger.topicPeek', 'When a message is received in a topic subscription (peek-lock)', 'head/peek', 'peekLockTopicMessagesV2', {peek: true}),
		topicTrigger('servicebus.trigger.topicBatch', 'When one or more messages arrive in a topic (auto-complete)', 'batch/head', 'receiveTopicMessages', {batch: true}),
		topicTrigger('servicebus.trigger.topicBatchPeek', 'When one or more messages arrive in a topic (peek-lock)', 'batch/head/peek', 'peekLockTopicMessagesV2', {
			batch: true,
			peek: true,
		}),
	],
};
