// File-family connectors: FTP, SFTP-SSH, File System (operations.md §8, §9, §13). Managed ids are usually base64 of
// the URL-encoded path; the operation's `metadata` map holds id → path. An id read from an earlier step's item
// (`triggerBody()?['Id']`) becomes that item's full Path, which is what the built-in steps take. Real shapes from
// Microsoft's reference workflows (SFTP/*, Ftp/*, FileSystem/*): polling triggers written with kind Polling, numeric
// maxFileCount, boolean overWriteFileIfExists; connections as connections/{SFTP,Ftp,FileSystem}/connections.json.
import {constant, fieldsRenamed, fromBody, fromPath, fromQuery, joined, p, plainSetting, req, secretSetting, T} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange} from '../types.js';

const unknownOutput = (what: string): OutputChange => ({change: `${what}; the built-in output was not compared`, certainty: 'U'});

// Built-in output shapes come from the Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.Sftp and
// .Ftp (Azure/logicapps-sdk) and the Learn references. The managed batch triggers and Create file return BlobMetadata-
// style items {Id, Name, DisplayName, Path, LastModified, Size, MediaType, IsFolder, ETag, FileLocator}. Matching fields
// by meaning is our reading [S]; a managed field with no built-in counterpart (Id above all: it is an encoded id, not
// a path) keeps the step managed. Built-in triggers return an array, so a managed trigger that split its items keeps
// splitting.
const SPLIT_BODY = "@triggerOutputs()?['body']";

/** Managed raw file body → built-in {…, content}. */
const contentIn = (field: string, what: string): OutputChange => ({
	change: `managed returns the raw file as the body, built-in returns ${what}`,
	certainty: 'S',
	rewrites: [
		{kind: 'toBase64', from: '$content', to: [field]},
		{kind: 'bare', to: [field]},
	],
});
// Reference workflows hand a built-in get-content body straight to an upload (Ftp/ReplicateLargeContentWorkflow,
// FileSystem/createFile-fromGetContent): the body is the file, as with the managed step.
const sameContent: OutputChange = {change: 'both return the file content as the body', certainty: 'S', rewrites: [{kind: 'keep'}]};

// SFTP whenFilesAreAddedOrModified items: {content, fileMetadata:{name, path, size, lastUpdatedTime, pathRelativeToRootDirectory}}.
const sftpFilesTrigger = fieldsRenamed(
	'managed returns file metadata per file (Id, Name, Path, Size…), built-in returns {content, fileMetadata:{name, path, size, lastUpdatedTime}} per file',
	{Name: 'fileMetadata.name', Path: 'fileMetadata.path', Size: 'fileMetadata.size', LastModified: 'fileMetadata.lastUpdatedTime'},
);
// SFTP uploadFileContent: {filePath, size, filename, pathRelativeToRootDirectory}.
const sftpUploaded = fieldsRenamed(
	'managed returns file metadata (Id, Name, Path, Size…), built-in returns {filePath, filename, size, pathRelativeToRootDirectory}',
	{Path: 'filePath', Name: 'filename', Size: 'size'},
);
// FTP whenFtpFilesAreAddedOrModified items and createFile output: {name, path, size, lastUpdatedTime, mediaType, isFolder}.
const ftpFileMetadata = (what: string): OutputChange =>
	fieldsRenamed(`managed returns ${what} (Id, Name, Path, Size…), built-in returns {name, path, size, lastUpdatedTime, mediaType, isFolder}`, {
		Name: 'name',
		Path: 'path',
		Size: 'size',
		LastModified: 'lastUpdatedTime',
		MediaType: 'mediaType',
		IsFolder: 'isFolder',
	});

const byPath = (key: string) => req(key, fromQuery('path'));
const byId = (key: string) => req(key, fromPath('id', T.filePath));
const folderOf = (key: string) => p(key, fromPath('id', T.fileId), {required: true, default: '/'});
const FOLDERS = ['/datasets/default/folders/{id}', '/datasets/default/folders'];

export const sftpwithssh: CatalogEntry = {
	api: 'sftpwithssh',
	aliases: ['sftp'],
	displayName: 'SFTP-SSH',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/Sftp',
	reachesPrivateNetwork: true,
	// Keys as Microsoft's reference connections.json spells them (connections/SFTP).
	connection: {
		parameters: [
			plainSetting('sshHostAddress', 'Host name or IP address of the SFTP server'),
			plainSetting('username', 'User name on the SFTP server'),
			{...secretSetting('password', 'Password (leave empty when a private key is used)'), optional: true},
			{...secretSetting('sshPrivateKey', 'SSH private key (leave empty when a password is used)'), optional: true},
			{...secretSetting('sshPrivateKeyPassphrase', 'Passphrase of the private key (leave empty when none)'), optional: true},
			plainSetting('portNumber', 'Port of the SFTP server (usually 22)'),
			plainSetting('rootDirectory', 'Root directory the paths are relative to (leave empty for the login directory)', true),
			plainSetting('sshHostKeyFingerprint', 'SSH host key fingerprint to validate (the ISE connection\'s value)', true),
		],
		certainty: 'C',
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
			params: [req('filePath', joined('/', fromQuery('folderPath'), fromQuery('name'))), req('content', fromBody()), p('overWriteFileIfExists', constant(true))],
			output: sftpUploaded,
			note: 'the built-in SFTP connector has no createFile: uploadFileContent with overwrite is used',
		},
		{
			id: 'sftpwithssh.updateFile',
			label: 'Update file',
			kind: 'action',
			method: 'put',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'uploadFileContent',
			certainty: 'S',
			params: [byId('filePath'), req('content', fromBody()), p('overWriteFileIfExists', constant(true))],
			output: sftpUploaded,
		},
		{
			id: 'sftpwithssh.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [byId('filePath'), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: contentIn('content', '{fileName, content}'),
		},
		{
			id: 'sftpwithssh.getFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFileContent',
			certainty: 'C',
			params: [byPath('filePath'), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: contentIn('content', '{fileName, content}'),
		},
		{
			id: 'sftpwithssh.deleteFile',
			label: 'Delete file',
			kind: 'action',
			method: 'delete',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'deleteFile',
			certainty: 'S',
			params: [byId('filePath')],
		},
		{
			id: 'sftpwithssh.listFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: FOLDERS,
			operationId: 'listFolder',
			certainty: 'C',
			params: [folderOf('folderPath')],
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
			// Learn: returns {content, fileMetadata}. The managed trigger returned the content as the body and the file
			// name in the x-ms-file-name header.
			output: {
				change: 'managed returns the file content as the body with the name in the x-ms-file-name header, built-in returns {content, fileMetadata}',
				certainty: 'S',
				rewrites: [
					{kind: 'header', name: 'x-ms-file-name', to: ['fileMetadata', 'name']},
					{kind: 'toBase64', from: '$content', to: ['content']},
					{kind: 'bare', to: ['content']},
				],
			},
			trigger: {polling: true},
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
				p('maxFileCount', fromQuery('maxFileCount', T.number)),
				p('includeFileContent', constant(false)),
			],
			output: sftpFilesTrigger,
			trigger: {polling: true, splitOn: SPLIT_BODY, onlyWhenSplit: true},
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
	// As Microsoft's reference connections.json spells it (connections/Ftp).
	connection: {
		parameters: [
			plainSetting('serverAddress', 'Host name or IP address of the FTP server'),
			plainSetting('username', 'User name on the FTP server'),
			secretSetting('password', 'Password on the FTP server'),
		],
		certainty: 'C',
	},
	notes: [
		'Built-in FTP actions handle up to 200 MB and do not chunk; managed ones chunk.',
		'A port other than 21, TLS or binary transport is set on the built-in connection in the designer: Learn names these settings but not their connections.json keys.',
	],
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
			id: 'ftp.updateFile',
			label: 'Update file',
			kind: 'action',
			method: 'put',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'updateFile',
			certainty: 'S',
			params: [byId('filePath'), req('fileContent', fromBody())],
			output: ftpFileMetadata('file metadata'),
		},
		{
			id: 'ftp.getFtpFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFtpFileContentV2',
			certainty: 'S',
			params: [byId('filePath')],
			output: sameContent,
		},
		{
			id: 'ftp.getFtpFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFtpFileContentV2',
			certainty: 'C',
			params: [byPath('filePath')],
			output: sameContent,
		},
		{
			id: 'ftp.deleteFtpFile',
			label: 'Delete file',
			kind: 'action',
			method: 'delete',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'deleteFtpFile',
			certainty: 'S',
			params: [byId('filePath')],
		},
		{
			id: 'ftp.listFilesInFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: FOLDERS,
			operationId: 'listFilesInFolder',
			certainty: 'S',
			params: [folderOf('folderPath')],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		{
			id: 'ftp.whenFtpFilesAreAddedOrModified',
			label: 'When a file is added or modified',
			kind: 'trigger',
			method: 'get',
			paths: ['/datasets/default/triggers/onupdatedfile'],
			operationId: 'whenFtpFilesAreAddedOrModified',
			certainty: 'S',
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount', T.number))],
			// The built-in trigger returns file metadata only (Learn, HOWTO ftp): one run per file, and a built-in
			// "get file content" step reads the file the managed trigger returned as its body.
			output: {
				change:
					'managed returns the file content as the body with the name in the x-ms-file-name header; built-in returns file metadata, so a new first step reads the content',
				certainty: 'S',
				rewrites: [
					{kind: 'header', name: 'x-ms-file-name', to: ['name']},
					{kind: 'reroot', to: "body('{step}')"},
				],
			},
			trigger: {
				polling: true,
				splitOn: SPLIT_BODY,
				contentStep: {name: 'Get_file_content', operationId: 'getFtpFileContentV2', parameters: {filePath: "@triggerBody()?['path']"}},
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
			params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount', T.number))],
			output: ftpFileMetadata('file metadata per file'),
			trigger: {polling: true, splitOn: SPLIT_BODY, onlyWhenSplit: true},
		},
	],
};

const fsCreated = fieldsRenamed('managed returns file metadata (Id, Name, Path, Size…), built-in returns {name, path, size}', {Name: 'name', Path: 'path', Size: 'size'});

function fsTrigger(id: string, label: string, path: string, operationId: string): OperationMapping {
	return {
		id,
		label,
		kind: 'trigger',
		method: 'get',
		paths: [path],
		operationId,
		certainty: 'C',
		params: [req('folderPath', fromQuery('folderId', T.fileId)), p('maxFileCount', fromQuery('maxFileCount', T.number))],
		output: unknownOutput('managed returns a list of file metadata'),
		trigger: {polling: true},
	};
}

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
		requires: 'ase',
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
			params: [req('filePath', joined('/', fromQuery('folderPath'), fromQuery('name'))), p('body', fromBody())],
			output: fsCreated,
		},
		{
			id: 'filesystem.updateFile',
			label: 'Update file',
			kind: 'action',
			method: 'put',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'updateFile',
			certainty: 'S',
			params: [byId('filePath'), req('body', fromBody())],
			output: fsCreated,
		},
		{
			id: 'filesystem.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [byId('filePath'), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: sameContent,
		},
		{
			id: 'filesystem.getFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFileContent',
			certainty: 'C',
			params: [byPath('filePath'), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: sameContent,
		},
		{
			id: 'filesystem.deleteFile',
			label: 'Delete file',
			kind: 'action',
			method: 'delete',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'deleteFile',
			certainty: 'S',
			params: [byId('filePath')],
		},
		{
			id: 'filesystem.listFolder',
			label: 'List files in folder',
			kind: 'action',
			method: 'get',
			paths: FOLDERS,
			operationId: 'listFolder',
			certainty: 'C',
			params: [folderOf('folderPath')],
			output: unknownOutput('managed returns a list of file metadata'),
		},
		fsTrigger('filesystem.whenFilesAreAdded', 'When a file is created (properties only)', '/datasets/default/triggers/batch/onnewfile', 'whenFilesAreAdded'),
		fsTrigger('filesystem.whenFilesAreAddedOrModified', 'When a file is added or modified (properties only)', '/datasets/default/triggers/batch/onupdatedfile', 'whenFilesAreAddedOrModified'),
	],
};
