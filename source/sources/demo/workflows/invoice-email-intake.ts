// Smaller suppliers mail their invoices to invoices@contoso.com. PDF attachments are stored next to the
// SFTP ones and registered; inline JavaScript reads the invoice number out of the subject line.
// Inline code needed a linked integration account in Consumption, hence the link.
import {connection, definition, host, workflow} from '../shared.js';

// ISE limited inline code to 1,024 characters; this script stays under it.
const EXTRACT_INVOICE_REFERENCE = [
	'// Subjects look like "Invoice INV-2024-00123 from Fabrikam (supplier 40017)".',
	'const email = workflowContext.trigger.outputs.body;',
	"const subject = (email.subject || '').trim();",
	'const invoice = subject.match(/\\b(INV|RE|FAC)[-\\s]?(\\d{4})[-\\s]?(\\d{3,6})\\b/i);',
	'const supplier = subject.match(/supplier\\s+(\\d{5})/i);',
	"const sender = (email.from || '').toLowerCase();",
	'return {',
	"  invoiceNumber: invoice ? invoice[1].toUpperCase() + '-' + invoice[2] + '-' + invoice[3].padStart(6, '0') : null,",
	'  supplierCode: supplier ? supplier[1] : null,',
	"  senderDomain: sender.includes('@') ? sender.split('@').pop() : '',",
	'  needsReview: !invoice || !supplier',
	'};',
].join('\n');

const SQL_DATASET =
	"/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}";

export const invoiceEmailIntake = workflow({
	name: 'invoice-email-intake',
	usesIntegrationAccount: true,
	connections: [
		connection('office365', 'office365-invoices'),
		connection('azureblob', 'azureblob-stcontosoedi'),
		connection('sql', 'sql-contoso-orders'),
	],
	definition: definition({
		triggers: {
			'When_a_new_email_arrives_(V3)': {
				type: 'ApiConnectionNotification',
				splitOn: "@triggerBody()?['value']",
				inputs: {
					host: host('office365'),
					fetch: {
						method: 'get',
						pathTemplate: {template: '/v3/Mail/OnNewEmail'},
						queries: {
							folderPath: 'Inbox',
							importance: 'Any',
							fetchOnlyWithAttachment: true,
							includeAttachments: true,
							subjectFilter: 'Invoice',
						},
					},
					subscribe: {
						method: 'post',
						pathTemplate: {template: '/GraphMailSubscriptionPoke/$subscriptions'},
						body: {NotificationUrl: '@{listCallbackUrl()}'},
						queries: {
							folderPath: 'Inbox',
							importance: 'Any',
							fetchOnlyWithAttachment: true,
						},
					},
				},
			},
		},
		actions: {
			Extract_invoice_reference: {
				type: 'JavaScriptCode',
				runAfter: {},
				inputs: {code: EXTRACT_INVOICE_REFERENCE},
			},
			For_each_attachment: {
				type: 'Foreach',
				runAfter: {Extract_invoice_reference: ['Succeeded']},
				foreach: "@triggerBody()?['attachments']",
				actions: {
					Is_PDF: {
						type: 'If',
						runAfter: {},
						expression: {
							and: [{endsWith: ["@toLower(items('For_each_attachment')?['name'])", '.pdf']}],
						},
						actions: {
							Store_attachment: {
								type: 'ApiConnection',
								runAfter: {},
								inputs: {
									host: host('azureblob'),
									method: 'post',
									path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/files",
									queries: {
										folderPath: "/invoices/email/@{formatDateTime(utcNow(), 'yyyy/MM/dd')}",
										name: "@items('For_each_attachment')?['name']",
										queryParametersSingleEncoded: true,
									},
									headers: {ReadFileMetadataFromServer: true},
									body: "@base64ToBinary(items('For_each_attachment')?['contentBytes'])",
								},
							},
							Register_emailed_invoice: {
								type: 'ApiConnection',
								runAfter: {Store_attachment: ['Succeeded']},
								inputs: {
									host: host('sql'),
									method: 'post',
									path: `${SQL_DATASET}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[InvoiceInbox]'))}/items`,
									body: {
										FileName: "@items('For_each_attachment')?['name']",
										BlobPath: "@body('Store_attachment')?['Path']",
										Source: 'email',
										Sender: "@triggerBody()?['from']",
										InvoiceNumber: "@body('Extract_invoice_reference')?['invoiceNumber']",
										SupplierCode: "@body('Extract_invoice_reference')?['supplierCode']",
										ReceivedAt: "@triggerBody()?['receivedDateTime']",
									},
								},
							},
						},
						else: {actions: {}},
					},
				},
			},
			Needs_manual_review: {
				type: 'If',
				runAfter: {For_each_attachment: ['Succeeded']},
				expression: {
					and: [{equals: ["@body('Extract_invoice_reference')?['needsReview']", true]}],
				},
				actions: {
					Ask_accounts_payable_to_review: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('office365'),
							method: 'post',
							path: '/v2/Mail',
							body: {
								To: 'ap-team@contoso.com',
								Subject: "Please review: @{triggerBody()?['subject']}",
								Body: "<p>The invoice mail from @{triggerBody()?['from']} has no recognisable invoice number or supplier code. The attachments are stored under /invoices/email.</p>",
								Importance: 'Normal',
							},
						},
					},
				},
				else: {actions: {}},
			},
		},
	}),
});
