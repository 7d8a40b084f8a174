// Every app setting name the generated project uses is made here, so a name written into connections.json, a
// workflow, local.settings.json and the infrastructure template is always the same string, and code that needs to
// recognise a kind of setting asks here instead of matching suffixes.

/** Letters, digits and `_` only, so a name also works as an environment variable on Linux. */
export function settingPrefix(name: string): string {
	return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `@appsetting('<name>')`: the only form in which a secret may appear in the project. */
export function appSettingRef(name: string): string {
	return `@appsetting('${name}')`;
}

/** The Azure-provided settings every project reads (also filled in by the infrastructure template). */
export const PLATFORM_SETTING = {
	subscriptionId: 'WORKFLOWS_SUBSCRIPTION_ID',
	resourceGroup: 'WORKFLOWS_RESOURCE_GROUP_NAME',
	location: 'WORKFLOWS_LOCATION_NAME',
	integrationAccountCallbackUrl: 'WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL',
} as const;

const MANAGED_RUNTIME_URL = 'connectionRuntimeUrl';
const MANAGED_KEY = 'connectionKey';

export const settingName = {
	/** One parameter of a built-in (service provider) connection. */
	builtinParameter: (connection: string, parameter: string) => `${settingPrefix(connection)}_${parameter}`,
	/** The runtime URL of a managed API connection (connections.json reads it). */
	managedRuntimeUrl: (connection: string) => `${settingPrefix(connection)}_${MANAGED_RUNTIME_URL}`,
	/** The connection key a managed connection uses in local runs. */
	managedKey: (connection: string) => `${settingPrefix(connection)}_${MANAGED_KEY}`,
	/** The base URL a custom connector's steps call now, directly or through API Management. */
	customBaseUrl: (api: string, via: 'http' | 'apim') => `${settingPrefix(api) || 'custom_api'}_${via === 'apim' ? 'apimBaseUrl' : 'baseUrl'}`,
	customApimKey: (api: string) => `${settingPrefix(api) || 'custom_api'}_apimSubscriptionKey`,
	/** A function connection's trigger URL and key. */
	functionTriggerUrl: (connection: string) => `${settingPrefix(connection)}_triggerUrl`,
	functionKey: (connection: string) => `${settingPrefix(connection)}_functionAppKey`,
	/** An API Management connection's base URL and subscription key. */
	apimBaseUrl: (connection: string) => `${settingPrefix(connection)}_baseUrl`,
	apimKey: (connection: string) => `${settingPrefix(connection)}_SubscriptionKey`,
	/** A secure workflow parameter's value. */
	secureParameter: (folder: string, parameter: string) => `${folder}_${parameter}`.replace(/[^\w]/g, '_'),
	/**
	 * A credential that was written into a workflow step (see convert/secrets.ts): `<folder>_<step>_<field>`, the long
	 * step name cut first, since its tail is the least telling part. Callers add `_2`, `_3` when a name is taken.
	 */
	credential: (folder: string, step: string, field: string) => `${settingPrefix(`${folder}_${step}`).slice(0, 68)}_${settingPrefix(field).slice(0, 31)}`,
	/** A template expression only Azure could evaluate, that read keys (listKeys(), listCallbackUrl()…): its value. */
	templateValue: (parameter: string) => settingPrefix(parameter),
	/** Whether a workflow runs (`Disabled` / `Enabled`): the setting the portal's Disable button writes [C]. */
	flowState: (folder: string) => `${FLOW_STATE_PREFIX}${folder}${FLOW_STATE_SUFFIX}`,
} as const;

const FLOW_STATE_PREFIX = 'Workflows.';
const FLOW_STATE_SUFFIX = '.FlowState';

/** The workflow folder a `Workflows.<folder>.FlowState` setting is for, or undefined for any other setting. */
export function flowStateFolder(name: string): string | undefined {
	return name.startsWith(FLOW_STATE_PREFIX) && name.endsWith(FLOW_STATE_SUFFIX) && name.length > FLOW_STATE_PREFIX.length + FLOW_STATE_SUFFIX.length
		? name.slice(FLOW_STATE_PREFIX.length, -FLOW_STATE_SUFFIX.length)
		: undefined;
}

/** Settings of managed connections, which the infrastructure template fills from the connection resources. */
export function isManagedConnectionSetting(name: string): boolean {
	return name.endsWith(`_${MANAGED_RUNTIME_URL}`) || name.endsWith(`_${MANAGED_KEY}`);
}
