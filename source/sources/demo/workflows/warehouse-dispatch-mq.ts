// Drains the storage queue that order-fulfilment fills and forwards each shipment, in order, to the
// warehouse management system's IBM MQ queue in the WMS flat-text format.
import {connection, definition, host, workflow} from '../shared.js';

export const warehouseDispatchMq = workflow({
	name: 'warehouse-dispatch-mq',
	usesIntegrationAccount: true,
	connections: [connection('azurequeues', 'azurequeues-stcontosoops'), connection('mq', 'mq-wms')],
	definition: definition({
		triggers: {
			Every_five_minutes: {
				type: 'Recurrence',
				recurrence: {frequency: 'Minute', interval: 5},
			},
		},
		actions: {
			Get_shipment_messages: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('azurequeues'),
					method: 'get',
					path: "/@{encodeURIComponent('shipments')}/messages",
					queries: {numofmessages: '32'},
				},
			},
			For_each_shipment: {
				type: 'Foreach',
				runAfter: {Get_shipment_messages: ['Succeeded']},
				foreach: "@body('Get_shipment_messages')?['QueueMessagesList']?['QueueMessage']",
				// The WMS expects dispatches in queue order.
				runtimeConfiguration: {concurrency: {repetitions: 1}},
				actions: {
					Parse_shipment: {
						type: 'ParseJson',
						runAfter: {},
						inputs: {
							content: "@items('For_each_shipment')?['MessageText']",
							schema: {
								type: 'object',
								properties: {
									orderNumber: {type: 'string'},
									sapTransactionId: {type: 'string'},
									carrierQuoteId: {type: 'string'},
									shipTo: {type: 'object'},
								},
							},
						},
					},
					Map_to_WMS_dispatch_format: {
						type: 'Liquid',
						kind: 'JsonToText',
						runAfter: {Parse_shipment: ['Succeeded']},
						inputs: {
							content: "@body('Parse_shipment')",
							integrationAccount: {map: {name: 'ShipmentNotice_to_WmsText'}},
						},
					},
					Send_dispatch_to_WMS: {
						type: 'ApiConnection',
						runAfter: {Map_to_WMS_dispatch_format: ['Succeeded']},
						inputs: {
							host: host('mq'),
							method: 'post',
							path: '/v2/send',
							body: {
								Queue: 'CONTOSO.WMS.DISPATCH.IN',
								Message: "@{body('Map_to_WMS_dispatch_format')}",
								MessageType: 'Datagram',
								CorrelationId: "@{body('Parse_shipment')?['orderNumber']}",
								Format: 'MQSTR',
							},
						},
					},
					Delete_shipment_message: {
						type: 'ApiConnection',
						runAfter: {Send_dispatch_to_WMS: ['Succeeded']},
						inputs: {
							host: host('azurequeues'),
							method: 'delete',
							path: "/@{encodeURIComponent('shipments')}/messages/@{encodeURIComponent(items('For_each_shipment')?['MessageId'])}",
							queries: {popreceipt: "@items('For_each_shipment')?['PopReceipt']"},
						},
					},
				},
			},
		},
	}),
});
