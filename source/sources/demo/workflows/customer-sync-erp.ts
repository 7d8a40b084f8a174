// Customer master data changes in the in-house ERP (reached through the contoso-erp custom connector)
// are copied to the orders database and pushed to the CRM's REST API.
import {connection, definition, host, workflow} from '../shared.js';

export const customerSyncErp = workflow({
	name: 'customer-sync-erp',
	connections: [connection('contoso-erp', 'contoso-erp'), connection('sql', 'sql-contoso-orders')],
	parameters: {
		crmApiKey: {type: 'SecureString'},
		crmBaseUrl: {type: 'String', value: 'https://crm.contoso.com/api/v2'},
	},
	definition: definition({
		parameters: {
			crmApiKey: {type: 'SecureString', metadata: {description: 'API key of the CRM integration user.'}},
			crmBaseUrl: {type: 'String', defaultValue: 'https://crm-test.contoso.com/api/v2'},
		},
		triggers: {
			Every_thirty_minutes: {
				type: 'Recurrence',
				recurrence: {frequency: 'Minute', interval: 30},
			},
		},
		actions: {
			Get_changed_customers: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('contoso-erp'),
					method: 'get',
					path: '/api/v1/customers/changes',
					queries: {since: '@{addMinutes(utcNow(), -35)}', pageSize: 200},
				},
			},
			For_each_changed_customer: {
				type: 'Foreach',
				runAfter: {Get_changed_customers: ['Succeeded']},
				foreach: "@body('Get_changed_customers')?['items']",
				actions: {
					Upsert_customer_master: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('sql'),
							method: 'post',
							path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/procedures/@{encodeURIComponent(encodeURIComponent('[dbo].[usp_UpsertCustomer]'))}",
							body: {
								CustomerId: "@items('For_each_changed_customer')?['customerId']",
								Name: "@items('For_each_changed_customer')?['name']",
								VatNumber: "@items('For_each_changed_customer')?['vatNumber']",
								CountryCode: "@items('For_each_changed_customer')?['countryCode']",
								CreditLimit: "@items('For_each_changed_customer')?['creditLimit']",
							},
						},
					},
					Push_customer_to_CRM: {
						type: 'Http',
						runAfter: {Upsert_customer_master: ['Succeeded']},
						// The CRM's bulk endpoint is slow; the ISE allowed up to 240 seconds per request.
						limit: {timeout: 'PT4M'},
						runtimeConfiguration: {secureData: {properties: ['inputs']}},
						inputs: {
							method: 'PUT',
							uri: "@{parameters('crmBaseUrl')}/accounts/@{encodeUriComponent(items('For_each_changed_customer')?['customerId'])}",
							headers: {
								'Content-Type': 'application/json',
								'x-api-key': "@parameters('crmApiKey')",
							},
							body: {
								externalId: "@items('For_each_changed_customer')?['customerId']",
								name: "@items('For_each_changed_customer')?['name']",
								country: "@items('For_each_changed_customer')?['countryCode']",
							},
							retryPolicy: {type: 'exponential', count: 4, interval: 'PT15S'},
						},
					},
				},
			},
			Acknowledge_sync: {
				type: 'ApiConnection',
				runAfter: {For_each_changed_customer: ['Succeeded']},
				inputs: {
					host: host('contoso-erp'),
					method: 'post',
					path: '/api/v1/customers/changes/ack',
					body: {
						watermark: "@body('Get_changed_customers')?['watermark']",
						processed: "@length(body('Get_changed_customers')?['items'])",
					},
				},
			},
		},
	}),
});
