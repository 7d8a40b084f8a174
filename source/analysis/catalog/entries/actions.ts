// Azure Functions and API Management are not connectors in a Consumption workflow but action types of their own
// (`Function`, `ApiManagement`) that point at the target's ARM id. Standard keeps the action types and moves the
// target into connections.json (functionConnections / apiManagementConnections), keys behind app settings. Shapes
// from LogicAppsUX's connection models [S]; the rules match these entries by action type (catalogEntryForActionType).
import {plainSetting, secretSetting} from '../build.js';
import type {CatalogEntry} from '../types.js';

export const azurefunctions: CatalogEntry = {
	api: 'azurefunctions',
	aliases: ['azurefunction', 'functions'],
	displayName: 'Azure Functions',
	target: 'builtin-action',
	certainty: 'S',
	actionType: {
		type: 'Function',
		connectionsSection: 'functionConnections',
		consumptionReference: 'inputs.function.id',
		standard:
			'the Function action stays, but calls through a functionConnections entry in connections.json (the function\'s resource id, its trigger URL and its function key, the key as an app setting) named by inputs.function.connectionName',
		certainty: 'S',
	},
	connection: {
		parameters: [
			plainSetting('triggerUrl', 'Trigger URL of the function (https://<app>.azurewebsites.net/api/<function>)'),
			secretSetting('functionKey', 'Function key, sent as the code query parameter (store it as a Key Vault reference)'),
		],
		certainty: 'S',
		note: 'written as {function:{id}, triggerUrl, authentication:{type:"QueryString", name:"Code", value}}',
	},
	reachesPrivateNetwork: true,
	notes: ['A function app reached privately from the ISE must be reachable from the Standard app\'s VNet integration (private endpoint or service endpoint).'],
	operations: [],
};

export const apimanagement: CatalogEntry = {
	api: 'apimanagement',
	aliases: ['apim', 'azureapimanagement'],
	displayName: 'API Management',
	target: 'builtin-action',
	certainty: 'S',
	actionType: {
		type: 'ApiManagement',
		connectionsSection: 'apiManagementConnections',
		consumptionReference: 'inputs.api.id',
		standard:
			'the API Management action stays, but calls through an apiManagementConnections entry in connections.json (the API id, its base URL and the subscription key, the key as an app setting) named by inputs.apiManagement.connection',
		certainty: 'S',
	},
	connection: {
		parameters: [
			plainSetting('baseUrl', 'Base URL of the API in API Management (https://<service>.azure-api.net/<api>)'),
			secretSetting('subscriptionKey', 'API Management subscription key (store it as a Key Vault reference)'),
		],
		certainty: 'S',
		note: 'written as {apiId, baseUrl, subscriptionKey}',
	},
	reachesPrivateNetwork: true,
	notes: ['An API Management instance in internal VNet mode must be reachable from the Standard app\'s VNet integration.'],
	operations: [],
};
