// File-family connectors: FTP, SFTP-SSH, File System (operations.md §8, §9, §13). Managed ids are usually
// base64 of the URL-encoded path; the operation's `metadata` map holds id → path.
import {constant, fromBody, fromPath, fromQuery, joined, p, plainSetting, req, secretSetting, T} from '../build.js';
import type {CatalogEntry, OutputChange} from '../types.js';

const unknownOutput = (what: string): OutputChange => ({change: `${what}; the built-in output was not compared`, certainty: 'U'});
const rawToContent: OutputChange = {
	change: 'managed returns the raw file as the body, built-in returns {fileName, content}',
	certainty: 'S',
	rewrites: [{kind: 'bare', to: ['content']}],
};

// Built-in output shapes come from the Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.Sftp and
// .Ftp (Azure/logicapps-sdk). The managed batch triggers and Create file return BlobMetadata-style items {Id, Name,
// DisplayName, Path, LastModified, Size, MediaType, IsFolder, ETag, FileLocator}. Matching fields by meaning is our
// reading [S]; a managed field with no built-in counterpart (Id above all: it is an encoded id, not a path) keeps
// the step managed. Built-in triggers return an array, so a managed trigger that split its items keeps splitting.
const SPLIT_BODY = "@triggerOutputs()?['body']";
// SFTP whenFilesAreAddedOrModified items: {content, fileMetadata:{name, path, size, lastUpdatedTime, pathRelativeToRootDirectory}}.
const sftpFilesTrigger: OutputChange = {
	change: 'managed returns file metadata per file (Id, Name, Path, Size…), built-in returns {content, fileMetadata:{name, path, size, lastUpdatedTime}} per file',
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['Name'], to: ['fileMetadata', 'name']},
		{kind: 'path', from: ['Path'], to: ['fileMetadata', 'path']},
		{kind: 'path', from: ['Size'], to: ['fileMetadata', 'size']},
		{kind: 'path', from: ['LastModified'], to: ['fileMetadata', 'lastUpdatedTime']},
	],
	otherReferences: 'block',
};
// SFTP uploadFileContent: {filePath, size, filename, pathRelativeToRootDirectory}.
const sftpUploaded: OutputChange = {
	change: 'managed returns file metadata (Id, Name, Path, Size…), built-in returns {filePath, filename, size, pathRelativeToRootDirectory}',
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['Path'], to: ['filePath']},
		{kind: 'path', from: ['Name'], to: ['filename']},
		{kind: 'path', from: ['Size'], to: ['size']},
	],
	otherReferences: 'block',
};
// FTP whenFtpFilesAreAddedOrModified items and createFile output: {name, path, size, lastUpdatedTime, mediaType, isFolder}.
const ftpFileRewrites = [
	{kind: 'path' as const, from: ['Name'], to: ['name']},
	{kind: 'path' as const, from: ['Path'], to: ['path']},
	{kind: 'path' as const, from: ['Size'], to: ['size']},
	{kind: 'path' as const, from: ['LastModified'], to: ['lastUpdatedTime']},
	{kind: 'path' as const, from: ['MediaType'], to: ['mediaType']},
	{kind: 'path' as const, from: ['IsFolder'], to: ['isFolder']},
];
const ftpFileMetadata = (what: string): OutputChange => ({
	change: `managed returns ${what} (Id, Name, Path, Size…), built-in returns {name, path, size, lastUpdatedTime, mediaType, isFolder}`,
	certainty: 'S',
	rewrites: ftpFileRewrites,
	otherReferences: 'block',
});

export const sftpwithssh: CatalogEntry = {
	api: 'sftpwithssh',
	aliases: ['sftp'],
	displayName: 'SFTP-SSH',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/Sftp',
	reachesPrivateNetwork: true,
	connection: {
		parameters: [
			plainSetting('sshHostAddress', 'Host name or IP address of the SFTP server'),
			plainSetting('username', 'User name on the SFTP server'),
			{...secretSetting('password', 'Password (leave empty when a private key is used)'), optional: true},
			plainSetting('portNumber', 'Port of the SFTP server (usually 22)'),
			{...secretSetting('sshPrivateKey', 'SSH private key (leave empty when a password is used)'), optional: true},
		],
		certainty: 'S',
	},
	operations: [
		{
			id: 'sftpwithssh.uploadFileContent',
			label: 'Create file',
			kind: 'action',
			method: 'post',
			paths: ['/datasets/default/files'],
			operationId: 'uploadFileContent',
			certainty: 'S',
			params: [
				req('filePath', joined('/', fromQuery('folderPath'), fromQuery('name'))),
				req('content', fromBody()),
				p('overWriteFileIfExists', constant(true)),
			],
			output: sftpUploaded,
			note: 'the built-in SFTP connector has no createFile: uploadFileContent with overwrite is used',
		},
		{
			id: 'sftpwithssh.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [req('filePath', fromPath('id', T.fileId)), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: rawToContent,
		},
		{
			id: 'sftpwithssh.getFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFileContent',
			certainty: 'C',
			params: [req('filePath', fromQuery('path')), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: rawToContent,
		},
		{
			id: 'sftpwithssh.listFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/folders/{id}', '/datasets/default/folders'],
			operationId: 'listFolder',
			certainty: 'C',
			params: [p('folderPath', fromPath('id', T.fileId), {required: true, default: '/'})],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		{
			id: 'sftpwithssh.whenFileIsAddedOrModified',
			label: 'When a file is added or modified',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/onupdatedfile'],
			operationId: 'whenFileIsAddedOrModified',
			certainty: 'S',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('includeFileContent', fromQuery('includeFileContent', T.bool))],
			output: unknownOutput('managed returns the file content with file name headers'),
		},
		{
			id: 'sftpwithssh.whenFilesAreAddedOrModified',
			label: 'When files are added or modified (properties only)',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/batch/onupdatedfile'],
			operationId: 'whenFilesAreAddedOrModified',
			certainty: 'C',
			params: [
				req('folderPath', fromQuery('folderId', T.fileId)),
				p('maxFileCount', fromQuery('maxFileCount')),
				p('includeFileContent', constant(false)),
			],
			output: sftpFilesTrigger,
			trigger: {splitOn: SPLIT_BODY, onlyWhenSplit: true},
		},
	],
};

export const ftp: CatalogEntry = {
	api: 'ftp',
	aliases: [],
	displayName: 'FTP',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/Ftp',
	reachesPrivateNetwork: true,
	connection: {
		parameters: [
			plainSetting('serverAddress', 'Host name or IP address of the FTP server'),
			plainSetting('username', 'User name on the FTP server'),
			secretSetting('password', 'Password on the FTP server'),
			plainSetting('portNumber', 'Port of the FTP server (usually 21)'),
			plainSetting('enableSsl', 'true to use FTPS'),
		],
		certainty: 'S',
	},
	notes: ['Built-in FTP actions handle up to 200 MB and do not chunk; managed ones chunk.'],
	operations: [
		{
			id: 'ftp.createFile',
			label: 'Create file',
			kind: 'action',
			method: 'post',
			paths: ['/datasets/default/files'],
			operationId: 'createFile',
			certainty: 'C',
			params: [req('filePath', joined('/', fromQuery('folderPath'), fromQuery('name'))), req('fileContent', fromBody())],
			output: ftpFileMetadata('file metadata'),
		},
		{
			id: 'ftp.getFtpFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFtpFileContent',
			certainty: 'S',
			params: [req('filePath', fromPath('id', T.fileId))],
			output: unknownOutput('managed returns the raw file'),
		},
		{
			id: 'ftp.getFtpFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFtpFileContent',
			certainty: 'C',
			params: [req('filePath', fromQuery('path'))],
			output: unknownOutput('managed returns the raw file'),
		},
		{
			id: 'ftp.listFilesInFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/folders/{id}', '/datasets/default/folders'],
			operationId: 'listFilesInFolder',
			certainty: 'S',
			params: [p('folderPath', fromPath('id', T.fileId), {required: true, default: '/'})],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		{
			id: 'ftp.whenFtpFilesAreAddedOrModified',
			label: 'When a file is added or modified',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/onupdatedfile'],
			operationId: 'whenFtpFilesAreAddedOrModified',
			certainty: 'C',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount'))],
			output: {
				change:
					'managed returns the file content as the body with an x-ms-file-name header; built-in returns file metadata only (add a Get file content step)',
				certainty: 'S',
				otherReferences: 'block',
			},
		},
		{
			id: 'ftp.whenFtpFilesAreAddedOrModified.batch',
			label: 'When files are added or modified (properties only)',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/batch/onupdatedfile'],
			operationId: 'whenFtpFilesAreAddedOrModified',
			certainty: 'S',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount'))],
			output: ftpFileMetadata('file metadata per file'),
			trigger: {splitOn: SPLIT_BODY, onlyWhenSplit: true},
		},
	],
};

export const filesystem: CatalogEntry = {
	api: 'filesystem',
	aliases: [],
	displayName: 'File System',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/FileSystem',
	reachesPrivateNetwork: true,
	// Learn, "Connect to on-premises file systems" (16 - Managed Connectors/Standard Managed/file-system.md) [C].
	hosting: {
		only: 'ase',
		reason:
			'the built-in File System connector runs only on App Service Environment v3 (Windows plans) [C], and this app is hosted on a Workflow Standard plan: the managed connector reaches the share through an on-premises data gateway',
	},
	connection: {
		parameters: [
			plainSetting('rootFolder', 'Root folder of the file share, a fully qualified UNC path (\\\\server.domain\\share)'),
			plainSetting('username', 'Windows user for the share, as DOMAIN\\user'),
			secretSetting('password', 'Password of that user'),
			plainSetting('mountPath', 'Directory where the share is mounted (optional)', true),
		],
		// Learn's built-in reference lists Root folder, Username, Password (required) and Mount path; Microsoft's
		// reference connections.json spells mountPath [C]. The other keys follow that spelling [S].
		certainty: 'S',
		note: 'rootFolder, username and password are spelled as mountPath is in Microsoft\'s reference connections.json',
	},
	notes: [
		'Every built-in File System path is relative to the connection\'s root folder.',
		'The built-in File System connector runs only when the app is hosted on App Service Environment v3 (the hosting finding): on a Workflow Standard plan these steps stay on the managed connector, which needs an on-premises data gateway [C].',
	],
	operations: [
		{
			id: 'filesystem.createFile',
			label: 'Create file',
			kind: 'action',
			method: 'post',
			paths: ['/datasets/default/files'],
			operationId: 'createFile',
			certainty: 'S',
			params: [req('filePath', joined('\\', fromQuery('folderPath'), fromQuery('name'))), req('body', fromBody())],
			output: unknownOutput('managed returns file metadata'),
		},
		{
			id: 'filesystem.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [req('filePath', fromPath('id', T.fileId)), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: unknownOutput('managed returns the raw file'),
		},
		{
			id: 'filesystem.getFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFileContent',
			certainty: 'C',
			params: [req('filePath', fromQuery('path')), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: unknownOutput('managed returns the raw file'),
		},
		{
			id: 'filesystem.listFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/folders/{id}', '/datasets/default/folders'],
			operationId: 'listFolder',
			certainty: 'C',
			params: [p('folderPath', fromPath('id', T.fileId), {required: true, default: '/'})],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		{
			id: 'filesystem.whenFilesAreAdded',
			label: 'When a file is created (properties only)',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/batch/onnewfile'],
			operationId: 'whenFilesAreAdded',
			certainty: 'C',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount'))],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		{
			id: 'filesystem.whenFilesAreAddedOrModified',
			label: 'When a file is added or modified (properties only)',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/batch/onupdatedfile'],
			operationId: 'whenFilesAreAddedOrModified',
			certainty: 'C',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount'))],
			output: unknownOutput('managed returns a list of file metadata'),
		},
	],
};
