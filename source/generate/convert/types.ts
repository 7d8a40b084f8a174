import type {ApiRef, Certainty, HostingKind, ManagedIdentitySignIn, WorkflowDefinition} from '../../model/index.js';
import type {OperationUse} from '../../analysis/operations.js';

export interface AppSettingSpec {
	name: string;
	description: string;
	secret: boolean;
}

export interface ServiceProviderConnection {
	serviceProviderId: string;
	displayName: string;
	parameterSetName?: string;
	/** Only `@appsetting('…')` references or fixed non-secret objects: never values. */
	parameterValues: Record<string, string | object>;
	appSettings: AppSettingSpec[];
	/** Identity of the ISE connection it replaces (see connectionIdentity), to detect name clashes. */
	source?: string;
}

export interface ManagedConnection {
	/** API name as in `managedApis/<api>` (custom: the custom API's name). */
	api: string;
	apiKind: ApiRef['kind'];
	/** Microsoft.Web/connections name (sanitised). */
	connectionName: string;
	displayName?: string;
	appSettings: AppSettingSpec[];
	/** Identity of the ISE connection it replaces (see connectionIdentity), to detect name clashes. */
	source?: string;
	/** It signs in with a managed identity, as the ISE connection did (no consent after deployment). */
	managedIdentity?: ManagedIdentitySignIn;
}

/** A functionConnections entry: one Azure function, by its resource id. */
export interface FunctionConnection {
	/** ARM id of the function (…/Microsoft.Web/sites/<app>/functions/<name>): what connections merge on. */
	id: string;
	displayName: string;
	/** App setting holding the function's trigger URL. */
	triggerUrlSetting: string;
	/** App setting holding the function key (secret). */
	keySetting: string;
}

/** An apiManagementConnections entry: one API of an API Management service, by its resource id. */
export interface ApiManagementConnection {
	/** ARM id of the API (…/Microsoft.ApiManagement/service/<service>/apis/<api>): what connections merge on. */
	id: string;
	displayName: string;
	/** App setting holding the API's base URL. */
	baseUrlSetting: string;
	/** App setting holding the subscription key (secret). */
	keySetting: string;
}

export interface ConversionNote {
	/** Trigger or action name. */
	operation: string;
	message: string;
	certainty: Certainty;
}

export interface ConversionCounts {
	builtin: number;
	managed: number;
	excluded: number;
}

export interface ConvertedWorkflow {
	definition: WorkflowDefinition;
	serviceProviderConnections: Record<string, ServiceProviderConnection>;
	managedConnections: Record<string, ManagedConnection>;
	/** Function actions' connections (absent on results built before Function actions were converted). */
	functionConnections?: Record<string, FunctionConnection>;
	/** ApiManagement actions' connections. */
	apiManagementConnections?: Record<string, ApiManagementConnection>;
	/** App settings the Function and ApiManagement connections read. */
	actionAppSettings?: AppSettingSpec[];
	notes: ConversionNote[];
	counts: ConversionCounts;
	/** App setting holding the subscription id in managed API/connection ids. */
	subscriptionIdSetting: string;
}

export interface ConvertContext {
	/** Where the Standard app runs (the plan's hosting kind): some built-in connectors run only on one (File System: App Service Environment v3). Default a Workflow Standard plan. */
	hosting?: HostingKind;
	/** App setting name for the subscription id in managed ids; default WORKFLOWS_SUBSCRIPTION_ID. */
	subscriptionIdSetting?: string;
	/**
	 * connections.json names by connection identity, from planConnectionNames() over every workflow being
	 * converted. Without it a connection is named after its resource name alone, so two different connections
	 * with the same name (in other resource groups) would merge.
	 */
	connectionNames?: Record<string, string>;
	/** The workflow's resolved steps (from analysis); resolved here when absent. */
	operations?: readonly OperationUse[];
	/**
	 * Connections made so far in this run, by everything they are made from: workflows that use one ISE connection
	 * get one shared object instead of an equal copy each (16 MB at 5,000 workflows). Never changed once made.
	 */
	madeConnections?: Map<string, ServiceProviderConnection | ManagedConnection>;
}
