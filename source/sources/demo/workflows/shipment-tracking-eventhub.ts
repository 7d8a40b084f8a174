// Carrier tracking events stream into Event Hubs; each one is recorded, and deliveries close the order.
import {connection, definition, host, workflow} from '../shared.js';

const SQL_DATASET =
	"/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}";

export const shipmentTrackingEventHub = workflow({
	name: 'shipment-tracking-eventhub',
	connections: [connection('eventhubs', 'eventhubs-logistics'), connection('sql', 'sql-contoso-orders')],
	definition: definition({
		triggers: {
			When_events_are_available_in_Event_Hub: {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 1},
				splitOn: '@triggerBody()',
				inputs: {
					host: host('eventhubs'),
					method: 'get',
					path: "/@{encodeURIComponent('shipment-tracking')}/events/batch/head",
					queries: {
						contentType: 'application/json',
						consumerGroupName: 'logicapps',
						maximumEventsCount: 50,
					},
				},
			},
		},
		actions: {
			Parse_tracking_event: {
				type: 'ParseJson',
				runAfter: {},
				inputs: {
					content: "@triggerBody()?['ContentData']",
					schema: {
						type: 'object',
						properties: {
							trackingNumber: {type: 'string'},
							orderNumber: {type: 'string'},
							status: {type: 'string'},
							eventTimeUtc: {type: 'string'},
							location: {type: 'string'},
						},
					},
				},
			},
			Record_tracking_event: {
				type: 'ApiConnection',
				runAfter: {Parse_tracking_event: ['Succeeded']},
				inputs: {
					host: host('sql'),
					method: 'post',
					path: `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[ShipmentEvents]'))}/items`,
					body: {
						TrackingNumber: "@body('Parse_tracking_event')?['trackingNumber']",
						OrderNumber: "@body('Parse_tracking_event')?['orderNumber']",
						Status: "@body('Parse_tracking_event')?['status']",
						EventTimeUtc: "@body('Parse_tracking_event')?['eventTimeUtc']",
						Location: "@body('Parse_tracking_event')?['location']",
					},
				},
			},
			Is_delivered: {
				type: 'If',
				runAfter: {Record_tracking_event: ['Succeeded']},
				expression: {
					and: [{equals: ["@toUpper(body('Parse_tracking_event')?['status'])", 'DELIVERED']}],
				},
				actions: {
					Mark_order_delivered: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('sql'),
							method: 'post',
							path: `${SQL_DATASET}/procedures/@{encodeURIComponent(encodeURIComponent('[dbo].[usp_MarkOrderDelivered]'))}`,
							body: {
								OrderNumber: "@body('Parse_tracking_event')?['orderNumber']",
								DeliveredAtUtc: "@body('Parse_tracking_event')?['eventTimeUtc']",
							},
						},
					},
				},
				else: {actions: {}},
			},
		},
	}),
});
