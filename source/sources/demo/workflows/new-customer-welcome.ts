// When the CRM sync inserts a customer row, the customer gets a welcome mail from the internal relay and the
// loyalty service is told through its storage queue.
import {connection, definition, host, workflow} from '../shared.js';

export const newCustomerWelcome = workflow({
	name: 'new-customer-welcome',
	connections: [connection('sql', 'sql-contoso-orders'), connection('smtp', 'smtp-relay'), connection('azurequeues', 'azurequeues-stcontosoops')],
	definition: definition({
		triggers: {
			'When_an_item_is_created_(V2)': {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 5},
				splitOn: "@triggerBody()?['value']",
				inputs: {
					host: host('sql'),
					method: 'get',
					path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[Customers]'))}/onnewitems",
				},
			},
		},
		actions: {
			Send_welcome_mail: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('smtp'),
					method: 'post',
					path: '/SendEmailV2',
					body: {
						From: 'welcome@contoso.com',
						To: "@triggerBody()?['Email']",
						Subject: "Welcome to Contoso, @{triggerBody()?['FirstName']}",
						Body: "<p>Dear @{triggerBody()?['FirstName']},</p><p>your customer number is @{triggerBody()?['CustomerNumber']}.</p>",
						IsHtml: true,
						Importance: 'Normal',
					},
				},
			},
			Enroll_in_loyalty: {
				type: 'ApiConnection',
				runAfter: {Send_welcome_mail: ['Succeeded']},
				inputs: {
					host: host('azurequeues'),
					method: 'post',
					path: "/@{encodeURIComponent('loyalty-enrolments')}/messages",
					body: "@{triggerBody()?['CustomerNumber']}",
				},
			},
		},
	}),
});
