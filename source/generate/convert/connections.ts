// connections.json for the Standard project (domain.md §3), merged over every converted workflow. A
// Microsoft.Web/connections resource used by several workflows becomes one entry under one name; so does an Azure
// function or an API Management API (by resource id) that several workflows call.
import type {AppSettingSpec, ConvertedWorkflow} from './types.js';
import {appSettingRef, PLATFORM_SETTING, settingName} from '../app-settings.js';


export interface ConnectionsJson {
	json: {
		serviceProviderConnections: Record<string, unknown>;
		managedApiConnections: Record<string, unknown>;
		/** Only when some Function action was converted. */
		functionConnections?: Record<string, unknown>;
		/** Only when some ApiManagement action was converted. */
		apiManagementConnections?: Record<string, unknown>;
	};
	appSettings: AppSettingSpec[];
	/**
	 * Names claimed by two different connections (or functions, or APIs): only the first is written, so the other's
	 * steps would use the wrong connection. Avoid them by converting with planConnectionNames().
	 */
	conflicts: string[];
}

export function buildConnectionsJson(converted: readonly ConvertedWorkflow[]): ConnectionsJson {
	const serviceProviderConnections: Record<string, unknown> = {};
	const managedApiConnections: Record<string, unknown> = {};
	const settings = new Map<string, AppSettingSpec>();
	const sources = new Map<string, string | undefined>();
	const conflicts = new Set<string>();
	/** true when `name` is new; records a clash when it was taken by another connection. */
	const claim = (section: string, name: string, source: string | undefined, same: boolean): boolean => {
		const key = `${section}:${name}`;
		if (!sources.has(key)) {
			sources.set(key, source);
			return true;
		}
		if (!same || (source !== undefined && sources.get(key) !== undefined && sources.get(key) !== source)) conflicts.add(name);
		return false;
	};
	const addSettings = (list: readonly AppSettingSpec[]) => {
		for (const s of list) if (!settings.has(s.name)) settings.set(s.name, s);
	};

	for (const wf of converted) {
		for (const [name, c] of Object.entries(wf.serviceProviderConnections)) {
			const existing = serviceProviderConnections[name] as {serviceProvider?: {id?: string}} | undefined;
			if (!claim('sp', name, c.source, !existing || existing.serviceProvider?.id === c.serviceProviderId)) continue;
			serviceProviderConnections[name] = {
				parameterValues: c.parameterValues,
				...(c.parameterSetName ? {parameterSetName: c.parameterSetName} : {}),
				serviceProvider: {id: c.serviceProviderId},
				displayName: c.displayName,
			};
			addSettings(c.appSettings);
		}
		const sub = appSettingRef(wf.subscriptionIdSetting);
		const rg = appSettingRef(PLATFORM_SETTING.resourceGroup);
		for (const [name, c] of Object.entries(wf.managedConnections)) {
			if (!claim('managed', name, c.source, true)) continue;
			const apiId =
				c.apiKind === 'custom'
					? `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Web/customApis/${c.api}`
					: `/subscriptions/${sub}/providers/Microsoft.Web/locations/${appSettingRef(PLATFORM_SETTING.location)}/managedApis/${c.api}`;
			managedApiConnections[name] = {
				api: {id: apiId},
				connection: {id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Web/connections/${c.connectionName}`},
				connectionRuntimeUrl: appSettingRef(settingName.managedRuntimeUrl(name)),
				authentication: {type: 'ManagedServiceIdentity'},
				// How the connection reaches its target, when that is a managed identity as in the ISE (Learn: the second
				// authentication section; the first is the app's own, for the token store).
				...(c.managedIdentity
					? {
							connectionProperties: {
								authentication: {
									...(c.managedIdentity.audience ? {audience: c.managedIdentity.audience} : {}),
									type: 'ManagedServiceIdentity',
									...(c.managedIdentity.identity ? {identity: c.managedIdentity.identity} : {}),
								},
							},
						}
					: {}),
			};
			addSettings(c.appSettings);
			addSettings([
				{name: wf.subscriptionIdSetting, description: 'Subscription of the managed API connections', secret: false},
				{name: PLATFORM_SETTING.resourceGroup, description: 'Resource group of the managed API connections', secret: false},
				{name: PLATFORM_SETTING.location, description: 'Azure region of the logic app (managed API ids are per region)', secret: false},
			]);
		}
	}
	// The designer lists every section's keys in one map, so a key may be used by one section only.
	const otherSections = (name: string) => name in serviceProviderConnections || name in managedApiConnections;
	const functionConnections: Record<string, unknown> = {};
	const apiManagementConnections: Record<string, unknown> = {};
	for (const wf of converted) {
		for (const [name, c] of Object.entries(wf.functionConnections ?? {})) {
			const existing = functionConnections[name] as {function: {id: string}} | undefined;
			if (otherSections(name)) conflicts.add(name);
			if (!claim('function', name, c.id.toLowerCase(), !existing || existing.function.id.toLowerCase() === c.id.toLowerCase())) continue;
			functionConnections[name] = {
				function: {id: c.id},
				triggerUrl: appSettingRef(c.triggerUrlSetting),
				// Key as the `code` query parameter, the form the designer writes (Learn: connections.json).
				authentication: {type: 'QueryString', name: 'Code', value: appSettingRef(c.keySetting)},
				displayName: c.displayName,
			};
		}
		for (const [name, c] of Object.entries(wf.apiManagementConnections ?? {})) {
			const existing = apiManagementConnections[name] as {apiId: string} | undefined;
			if (otherSections(name) || name in functionConnections) conflicts.add(name);
			if (!claim('apim', name, c.id.toLowerCase(), !existing || existing.apiId.toLowerCase() === c.id.toLowerCase())) continue;
			apiManagementConnections[name] = {
				apiId: c.id,
				baseUrl: appSettingRef(c.baseUrlSetting),
				subscriptionKey: appSettingRef(c.keySetting),
				displayName: c.displayName,
			};
		}
		addSettings(wf.actionAppSettings ?? []);
	}
	return {
		json: {
			serviceProviderConnections,
			managedApiConnections,
			...(Object.keys(functionConnections).length > 0 ? {functionConnections} : {}),
			...(Object.keys(apiManagementConnections).length > 0 ? {apiManagementConnections} : {}),
		},
		appSettings: [...settings.values()].sort((a, b) => a.name.localeCompare(b.name)),
		conflicts: [...conflicts].sort(),
	};
}
