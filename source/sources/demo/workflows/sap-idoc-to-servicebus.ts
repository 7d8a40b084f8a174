// SAP pushes delivery and invoice IDocs to the ISE; each is published on a Service Bus topic for the
// downstream systems (WMS, finance) to subscribe to.
import {connection, definition, host, workflow} from '../shared.js';

const publish = (topic: string) => ({
	type: 'ApiConnection',
	runAfter: {},
	inputs: {
		host: host('servicebus'),
		method: 'post',
		path: `/@{encodeURIComponent(encodeURIComponent('${topic}'))}/messages`,
		queries: {systemProperties: 'None'},
		body: {
			ContentData: '@{base64(triggerBody())}',
			ContentType: 'application/xml',
			Properties: {
				idocType: "@{outputs('Get_IDoc_type')}",
				idocNumber: "@{outputs('Get_IDoc_number')}",
			},
		},
	},
});

export const sapIdocToServiceBus = workflow({
	name: 'sap-idoc-to-servicebus',
	connections: [connection('sap', 'sap-ecc-prd'), connection('servicebus', 'servicebus-contoso')],
	definition: definition({
		triggers: {
			When_a_message_is_received_from_SAP: {
				type: 'ApiConnectionWebhook',
				inputs: {
					host: host('sap'),
					method: 'post',
					path: '/api/webhooktrigger/subscribe',
					queries: {
						gatewayHost: 'sapecc-prd.corp.contoso.com',
						gatewayService: 'sapgw00',
						programId: 'LOGICAPPS_ISE',
						degreeOfParallelism: 1,
					},
					body: {
						SapActions: [
							'http://Microsoft.LobServices.Sap/2007/03/Idoc/3/DELVRY07//740/Receive',
							'http://Microsoft.LobServices.Sap/2007/03/Idoc/3/INVOIC02//740/Receive',
						],
						IdocFormat: 'SapPlainXml',
						NotificationUrl: '@{listCallbackUrl()}',
					},
				},
			},
		},
		actions: {
			Get_IDoc_type: {
				type: 'Compose',
				runAfter: {},
				inputs: "@xpath(xml(triggerBody()), 'string(//*[local-name()=\"IDOCTYP\"])')",
			},
			Get_IDoc_number: {
				type: 'Compose',
				runAfter: {Get_IDoc_type: ['Succeeded']},
				inputs: "@xpath(xml(triggerBody()), 'string(//*[local-name()=\"DOCNUM\"])')",
			},
			Is_delivery_IDoc: {
				type: 'If',
				runAfter: {Get_IDoc_number: ['Succeeded']},
				expression: {
					and: [{equals: ["@outputs('Get_IDoc_type')", 'DELVRY07']}],
				},
				actions: {
					Publish_delivery: publish('sap-deliveries'),
				},
				else: {
					actions: {
						Publish_invoice: publish('sap-invoices'),
					},
				},
			},
		},
	}),
});
