// Turns a Contoso order into an SAP ORDERS05 IDoc. Only called as a nested workflow
// (from order-fulfilment-servicebus), so its Request trigger is never exposed to callers.
import {connection, definition, host, workflow} from '../shared.js';
import {ORDER_SCHEMA} from './order-intake-sql.js';

export const sapOrderCreate = workflow({
	name: 'sap-order-create',
	usesIntegrationAccount: true,
	connections: [connection('sap', 'sap-ecc-prd')],
	definition: definition({
		triggers: {
			manual: {
				type: 'Request',
				kind: 'Http',
				inputs: {method: 'POST', schema: ORDER_SCHEMA},
			},
		},
		actions: {
			Convert_order_to_XML: {
				type: 'Compose',
				runAfter: {},
				inputs: "@xml(json(concat('{\"PurchaseOrder\":', string(triggerBody()), '}')))",
			},
			Validate_purchase_order: {
				type: 'XmlValidation',
				runAfter: {Convert_order_to_XML: ['Succeeded']},
				inputs: {
					content: "@{outputs('Convert_order_to_XML')}",
					integrationAccount: {schema: {name: 'ContosoPurchaseOrder'}},
				},
			},
			Scope_SAP_calls: {
				type: 'Scope',
				runAfter: {Validate_purchase_order: ['Succeeded']},
				actions: {
					Get_customer_from_SAP: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('sap'),
							method: 'post',
							path: '/CallRfc',
							queries: {rfcName: 'BAPI_CUSTOMER_GETDETAIL2', autoCommit: false},
							headers: {'Content-Type': 'application/xml'},
							body: "<BAPI_CUSTOMER_GETDETAIL2 xmlns=\"http://Microsoft.LobServices.Sap/2007/03/Rfc/\"><COMPANYCODE>1000</COMPANYCODE><CUSTOMERNO>@{triggerBody()?['customerId']}</CUSTOMERNO></BAPI_CUSTOMER_GETDETAIL2>",
						},
					},
					Transform_to_ORDERS05: {
						type: 'Xslt',
						runAfter: {Get_customer_from_SAP: ['Succeeded']},
						inputs: {
							content: "@{outputs('Convert_order_to_XML')}",
							integrationAccount: {map: {name: 'PurchaseOrder_to_SAP_ORDERS05'}},
							transformOptions: 'ApplyXsltOutputAttributes',
						},
					},
					Send_ORDERS05_IDoc: {
						type: 'ApiConnection',
						runAfter: {Transform_to_ORDERS05: ['Succeeded']},
						inputs: {
							host: host('sap'),
							method: 'post',
							path: '/SendIDoc',
							queries: {idocType: 'ORDERS05', releaseVersion: '740', recordTypesVersion: '3', confirmTid: true},
							headers: {'Content-Type': 'application/xml'},
							body: "@{body('Transform_to_ORDERS05')}",
						},
					},
				},
			},
			Respond_invalid_order: {
				type: 'Response',
				kind: 'Http',
				runAfter: {Validate_purchase_order: ['Failed']},
				inputs: {
					statusCode: 400,
					body: {
						orderNumber: "@triggerBody()?['orderNumber']",
						errors: "@body('Validate_purchase_order')?['errors']",
					},
				},
			},
			Respond_with_SAP_transaction: {
				type: 'Response',
				kind: 'Http',
				runAfter: {Scope_SAP_calls: ['Succeeded']},
				inputs: {
					statusCode: 200,
					body: {
						orderNumber: "@triggerBody()?['orderNumber']",
						sapTransactionId: "@body('Send_ORDERS05_IDoc')?['TransactionID']",
						soldToName: "@body('Get_customer_from_SAP')?['JsonResponse']?['CUSTOMERADDRESS']?['NAME']",
					},
				},
			},
			Respond_SAP_failure: {
				type: 'Response',
				kind: 'Http',
				runAfter: {Scope_SAP_calls: ['Failed', 'TimedOut']},
				inputs: {
					statusCode: 502,
					body: {
						orderNumber: "@triggerBody()?['orderNumber']",
						errors: "@result('Scope_SAP_calls')",
					},
				},
			},
		},
	}),
});
