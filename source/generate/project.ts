// The fixed files of a Standard logic app project (domain.md §3).
import {PLATFORM_SETTING} from './app-settings.js';

export const HOST_JSON = {
	version: '2.0',
	extensionBundle: {
		id: 'Microsoft.Azure.Functions.ExtensionBundle.Workflows',
		version: '[1.*, 2.0.0)',
	},
};

export const FUNCIGNORE = [
	'.debug',
	'.git*',
	'.vscode',
	'__azurite_db*__.json',
	'__blobstorage__',
	'__queuestorage__',
	'local.settings.json',
	'test',
	'workflow-designtime/',
	'migration/',
	'infra/',
	'.ise-migrate.json',
	'.ise-migrate.journal',
	'.ise-migrate.lock',
];

export const GITIGNORE = [
	'# Local settings hold connection details and secrets: never commit them.',
	'local.settings.json',
	'__blobstorage__',
	'__queuestorage__',
	'__azurite_db*__.json',
	'.debug',
	'workflow-designtime/',
];

export interface AppSetting {
	name: string;
	description: string;
	secret: boolean;
	/** A value known from the ISE (never for a secret setting): written into local.settings.json and the template. */
	value?: string;
}

/**
 * local.settings.json: runs the project locally against Azurite. Every app setting the project references is
 * listed with an empty value for the admin to fill; no value from the ISE is ever copied here.
 */
export function localSettings(settings: readonly AppSetting[], ctx: {subscriptionId: string; resourceGroup: string; location: string}) {
	const values: Record<string, string> = {
		AzureWebJobsStorage: 'UseDevelopmentStorage=true',
		APP_KIND: 'workflowapp',
		FUNCTIONS_WORKER_RUNTIME: 'dotnet',
		[PLATFORM_SETTING.subscriptionId]: ctx.subscriptionId,
		[PLATFORM_SETTING.resourceGroup]: ctx.resourceGroup,
		[PLATFORM_SETTING.location]: ctx.location,
	};
	for (const s of settings) values[s.name] ??= s.secret ? '' : (s.value ?? '');
	return {IsEncrypted: false, Values: values};
}

export const VSCODE_SETTINGS = {
	'azureLogicAppsStandard.projectLanguage': 'JavaScript',
	'azureLogicAppsStandard.projectRuntime': '~4',
	'debug.internalConsoleOptions': 'neverOpen',
	'azureFunctions.suppressProject': true,
};

export const VSCODE_EXTENSIONS = {recommendations: ['ms-azuretools.vscode-azurelogicapps']};
