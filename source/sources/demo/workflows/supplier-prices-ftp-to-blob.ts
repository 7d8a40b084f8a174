// Suppliers publish price lists on their FTP server; CSV files are copied to blob storage where the
// pricing team's import job picks them up. Same shape as the classic "FTP to blob" quickstart.
import {connection, definition, host, workflow} from '../shared.js';

/** base64('/outgoing/pricelists'), as the FTP trigger stores its folder. */
const PRICE_FOLDER_ID = 'L291dGdvaW5nL3ByaWNlbGlzdHM=';

export const supplierPricesFtpToBlob = workflow({
	name: 'supplier-prices-ftp-to-blob',
	connections: [connection('ftp', 'ftp-supplier-prices'), connection('azureblob', 'azureblob-stcontosoedi')],
	definition: definition({
		triggers: {
			When_a_file_is_added_or_modified: {
				type: 'ApiConnection',
				recurrence: {frequency: 'Minute', interval: 15},
				metadata: {[PRICE_FOLDER_ID]: '/outgoing/pricelists'},
				inputs: {
					host: host('ftp'),
					method: 'get',
					path: '/datasets/default/triggers/onupdatedfile',
					queries: {folderId: PRICE_FOLDER_ID},
				},
			},
		},
		actions: {
			Is_CSV_price_list: {
				type: 'If',
				runAfter: {},
				expression: {
					and: [{endsWith: ["@toLower(triggerOutputs()['headers']['x-ms-file-name'])", '.csv']}],
				},
				actions: {
					Create_blob: {
						type: 'ApiConnection',
						runAfter: {},
						inputs: {
							host: host('azureblob'),
							method: 'post',
							path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/files",
							queries: {
								folderPath: '/supplier-prices/incoming',
								name: "@{triggerOutputs()['headers']['x-ms-file-name']}",
								queryParametersSingleEncoded: true,
							},
							headers: {ReadFileMetadataFromServer: true},
							body: '@triggerBody()',
						},
					},
				},
				else: {actions: {}},
			},
		},
	}),
});
