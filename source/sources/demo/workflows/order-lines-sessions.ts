// Order lines arrive on a session-enabled queue, one session per order. The workflow takes the next available
// session, stores every line of the order, settles each message inside the session and closes it, then reads back
// the stored lines to report the count.
import {connection, definition, host, workflow} from '../shared.js';

const SQL_DATASET =
	"/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}";
const QUEUE = "/@{encodeURIComponent(encodeURIComponent('order-lines'))}";
const LINES = `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[OrderLines]'))}/items`;

const insertLine = (content: string) => ({
	host: host('sql'),
	method: 'post',
	path: LINES,
	body: {OrderNumber: "@triggerBody()?['SessionId']", Payload: content},
});

export const orderLinesSessions = workflow({
	name: 'order-lines-sessions',
	connections: [connection('servicebus', 'servicebus-contoso'), connection('sql', 'sql-contoso-orders')],
	definition: definition({
		triggers: {
			'When_a_message_is_received_in_a_queue_session_(peek-lock)': {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 1},
				inputs: {
					host: host('servicebus'),
					method: 'get',
					path: `${QUEUE}/messages/head/peek`,
					queries: {queueType: 'Main', sessionId: 'Next Available'},
				},
			},
		},
		actions: {
			Store_first_line: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: insertLine("@base64ToString(triggerBody()?['ContentData'])"),
			},
			Complete_first_line: {
				type: 'ApiConnection',
				runAfter: {Store_first_line: ['Succeeded']},
				inputs: {
					host: host('servicebus'),
					method: 'delete',
					path: `${QUEUE}/messages/complete`,
					queries: {lockToken: "@triggerBody()?['LockToken']", queueType: 'Main', sessionId: "@triggerBody()?['SessionId']"},
				},
			},
			Get_remaining_lines: {
				type: 'ApiConnection',
				runAfter: {Complete_first_line: ['Succeeded']},
				inputs: {
					host: host('servicebus'),
					method: 'get',
					path: `${QUEUE}/messages/batch/peek`,
					queries: {maxMessageCount: 50, queueType: 'Main', sessionId: "@triggerBody()?['SessionId']"},
				},
			},
			For_each_line: {
				type: 'Foreach',
				runAfter: {Get_remaining_lines: ['Succeeded']},
				foreach: "@body('Get_remaining_lines')",
				runtimeConfiguration: {concurrency: {repetitions: 1}},
				actions: {
					Store_line: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: insertLine("@base64ToString(items('For_each_line')?['ContentData'])"),
					},
					Complete_line: {
						type: 'ApiConnection',
						runAfter: {Store_line: ['Succeeded']},
						inputs: {
							host: host('servicebus'),
							method: 'delete',
							path: `${QUEUE}/messages/complete`,
							queries: {
								lockToken: "@items('For_each_line')?['LockToken']",
								queueType: 'Main',
								sessionId: "@items('For_each_line')?['SessionId']",
							},
						},
					},
					Defer_line_on_failure: {
						type: 'ApiConnection',
						runAfter: {Store_line: ['Failed']},
						inputs: {
							host: host('servicebus'),
							method: 'post',
							path: `${QUEUE}/messages/defer`,
							queries: {
								lockToken: "@items('For_each_line')?['LockToken']",
								queueType: 'Main',
								sessionId: "@items('For_each_line')?['SessionId']",
							},
						},
					},
				},
			},
			Close_the_session: {
				type: 'ApiConnection',
				runAfter: {For_each_line: ['Succeeded', 'Failed']},
				inputs: {
					host: host('servicebus'),
					method: 'delete',
					path: `${QUEUE}/sessions/@{encodeURIComponent(triggerBody()?['SessionId'])}/close`,
				},
			},
			Get_stored_lines: {
				type: 'ApiConnection',
				runAfter: {Close_the_session: ['Succeeded']},
				inputs: {
					host: host('sql'),
					method: 'get',
					path: LINES,
					queries: {$filter: "OrderNumber eq '@{triggerBody()?['SessionId']}'"},
				},
			},
			Line_count: {
				type: 'Compose',
				runAfter: {Get_stored_lines: ['Succeeded']},
				inputs: "@length(body('Get_stored_lines')?['value'])",
			},
		},
	}),
});
