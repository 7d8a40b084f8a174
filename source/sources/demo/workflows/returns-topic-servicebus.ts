// Store returns are published on a Service Bus topic. The warehouse subscription checks each return against its
// order: a delivered order is marked returned and the message completed; anything else is dead-lettered for the
// customer service team, and a failure hands the message back to the topic for another try.
import {connection, definition, host, workflow} from '../shared.js';

const SQL_DATASET =
	"/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}";
const SUBSCRIPTION = "/@{encodeURIComponent(encodeURIComponent('returns'))}/subscriptions/@{encodeURIComponent('warehouse')}";
const ORDER_ROW = `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[Orders]'))}/items/@{encodeURIComponent(encodeURIComponent(body('Parse_return')?['orderNumber']))}`;

const settle = (verb: 'complete' | 'deadletter' | 'abandon', extra: Record<string, string> = {}) => ({
	host: host('servicebus'),
	method: verb === 'complete' ? 'delete' : 'post',
	path: `${SUBSCRIPTION}/messages/${verb}`,
	queries: {lockToken: "@triggerBody()?['LockToken']", subscriptionType: 'Main', ...extra},
});

export const returnsTopicServiceBus = workflow({
	name: 'returns-topic-servicebus',
	connections: [connection('servicebus', 'servicebus-contoso'), connection('sql', 'sql-contoso-orders')],
	definition: definition({
		triggers: {
			'When_a_message_is_received_in_a_topic_subscription_(peek-lock)': {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 1},
				inputs: {
					host: host('servicebus'),
					method: 'get',
					path: `${SUBSCRIPTION}/messages/head/peek`,
					queries: {subscriptionType: 'Main', sessionId: 'None'},
				},
			},
		},
		actions: {
			Parse_return: {
				type: 'ParseJson',
				runAfter: {},
				inputs: {
					content: "@base64ToString(triggerBody()?['ContentData'])",
					schema: {
						type: 'object',
						properties: {orderNumber: {type: 'string'}, reason: {type: 'string'}, returnedAt: {type: 'string'}},
					},
				},
			},
			Check_return: {
				type: 'Scope',
				runAfter: {Parse_return: ['Succeeded']},
				actions: {
					Get_order: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {host: host('sql'), method: 'get', path: ORDER_ROW},
					},
					Is_returnable: {
						type: 'If',
						runAfter: {Get_order: ['Succeeded']},
						expression: {and: [{equals: ["@body('Get_order')?['Status']", 'Delivered']}]},
						actions: {
							Mark_order_returned: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('sql'),
									method: 'patch',
									path: ORDER_ROW,
									body: {Status: 'Returned', ReturnReason: "@body('Parse_return')?['reason']", ReturnedAt: "@body('Parse_return')?['returnedAt']"},
								},
							},
							Complete_return: {
								type: 'ApiConnection',
								runAfter: {Mark_order_returned: ['Succeeded']},
								inputs: settle('complete'),
							},
						},
						else: {
							actions: {
								Dead_letter_return: {
									type: 'ApiConnection',
									runAfter: {},
									inputs: settle('deadletter', {
										deadLetterReason: 'NotReturnable',
										deadLetterErrorDescription: "Order @{body('Parse_return')?['orderNumber']} is @{body('Get_order')?['Status']}, not delivered",
									}),
								},
							},
						},
					},
				},
			},
			Abandon_return: {
				type: 'ApiConnection',
				runAfter: {Check_return: ['Failed', 'TimedOut']},
				inputs: settle('abandon'),
			},
		},
	}),
});
