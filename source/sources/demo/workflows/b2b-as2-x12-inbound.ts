// Fabrikam and Northwind post X12 850 purchase orders over AS2. The message is decoded through the
// contoso-b2b integration account, the MDN returned, and each good 850 submitted to order-intake-sql.
import {connection, definition, host, workflow, workflowId} from '../shared.js';

export const b2bAs2X12Inbound = workflow({
	name: 'b2b-as2-x12-inbound',
	usesIntegrationAccount: true,
	connections: [
		connection('as2', 'as2-contoso-b2b'),
		connection('x12', 'x12-contoso-b2b'),
		connection('azureblob', 'azureblob-stcontosoedi'),
	],
	definition: definition({
		triggers: {
			manual: {
				type: 'Request',
				kind: 'Http',
				inputs: {schema: {}},
			},
		},
		actions: {
			Decode_AS2_message: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('as2'),
					method: 'post',
					path: '/decode',
					body: '@triggerBody()',
					headers: "@triggerOutputs()['headers']",
				},
			},
			Is_MDN_expected: {
				type: 'If',
				runAfter: {Decode_AS2_message: ['Succeeded']},
				expression: {
					and: [{equals: ["@body('Decode_AS2_message')?['AS2Message']?['MdnExpected']", 'Expected']}],
				},
				actions: {
					Send_synchronous_MDN: {
						type: 'Response',
						kind: 'Http',
						runAfter: {},
						inputs: {
							statusCode: 200,
							headers: "@body('Decode_AS2_message')?['OutgoingMdn']?['OutboundHeaders']",
							body: "@base64ToBinary(body('Decode_AS2_message')?['OutgoingMdn']?['Content'])",
						},
					},
				},
				else: {
					actions: {
						Send_200_OK: {
							type: 'Response',
							kind: 'Http',
							runAfter: {},
							inputs: {statusCode: 200},
						},
					},
				},
			},
			Decode_X12_message: {
				type: 'ApiConnection',
				runAfter: {Decode_AS2_message: ['Succeeded']},
				inputs: {
					host: host('x12'),
					method: 'post',
					path: '/decode',
					body: "@base64ToBinary(body('Decode_AS2_message')?['AS2Message']?['Content'])",
				},
			},
			For_each_purchase_order: {
				type: 'Foreach',
				runAfter: {Decode_X12_message: ['Succeeded']},
				foreach: "@body('Decode_X12_message')?['GoodMessages']",
				actions: {
					Transform_850_to_purchase_order: {
						type: 'Xslt',
						runAfter: {},
						inputs: {
							content: "@{base64ToString(items('For_each_purchase_order')?['Payload'])}",
							integrationAccount: {map: {name: 'X12_850_to_PurchaseOrder'}},
						},
					},
					Submit_order: {
						type: 'Workflow',
						runAfter: {Transform_850_to_purchase_order: ['Succeeded']},
						inputs: {
							host: {
								workflow: {id: workflowId('order-intake-sql')},
								triggerName: 'manual',
							},
							body: "@json(xml(body('Transform_850_to_purchase_order')))?['PurchaseOrder']",
							headers: {'x-contoso-channel': "edi-@{toLower(body('Decode_AS2_message')?['AS2Message']?['AS2From'])}"},
						},
					},
				},
			},
			Archive_bad_messages: {
				type: 'If',
				runAfter: {Decode_X12_message: ['Succeeded']},
				expression: {
					and: [{greaterOrEquals: ["@length(body('Decode_X12_message')?['BadMessages'])", 1]}],
				},
				actions: {
					For_each_bad_message: {
						type: 'Foreach',
						runAfter: {},
						foreach: "@body('Decode_X12_message')?['BadMessages']",
						actions: {
							Save_bad_message: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('azureblob'),
									method: 'post',
									path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/files",
									queries: {
										folderPath: '/edi-inbound/failed',
										name: "@{body('Decode_AS2_message')?['AS2Message']?['AS2MessageId']}-@{guid()}.edi",
										queryParametersSingleEncoded: true,
									},
									headers: {ReadFileMetadataFromServer: true},
									body: "@base64ToBinary(items('For_each_bad_message')?['Payload'])",
								},
							},
						},
					},
				},
				else: {actions: {}},
			},
		},
	}),
});
