// Names, ids and small builders shared by the Contoso sample. Every id is built from the same
// subscription and resource group, so the sample stays consistent when one workflow is edited.
import {WORKFLOW_DEFINITION_SCHEMA, type ConnectionReference, type Workflow, type WorkflowDefinition, type WorkflowParameter} from '../../model/index.js';

/** Made-up subscription: it belongs to no tenant. */
export const SUBSCRIPTION_ID = '6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34';
export const RESOURCE_GROUP = 'rg-contoso-integration';
export const LOCATION = 'westeurope';
export const ISE_NAME = 'contoso-ise';
export const INTEGRATION_ACCOUNT_NAME = 'contoso-b2b';

export const SUBSCRIPTION_SCOPE = `/subscriptions/${SUBSCRIPTION_ID}`;
export const RESOURCE_GROUP_SCOPE = `${SUBSCRIPTION_SCOPE}/resourceGroups/${RESOURCE_GROUP}`;
export const ISE_ID = `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Logic/integrationServiceEnvironments/${ISE_NAME}`;
export const INTEGRATION_ACCOUNT_ID = `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Logic/integrationAccounts/${INTEGRATION_ACCOUNT_NAME}`;

export function workflowId(name: string): string {
	return `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Logic/workflows/${name}`;
}

export function storageAccountId(name: string): string {
	return `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Storage/storageAccounts/${name}`;
}

export function functionId(app: string, fn: string): string {
	return `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Web/sites/${app}/functions/${fn}`;
}

export function apimApiId(service: string, api: string): string {
	return `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.ApiManagement/service/${service}/apis/${api}`;
}

/** The three API id forms of domain.md §2. */
const iseApi = (api: string): string => `${ISE_ID}/managedApis/${api}`;
const managedApi = (api: string): string =>
	`${SUBSCRIPTION_SCOPE}/providers/Microsoft.Web/locations/${LOCATION}/managedApis/${api}`;
const customApi = (name: string): string => `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Web/customApis/${name}`;

interface ConnectionResource {
	apiId: string;
	displayName: string;
	/** What the connection resource sets; the sample never holds a secret value. */
	parameterNames: string[];
	/** The values a source reads because they are not secret: where the system is and how one signs in. */
	values?: Record<string, string | number | boolean>;
}

/**
 * The Microsoft.Web/connections resources of the estate. Several workflows share one connection,
 * as they do in real ISE estates, so a connection change touches more than one workflow.
 */
export const CONNECTION_RESOURCES = {
	'sql-contoso-orders': {
		apiId: iseApi('sql'),
		displayName: 'ContosoOrders database (sql-contoso-prod)',
		parameterNames: ['server', 'database', 'authType', 'username', 'password'],
		values: {server: 'sql-contoso-prod.corp.contoso.com', database: 'ContosoOrders', authType: 'basic'},
	},
	'sql-contoso-dwh': {
		apiId: iseApi('sql'),
		displayName: 'SalesDW warehouse (sql-contoso-dwh)',
		parameterNames: ['server', 'database', 'authType', 'username', 'password'],
		values: {server: 'sql-contoso-dwh.corp.contoso.com', database: 'SalesDW', authType: 'basic'},
	},
	'servicebus-contoso': {
		apiId: iseApi('servicebus'),
		displayName: 'sb-contoso-integration',
		parameterNames: ['connectionString'],
	},
	'azureblob-stcontosoedi': {
		apiId: iseApi('azureblob'),
		displayName: 'stcontosoedi blobs',
		parameterNames: ['accountName', 'accessKey'],
		values: {accountName: 'stcontosoedi'},
	},
	'sftp-invoices': {
		apiId: iseApi('sftpwithssh'),
		displayName: 'Supplier invoice SFTP (sftp.contoso.com)',
		parameterNames: ['hostName', 'userName', 'sshPrivateKey', 'portNumber', 'acceptAnySshHostKey', 'sshHostKeyFingerprint'],
		values: {hostName: 'sftp.contoso.com', portNumber: 22},
	},
	'ftp-supplier-prices': {
		apiId: iseApi('ftp'),
		displayName: 'Supplier price lists FTP',
		parameterNames: [
			'serverAddress',
			'userName',
			'password',
			'serverPort',
			'isssl',
			'isBinaryTransport',
			'disableCertificateValidation',
		],
		values: {serverAddress: 'ftp.prices.fabrikam.example', serverPort: 21, isssl: true},
	},
	'ftp-webshop': {
		apiId: iseApi('ftp'),
		displayName: 'Web shop import FTP (ftp.shop.contoso.com)',
		parameterNames: ['serverAddress', 'userName', 'password', 'serverPort', 'isssl', 'isBinaryTransport', 'disableCertificateValidation'],
	},
	'keyvault-contoso': {
		apiId: iseApi('keyvault'),
		displayName: 'kv-contoso-integration',
		parameterNames: ['vaultName'],
	},
	'azurefile-legal': {
		apiId: iseApi('azurefile'),
		displayName: 'stcontosolegal file share',
		parameterNames: ['accountName', 'accessKey'],
	},
	'filesystem-legal': {
		apiId: iseApi('filesystem'),
		displayName: 'Legal file server (\\\\fs01.corp.contoso.com\\legal)',
		parameterNames: ['rootfolder', 'authType', 'username', 'password'],
	},
	'smtp-relay': {
		apiId: iseApi('smtp'),
		displayName: 'Internal SMTP relay (smtp.corp.contoso.com)',
		parameterNames: ['serverAddress', 'userName', 'password', 'port', 'enableSSL'],
		values: {serverAddress: 'smtp.corp.contoso.com', port: 25, enableSSL: false},
	},
	'filesystem-finance': {
		apiId: iseApi('filesystem'),
		displayName: 'Finance file share (\\\\fs01.corp.contoso.com\\finance)',
		parameterNames: ['rootfolder', 'authType', 'username', 'password'],
	},
	'mq-wms': {
		apiId: iseApi('mq'),
		displayName: 'Warehouse WMS queue manager (QM_WMS01)',
		parameterNames: ['server', 'queuemanager', 'channel', 'username', 'password', 'isSecure'],
		values: {server: 'wms01.corp.contoso.com:1414', queuemanager: 'QM_WMS01', channel: 'WMS.SVRCONN'},
	},
	'db2-as400': {
		apiId: iseApi('db2'),
		displayName: 'AS/400 inventory (DB2)',
		parameterNames: ['server', 'database', 'authentication', 'username', 'password'],
		values: {server: 'as400.corp.contoso.com:446', database: 'INVENTORY', authentication: 'basic'},
	},
	'sap-ecc-prd': {
		apiId: iseApi('sap'),
		displayName: 'SAP ECC production (client 100)',
		parameterNames: ['logonType', 'applicationServerHost', 'systemNumber', 'client', 'userName', 'password', 'safeTyping'],
		values: {logonType: 'ApplicationServer', applicationServerHost: 'sapecc.corp.contoso.com', systemNumber: '00', client: '100'},
	},
	'eventhubs-logistics': {
		apiId: iseApi('eventhubs'),
		displayName: 'evhns-contoso-logistics',
		parameterNames: ['connectionString'],
	},
	'azurequeues-stcontosoops': {
		apiId: iseApi('azurequeues'),
		displayName: 'stcontosoops queues',
		parameterNames: ['storageaccount', 'sharedkey'],
		values: {storageaccount: 'stcontosoops'},
	},
	'azuretables-stcontosoops': {
		apiId: iseApi('azuretables'),
		displayName: 'stcontosoops tables',
		parameterNames: ['storageaccount', 'sharedkey'],
		values: {storageaccount: 'stcontosoops'},
	},
	'as2-contoso-b2b': {
		apiId: iseApi('as2'),
		displayName: 'AS2 through contoso-b2b',
		parameterNames: ['integrationAccountId', 'integrationAccountUrl'],
	},
	'x12-contoso-b2b': {
		apiId: iseApi('x12'),
		displayName: 'X12 through contoso-b2b',
		parameterNames: ['integrationAccountId', 'integrationAccountUrl'],
	},
	azureeventgrid: {
		apiId: managedApi('azureeventgrid'),
		displayName: 'integration-svc@contoso.com',
		parameterNames: [],
	},
	'office365-invoices': {
		apiId: managedApi('office365'),
		displayName: 'invoices@contoso.com',
		parameterNames: [],
	},
	'contoso-erp': {
		apiId: customApi('contoso-erp'),
		displayName: 'Contoso ERP API',
		parameterNames: ['api_key'],
	},
} satisfies Record<string, ConnectionResource>;

export type ConnectionName = keyof typeof CONNECTION_RESOURCES;

/** A `$connections` entry: the key the definition uses, pointing at a shared connection resource. */
export function connection(key: string, name: ConnectionName): ConnectionReference {
	const resource: ConnectionResource = CONNECTION_RESOURCES[name];
	return {
		key,
		apiId: resource.apiId,
		connectionId: `${RESOURCE_GROUP_SCOPE}/providers/Microsoft.Web/connections/${name}`,
		connectionName: name,
		parameterNames: [...resource.parameterNames],
		displayName: resource.displayName,
		...(resource.values ? {values: {...resource.values}} : {}),
	};
}

/** `inputs.host` of an ApiConnection* operation using `$connections` key `key`. */
export function host(key: string): {connection: {name: string}} {
	return {connection: {name: `@parameters('$connections')['${key}']['connectionId']`}};
}

type OperationMap = Record<string, unknown>;

/** A complete Consumption workflow definition, as the designer saves it. */
export function definition(parts: {
	parameters?: Record<string, unknown>;
	triggers: OperationMap;
	actions: OperationMap;
	outputs?: Record<string, unknown>;
}): WorkflowDefinition {
	return {
		$schema: WORKFLOW_DEFINITION_SCHEMA,
		contentVersion: '1.0.0.0',
		parameters: {
			$connections: {defaultValue: {}, type: 'Object'},
			...parts.parameters,
		},
		triggers: parts.triggers,
		actions: parts.actions,
		outputs: parts.outputs ?? {},
	};
}

export function workflow(parts: {
	name: string;
	definition: WorkflowDefinition;
	connections: ConnectionReference[];
	parameters?: Record<string, WorkflowParameter>;
	/** Workflows using maps, schemas, B2B connectors or inline code were linked to the ISE's integration account. */
	usesIntegrationAccount?: boolean;
}): Workflow {
	const wf: Workflow = {
		id: workflowId(parts.name),
		name: parts.name,
		resourceGroup: RESOURCE_GROUP,
		location: LOCATION,
		state: 'Enabled',
		definition: parts.definition,
		parameters: parts.parameters ?? {},
		connections: parts.connections,
	};
	if (parts.usesIntegrationAccount) wf.integrationAccountId = INTEGRATION_ACCOUNT_ID;
	return wf;
}
