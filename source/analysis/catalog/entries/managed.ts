// Multi-tenant connectors commonly used next to ISE connectors. They have no built-in version: Standard keeps
// using them as managed API connections (with an access policy for the app's identity).
import type {CatalogEntry} from '../types.js';

function managed(api: string, displayName: string, aliases: string[] = [], webhook?: string): CatalogEntry {
	return {
		api,
		aliases,
		displayName,
		target: 'managed',
		certainty: 'C',
		...(webhook ? {webhookTrigger: {needsPublicInbound: true, note: webhook}} : {}),
		operations: [],
	};
}

export const managedOnly: CatalogEntry[] = [
	managed('office365', 'Office 365 Outlook', ['outlook'], 'Office 365 webhook triggers (e.g. When a new email arrives) call back into the app from the internet'),
	managed('office365users', 'Office 365 Users'),
	managed('sharepointonline', 'SharePoint', [], 'some SharePoint triggers use webhooks that call back into the app from the internet'),
	managed('teams', 'Microsoft Teams', [], 'Teams webhook triggers call back into the app from the internet'),
	managed('dynamicscrmonline', 'Dynamics 365', [], 'Dynamics webhook triggers call back into the app from the internet'),
	managed('commondataservice', 'Microsoft Dataverse', ['commondataserviceforapps'], 'Dataverse triggers are webhooks that call back into the app from the internet'),
	managed('salesforce', 'Salesforce'),
	managed('azuredatafactory', 'Azure Data Factory'),
	managed('visualstudioteamservices', 'Azure DevOps', [], 'Azure DevOps triggers are webhooks that call back into the app from the internet'),
	managed('azureloganalyticsdatacollector', 'Azure Log Analytics Data Collector'),
	managed('azuread', 'Azure AD'),
	managed('onedriveforbusiness', 'OneDrive for Business'),
	managed('twitter', 'Twitter'),
];
