// Event Hubs, Key Vault, Cosmos DB, Azure Automation, Event Grid, Azure Monitor Logs, Synapse (operations.md
// §7, §11, §12; domain.md §4).
import {connectionString, fromBody, fromField, fromHeader, fromPath, fromQuery, p, plainSetting, req, T} from '../build.js';
import type {CatalogEntry, OperationMapping, OutputChange, Transform} from '../types.js';

// Built-in event fields as Microsoft's generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.EventHub writes them
// (SendEventInputEventDataType: `contentData` by JsonProperty, `Properties` by its C# name, no attribute) and as the
// reference workflows send them (EventHub/sendSingleEventWorkflow: eventData {contentData}).
const EVENT_FIELDS: Transform = {
	op: 'renameKeys',
	rename: {ContentData: 'contentData', Properties: 'Properties'},
	fromBase64: ['ContentData'],
	strict: true,
};

export const eventhubs: CatalogEntry = {
	api: 'eventhubs',
	aliases: ['eventhub', 'azureeventhubs'],
	displayName: 'Azure Event Hubs',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/eventHub',
	// As Microsoft's reference connections.json writes it (connections/EventHubServiceProvider).
	connection: {parameterSetName: 'connectionString', parameters: [connectionString('Event Hubs namespace')], certainty: 'C'},
	operations: [
		{
			id: 'eventhubs.sendEvent',
			label: 'Send event',
			kind: 'action',
			method: 'post',
			paths: ['/{eventHubName}/events'],
			operationId: 'sendEvent',
			certainty: 'S',
			params: [
				req('eventHubName', fromPath('eventHubName')),
				req('eventData', fromBody(EVENT_FIELDS)),
				p('partitionKey', fromQuery('partitionKey')),
			],
		},
		{
			id: 'eventhubs.sendEvents',
			label: 'Send events',
			kind: 'action',
			method: 'post',
			paths: ['/{eventHubName}/events/batch'],
			operationId: 'sendEvents',
			certainty: 'S',
			params: [
				req('eventHubName', fromPath('eventHubName')),
				req('eventDatas', fromBody(EVENT_FIELDS)),
				p('partitionKey', fromQuery('partitionKey')),
			],
		},
		{
			id: 'eventhubs.receiveEvents',
			label: 'When events are available in Event Hub',
			kind: 'trigger',
			method: 'get',
			paths: ['/{eventHubName}/events/batch/head'],
			operationId: 'receiveEvents',
			certainty: 'S',
			params: [req('eventHubName', fromPath('eventHubName')), p('consumerGroup', fromQuery('consumerGroupName'))],
			// The built-in trigger returns an array of {contentData, Properties} (Microsoft-generated ServiceProviders.EventHub,
			// ReceiveEventsOutputItem), split per event in Microsoft's samples. How its contentData is decoded is not
			// documented (the managed trigger decoded ContentData per its contentType query: JSON, text or base64), so a
			// read of the event content keeps the trigger managed.
			output: {
				change:
					"the built-in trigger returns {contentData, Properties} per event, and how it decodes contentData is not documented (the managed trigger decoded ContentData per its contentType query)",
				certainty: 'S',
				rewrites: [{kind: 'path', from: ['Properties'], to: ['Properties']}],
				undocumented: true,
			},
			trigger: {push: true, splitOn: "@triggerOutputs()?['body']", onlyWhenSplit: true},
			note: 'contentType and maximumEventsCount have no built-in parameter (batching is configured on the host)',
		},
	],
};

// Managed and built-in both return the secret {value, name, version, contentType, isEnabled, createdTime…} (managed
// connector reference; Learn built-in returns) [S].
const secretOutput: OutputChange = {change: 'both return the secret with its value, name and version', certainty: 'S', rewrites: [{kind: 'keep'}]};

export const keyvault: CatalogEntry = {
	api: 'keyvault',
	aliases: ['azurekeyvault'],
	displayName: 'Azure Key Vault',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/keyVault',
	// As Microsoft's reference connections.json writes it (connections/IacApp5 keyVault): the vault URI and the app's
	// managed identity.
	connection: {
		parameters: [
			plainSetting('VaultUri', 'URI of the key vault, e.g. https://<name>.vault.azure.net/'),
			{name: 'authProvider', setting: 'authProvider', secret: false, description: 'Managed identity of the logic app', fixed: {Type: 'ManagedServiceIdentity'}},
		],
		parameterSetName: 'ManagedServiceIdentity',
		certainty: 'C',
		note: 'grant the app identity get/list on secrets (and the key permissions the steps use)',
	},
	operations: [
		{
			id: 'keyvault.getSecret',
			label: 'Get secret',
			kind: 'action',
			method: 'get',
			paths: ['/secrets/{secretName}/value'],
			operationId: 'getSecret',
			certainty: 'C',
			params: [req('secretName', fromPath('secretName'))],
			output: secretOutput,
		},
		{
			id: 'keyvault.getSecretVersion',
			label: 'Get secret version',
			kind: 'action',
			method: 'get',
			paths: ['/secrets/{secretName}/versions/{version}/value'],
			operationId: 'getSecretVersion',
			certainty: 'C',
			params: [req('secretName', fromPath('secretName')), req('version', fromPath('version'))],
			output: secretOutput,
		},
		...(
			[
				['keyvault.encryptDataWithKey', 'Encrypt data with key', 'encrypt', 'encryptDataWithKey', 'rawData', 'value'],
				['keyvault.decryptDataWithKey', 'Decrypt data with key', 'decrypt', 'decryptDataWithKey', 'encryptedData', 'value'],
			] as const
		).map(
			([id, label, verb, operationId, key, field]): OperationMapping => ({
				id,
				label,
				kind: 'action',
				method: 'post',
				paths: [`/keys/{keyName}/${verb}`],
				operationId,
				// The managed body {algorithm, value} → the built-in algorithm and rawData / encryptedData (our reading).
				certainty: 'S',
				params: [req('keyName', fromPath('keyName')), req('algorithm', fromField('algorithm')), req(key, fromField(field))],
				output: {change: 'the managed and built-in results were not compared', certainty: 'U'},
			}),
		),
		{
			id: 'keyvault.getSecretMetadata',
			label: 'Get secret metadata',
			kind: 'action',
			method: 'get',
			paths: ['/secrets/{secretName}/metadata'],
			operationId: 'getSecretMetadata',
			certainty: 'C',
			params: [req('secretName', fromPath('secretName'))],
			output: {change: 'the metadata fields of the two connectors were not compared', certainty: 'U'},
		},
		{
			id: 'keyvault.listSecretMetadata',
			label: 'List secrets',
			kind: 'action',
			method: 'get',
			paths: ['/secrets'],
			operationId: 'listSecretMetadata',
			certainty: 'C',
			params: [],
			output: {change: 'the list output of the two connectors was not compared', certainty: 'U'},
		},
	],
};

const COSMOS = '/v2/cosmosdb/{account}/dbs/{databaseId}/colls/{collectionId}';
const cosmosScope = {vars: ['account'], defaults: ['AccountNameFromSettings']};
const cosmosOutput: OutputChange = {change: 'the document outputs of the two connectors were not compared', certainty: 'U'};

export const documentdb: CatalogEntry = {
	api: 'documentdb',
	aliases: ['azurecosmosdb', 'cosmosdb'],
	displayName: 'Azure Cosmos DB',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/AzureCosmosDB',
	connection: {parameters: [connectionString('Cosmos DB account')], certainty: 'S'},
	operations: [
		{
			id: 'documentdb.createOrUpdateDocument',
			label: 'Create or update document (V3)',
			kind: 'action',
			method: 'post',
			paths: [`${COSMOS}/docs`],
			operationId: 'CreateOrUpdateDocument',
			certainty: 'C',
			params: [
				req('databaseId', fromPath('databaseId')),
				req('containerId', fromPath('collectionId')),
				req('item', fromBody()),
				p('partitionKey', fromHeader('x-ms-documentdb-raw-partitionkey')),
				p('isUpsert', fromHeader('x-ms-documentdb-is-upsert', T.bool)),
			],
			connectionScope: cosmosScope,
			output: cosmosOutput,
		},
		{
			id: 'documentdb.queryDocuments.v5',
			label: 'Query documents (V5)',
			kind: 'action',
			method: 'get',
			paths: ['/v5/cosmosdb/{account}/dbs/{databaseId}/colls/{collectionId}/query'],
			operationId: 'QueryDocuments',
			certainty: 'C',
			params: [
				req('databaseId', fromPath('databaseId')),
				req('containerId', fromPath('collectionId')),
				req('queryText', fromQuery('queryText')),
				p('partitionKey', fromQuery('partitionKey')),
				p('maxItemCount', fromQuery('maxItemCount')),
				p('continuationToken', fromQuery('continuationToken')),
				p('sessionToken', fromQuery('sessionToken')),
			],
			connectionScope: cosmosScope,
			output: {change: 'managed returns {Documents, _count…}; the built-in query output was not compared', certainty: 'U'},
		},
		{
			id: 'documentdb.queryDocuments.v2',
			label: 'Query documents (V2/V3)',
			kind: 'action',
			method: 'post',
			paths: [`${COSMOS}/query`],
			operationId: 'QueryDocuments',
			certainty: 'U',
			params: [],
			note: 'SQL parameters of the older query operation would have to be inlined into queryText',
		},
		{
			id: 'documentdb.readDocument',
			label: 'Get a document',
			kind: 'action',
			method: 'get',
			paths: [`${COSMOS}/docs/{documentId}`],
			operationId: 'ReadDocument',
			certainty: 'C',
			params: [
				req('databaseId', fromPath('databaseId')),
				req('containerId', fromPath('collectionId')),
				req('itemId', fromPath('documentId')),
				req('partitionKey', fromHeader('x-ms-documentdb-raw-partitionkey')),
			],
			connectionScope: cosmosScope,
			output: cosmosOutput,
		},
		{
			id: 'documentdb.deleteDocument',
			label: 'Delete a document',
			kind: 'action',
			method: 'delete',
			paths: [`${COSMOS}/docs/{documentId}`],
			operationId: 'DeleteDocument',
			certainty: 'C',
			params: [
				req('databaseId', fromPath('databaseId')),
				req('containerId', fromPath('collectionId')),
				req('itemId', fromPath('documentId')),
				req('partitionKey', fromHeader('x-ms-documentdb-raw-partitionkey')),
			],
			connectionScope: cosmosScope,
		},
	],
};

export const azureautomation: CatalogEntry = {
	api: 'azureautomation',
	aliases: [],
	displayName: 'Azure Automation',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/azureAutomation',
	notes: ['Built-in operations createJob, getJobStatus and getJobOutput exist; the managed operation paths are not mapped yet.'],
	operations: [],
};

export const azureeventgrid: CatalogEntry = {
	api: 'azureeventgrid',
	aliases: [],
	displayName: 'Azure Event Grid',
	target: 'managed',
	certainty: 'S',
	webhookTrigger: {
		needsPublicInbound: true,
		note: 'the Event Grid trigger is a webhook: Event Grid must reach the logic app\'s callback URL from the internet',
	},
	notes: ['Publishing events has a built-in connector (/serviceProviders/eventGridPublisher, publishEvents); the trigger stays managed.'],
	operations: [],
};

export const azureeventgridpublish: CatalogEntry = {
	api: 'azureeventgridpublish',
	aliases: [],
	displayName: 'Azure Event Grid Publish',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/eventGridPublisher',
	notes: ['Built-in publishEvents exists; the managed publish path is not mapped yet.'],
	operations: [],
};

export const azuremonitorlogs: CatalogEntry = {
	api: 'azuremonitorlogs',
	aliases: ['azureloganalytics'],
	displayName: 'Azure Monitor Logs',
	target: 'managed',
	certainty: 'C',
	notes: ['No built-in connector exists; the managed connector is used from Standard.'],
	operations: [],
};

export const sqldw: CatalogEntry = {
	api: 'sqldw',
	aliases: ['azuresqldatawarehouse'],
	displayName: 'Azure Synapse Analytics (SQL DW)',
	target: 'managed',
	certainty: 'C',
	reachesPrivateNetwork: true,
	notes: ['No built-in connector exists; the managed connector is used from Standard.'],
	operations: [],
};
