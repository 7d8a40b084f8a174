// Suppliers drop invoices on the SFTP server; each file is archived to blob storage, registered in SQL
// and acknowledged with a .ack file. Accounts payable hears about failures by mail.
import {connection, definition, host, workflow} from '../shared.js';

/** base64('/inbound/invoices'): the designer stores the folder as an id plus a friendly-name map. */
const INBOUND_FOLDER_ID = 'L2luYm91bmQvaW52b2ljZXM=';

export const invoiceSftpToBlob = workflow({
	name: 'invoice-sftp-to-blob',
	connections: [
		connection('sftpwithssh', 'sftp-invoices'),
		connection('azureblob', 'azureblob-stcontosoedi'),
		connection('sql', 'sql-contoso-orders'),
		connection('smtp', 'smtp-relay'),
	],
	parameters: {
		accountsPayableMailbox: {type: 'String', value: 'ap-team@contoso.com'},
	},
	definition: definition({
		parameters: {
			accountsPayableMailbox: {type: 'String', defaultValue: 'ap-team@contoso.com'},
		},
		triggers: {
			'When_files_are_added_or_modified_(properties_only)': {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 5},
				splitOn: '@triggerBody()',
				metadata: {[INBOUND_FOLDER_ID]: '/inbound/invoices'},
				inputs: {
					host: host('sftpwithssh'),
					method: 'get',
					path: '/datasets/default/triggers/batch/onupdatedfile',
					queries: {
						folderId: INBOUND_FOLDER_ID,
						maxFileCount: 10,
						checkBothCreatedAndModifiedDateTime: false,
					},
				},
			},
		},
		actions: {
			Get_invoice_content: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('sftpwithssh'),
					method: 'get',
					path: "/datasets/default/files/@{encodeURIComponent(encodeURIComponent(triggerBody()?['Id']))}/content",
					queries: {inferContentType: true},
				},
			},
			Scope_archive_and_register: {
				type: 'Scope',
				runAfter: {Get_invoice_content: ['Succeeded']},
				actions: {
					Archive_invoice_to_blob: {
						type: 'ApiConnection',
						runAfter: {},
						runtimeConfiguration: {contentTransfer: {transferMode: 'Chunked'}},
						inputs: {
							host: host('azureblob'),
							method: 'post',
							path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/files",
							queries: {
								folderPath: "/invoices/@{formatDateTime(utcNow(), 'yyyy/MM/dd')}",
								name: "@triggerBody()?['Name']",
								queryParametersSingleEncoded: true,
							},
							headers: {ReadFileMetadataFromServer: true},
							body: "@body('Get_invoice_content')",
						},
					},
					Register_invoice: {
						type: 'ApiConnection',
						runAfter: {Archive_invoice_to_blob: ['Succeeded']},
						inputs: {
							host: host('sql'),
							method: 'post',
							path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('default'))},@{encodeURIComponent(encodeURIComponent('default'))}/tables/@{encodeURIComponent(encodeURIComponent('[dbo].[InvoiceInbox]'))}/items",
							body: {
								FileName: "@triggerBody()?['Name']",
								BlobPath: "@body('Archive_invoice_to_blob')?['Path']",
								Source: 'sftp',
								SizeBytes: "@triggerBody()?['Size']",
								ReceivedAt: '@{utcNow()}',
							},
						},
					},
					Write_acknowledgement_file: {
						type: 'ApiConnection',
						runAfter: {Register_invoice: ['Succeeded']},
						inputs: {
							host: host('sftpwithssh'),
							method: 'post',
							path: '/datasets/default/files',
							queries: {
								folderPath: '/outbound/acks',
								name: "@{triggerBody()?['Name']}.ack",
								queryParametersSingleEncoded: true,
							},
							headers: {ReadFileMetadataFromServer: true},
							body: "RECEIVED;@{triggerBody()?['Name']};@{utcNow()};@{body('Register_invoice')?['InvoiceInboxId']}",
						},
					},
				},
			},
			Notify_accounts_payable: {
				type: 'ApiConnection',
				runAfter: {Scope_archive_and_register: ['Failed', 'TimedOut']},
				inputs: {
					host: host('smtp'),
					method: 'post',
					path: '/SendEmailV3',
					body: {
						From: 'integration-noreply@contoso.com',
						To: "@parameters('accountsPayableMailbox')",
						Subject: "Invoice @{triggerBody()?['Name']} could not be archived",
						Body: "<p>The invoice file <b>@{triggerBody()?['Name']}</b> arrived on the supplier SFTP server but could not be archived or registered.</p><p>Run: @{workflow()?['run']?['name']}</p>",
						Importance: 'High',
					},
				},
			},
		},
	}),
});
