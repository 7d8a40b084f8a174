// The Inventory: everything known about one ISE and what it hosts. Plain, serialisable data:
// a snapshot file is an Inventory on disk. Every source (live Azure, ARM templates, snapshot,
// the bundled sample) produces exactly this shape, so the rest of the pipeline cannot tell them apart.

export type IseSkuName = 'Developer' | 'Premium' | 'NotSpecified';
export type AccessEndpointType = 'Internal' | 'External' | 'NotSpecified';

export type SourceKind = 'azure' | 'templates' | 'snapshot' | 'demo';

export interface SourceInfo {
	kind: SourceKind;
	/** What the admin would recognise: a subscription/ISE, a folder, a file, "bundled sample". */
	label: string;
	/** ISO time the inventory was captured (snapshots, live reads). */
	capturedAt?: string;
}

export interface Subnet {
	id: string;
	name: string;
	addressPrefix?: string;
}

export interface IpSet {
	workflow: string[];
	connector: string[];
}

export interface CustomerManagedKey {
	keyVaultId: string;
	keyName: string;
	keyVersion?: string;
}

export interface ManagedIdentity {
	type: 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned' | 'None';
	userAssignedIdentities?: string[];
}

export interface Ise {
	/** Full ARM id; the key workflows point at (compare case-insensitively). */
	id: string;
	name: string;
	subscriptionId: string;
	resourceGroup: string;
	location: string;
	sku: {name: IseSkuName; capacity: number};
	state?: string;
	provisioningState?: string;
	accessEndpoint: AccessEndpointType;
	virtualNetworkAddressSpace?: string;
	subnets: Subnet[];
	/** IPs downstream firewalls trust today (endpointsConfiguration.*.outgoingIpAddresses). */
	outboundIps: IpSet;
	/** IPs callers reach the ISE on (endpointsConfiguration.*.accessEndpointIpAddresses). */
	accessEndpointIps: IpSet;
	encryption?: CustomerManagedKey;
	identity?: ManagedIdentity;
	tags?: Record<string, string>;
	/** SKUs and capacity ranges ARM offers this ISE (integrationServiceEnvironments/skus), live sources only. */
	skuOptions?: IseSkuOption[];
}

/** Tag a source puts on an ISE it made up rather than read (the files hold no ISE resource); its value says why. */
export const INFERRED_ISE_TAG = 'ise-migrate:inferred';

/**
 * Stand-ins a source uses when its files do not say where they deploy (obviously not real values): the documents
 * turn them into shell variables the admin sets.
 */
export const PLACEHOLDER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_RESOURCE_GROUP = 'rg-from-templates';
export const PLACEHOLDER_LOCATION = 'unknown-location';

/**
 * Why the inventory's ISE is a stand-in, when the source held no ISE resource (templates of workflows only): then its
 * SKU, endpoint, network and key are unknown, not "Premium" or "none". Undefined for a real ISE.
 */
export function iseInferred(ise: Pick<Ise, 'tags'>): string | undefined {
	return ise.tags?.[INFERRED_ISE_TAG];
}

export interface IseSkuOption {
	name: string;
	minCapacity?: number;
	maxCapacity?: number;
	defaultCapacity?: number;
	scaleType?: string;
}

/** An ISE-hosted connector (child resource integrationServiceEnvironments/managedApis). */
export interface IseManagedApi {
	/** API name as used in ids: `sql`, `servicebus`, `sftpwithssh` … */
	name: string;
	displayName?: string;
	category?: string;
	/** Names (never values) of the connection parameters the API declares. */
	connectionParameterNames?: string[];
}

/** One entry of a workflow's `$connections` value. */
export interface ConnectionReference {
	/** The key used in the definition: `@parameters('$connections')['<key>']`. */
	key: string;
	/** API id: ISE managedApis, location managedApis or customApis form (see parseApiId). */
	apiId: string;
	/** Microsoft.Web/connections resource id. */
	connectionId: string;
	connectionName: string;
	/** Names of the parameters set on the connection resource; values are never kept. */
	parameterNames?: string[];
	/** Display name of the connection resource, when known. */
	displayName?: string;
	/**
	 * Values of the connection's parameters that are known not to be secret (server, database, account, host, port,
	 * authentication type…), read from the connection resource. Nothing else of its values is ever kept.
	 */
	values?: Record<string, string | number | boolean>;
	/** The on-premises data gateway the connection goes through: a Microsoft.Web/connectionGateways id. */
	gatewayId?: string;
	/** How the connection authenticates (its authType parameter or parameter set), when the resource says. */
	authType?: string;
	/** The connection resource's parameter set (`parameterValueSet.name`, e.g. `managedIdentityAuth`), when it has one. */
	parameterSet?: string;
	/** The user-assigned identity a managed-identity connection signs in with (`connectionProperties.authentication.identity`). */
	identity?: string;
	/** The audience a managed-identity connection asks tokens for (`connectionProperties.authentication.audience`). */
	audience?: string;
}

export interface WorkflowParameter {
	type?: string;
	value?: unknown;
	defaultValue?: unknown;
}

/** A Logic Apps workflow definition (workflowdefinition schema). Kept as JSON. */
export type WorkflowDefinition = Record<string, unknown>;

/**
 * How a managed connection that signs in with a managed identity does so (Learn, "Authenticate access with managed
 * identities": connections.json `connectionProperties.authentication`, and a connection resource that needs no consent).
 */
export interface ManagedIdentitySignIn {
	/** The user-assigned identity it signs in with (a resource id); the app's own identity when absent. */
	identity?: string;
	/** A user-assigned identity named by something other than a resource id (an expression): set by hand. */
	unresolvedIdentity?: string;
	audience?: string;
	/** The parameter set a multi-authentication connector's resource uses for it; otherwise `parameterValueType: Alternative`. */
	parameterSet?: string;
}

/** The managed-identity sign-in of a connection, when it has one. */
export function managedIdentitySignIn(ref: ConnectionReference): ManagedIdentitySignIn | undefined {
	if (!signsInWithManagedIdentity(ref)) return undefined;
	const identity = ref.identity && isUserAssignedIdentityId(ref.identity) ? ref.identity : undefined;
	return {
		...(identity ? {identity} : ref.identity ? {unresolvedIdentity: ref.identity} : {}),
		...(ref.audience ? {audience: ref.audience} : {}),
		...(ref.parameterSet && signsInWithManagedIdentity({authType: ref.parameterSet}) ? {parameterSet: ref.parameterSet} : {}),
	};
}

/** Whether a connection's auth type (its authType parameter or parameter set, e.g. `managedIdentityAuth`) is a managed identity. */
export function signsInWithManagedIdentity(ref: {authType?: string}): boolean {
	return ref.authType !== undefined && /managed\s*identity|managedserviceidentity|\bmsi\b/i.test(ref.authType);
}

/** A user-assigned managed identity's resource id, literally (not an expression naming one). */
export function isUserAssignedIdentityId(id: string): boolean {
	return /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i.test(id);
}

/** The `$schema` of every workflow definition the designer saves, Consumption and Standard alike. */
export const WORKFLOW_DEFINITION_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/**
 * The version of the workflow definition language a `$schema` names when it names one other than 2016-06-01 (the
 * 2015-08-01-preview language: `conditions`/`dependsOn`, the Manual trigger); undefined otherwise.
 */
export function olderDefinitionLanguage(schema: unknown): string | undefined {
	if (typeof schema !== 'string' || isWorkflowDefinitionSchema(schema)) return undefined;
	return /\/schemas\/([^/]+)\/workflowdefinition\.json/i.exec(schema)?.[1];
}

/** Whether `$schema` names the 2016-06-01 workflow definition language, the one Standard runs (in any case). */
export function isWorkflowDefinitionSchema(schema: unknown): boolean {
	return typeof schema === 'string' && schema.trim().replace(/#$/, '').toLowerCase() === WORKFLOW_DEFINITION_SCHEMA.replace(/#$/, '').toLowerCase();
}

export interface Workflow {
	id: string;
	name: string;
	resourceGroup: string;
	location?: string;
	state?: string;
	definition: WorkflowDefinition;
	/** Resource-level parameter values other than `$connections` (secure ones carry no value). */
	parameters: Record<string, WorkflowParameter>;
	connections: ConnectionReference[];
	integrationAccountId?: string;
	/** Where this workflow came from (a file path for offline sources). */
	origin?: string;
}

export interface IntegrationAccountArtifact {
	name: string;
	/** Map type (Xslt, Liquid…) or schema type (Xml). */
	type?: string;
}

export interface IntegrationAccount {
	id: string;
	name: string;
	resourceGroup: string;
	sku?: string;
	maps: IntegrationAccountArtifact[];
	schemas: IntegrationAccountArtifact[];
	partners?: string[];
	agreements?: {name: string; type?: string}[];
}

/** Something a source could not read or resolve; analysis turns these into findings. */
export interface SourceIssue {
	/** File path, resource id or expression location. */
	where: string;
	message: string;
}

export interface Inventory {
	source: SourceInfo;
	ise: Ise;
	managedApis: IseManagedApi[];
	workflows: Workflow[];
	integrationAccounts: IntegrationAccount[];
	issues?: SourceIssue[];
}
