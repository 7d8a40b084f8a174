// Partners drop price catalogs on the SFTP server. Each new file is forwarded to the web shop's FTP server, its
// price rows are staged in table storage (replacing yesterday's marker entity), and a queue message tells the shop
// importer to pick it up; the importer's acknowledgements are drained from their queue afterwards.
import {connection, definition, host, workflow} from '../shared.js';

const TABLES = "/v2/storageAccounts/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/tables";
const QUEUES = "/v2/storageAccounts/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/queues";
const FILE_NAME = "@{triggerOutputs()['headers']['x-ms-file-name']}";
const MARKER = "(PartitionKey='@{encodeURIComponent('catalog')}',RowKey='@{encodeURIComponent('latest')}')";

export const partnerCatalogSftp = workflow({
	name: 'partner-catalog-sftp',
	connections: [
		connection('sftp', 'sftp-invoices'),
		connection('ftp', 'ftp-webshop'),
		connection('azuretables', 'azuretables-stcontosoops'),
		connection('azurequeues', 'azurequeues-stcontosoops'),
	],
	definition: definition({
		triggers: {
			When_a_file_is_added_or_modified: {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 10},
				inputs: {
					host: host('sftp'),
					method: 'get',
					path: '/datasets/default/triggers/onupdatedfile',
					queries: {folderId: 'L3BhcnRuZXJzL2NhdGFsb2c=', includeFileContent: true, inferContentType: true, queryParametersSingleEncoded: true},
				},
				metadata: {'L3BhcnRuZXJzL2NhdGFsb2c=': '/partners/catalog'},
			},
		},
		actions: {
			Upload_to_webshop: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {
					host: host('ftp'),
					method: 'post',
					path: '/datasets/default/files',
					queries: {folderPath: '/import/catalogs', name: FILE_NAME, queryParametersSingleEncoded: true},
					body: '@triggerBody()',
				},
			},
			Get_previous_marker: {
				type: 'ApiConnection',
				runAfter: {Upload_to_webshop: ['Succeeded']},
				inputs: {
					host: host('azuretables'),
					method: 'get',
					path: `${TABLES}/@{encodeURIComponent('catalogs')}/entities${MARKER}`,
					queries: {$select: 'FileName,ReceivedAt'},
				},
			},
			Remove_previous_marker: {
				type: 'ApiConnection',
				runAfter: {Get_previous_marker: ['Succeeded']},
				inputs: {
					host: host('azuretables'),
					method: 'delete',
					path: `${TABLES}/@{encodeURIComponent('catalogs')}/entities${MARKER}`,
					headers: {'If-Match': "@body('Get_previous_marker')?['odata.etag']"},
				},
			},
			Record_catalog: {
				type: 'ApiConnection',
				runAfter: {Remove_previous_marker: ['Succeeded', 'Failed']},
				inputs: {
					host: host('azuretables'),
					method: 'post',
					path: "/Tables/@{encodeURIComponent('catalogs')}/entities",
					body: {PartitionKey: 'catalog', RowKey: 'latest', FileName: FILE_NAME, ReceivedAt: '@{utcNow()}', Previous: "@body('Get_previous_marker')?['FileName']"},
				},
			},
			Notify_importer: {
				type: 'ApiConnection',
				runAfter: {Record_catalog: ['Succeeded']},
				inputs: {
					host: host('azurequeues'),
					method: 'post',
					path: `${QUEUES}/@{encodeURIComponent('catalog-imports')}/messages`,
					body: `{"file": "${FILE_NAME}"}`,
				},
			},
			Get_import_acknowledgements: {
				type: 'ApiConnection',
				runAfter: {Notify_importer: ['Succeeded']},
				inputs: {
					host: host('azurequeues'),
					method: 'get',
					path: `${QUEUES}/@{encodeURIComponent('catalog-acks')}/messages`,
					queries: {numofmessages: '10', visibilitytimeout: '300'},
				},
			},
			For_each_acknowledgement: {
				type: 'Foreach',
				runAfter: {Get_import_acknowledgements: ['Succeeded']},
				foreach: "@body('Get_import_acknowledgements')?['QueueMessagesList']?['QueueMessage']",
				actions: {
					Remove_acknowledgement: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('azurequeues'),
							method: 'delete',
							path: `${QUEUES}/@{encodeURIComponent('catalog-acks')}/messages/@{encodeURIComponent(items('For_each_acknowledgement')?['MessageId'])}`,
							queries: {popreceipt: "@items('For_each_acknowledgement')?['PopReceipt']"},
						},
					},
				},
			},
		},
	}),
});
