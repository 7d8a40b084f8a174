// Ship notices written to blob storage by the WMS are turned into X12 856 messages, wrapped in AS2 and
// posted to Fabrikam. Sent notices are removed from the pending folder.
import {connection, definition, host, workflow} from '../shared.js';

const BLOB_ACCOUNT = "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}";
/** base64 of the URL-encoded '/edi-outbound/pending', as the designer writes folder ids. */
const PENDING_FOLDER_ID = 'JTJmZWRpLW91dGJvdW5kJTJmcGVuZGluZw==';

export const b2bX12As2Outbound = workflow({
	name: 'b2b-x12-as2-outbound',
	usesIntegrationAccount: true,
	connections: [
		connection('azureblob', 'azureblob-stcontosoedi'),
		connection('x12', 'x12-contoso-b2b'),
		connection('as2', 'as2-contoso-b2b'),
	],
	parameters: {
		fabrikamAs2Endpoint: {type: 'String', value: 'https://as2.fabrikam.com/inbound/contoso'},
	},
	definition: definition({
		parameters: {
			fabrikamAs2Endpoint: {type: 'String', defaultValue: 'https://as2-test.fabrikam.com/inbound/contoso'},
		},
		triggers: {
			Every_fifteen_minutes: {
				type: 'Recurrence',
				recurrence: {frequency: 'Minute', interval: 15},
			},
		},
		actions: {
			List_pending_ship_notices: {
				type: 'ApiConnection',
				runAfter: {},
				metadata: {[PENDING_FOLDER_ID]: '/edi-outbound/pending'},
				inputs: {
					host: host('azureblob'),
					method: 'get',
					path: `${BLOB_ACCOUNT}/foldersV2/@{encodeURIComponent(encodeURIComponent('${PENDING_FOLDER_ID}'))}`,
					queries: {useFlatListing: false},
				},
			},
			For_each_ship_notice: {
				type: 'Foreach',
				runAfter: {List_pending_ship_notices: ['Succeeded']},
				foreach: "@body('List_pending_ship_notices')?['value']",
				actions: {
					Get_ship_notice_content: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('azureblob'),
							method: 'get',
							path: `${BLOB_ACCOUNT}/files/@{encodeURIComponent(encodeURIComponent(items('For_each_ship_notice')?['Id']))}/content`,
							queries: {inferContentType: true},
						},
					},
					Transform_to_X12_856: {
						type: 'Xslt',
						runAfter: {Get_ship_notice_content: ['Succeeded']},
						inputs: {
							content: "@{body('Get_ship_notice_content')}",
							integrationAccount: {map: {name: 'ShipmentNotice_to_X12_856'}},
						},
					},
					Encode_X12_856: {
						type: 'ApiConnection',
						runAfter: {Transform_to_X12_856: ['Succeeded']},
						inputs: {
							host: host('x12'),
							method: 'post',
							path: '/encode/resolvebyname',
							queries: {agreementName: 'Contoso-Fabrikam-X12'},
							body: "@{body('Transform_to_X12_856')}",
						},
					},
					Encode_AS2_message: {
						type: 'ApiConnection',
						runAfter: {Encode_X12_856: ['Succeeded']},
						inputs: {
							host: host('as2'),
							method: 'post',
							path: '/encode',
							queries: {
								as2From: 'CONTOSO',
								as2To: 'FABRIKAM',
								fileName: "@{items('For_each_ship_notice')?['Name']}",
							},
							body: "@body('Encode_X12_856')",
						},
					},
					Post_to_Fabrikam: {
						type: 'Http',
						runAfter: {Encode_AS2_message: ['Succeeded']},
						inputs: {
							method: 'POST',
							uri: "@parameters('fabrikamAs2Endpoint')",
							headers: "@body('Encode_AS2_message')?['AS2Message']?['OutboundHeaders']",
							body: "@base64ToBinary(body('Encode_AS2_message')?['AS2Message']?['Content'])",
							retryPolicy: {type: 'exponential', count: 4, interval: 'PT30S'},
						},
					},
					Delete_sent_ship_notice: {
						type: 'ApiConnection',
						runAfter: {Post_to_Fabrikam: ['Succeeded']},
						inputs: {
							host: host('azureblob'),
							method: 'delete',
							path: `${BLOB_ACCOUNT}/files/@{encodeURIComponent(encodeURIComponent(items('For_each_ship_notice')?['Id']))}`,
						},
					},
				},
			},
		},
	}),
});
