import type {ApiRef, Certainty, WorkflowDefinition} from '../../model/index.js';

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
	notes: ConversionNote[];
	counts: ConversionCounts;
	/** App setting holding the subscription id in managed API/connection ids. */
	subscriptionIdSetting: string;
}

export interface ConvertContext {
	/** App setting name for the subscription id in managed ids; default WORKFLOWS_SUBSCRIPTION_ID. */
	subscriptionIdSetting?: string;
	/**
	 * connections.json names by connection identity, from planConnectionNames() over every workflow being
	 * converted. Without it a connection is named after its resource name alone, so two different connections
	 * with the same name (in other resource groups) would merge.
	 */
	connectionNames?: Record<string, string>;
}
