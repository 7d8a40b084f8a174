// Credentials inside a workflow definition never reach the project: each literal becomes an @appsetting('…')
// reference, listed (empty) in local.settings.json, the report and the infrastructure template, with a note per
// place. Parameters a credential reads become app settings too (buildParameters treats them as secure).
import {replaceCredentials, type CredentialSite} from '../../analysis/credentials.js';
import type {WorkflowDefinition} from '../../model/index.js';
import {settingName} from '../app-settings.js';
import type {AppSettingSpec, ConversionNote} from './types.js';

export interface MovedCredentials {
	appSettings: AppSettingSpec[];
	notes: ConversionNote[];
	/** Definition parameters whose values are credentials. */
	secretParameters: string[];
	sites: CredentialSite[];
}

/** The app setting for one credential (settingName.credential), unique among `taken` (lower-case names). */
export function credentialSettingName(folder: string, operation: string, field: string, taken: Set<string>): string {
	const base = settingName.credential(folder, operation, field);
	let name = base;
	for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
	taken.add(name.toLowerCase());
	return name;
}

/**
 * Moves every literal credential of `definition` (changed in place) to an app setting named after the workflow
 * folder, the step and the field. `taken` holds the app setting names already used in the project.
 */
export function moveCredentials(definition: WorkflowDefinition, folder: string, taken: Set<string>): MovedCredentials {
	const scan = replaceCredentials(definition, (operation, field) => credentialSettingName(folder, operation, field, taken));
	const appSettings: AppSettingSpec[] = [];
	const notes: ConversionNote[] = [];
	for (const site of scan.sites) {
		for (const name of site.settings) {
			appSettings.push({
				name,
				description: `Credential of step '${site.operation}' in workflow ${folder} (${site.what}); a Key Vault reference in Azure`,
				secret: true,
			});
		}
		if (site.settings.length > 0) {
			notes.push({
				operation: site.operation,
				message: `the ${site.what} held a credential: the workflow now reads it from app setting ${site.settings.join(', ')}; nothing of the value was copied, so set it there (a Key Vault reference in Azure)`,
				certainty: 'C',
			});
		}
		if (site.parameters.length > 0) {
			notes.push({
				operation: site.operation,
				message: `the ${site.what} reads parameter ${site.parameters.map((p) => `'${p}'`).join(', ')}: its value is a credential, so parameters.json takes it from an app setting`,
				certainty: 'C',
			});
		}
	}
	return {appSettings, notes, secretParameters: scan.parameters, sites: scan.sites};
}
