// Azure Storage: Blob, File, Queues, Tables (operations.md §3–§6).
import {connectionString, constant, fromBody, fromHeader, fromPath, fromQuery, joined, p, req, T} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, ValueSource} from '../types.js';

const accountScope = {vars: ['account'], defaults: ['AccountNameFromSettings']};

// ---------- Blob ----------
const BLOB_V2 = '/v2/datasets/{account}';
const blobContent: OutputChange = {
	change: 'managed returns the raw blob as the body, built-in returns {content, properties, metadata}',
	certainty: 'S',
	rewrites: [{kind: 'bare', to: ['content']}],
};
// Built-in output shapes below come from the Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.AzureBlob
// (Azure/logicapps-sdk): uploadBlob → {properties:{creationTime, blobType, blobFullPathWithContainer, contentDisposition,
// contentMD5, contentType, contentLanguage, eTag}, metadata}; listBlobs → {blobs:[{name, blobFullPathWithContainer,
// contentType, eTag, …}], pageMarker}. The managed side returns BlobMetadata {Id, Name, DisplayName, Path, LastModified,
// Size, MediaType, IsFolder, ETag, FileLocator} (Microsoft-generated managed-connector models). Which field matches which
// is our reading [S]; fields with no counterpart (Id, Size, LastModified…) keep the step managed.
const blobCreated: OutputChange = {
	change:
		"managed returns blob metadata (Id, Name, Path…), built-in returns {properties:{blobFullPathWithContainer, eTag, contentType…}, metadata}; check that consumers accept the built-in path format (the managed Path starts with '/')",
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['Path'], to: ['properties', 'blobFullPathWithContainer']},
		{kind: 'path', from: ['ETag'], to: ['properties', 'eTag']},
		{kind: 'path', from: ['MediaType'], to: ['properties', 'contentType']},
	],
	otherReferences: 'block',
};
const blobListed: OutputChange = {
	change: "managed returns {value:[blob metadata]}, built-in returns {blobs:[{name, blobFullPathWithContainer, contentType, eTag…}], pageMarker}; each blob's managed Id has no built-in counterpart",
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['value'], to: ['blobs']},
		{
			kind: 'items',
			from: ['value'],
			rename: {Name: ['name'], Path: ['blobFullPathWithContainer'], ETag: ['eTag'], MediaType: ['contentType']},
		},
	],
	otherReferences: 'block',
};
const containerFromFolder = (q: string): ValueSource => fromQuery(q, T.first);
const blobFromFolder = (folder: string, name: string): ValueSource => joined('/', fromQuery(folder, T.rest), fromQuery(name));

function blobCreate(id: string, label: string, path: string, scoped: boolean, certainty: 'C' | 'S'): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method: 'post',
		paths: [path],
		operationId: 'uploadBlob',
		certainty,
		params: [
			req('containerName', containerFromFolder('folderPath')),
			req('blobName', blobFromFolder('folderPath', 'name')),
			req('content', fromBody()),
			p('overrideIfExists', constant('true')),
		],
		...(scoped ? {connectionScope: accountScope} : {}),
		output: blobCreated,
		note: 'the managed Create blob overwrites an existing blob, so overrideIfExists is set to true',
	};
}

function blobById(id: string, label: string, method: string, path: string, operationId: string, scoped: boolean, output?: OutputChange): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method,
		paths: [path],
		operationId,
		certainty: 'S',
		params: [
			req('containerName', fromPath('id', T.fileId, T.first)),
			req('blobName', fromPath('id', T.fileId, T.rest)),
			...(operationId === 'readBlob' ? [p('inferContentType', fromQuery('inferContentType', T.bool))] : []),
		],
		...(scoped ? {connectionScope: accountScope} : {}),
		...(output ? {output} : {}),
	};
}

export const azureblob: CatalogEntry = {
	api: 'azureblob',
	aliases: ['azureblobstorage'],
	displayName: 'Azure Blob Storage',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/AzureBlob',
	connection: {parameters: [connectionString('storage account')], certainty: 'C'},
	notes: [
		'The built-in blob trigger fires once per blob, also in nested folders, and processes existing blobs on first start; the managed one watched the root folder only.',
	],
	operations: [
		blobCreate('azureblob.uploadBlob.v2', 'Create blob (V2)', `${BLOB_V2}/files`, true, 'S'),
		blobCreate('azureblob.uploadBlob.v1', 'Create blob', '/datasets/default/files', false, 'S'),
		blobById('azureblob.readBlob.v2', 'Get blob content (V2)', 'get', `${BLOB_V2}/files/{id}/content`, 'readBlob', true, blobContent),
		blobById('azureblob.readBlob.v1', 'Get blob content', 'get', '/datasets/default/files/{id}/content', 'readBlob', false, blobContent),
		{
			id: 'azureblob.readBlobByPath.v2',
			label: 'Get blob content using path (V2)',
			kind: 'action',
			method: 'get',
			paths: [`${BLOB_V2}/GetFileContentByPath`, '/datasets/default/GetFileContentByPath'],
			operationId: 'readBlob',
			certainty: 'C',
			params: [
				req('containerName', fromQuery('path', T.first)),
				req('blobName', fromQuery('path', T.rest)),
				p('inferContentType', fromQuery('inferContentType', T.bool)),
			],
			connectionScope: accountScope,
			output: blobContent,
		},
		blobById('azureblob.deleteBlob.v2', 'Delete blob (V2)', 'delete', `${BLOB_V2}/files/{id}`, 'deleteBlob', true),
		blobById('azureblob.deleteBlob.v1', 'Delete blob', 'delete', '/datasets/default/files/{id}', 'deleteBlob', false),
		{
			id: 'azureblob.listBlobs',
			label: 'List blobs (V2)',
			kind: 'action',
			method: 'get',
			paths: [`${BLOB_V2}/foldersV2/{folderId}`, '/datasets/default/foldersV2/{folderId}'],
			operationId: 'listBlobs',
			certainty: 'S',
			params: [
				req('containerName', fromPath('folderId', T.fileId, T.first)),
				p('blobNamePrefix', fromPath('folderId', T.fileId, T.rest)),
				p('pageMarker', fromQuery('nextPageMarker')),
			],
			connectionScope: accountScope,
			output: blobListed,
		},
		{
			id: 'azureblob.whenABlobIsAddedOrModified',
			label: 'When a blob is added or modified (properties only)',
			kind: 'trigger',
			method: 'get',
			paths: [`${BLOB_V2}/triggers/batch/onupdatedfile`, '/datasets/default/triggers/batch/onupdatedfile'],
			operationId: 'whenABlobIsAddedOrModified',
			certainty: 'S',
			params: [req('path', fromQuery('folderId', T.fileId, T.blobTrigger))],
			connectionScope: accountScope,
			output: {change: 'managed returns blob metadata (Id, Name, Path…) per blob; the built-in trigger output fields differ', certainty: 'U'},
			trigger: {push: true, splitOn: 'drop'},
		},
	],
};

// ---------- File ----------
export const azurefile: CatalogEntry = {
	api: 'azurefile',
	aliases: ['azurefilestorage'],
	displayName: 'Azure File Storage',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/AzureFile',
	connection: {parameters: [connectionString('storage account')], certainty: 'S'},
	operations: [
		{
			id: 'azurefile.createFile',
			label: 'Create file',
			kind: 'action',
			method: 'post',
			paths: ['/datasets/default/files'],
			operationId: 'createFile',
			certainty: 'C',
			params: [req('folderPath', fromQuery('folderPath')), req('fileName', fromQuery('name')), req('fileContent', fromBody()), p('overwrite', constant(true))],
			output: {change: 'managed returns file metadata; the built-in output was not compared', certainty: 'U'},
		},
		{
			id: 'azurefile.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [req('fileId', fromPath('id', T.fileId)), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: {change: 'managed returns the raw file; the built-in output was not compared', certainty: 'U'},
			note: 'managed file ids and built-in file ids may differ',
		},
		{
			id: 'azurefile.getFileContentByPath',
			label: 'Get file content using path',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/GetFileContentByPath'],
			operationId: 'getFileContentByPath',
			certainty: 'C',
			params: [req('fileId', fromQuery('path')), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: {change: 'managed returns the raw file; the built-in output was not compared', certainty: 'U'},
		},
		{
			id: 'azurefile.listFolder',
			label: 'List files',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/foldersV2/{id}'],
			operationId: 'listFolder',
			certainty: 'S',
			params: [req('folderId', fromPath('id', T.fileId))],
			output: {change: 'managed returns {value:[file metadata]}; the built-in list output was not compared', certainty: 'U'},
		},
	],
};

// ---------- Queues ----------
const Q_V2 = '/v2/storageAccounts/{account}/queues/{queueName}';
// Built-in getMessages returns an array of {content, messageId, insertedOn, expiresOn, popReceipt, nextVisibleOn}
// (Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.Azurequeues, Azure/logicapps-sdk,
// GetMessagesOutputItem). Managed returns {QueueMessagesList:{QueueMessage:[{MessageId, PopReceipt, MessageText…}]}}
// (managed azurequeues definitions). MessageText ↔ content is our reading [S]; other managed fields keep it managed.
const queueMessagesOutput: OutputChange = {
	change: 'managed returns {QueueMessagesList:{QueueMessage:[{MessageId, PopReceipt, MessageText…}]}}, built-in returns an array of {messageId, popReceipt, content…}',
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['QueueMessagesList', 'QueueMessage'], to: []},
		{
			kind: 'items',
			from: ['QueueMessagesList', 'QueueMessage'],
			rename: {MessageId: ['messageId'], PopReceipt: ['popReceipt'], MessageText: ['content']},
		},
	],
	otherReferences: 'block',
};

function queueOp(id: string, label: string, method: string, path: string, operationId: string, certainty: 'C' | 'S', extra: OperationMapping['params'], v2: boolean, output?: OutputChange): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method,
		paths: [path],
		operationId,
		certainty,
		params: [req('queueName', fromPath('queueName')), ...extra],
		...(v2 ? {connectionScope: accountScope} : {}),
		...(output ? {output} : {}),
	};
}

const getParams = [p('messageCount', fromQuery('numofmessages')), p('visibilityTimeout', fromQuery('visibilitytimeout', T.timespan))];
const deleteParams = [req('messageId', fromPath('messageId')), req('popReceipt', fromQuery('popreceipt'))];

export const azurequeues: CatalogEntry = {
	api: 'azurequeues',
	aliases: ['azurequeue'],
	displayName: 'Azure Queues',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/azurequeues',
	connection: {parameters: [connectionString('storage account')], certainty: 'S'},
	notes: ['V1 queue paths and a missing visibility timeout broke Microsoft\'s exporter (LogicAppsUX#2489, logicapps#1287).'],
	operations: [
		queueOp('azurequeues.putMessage.v2', 'Put a message on a queue (V2)', 'post', `${Q_V2}/messages`, 'putMessage', 'C', [req('message', fromBody())], true),
		queueOp('azurequeues.putMessage.v1', 'Put a message on a queue', 'post', '/{queueName}/messages', 'putMessage', 'C', [req('message', fromBody())], false),
		queueOp('azurequeues.getMessages.v2', 'Get messages (V2)', 'get', `${Q_V2}/messages`, 'getMessages', 'S', getParams, true, queueMessagesOutput),
		queueOp('azurequeues.getMessages.v1', 'Get messages', 'get', '/{queueName}/messages', 'getMessages', 'S', getParams, false, queueMessagesOutput),
		queueOp('azurequeues.deleteMessage.v2', 'Delete message (V2)', 'delete', `${Q_V2}/messages/{messageId}`, 'deleteMessage', 'C', deleteParams, true),
		queueOp('azurequeues.deleteMessage.v1', 'Delete message', 'delete', '/{queueName}/messages/{messageId}', 'deleteMessage', 'S', deleteParams, false),
		{
			id: 'azurequeues.receiveQueueMessages',
			label: 'When there are messages in a queue',
			kind: 'trigger',
			method: 'get',
			paths: [],
			anyPath: true,
			operationId: 'receiveQueueMessages',
			certainty: 'U',
			params: [],
			note: 'the managed trigger path was not confirmed, so its queue name cannot be read reliably',
		},
	],
};

// ---------- Tables ----------
const TABLE_V2 = '/v2/storageAccounts/{account}/tables/{table}';
const TABLE_V1 = '/Tables/{table}';
const KEYED = "/entities(PartitionKey='{pk}',RowKey='{rk}')";
const entityWithKeys: ValueSource = {from: {object: {PartitionKey: fromPath('pk'), RowKey: fromPath('rk')}, spreadBody: true}};
const noIfMatch = {name: 'If-Match', in: 'header' as const, oneOf: ['']};
const withIfMatch = {name: 'If-Match', in: 'header' as const, noneOf: ['']};
const entityUnknown: OutputChange = {change: 'the entity output of the two connectors was not compared', certainty: 'U'};

function tableOps(base: string, v: 'v1' | 'v2', certainty: 'C' | 'S'): OperationMapping[] {
	const scope = v === 'v2' ? {connectionScope: accountScope} : {};
	const table = req('tableName', fromPath('table'));
	const keys = [req('partitionKey', fromPath('pk')), req('rowKey', fromPath('rk'))];
	const upsert = (method: string, mode: 'Replace' | 'Merge'): OperationMapping => ({
		id: `azuretables.upsertEntity.${mode.toLowerCase()}.${v}`,
		label: `Insert or ${mode} Entity${v === 'v2' ? ' (V2)' : ''}`,
		kind: 'action',
		method,
		paths: [`${base}${KEYED}`],
		when: [noIfMatch],
		operationId: 'upsertEntity',
		certainty,
		params: [table, req('entity', entityWithKeys), p('updateMode', constant(mode))],
		...scope,
		output: entityUnknown,
	});
	const update = (method: string, mode: 'Replace' | 'Merge'): OperationMapping => ({
		id: `azuretables.updateEntity.${mode.toLowerCase()}.${v}`,
		label: `${mode} Entity${v === 'v2' ? ' (V2)' : ''}`,
		kind: 'action',
		method,
		paths: [`${base}${KEYED}`],
		when: [withIfMatch],
		operationId: 'updateEntity',
		certainty,
		params: [table, req('entity', entityWithKeys), req('ifMatch', fromHeader('If-Match')), p('updateMode', constant(mode))],
		...scope,
		output: entityUnknown,
	});
	return [
		upsert('put', 'Replace'),
		upsert('patch', 'Merge'),
		update('put', 'Replace'),
		update('patch', 'Merge'),
		{
			id: `azuretables.insertEntity.${v}`,
			label: `Insert Entity${v === 'v2' ? ' (V2)' : ''}`,
			kind: 'action',
			method: 'post',
			paths: [`${base}/entities`],
			operationId: 'upsertEntity',
			certainty: 'S',
			params: [table, req('entity', fromBody()), p('failIfEntityExists', constant(true))],
			...scope,
			output: entityUnknown,
		},
		{
			id: `azuretables.getEntity.${v}`,
			label: `Get entity${v === 'v2' ? ' (V2)' : ''}`,
			kind: 'action',
			method: 'get',
			paths: [`${base}${KEYED}`],
			operationId: 'getEntity',
			certainty,
			params: [table, ...keys, p('select', fromQuery('$select'))],
			...scope,
			output: entityUnknown,
		},
		{
			id: `azuretables.queryEntities.${v}`,
			label: `Get entities${v === 'v2' ? ' (V2)' : ''}`,
			kind: 'action',
			method: 'get',
			paths: [`${base}/entities`],
			operationId: 'queryEntities',
			certainty,
			params: [table, p('filter', fromQuery('$filter')), p('select', fromQuery('$select')), p('top', fromQuery('$top'))],
			...scope,
			output: {
				change: 'managed returns {value:[entities]}, built-in returns {entities:[…], continuationToken}',
				certainty: 'S',
				rewrites: [{kind: 'path', from: ['value'], to: ['entities']}],
			},
		},
		{
			id: `azuretables.deleteEntity.${v}`,
			label: `Delete Entity${v === 'v2' ? ' (V2)' : ''}`,
			kind: 'action',
			method: 'delete',
			paths: [`${base}${KEYED}`],
			operationId: 'deleteEntity',
			certainty,
			params: [table, ...keys, p('ifMatch', fromHeader('If-Match'))],
			...scope,
		},
	];
}

export const azuretables: CatalogEntry = {
	api: 'azuretables',
	aliases: ['azuretablestorage'],
	displayName: 'Azure Table Storage',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/azureTables',
	connection: {parameters: [connectionString('storage account')], certainty: 'S'},
	notes: ['"Get entities" inside a For each failed to export with Microsoft\'s exporter (LogicAppsUX#2489).'],
	operations: [
		...tableOps(TABLE_V2, 'v2', 'C'),
		// V1 insert (`POST /Tables/{t}/entities`) is seen in Microsoft templates; the other V1 rows follow the same shape.
		...tableOps(TABLE_V1, 'v1', 'S'),
	],
};
