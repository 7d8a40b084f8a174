// Web shop and EDI orders arrive over HTTP, are validated, stored through a stored procedure and queued
// for fulfilment. Called directly (internal endpoint) and as a nested workflow by b2b-as2-x12-inbound.
import {connection, definition, functionId, host, workflow} from '../shared.js';

export const ORDER_SCHEMA = {
	type: 'object',
	properties: {
		orderNumber: {type: 'string'},
		customerId: {type: 'string'},
		orderDate: {type: 'string'},
		currency: {type: 'string'},
		totalAmount: {type: 'number'},
		totalWeightKg: {type: 'number'},
		shippingMethod: {type: 'string'},
		shipTo: {
			type: 'object',
			properties: {
				name: {type: 'string'},
				street: {type: 'string'},
				city: {type: 'string'},
				postalCode: {type: 'string'},
				country: {type: 'string'},
			},
		},
		lines: {
			type: 'array',
			items: {
				type: 'object',
				properties: {
					sku: {type: 'string'},
					quantity: {type: 'integer'},
					unitPrice: {type: 'number'},
				},
				required: ['sku', 'quantity'],
			},
		},
	},
	required: ['orderNumber', 'customerId', 'lines'],
};

export const orderIntakeSql = workflow({
	name: 'order-intake-sql',
	connections: [connection('sql', 'sql-contoso-orders'), connection('servicebus', 'servicebus-contoso')],
	definition: definition({
		triggers: {
			manual: {
				type: 'Request',
				kind: 'Http',
				inputs: {method: 'POST', schema: ORDER_SCHEMA},
			},
		},
		actions: {
			Validate_shipping_address: {
				type: 'Function',
				runAfter: {},
				inputs: {
					function: {id: functionId('func-contoso-integration', 'ValidateAddress')},
					method: 'POST',
					body: "@triggerBody()?['shipTo']",
				},
			},
			Upsert_order: {
				type: 'ApiConnection',
				runAfter: {Validate_shipping_address: ['Succeeded']},
				inputs: {
					host: host('sql'),
					method: 'post',
					path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/procedures/@{encodeURIComponent(encodeURIComponent('[dbo].[usp_UpsertOrder]'))}",
					body: {
						OrderNumber: "@triggerBody()?['orderNumber']",
						CustomerId: "@triggerBody()?['customerId']",
						OrderDate: "@{coalesce(triggerBody()?['orderDate'], utcNow())}",
						Currency: "@{coalesce(triggerBody()?['currency'], 'EUR')}",
						TotalAmount: "@triggerBody()?['totalAmount']",
						LinesJson: "@{string(triggerBody()?['lines'])}",
						ShipToJson: "@{string(body('Validate_shipping_address'))}",
						Channel: "@{coalesce(triggerOutputs()?['headers']?['x-contoso-channel'], 'web')}",
					},
				},
			},
			Check_order_accepted: {
				type: 'If',
				runAfter: {Upsert_order: ['Succeeded']},
				expression: {
					and: [{equals: ["@body('Upsert_order')?['ReturnCode']", 0]}],
				},
				actions: {
					Queue_order_for_fulfilment: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('servicebus'),
							method: 'post',
							path: "/@{encodeURIComponent(encodeURIComponent('orders'))}/messages",
							queries: {systemProperties: 'None'},
							body: {
								ContentData: '@{base64(triggerBody())}',
								ContentType: 'application/json',
								MessageId: "@{triggerBody()?['orderNumber']}",
								Properties: {
									source: 'order-intake-sql',
									customerId: "@{triggerBody()?['customerId']}",
								},
							},
						},
					},
					Respond_accepted: {
						type: 'Response',
						kind: 'Http',
						runAfter: {Queue_order_for_fulfilment: ['Succeeded']},
						inputs: {
							statusCode: 202,
							body: {
								orderNumber: "@triggerBody()?['orderNumber']",
								status: 'accepted',
								trackingId: "@{workflow()?['run']?['name']}",
							},
						},
					},
				},
				else: {
					actions: {
						Respond_rejected: {
							type: 'Response',
							kind: 'Http',
							runAfter: {},
							inputs: {
								statusCode: 422,
								body: {
									orderNumber: "@triggerBody()?['orderNumber']",
									status: 'rejected',
									reason: "@{body('Upsert_order')?['OutputParameters']?['ErrorMessage']}",
								},
							},
						},
					},
				},
			},
			Respond_error: {
				type: 'Response',
				kind: 'Http',
				runAfter: {Upsert_order: ['Failed', 'TimedOut', 'Skipped']},
				inputs: {
					statusCode: 500,
					body: {
						orderNumber: "@triggerBody()?['orderNumber']",
						status: 'error',
						message: 'The order could not be stored. Retry later or contact integration support.',
					},
				},
			},
		},
	}),
});
