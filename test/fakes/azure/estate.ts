// Builders for raw ARM resources (the JSON the REST API returns, properties not flattened) and a
// sample estate: two tenants, three subscriptions (one empty), two ISEs, workflows spread over
// resource groups, integration accounts inside and outside the ISE.
import type {FakeAzureOptions} from './index.js';
import type {ArmResource} from './types.js';

export const T_CONTOSO = '11111111-1111-4111-8111-111111111111';
export const T_FABRIKAM = '22222222-2222-4222-8222-222222222222';
export const SUB_PROD = 'a1a1a1a1-0000-4000-8000-000000000001';
export const SUB_EMPTY = 'a1a1a1a1-0000-4000-8000-000000000002';
export const SUB_FABRIKAM = 'b2b2b2b2-0000-4000-8000-000000000003';
export const USER = {oid: '0000aaaa-0000-4000-8000-00000000aaaa', upn: 'admin@contoso.example'};
export const APP = {clientId: 'c11e0000-0000-4000-8000-00000000c11e', secret: 'fake-client-secret-value'};
/** A value that must never leave the fake: secure workflow parameters carry it. */
export const SECRET_MARKER = 's3cr3t-value-that-must-not-leak';

export const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const iseId = (sub: string, rg: string, name: string) => `${rgId(sub, rg)}/providers/Microsoft.Logic/integrationServiceEnvironments/${name}`;

export interface IseInput {
	subscriptionId: string;
	resourceGroup: string;
	name: string;
	location?: string;
	sku?: 'Developer' | 'Premium';
	capacity?: number;
	accessEndpoint?: 'Internal' | 'External';
	state?: string;
	cmk?: boolean;
}

export function iseResource(i: IseInput): ArmResource {
	const id = iseId(i.subscriptionId, i.resourceGroup, i.name);
	const vnet = `${rgId(i.subscriptionId, i.resourceGroup)}/providers/Microsoft.Network/virtualNetworks/${i.name}-vnet`;
	const ips = (base: number) => [{address: `20.50.1.${base}`}, {address: `20.50.1.${base + 1}`}];
	return {
		id,
		name: i.name,
		type: 'Microsoft.Logic/integrationServiceEnvironments',
		location: i.location ?? 'westeurope',
		tags: {env: 'prod'},
		sku: {name: i.sku ?? 'Premium', capacity: i.capacity ?? (i.sku === 'Developer' ? 0 : 2)},
		identity: {type: 'SystemAssigned', principalId: '99999999-0000-4000-8000-000000000099', tenantId: T_CONTOSO},
		properties: {
			provisioningState: 'Succeeded',
			state: i.state ?? 'Enabled',
			integrationServiceEnvironmentId: `08d9${i.name.length}0000abc`,
			endpointsConfiguration: {
				workflow: {outgoingIpAddresses: ips(10), accessEndpointIpAddresses: [{address: '10.20.1.4'}]},
				connector: {outgoingIpAddresses: ips(20), accessEndpointIpAddresses: [{address: '10.20.1.5'}]},
			},
			networkConfiguration: {
				virtualNetworkAddressSpace: '10.20.0.0/16',
				accessEndpoint: {type: i.accessEndpoint ?? 'Internal'},
				subnets: ['ise-a', 'ise-b', 'ise-c', 'ise-d'].map(s => ({id: `${vnet}/subnets/${s}`, name: `${i.name}-vnet/${s}`, type: 'Microsoft.Network/virtualNetworks/subnets'})),
			},
			...(i.cmk
				? {
						encryptionConfiguration: {
							encryptionKeyReference: {
								keyVault: {id: `${rgId(i.subscriptionId, i.resourceGroup)}/providers/Microsoft.KeyVault/vaults/${i.name}-kv`, name: `${i.name}-kv`, type: 'Microsoft.KeyVault/vaults'},
								keyName: 'ise-cmk',
								keyVersion: '0123456789abcdef',
							},
						},
					}
				: {}),
		},
	};
}

export function managedApiResource(ise: string, name: string, displayName: string, params: Record<string, string>, location = 'westeurope'): ArmResource {
	return {
		id: `${ise}/managedApis/${name}`,
		name,
		type: 'Microsoft.Logic/integrationServiceEnvironments/managedApis',
		location,
		properties: {
			name,
			connectionParameters: Object.fromEntries(Object.entries(params).map(([k, type]) => [k, {type, uiDefinition: {displayName: k}}])),
			generalInformation: {displayName, iconUrl: `https://connectoricons.example/${name}.png`, description: `${displayName} connector`},
			category: 'Enterprise',
			capabilities: ['actions'],
			runtimeUrls: [`https://${name}.ise.example/apim/${name}`],
			integrationServiceEnvironment: {id: ise},
		},
	};
}

export function skuList(): unknown[] {
	return [
		{resourceType: 'Microsoft.Logic/integrationServiceEnvironments', sku: {name: 'Premium', tier: 'Premium'}, capacity: {minimum: 0, maximum: 10, default: 0, scaleType: 'Manual'}},
		{resourceType: 'Microsoft.Logic/integrationServiceEnvironments', sku: {name: 'Developer', tier: 'Developer'}, capacity: {minimum: 0, maximum: 0, default: 0, scaleType: 'None'}},
	];
}

export interface ConnectionInput {
	/** API id of the connector (ISE, location or custom form). */
	apiId: string;
	connectionName: string;
	/** The workflow signs in to it with its managed identity (`connectionProperties.authentication`), or a user-assigned one. */
	managedIdentity?: boolean | {identity?: string; audience?: string};
}

export interface WorkflowInput {
	subscriptionId: string;
	resourceGroup: string;
	name: string;
	/** ISE id to point at (written as given: tests vary its case). */
	ise?: string;
	connections?: Record<string, ConnectionInput>;
	integrationAccount?: string;
	secureParameter?: boolean;
	state?: string;
}

export function workflowResource(w: WorkflowInput): ArmResource {
	const id = `${rgId(w.subscriptionId, w.resourceGroup)}/providers/Microsoft.Logic/workflows/${w.name}`;
	const conns = w.connections ?? {};
	const actions: Record<string, unknown> = {};
	for (const key of Object.keys(conns)) {
		actions[`Call_${key}`] = {
			type: 'ApiConnection',
			inputs: {host: {connection: {name: `@parameters('$connections')['${key}']['connectionId']`}}, method: 'get', path: '/'},
			runAfter: {},
		};
	}
	const definitionParameters: Record<string, unknown> = {};
	const resourceParameters: Record<string, unknown> = {};
	if (Object.keys(conns).length) {
		definitionParameters['$connections'] = {defaultValue: {}, type: 'Object'};
		resourceParameters['$connections'] = {
			type: 'Object',
			value: Object.fromEntries(Object.entries(conns).map(([key, c]) => [key, {
				id: c.apiId,
				connectionId: `${rgId(w.subscriptionId, w.resourceGroup)}/providers/Microsoft.Web/connections/${c.connectionName}`,
				connectionName: c.connectionName,
				...(c.managedIdentity
					? {connectionProperties: {authentication: {type: 'ManagedServiceIdentity', ...(typeof c.managedIdentity === 'object' ? c.managedIdentity : {})}}}
					: {}),
			}])),
		};
	}
	definitionParameters['region'] = {type: 'String', defaultValue: 'weu'};
	resourceParameters['region'] = {type: 'String', value: 'westeurope'};
	if (w.secureParameter) {
		definitionParameters['apiKey'] = {type: 'SecureString'};
		resourceParameters['apiKey'] = {type: 'SecureString', value: SECRET_MARKER};
	}
	return {
		id,
		name: w.name,
		type: 'Microsoft.Logic/workflows',
		location: 'westeurope',
		properties: {
			provisioningState: 'Succeeded',
			createdTime: '2021-03-01T10:00:00Z',
			changedTime: '2023-06-01T10:00:00Z',
			state: w.state ?? 'Enabled',
			version: '08585000000000000000',
			accessEndpoint: `https://${w.name}.ise.example/workflows/${w.name}`,
			definition: {
				$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
				contentVersion: '1.0.0.0',
				parameters: definitionParameters,
				triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
				actions,
				outputs: {},
			},
			parameters: resourceParameters,
			...(w.ise ? {integrationServiceEnvironment: {id: w.ise, name: w.ise.split('/').pop(), type: 'Microsoft.Logic/integrationServiceEnvironments'}} : {}),
			...(w.integrationAccount ? {integrationAccount: {id: w.integrationAccount, name: w.integrationAccount.split('/').pop(), type: 'Microsoft.Logic/integrationAccounts'}} : {}),
		},
	};
}

export interface ConnectionResourceInput {
	subscriptionId: string;
	resourceGroup: string;
	name: string;
	apiId: string;
	displayName?: string;
	/** As ARM returns them; the sample puts secrets here too, to prove the reader never keeps them. */
	parameterValues?: Record<string, unknown>;
	parameterValueSet?: {name: string; values: Record<string, {value: unknown}>};
	/** A managed identity connection's values (with `parameterValueType: Alternative`). */
	alternativeParameterValues?: Record<string, unknown>;
}

/** A Microsoft.Web/connections resource (an API connection) as GET returns it. */
export function connectionResource(c: ConnectionResourceInput): ArmResource {
	return {
		id: `${rgId(c.subscriptionId, c.resourceGroup)}/providers/Microsoft.Web/connections/${c.name}`,
		name: c.name,
		type: 'Microsoft.Web/connections',
		location: 'westeurope',
		kind: 'V1',
		properties: {
			displayName: c.displayName ?? c.name,
			api: {id: c.apiId, name: c.apiId.split('/').pop(), type: 'Microsoft.Web/locations/managedApis'},
			...(c.parameterValues ? {parameterValues: c.parameterValues} : {}),
			...(c.parameterValueSet ? {parameterValueSet: c.parameterValueSet} : {}),
			...(c.alternativeParameterValues ? {alternativeParameterValues: c.alternativeParameterValues, parameterValueType: 'Alternative'} : {}),
			statuses: [{status: 'Connected'}],
			createdTime: '2021-03-01T10:00:00Z',
			changedTime: '2023-06-01T10:00:00Z',
		},
	};
}

/** The on-premises data gateway the sample's SQL connection goes through. */
export const SAMPLE_GATEWAY_ID = `${rgId(SUB_PROD, 'rg-gateways')}/providers/Microsoft.Web/connectionGateways/contoso-onprem-gw`;

export interface IntegrationAccountInput {
	subscriptionId: string;
	resourceGroup: string;
	name: string;
	ise?: string;
	sku?: string;
	maps?: {name: string; type: string}[];
	schemas?: {name: string; type?: string}[];
	partners?: string[];
	agreements?: {name: string; type: string}[];
}

export function integrationAccountResources(a: IntegrationAccountInput): ArmResource[] {
	const id = `${rgId(a.subscriptionId, a.resourceGroup)}/providers/Microsoft.Logic/integrationAccounts/${a.name}`;
	const child = (kind: string, name: string, properties: Record<string, unknown>): ArmResource => ({
		id: `${id}/${kind}/${name}`,
		name,
		type: `Microsoft.Logic/integrationAccounts/${kind}`,
		properties: {createdTime: '2021-03-01T10:00:00Z', changedTime: '2021-03-01T10:00:00Z', ...properties},
	});
	return [
		{
			id,
			name: a.name,
			type: 'Microsoft.Logic/integrationAccounts',
			location: 'westeurope',
			sku: {name: a.sku ?? 'Standard'},
			properties: {state: 'Enabled', ...(a.ise ? {integrationServiceEnvironment: {id: a.ise, name: a.ise.split('/').pop(), type: 'Microsoft.Logic/integrationServiceEnvironments'}} : {})},
		},
		...(a.maps ?? []).map(m => child('maps', m.name, {mapType: m.type, contentLink: {uri: `https://ia.example/${m.name}`, contentSize: 100}})),
		...(a.schemas ?? []).map(s => child('schemas', s.name, {schemaType: s.type ?? 'Xml', contentLink: {uri: `https://ia.example/${s.name}`, contentSize: 100}})),
		...(a.partners ?? []).map(p => child('partners', p, {partnerType: 'B2B', content: {b2b: {businessIdentities: [{qualifier: 'ZZ', value: p}]}}})),
		...(a.agreements ?? []).map(g => child('agreements', g.name, {agreementType: g.type, hostPartner: a.partners?.[0] ?? 'host', guestPartner: a.partners?.[1] ?? 'guest'})),
	];
}

const managedApiId = (sub: string, loc: string, api: string) => `/subscriptions/${sub}/providers/Microsoft.Web/locations/${loc}/managedApis/${api}`;

/** The ISE the sample centres on, and its id in the casing ARM returns. */
export const SAMPLE_ISE = {subscriptionId: SUB_PROD, resourceGroup: 'rg-ise-network', name: 'contoso-ise'};
export const SAMPLE_ISE_ID = iseId(SAMPLE_ISE.subscriptionId, SAMPLE_ISE.resourceGroup, SAMPLE_ISE.name);

/** Workflows in the sample ISE (in two resource groups, one pointing at the ISE id in upper case). */
export const SAMPLE_ISE_WORKFLOWS = ['order-intake', 'invoice-sync', 'sftp-drop', 'edi-receive', 'nightly-report'];

export function sampleEstate(overrides: Partial<FakeAzureOptions> = {}): FakeAzureOptions {
	const ise = SAMPLE_ISE_ID;
	const iseApi = (api: string) => `${ise}/managedApis/${api}`;
	const otherIse = iseId(SUB_PROD, 'rg-legacy', 'old-ise');
	const fabIse = iseId(SUB_FABRIKAM, 'rg-fab', 'fabrikam-ise');
	const ia = `${rgId(SUB_PROD, 'rg-b2b')}/providers/Microsoft.Logic/integrationAccounts/contoso-ia`;
	const resources: ArmResource[] = [
		iseResource({...SAMPLE_ISE, cmk: true}),
		iseResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-legacy', name: 'old-ise', sku: 'Developer', accessEndpoint: 'External', state: 'Disabled'}),
		iseResource({subscriptionId: SUB_FABRIKAM, resourceGroup: 'rg-fab', name: 'fabrikam-ise', location: 'northeurope'}),
		managedApiResource(ise, 'sql', 'SQL Server', {server: 'string', database: 'string', username: 'string', password: 'securestring'}),
		managedApiResource(ise, 'servicebus', 'Service Bus', {connectionString: 'securestring'}),
		managedApiResource(ise, 'sftpwithssh', 'SFTP - SSH', {hostName: 'string', userName: 'string', sshPrivateKey: 'securestring'}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'order-intake', ise, secureParameter: true, connections: {
			sql: {apiId: iseApi('sql'), connectionName: 'sql-orders'},
			servicebus: {apiId: iseApi('servicebus'), connectionName: 'sb-orders'},
		}}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'invoice-sync', ise: ise.toUpperCase(), connections: {
			office365: {apiId: managedApiId(SUB_PROD, 'westeurope', 'office365'), connectionName: 'o365'},
		}}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-files', name: 'sftp-drop', ise, connections: {
			sftpwithssh: {apiId: iseApi('sftpwithssh'), connectionName: 'sftp-partner'},
		}}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-b2b', name: 'edi-receive', ise, integrationAccount: ia}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-files', name: 'nightly-report', ise: ise.toLowerCase(), state: 'Disabled'}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-consumption', name: 'consumption-only'}),
		workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-legacy', name: 'legacy-flow', ise: otherIse}),
		workflowResource({subscriptionId: SUB_FABRIKAM, resourceGroup: 'rg-fab', name: 'fab-flow', ise: fabIse}),
		connectionResource({
			subscriptionId: SUB_PROD,
			resourceGroup: 'rg-orders',
			name: 'sql-orders',
			apiId: iseApi('sql'),
			displayName: 'Orders database',
			parameterValues: {
				server: 'sql-prod.contoso.local',
				database: 'Orders',
				authType: 'windows',
				username: 'CONTOSO\\svc-orders',
				password: SECRET_MARKER,
				gateway: {id: SAMPLE_GATEWAY_ID, name: 'contoso-onprem-gw', type: 'Microsoft.Web/connectionGateways'},
			},
		}),
		connectionResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'sb-orders', apiId: iseApi('servicebus'), parameterValues: {connectionString: `Endpoint=sb://x/;SharedAccessKey=${SECRET_MARKER}`}}),
		connectionResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'o365', apiId: managedApiId(SUB_PROD, 'westeurope', 'office365')}),
		connectionResource({
			subscriptionId: SUB_PROD,
			resourceGroup: 'rg-files',
			name: 'sftp-partner',
			apiId: iseApi('sftpwithssh'),
			parameterValues: {hostName: 'sftp.partner.example', portNumber: 22, userName: 'partner', sshPrivateKey: SECRET_MARKER},
		}),
		...integrationAccountResources({
			subscriptionId: SUB_PROD,
			resourceGroup: 'rg-b2b',
			name: 'contoso-ia',
			ise,
			maps: [{name: 'OrderToInvoice', type: 'Xslt'}, {name: 'ShipNotice', type: 'Liquid'}],
			schemas: [{name: 'Order'}, {name: 'Invoice'}],
			partners: ['Contoso', 'Northwind'],
			agreements: [{name: 'contoso-northwind-x12', type: 'X12'}],
		}),
		...integrationAccountResources({subscriptionId: SUB_PROD, resourceGroup: 'rg-other', name: 'unrelated-ia', maps: [{name: 'Other', type: 'Xslt'}]}),
	];
	return {
		tenants: [
			{tenantId: T_CONTOSO, displayName: 'Contoso', defaultDomain: 'contoso.example'},
			{tenantId: T_FABRIKAM, displayName: 'Fabrikam', defaultDomain: 'fabrikam.example'},
		],
		users: [{...USER, homeTenantId: T_CONTOSO, tenants: [T_FABRIKAM]}],
		clients: [{clientId: APP.clientId, secret: APP.secret, certificate: true}],
		subscriptions: [
			{subscriptionId: SUB_PROD, displayName: 'Contoso Production', tenantId: T_CONTOSO},
			{subscriptionId: SUB_EMPTY, displayName: 'Contoso Sandbox', tenantId: T_CONTOSO},
			{subscriptionId: SUB_FABRIKAM, displayName: 'Fabrikam Integration', tenantId: T_FABRIKAM},
		],
		resources,
		lists: {[`${ise}/skus`]: skuList()},
		...overrides,
	};
}
