// Picks accepted orders off the Service Bus queue, reserves stock, creates the SAP sales order and hands
// the shipment to the right channel (express carrier events or the warehouse queue).
import {apimApiId, connection, definition, host, workflow, workflowId} from '../shared.js';

const SQL_DATASET =
	"/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}";

export const orderFulfilmentServiceBus = workflow({
	name: 'order-fulfilment-servicebus',
	connections: [
		connection('servicebus', 'servicebus-contoso'),
		connection('sql', 'sql-contoso-orders'),
		connection('eventhubs', 'eventhubs-logistics'),
		connection('azurequeues', 'azurequeues-stcontosoops'),
	],
	parameters: {
		apimSubscriptionKey: {type: 'SecureString'},
	},
	definition: definition({
		parameters: {
			apimSubscriptionKey: {type: 'SecureString', metadata: {description: 'Subscription key for the carrier-rates API in APIM.'}},
		},
		triggers: {
			'When_a_message_is_received_in_a_queue_(auto-complete)': {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 1},
				runtimeConfiguration: {concurrency: {runs: 10}},
				inputs: {
					host: host('servicebus'),
					method: 'get',
					path: "/@{encodeURIComponent(encodeURIComponent('orders'))}/messages/head",
					queries: {queueType: 'Main'},
				},
			},
		},
		actions: {
			Parse_order: {
				type: 'ParseJson',
				runAfter: {},
				inputs: {
					content: "@base64ToString(triggerBody()?['ContentData'])",
					schema: {
						type: 'object',
						properties: {
							orderNumber: {type: 'string'},
							customerId: {type: 'string'},
							shippingMethod: {type: 'string'},
							totalWeightKg: {type: 'number'},
							shipTo: {type: 'object'},
						},
					},
				},
			},
			Get_order_lines: {
				type: 'ApiConnection',
				runAfter: {Parse_order: ['Succeeded']},
				inputs: {
					host: host('sql'),
					method: 'get',
					path: `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[OrderLines]'))}/items`,
					queries: {
						$filter: "OrderNumber eq '@{body('Parse_order')?['orderNumber']}'",
						$orderby: 'LineNumber',
					},
				},
			},
			Get_carrier_rates: {
				type: 'ApiManagement',
				runAfter: {Parse_order: ['Succeeded']},
				inputs: {
					api: {id: apimApiId('apim-contoso', 'carrier-rates')},
					method: 'post',
					pathTemplate: {template: '/quotes', parameters: {}},
					body: {
						destinationCountry: "@body('Parse_order')?['shipTo']?['country']",
						weightKg: "@body('Parse_order')?['totalWeightKg']",
						service: "@body('Parse_order')?['shippingMethod']",
					},
					subscriptionKey: "@parameters('apimSubscriptionKey')",
				},
			},
			For_each_order_line: {
				type: 'Foreach',
				runAfter: {Get_order_lines: ['Succeeded']},
				foreach: "@body('Get_order_lines')?['value']",
				runtimeConfiguration: {concurrency: {repetitions: 5}},
				actions: {
					Reserve_stock: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('sql'),
							method: 'post',
							path: `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[StockReservations]'))}/items`,
							body: {
								OrderNumber: "@body('Parse_order')?['orderNumber']",
								Sku: "@items('For_each_order_line')?['Sku']",
								Quantity: "@items('For_each_order_line')?['Quantity']",
								ReservedAt: '@{utcNow()}',
								CorrelationId: "@{triggerBody()?['MessageId']}",
							},
						},
					},
				},
			},
			Create_sales_order_in_SAP: {
				type: 'Workflow',
				runAfter: {For_each_order_line: ['Succeeded']},
				inputs: {
					host: {
						workflow: {id: workflowId('sap-order-create')},
						triggerName: 'manual',
					},
					body: "@body('Parse_order')",
					headers: {'x-correlation-id': "@{triggerBody()?['MessageId']}"},
				},
			},
			Compose_shipment_request: {
				type: 'Compose',
				runAfter: {Create_sales_order_in_SAP: ['Succeeded'], Get_carrier_rates: ['Succeeded']},
				inputs: {
					orderNumber: "@body('Parse_order')?['orderNumber']",
					sapTransactionId: "@body('Create_sales_order_in_SAP')?['sapTransactionId']",
					carrierQuoteId: "@body('Get_carrier_rates')?['quoteId']",
					shipTo: "@body('Parse_order')?['shipTo']",
					requestedAt: '@{utcNow()}',
				},
			},
			Switch_on_shipping_method: {
				type: 'Switch',
				runAfter: {Compose_shipment_request: ['Succeeded']},
				expression: "@toUpper(coalesce(body('Parse_order')?['shippingMethod'], 'STANDARD'))",
				cases: {
					Express: {
						case: 'EXPRESS',
						actions: {
							Publish_express_shipment_event: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('eventhubs'),
									method: 'post',
									path: "/@{encodeURIComponent('order-events')}/events",
									queries: {partitionKey: "@{body('Parse_order')?['customerId']}"},
									body: {
										ContentData: "@{base64(outputs('Compose_shipment_request'))}",
										Properties: {eventType: 'ExpressShipmentRequested'},
									},
								},
							},
						},
					},
					Standard: {
						case: 'STANDARD',
						actions: {
							Queue_shipment_for_warehouse: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('azurequeues'),
									method: 'post',
									path: "/@{encodeURIComponent('shipments')}/messages",
									body: "@{outputs('Compose_shipment_request')}",
								},
							},
						},
					},
				},
				default: {
					actions: {
						Stop_unknown_shipping_method: {
							type: 'Terminate',
							runAfter: {},
							inputs: {
								runStatus: 'Failed',
								runError: {
									code: 'UnknownShippingMethod',
									message: "Order @{body('Parse_order')?['orderNumber']} has shipping method '@{body('Parse_order')?['shippingMethod']}'.",
								},
							},
						},
					},
				},
			},
		},
	}),
});
