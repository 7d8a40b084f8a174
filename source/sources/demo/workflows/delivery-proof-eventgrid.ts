// Drivers' proof-of-delivery scans land in blob storage; Event Grid notifies this workflow, which mails
// the scan to customer service. The Event Grid and Office 365 connectors are multi-tenant (not ISE).
import {SUBSCRIPTION_ID, connection, definition, host, storageAccountId, workflow} from '../shared.js';

export const deliveryProofEventGrid = workflow({
	name: 'delivery-proof-eventgrid',
	connections: [
		connection('azureeventgrid', 'azureeventgrid'),
		connection('azureblob', 'azureblob-stcontosoedi'),
		connection('office365', 'office365-invoices'),
	],
	definition: definition({
		triggers: {
			When_a_resource_event_occurs: {
				type: 'ApiConnectionWebhook',
				splitOn: '@triggerBody()',
				inputs: {
					host: host('azureeventgrid'),
					path: `/subscriptions/@{encodeURIComponent('${SUBSCRIPTION_ID}')}/providers/@{encodeURIComponent('Microsoft.Storage.StorageAccounts')}/resource/eventSubscriptions`,
					queries: {'x-ms-api-version': '2017-09-15-preview'},
					body: {
						properties: {
							destination: {
								endpointType: 'webhook',
								properties: {endpointUrl: '@{listCallbackUrl()}'},
							},
							filter: {
								includedEventTypes: ['Microsoft.Storage.BlobCreated'],
								subjectBeginsWith: '/blobServices/default/containers/delivery-proofs/',
							},
							topic: storageAccountId('stcontosoedi'),
						},
					},
				},
			},
		},
		actions: {
			Get_delivery_proof: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('azureblob'),
					method: 'get',
					path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/GetFileContentByPath",
					queries: {
						path: "@{replace(triggerBody()?['subject'], '/blobServices/default/containers', '')}",
						inferContentType: true,
						queryParametersSingleEncoded: true,
					},
				},
			},
			Mail_customer_service: {
				type: 'ApiConnection',
				runAfter: {Get_delivery_proof: ['Succeeded']},
				inputs: {
					host: host('office365'),
					method: 'post',
					path: '/v2/Mail',
					body: {
						To: 'customer-service@contoso.com',
						Subject: "Proof of delivery received: @{last(split(triggerBody()?['subject'], '/'))}",
						Body: "<p>A signed proof of delivery was uploaded at @{triggerBody()?['eventTime']}.</p>",
						Attachments: [
							{
								Name: "@{last(split(triggerBody()?['subject'], '/'))}",
								ContentBytes: "@{base64(body('Get_delivery_proof'))}",
							},
						],
						Importance: 'Normal',
					},
				},
			},
		},
	}),
});
