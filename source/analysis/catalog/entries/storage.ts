// Azure Storage: Blob, File, Queues, Tables (operations.md §3–§6). Built-in keys from the Learn built-in references
// (04, 09, 12, 14); real shapes from Microsoft's reference workflows (BlobTrigger/*, AzureTables/*, TableStorageTest,
// ServiceProviderTest): Table `select` is an array, `top` a number, readBlob's output is read as `body.content`.
import {connectionString, constant, fieldsRenamed, fromBody, fromHeader, fromPath, fromQuery, joined, p, req, T} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, ValueSource} from '../types.js';

const accountScope = {vars: ['account'], defaults: ['AccountNameFromSettings']};

// ---------- Blob ----------
const BLOB_V2 = '/v2/datasets/{account}';
// Managed "get content" returns the file itself as the body: its text, or {$content-type, $content} for binary.
// Built-in readBlob returns {content, properties, metadata} (Learn; reference workflows read body.content). The
// managed $content (base64 of the bytes) is the base64 of the built-in content whatever its type.
const blobContent: OutputChange = {
	change: 'managed returns the blob itself as the body, built-in returns {content, properties, metadata}',
	certainty: 'S',
	rewrites: [
		{kind: 'toBase64', from: '$content', to: ['content']},
		{kind: 'bare', to: ['content']},
	],
};
// Built-in output shapes below come from the Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.AzureBlob
// (Azure/logicapps-sdk): uploadBlob → {properties:{creationTime, blobType, blobFullPathWithContainer, contentDisposition,
// contentMD5, contentType, contentLanguage, eTag}, metadata}; listBlobs → {blobs:[{name, blobFullPathWithContainer,
// contentType, eTag, …}], pageMarker}. The managed side returns BlobMetadata {Id, Name, DisplayName, Path, LastModified,
// Size, MediaType, IsFolder, ETag, FileLocator} (Microsoft-generated managed-connector models). Which field matches which
// is our reading [S]; fields with no counterpart (Id, Size, LastModified…) keep the step managed.
const blobCreated = fieldsRenamed(
	"managed returns blob metadata (Id, Name, Path…), built-in returns {properties:{blobFullPathWithContainer, eTag, contentType…}, metadata}; check that consumers accept the built-in path format (the managed Path starts with '/')",
	{Path: 'properties.blobFullPathWithContainer', ETag: 'properties.eTag', MediaType: 'properties.contentType'},
);
const blobMetadata = fieldsRenamed(
	'managed returns blob metadata (Id, Name, Path…), built-in returns the blob properties {name, blobFullPathWithContainer, contentType, eTag…}',
	{Name: 'name', ETag: 'eTag', MediaType: 'contentType'},
);
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
};
const containerFromFolder = (q: string): ValueSource => fromQuery(q, T.first);
const blobFromFolder = (folder: string, name: string): ValueSource => joined('/', fromQuery(folder, T.rest), fromQuery(name));

function blobCreate(id: string, label: string, path: string, scoped: boolean): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method: 'post',
		paths: [path],
		operationId: 'uploadBlob',
		certainty: 'S',
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
			...(operationId === 'uploadBlob' ? [req('content', fromBody()), p('overrideIfExists', constant('true'))] : []),
		],
		...(scoped ? {connectionScope: accountScope} : {}),
		...(output ? {output} : {}),
	};
}

function blobByPath(id: string, label: string, paths: string[], operationId: string, output: OutputChange): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method: 'get',
		paths,
		operationId,
		certainty: 'C',
		params: [
			req('containerName', fromQuery('path', T.first)),
			req('blobName', fromQuery('path', T.rest)),
			...(operationId === 'readBlob' ? [p('inferContentType', fromQuery('inferContentType', T.bool))] : []),
		],
		connectionScope: accountScope,
		output,
	};
}

export const azureblob: CatalogEntry = {
	api: 'azureblob',
	aliases: ['azureblobstorage'],
	displayName: 'Azure Blob Storage',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/AzureBlob',
	// As Microsoft's reference connections.json writes it (StorageServiceProvider).
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('storage account')], certainty: 'C'},
	notes: [
		'The built-in blob trigger fires once per blob, also in nested folders, and processes existing blobs on first start; the managed one watched the root folder only.',
	],
	operations: [
		blobCreate('azureblob.uploadBlob.v2', 'Create blob (V2)', `${BLOB_V2}/files`, true),
		blobCreate('azureblob.uploadBlob.v1', 'Create blob', '/datasets/default/files', false),
		blobById('azureblob.updateBlob.v2', 'Update blob (V2)', 'put', `${BLOB_V2}/files/{id}`, 'uploadBlob', true, blobCreated),
		blobById('azureblob.updateBlob.v1', 'Update blob', 'put', '/datasets/default/files/{id}', 'uploadBlob', false, blobCreated),
		blobById('azureblob.readBlob.v2', 'Get blob content (V2)', 'get', `${BLOB_V2}/files/{id}/content`, 'readBlob', true, blobContent),
		blobById('azureblob.readBlob.v1', 'Get blob content', 'get', '/datasets/default/files/{id}/content', 'readBlob', false, blobContent),
		blobByPath('azureblob.readBlobByPath', 'Get blob content using path', [`${BLOB_V2}/GetFileContentByPath`, '/datasets/default/GetFileContentByPath'], 'readBlob', blobContent),
		blobById('azureblob.getBlobMetadata.v2', 'Get blob metadata (V2)', 'get', `${BLOB_V2}/files/{id}`, 'getBlobMetadata', true, blobMetadata),
		blobById('azureblob.getBlobMetadata.v1', 'Get blob metadata', 'get', '/datasets/default/files/{id}', 'getBlobMetadata', false, blobMetadata),
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
			// Learn returns {name, containerInfo, properties, metadata} per blob.
			output: fieldsRenamed('managed returns blob metadata (Id, Name, Path…) per blob, built-in returns {name, containerInfo, properties, metadata} per blob', {Name: 'name'}),
			trigger: {push: true, splitOn: 'drop'},
		},
	],
};

// ---------- File ----------
// Built-in file ids: getFileContent documents its fileId as "a unique path to the file" (Learn 09), so the decoded
// managed id (a path) is what it takes; for delete, update and list, that their id is the same path is our reading [S].
const fileMetadataUnknown: OutputChange = {change: 'managed returns file metadata; the built-in output was not compared', certainty: 'U'};
const fileRaw: OutputChange = {change: 'managed returns the raw file; the built-in output was not compared', certainty: 'U'};

export const azurefile: CatalogEntry = {
	api: 'azurefile',
	aliases: ['azurefilestorage'],
	displayName: 'Azure File Storage',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/AzureFile',
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('storage account')], certainty: 'S'},
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
			output: fileMetadataUnknown,
		},
		{
			id: 'azurefile.getFileContent',
			label: 'Get file content',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/files/{id}/content'],
			operationId: 'getFileContent',
			certainty: 'S',
			params: [req('fileId', fromPath('id', T.filePath)), p('inferContentType', fromQuery('inferContentType', T.bool))],
			output: fileRaw,
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
			output: fileRaw,
		},
		{
			id: 'azurefile.updateFile',
			label: 'Update file',
			kind: 'action',
			method: 'put',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'updateFile',
			certainty: 'S',
			params: [req('fileId', fromPath('id', T.filePath)), req('fileContent', fromBody())],
			output: fileMetadataUnknown,
		},
		{
			id: 'azurefile.deleteFile',
			label: 'Delete file',
			kind: 'action',
			method: 'delete',
			paths: ['/datasets/default/files/{id}'],
			operationId: 'deleteFile',
			certainty: 'S',
			params: [req('fileId', fromPath('id', T.filePath))],
		},
		{
			id: 'azurefile.listFolder',
			label: 'List files',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/foldersV2/{id}', '/datasets/default/folders/{id}'],
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
// GetMessagesOutputItem). Managed returns {QueueMessagesList:{QueueMessage:[{MessageId, InsertionTime, ExpirationTime,
// PopReceipt, TimeNextVisible, MessageText}]}} (Microsoft-generated Microsoft.Azure.Workflows.Sdk.Connectors.Azurequeues).
// Matching the fields by meaning is our reading [S].
const queueMessagesOutput: OutputChange = {
	change: 'managed returns {QueueMessagesList:{QueueMessage:[{MessageId, PopReceipt, MessageText…}]}}, built-in returns an array of {messageId, popReceipt, content…}',
	certainty: 'S',
	rewrites: [
		{kind: 'path', from: ['QueueMessagesList', 'QueueMessage'], to: []},
		{
			kind: 'items',
			from: ['QueueMessagesList', 'QueueMessage'],
			rename: {
				MessageId: ['messageId'],
				PopReceipt: ['popReceipt'],
				MessageText: ['content'],
				InsertionTime: ['insertedOn'],
				ExpirationTime: ['expiresOn'],
				TimeNextVisible: ['nextVisibleOn'],
			},
		},
	],
};

function queueOp(id: string, label: string, method: string, path: string, operationId: string, extra: OperationMapping['params'], v2: boolean, output?: OutputChange): OperationMapping {
	return {
		id,
		label,
		kind: 'action',
		method,
		paths: [path],
		operationId,
		certainty: v2 ? 'C' : 'S',
		params: [req('queueName', fromPath('queueName')), ...extra],
		...(v2 ? {connectionScope: accountScope} : {}),
		...(output ? {output} : {}),
	};
}

const putParams = [req('message', fromBody())];
const getParams = [p('messageCount', fromQuery('numofmessages')), p('visibilityTimeout', fromQuery('visibilitytimeout', T.timespan))];
const deleteParams = [req('messageId', fromPath('messageId')), req('popReceipt', fromQuery('popreceipt'))];

function queueTrigger(id: string, path: string, v2: boolean): OperationMapping {
	return {
		id,
		label: `When there are messages in a queue${v2 ? ' (V2)' : ''}`,
		kind: 'trigger',
		method: 'get',
		paths: [path],
		operationId: 'receiveQueueMessages',
		// The managed path is confirmed (Microsoft-generated Connectors.Azurequeues OnMessages: …/message_trigger), but
		// the behaviour differs in ways the built-in reference leaves open.
		certainty: 'U',
		undocumented: true,
		params: [req('queueName', fromPath('queueName'))],
		...(v2 ? {connectionScope: accountScope} : {}),
		note: 'the managed trigger hides up to 32 messages for its visibility timeout and leaves them on the queue until a Delete message step removes them; the built-in trigger documents neither a visibility timeout nor whether it removes each message after the run',
	};
}

export const azurequeues: CatalogEntry = {
	api: 'azurequeues',
	aliases: ['azurequeue'],
	displayName: 'Azure Queues',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/azurequeues',
	// As Microsoft's reference connections.json writes it (StorageServiceProvider, workflows/connections.json).
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('storage account')], certainty: 'C'},
	notes: ['V1 queue paths and a missing visibility timeout broke Microsoft\'s exporter (LogicAppsUX#2489, logicapps#1287).'],
	operations: [
		queueOp('azurequeues.putMessage.v2', 'Put a message on a queue (V2)', 'post', `${Q_V2}/messages`, 'putMessage', putParams, true),
		queueOp('azurequeues.putMessage.v1', 'Put a message on a queue', 'post', '/{queueName}/messages', 'putMessage', putParams, false),
		queueOp('azurequeues.getMessages.v2', 'Get messages (V2)', 'get', `${Q_V2}/messages`, 'getMessages', getParams, true, queueMessagesOutput),
		queueOp('azurequeues.getMessages.v1', 'Get messages', 'get', '/{queueName}/messages', 'getMessages', getParams, false, queueMessagesOutput),
		queueOp('azurequeues.deleteMessage.v2', 'Delete message (V2)', 'delete', `${Q_V2}/messages/{messageId}`, 'deleteMessage', deleteParams, true),
		queueOp('azurequeues.deleteMessage.v1', 'Delete message', 'delete', '/{queueName}/messages/{messageId}', 'deleteMessage', deleteParams, false),
		queueTrigger('azurequeues.receiveQueueMessages.v2', `${Q_V2}/message_trigger`, true),
		queueTrigger('azurequeues.receiveQueueMessages.v1', '/{queueName}/message_trigger', false),
	],
};

// ---------- Tables ----------
const TABLE_V2 = '/v2/storageAccounts/{account}/tables/{table}';
const TABLE_V1 = '/Tables/{table}';
const KEYED = "/entities(PartitionKey='{pk}',RowKey='{rk}')";
const entityWithKeys: ValueSource = {from: {object: {PartitionKey: fromPath('pk'), RowKey: fromPath('rk')}, spreadBody: true}};
const noIfMatch = {name: 'If-Match', in: 'header' as const, oneOf: ['']};
const withIfMatch = {name: 'If-Match', in: 'header' as const, noneOf: ['']};
// Managed and built-in entities are the table's own properties (PartitionKey, RowKey, Timestamp, odata.etag and the
// columns): Learn's getEntity returns exactly those [S].
const sameEntity: OutputChange = {change: 'both return the entity with its properties', certainty: 'S', rewrites: [{kind: 'keep'}]};

function tableOps(base: string, v: 'v1' | 'v2', certainty: 'C' | 'S'): OperationMapping[] {
	const scope = v === 'v2' ? {connectionScope: accountScope} : {};
	const table = req('tableName', fromPath('table'));
	const keys = [req('partitionKey', fromPath('pk')), req('rowKey', fromPath('rk'))];
	const suffix = v === 'v2' ? ' (V2)' : '';
	const upsert = (method: string, mode: 'Replace' | 'Merge'): OperationMapping => ({
		id: `azuretables.upsertEntity.${mode.toLowerCase()}.${v}`,
		label: `Insert or ${mode} Entity${suffix}`,
		kind: 'action',
		method,
		paths: [`${base}${KEYED}`],
		when: [noIfMatch],
		operationId: 'upsertEntity',
		certainty,
		params: [table, req('entity', entityWithKeys), p('updateMode', constant(mode))],
		...scope,
	});
	const update = (method: string, mode: 'Replace' | 'Merge'): OperationMapping => ({
		id: `azuretables.updateEntity.${mode.toLowerCase()}.${v}`,
		label: `${mode} Entity${suffix}`,
		kind: 'action',
		method,
		paths: [`${base}${KEYED}`],
		when: [withIfMatch],
		operationId: 'updateEntity',
		certainty,
		params: [table, req('entity', entityWithKeys), req('ifMatch', fromHeader('If-Match')), p('updateMode', constant(mode))],
		...scope,
	});
	return [
		upsert('put', 'Replace'),
		upsert('patch', 'Merge'),
		update('put', 'Replace'),
		update('patch', 'Merge'),
		{
			id: `azuretables.insertEntity.${v}`,
			label: `Insert Entity${suffix}`,
			kind: 'action',
			method: 'post',
			paths: [`${base}/entities`],
			operationId: 'upsertEntity',
			certainty: 'S',
			params: [table, req('entity', fromBody()), p('failIfEntityExists', constant(true))],
			...scope,
			output: sameEntity,
		},
		{
			id: `azuretables.getEntity.${v}`,
			label: `Get entity${suffix}`,
			kind: 'action',
			method: 'get',
			paths: [`${base}${KEYED}`],
			operationId: 'getEntity',
			certainty,
			params: [table, ...keys, p('select', fromQuery('$select', T.list))],
			...scope,
			output: sameEntity,
		},
		{
			id: `azuretables.queryEntities.${v}`,
			label: `Get entities${suffix}`,
			kind: 'action',
			method: 'get',
			paths: [`${base}/entities`],
			operationId: 'queryEntities',
			certainty,
			params: [table, p('filter', fromQuery('$filter')), p('select', fromQuery('$select', T.list)), p('top', fromQuery('$top', T.number))],
			...scope,
			output: {
				change: 'managed returns {value:[entities]}, built-in returns {entities:[…], continuationToken}',
				certainty: 'S',
				rewrites: [{kind: 'path', from: ['value'], to: ['entities']}],
			},
		},
		{
			id: `azuretables.deleteEntity.${v}`,
			label: `Delete Entity${suffix}`,
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
	// As Microsoft's reference connections.json writes it (workflows/connections.json azureTableConnection).
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('storage account')], certainty: 'C'},
	notes: ['"Get entities" inside a For each failed to export with Microsoft\'s exporter (LogicAppsUX#2489).'],
	operations: [
		...tableOps(TABLE_V2, 'v2', 'C'),
		// V1 insert (`POST /Tables/{t}/entities`) is seen in Microsoft templates; the other V1 rows follow the same shape.
		...tableOps(TABLE_V1, 'v1', 'S'),
	],
};
