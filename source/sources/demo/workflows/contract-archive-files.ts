// Every night the partner portal's signed contracts are archived: the portal key comes from Key Vault, each day's
// export lands on the Azure file share the legal team maps and on the on-premises file server, a copy goes to blob
// storage, and the staging marker the portal polls is removed.
import {connection, definition, host, workflow} from '../shared.js';

const BLOB = "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}";
const TODAY = "contracts-@{formatDateTime(utcNow(), 'yyyy-MM-dd')}.zip";
/** The designer's id for /archive/contracts/staging.flag: base64 of the URL-encoded path. */
const STAGING_FLAG = 'JTJGYXJjaGl2ZSUyRmNvbnRyYWN0cyUyRnN0YWdpbmcuZmxhZw==';

export const contractArchiveFiles = workflow({
	name: 'contract-archive-files',
	connections: [
		connection('keyvault', 'keyvault-contoso'),
		connection('azurefile', 'azurefile-legal'),
		connection('filesystem', 'filesystem-legal'),
		connection('azureblob', 'azureblob-stcontosoedi'),
	],
	definition: definition({
		triggers: {
			Every_night: {
				type: 'Recurrence',
				recurrence: {frequency: 'Day', interval: 1, schedule: {hours: ['1']}, timeZone: 'W. Europe Standard Time'},
			},
		},
		actions: {
			Get_portal_key: {
				type: 'ApiConnection',
				runAfter: {},
				inputs: {host: host('keyvault'), method: 'get', path: "/secrets/@{encodeURIComponent('partner-portal-key')}/value"},
				runtimeConfiguration: {secureData: {properties: ['outputs']}},
			},
			Download_signed_contracts: {
				type: 'Http',
				runAfter: {Get_portal_key: ['Succeeded']},
				inputs: {
					method: 'GET',
					uri: "https://portal.contoso-partners.com/api/contracts/export?day=@{formatDateTime(utcNow(), 'yyyy-MM-dd')}",
					headers: {'x-portal-key': "@body('Get_portal_key')?['value']"},
				},
				runtimeConfiguration: {secureData: {properties: ['inputs']}},
			},
			Save_to_legal_share: {
				type: 'ApiConnection',
				runAfter: {Download_signed_contracts: ['Succeeded']},
				inputs: {
					host: host('azurefile'),
					method: 'post',
					path: '/datasets/default/files',
					queries: {folderPath: '/contracts/signed', name: TODAY, queryParametersSingleEncoded: true},
					body: "@body('Download_signed_contracts')",
				},
			},
			Save_to_file_server: {
				type: 'ApiConnection',
				runAfter: {Download_signed_contracts: ['Succeeded']},
				inputs: {
					host: host('filesystem'),
					method: 'post',
					path: '/datasets/default/files',
					queries: {folderPath: '/Legal/Contracts', name: TODAY, queryParametersSingleEncoded: true},
					body: "@body('Download_signed_contracts')",
				},
			},
			Read_back_from_share: {
				type: 'ApiConnection',
				runAfter: {Save_to_legal_share: ['Succeeded']},
				inputs: {
					host: host('azurefile'),
					method: 'get',
					path: '/datasets/default/GetFileContentByPath',
					queries: {path: `/contracts/signed/${TODAY}`, inferContentType: true, queryParametersSingleEncoded: true},
				},
			},
			Archive_to_blob: {
				type: 'ApiConnection',
				runAfter: {Read_back_from_share: ['Succeeded']},
				inputs: {
					host: host('azureblob'),
					method: 'post',
					path: `${BLOB}/files`,
					queries: {folderPath: '/archive/contracts', name: TODAY, queryParametersSingleEncoded: true},
					headers: {ReadFileMetadataFromServer: true},
					body: "@body('Read_back_from_share')",
				},
			},
			Get_staging_marker: {
				type: 'ApiConnection',
				runAfter: {Archive_to_blob: ['Succeeded']},
				inputs: {host: host('azureblob'), method: 'get', path: `${BLOB}/files/@{encodeURIComponent(encodeURIComponent('${STAGING_FLAG}'))}`},
				metadata: {[STAGING_FLAG]: '/archive/contracts/staging.flag'},
			},
			Remove_staging_marker: {
				type: 'ApiConnection',
				runAfter: {Get_staging_marker: ['Succeeded']},
				inputs: {host: host('azureblob'), method: 'delete', path: `${BLOB}/files/@{encodeURIComponent(encodeURIComponent('${STAGING_FLAG}'))}`},
				metadata: {[STAGING_FLAG]: '/archive/contracts/staging.flag'},
			},
		},
	}),
});
