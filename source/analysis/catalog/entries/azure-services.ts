// Event Hubs, Key Vault, Cosmos DB, Azure Automation, Event Grid, Azure Monitor Logs, Synapse (operations.md
// §7, §11, §12; domain.md §4).
import {connectionString, fromBody, fromHeader, fromPath, fromQuery, p, plainSetting, req, T} from '../build.js';
import type {CatalogEntry, OutputChange, Transform} from '../types.js';

const EVENT_FIELDS: Transform = {
	op: 'renameKeys',
	rename: {ContentData: 'contentData', Properties: 'properties'},
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
	connection: {parameters: [connectionString('Event Hubs namespace')], certainty: 'S'},
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
			// Confirmed: the built-in trigger returns an array of {contentData, Properties} (Microsoft-generated
			// Microsoft.Azure.Workflows.Sdk.ServiceProviders.EventHub, Azure/logicapps-sdk, ReceiveEventsOutputItem) and is
			// split with splitOn @triggerOutputs()?['body'] in Microsoft's deployment samples. Not confirmed: how contentData
			// is decoded (the managed trigger decodes ContentData per its contentType query: JSON, text or base64), so
			// references to the event content are not rewritten.
			output: {
				change:
					'managed decodes ContentData per contentType; built-in returns an array of {contentData, Properties} whose content decoding is unverified',
				certainty: 'U',
			},
			trigger: {push: true},
			note: 'contentType and maximumEventsCount have no built-in parameter (batching is configured on the host)',
		},
	],
};

export const keyvault: CatalogEntry = {
	api: 'keyvault',
	aliases: ['azurekeyvault'],
	displayName: 'Azure Key Vault',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/keyVault',
	connection: {
		parameters: [
			plainSetting('VaultUri', 'URI of the key vault, e.g. https://<name>.vault.azure.net/'),
			{name: 'authProvider', setting: 'authProvider', secret: false, description: 'Managed identity of the logic app', fixed: {Type: 'ManagedServiceIdentity'}},
		],
		parameterSetName: 'ManagedServiceIdentity',
		certainty: 'U',
		note: 'the built-in Key Vault connection parameter names are unverified; grant the app identity get/list on secrets',
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
		},
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
