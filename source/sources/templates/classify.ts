// What kind of JSON document a file holds. Pure: takes the parsed value and the file name.
import {isRecord} from '../../model/text.js';

export type DocumentKind =
	/** ise-migrate's own snapshot (has `formatVersion`). */
	| 'snapshot'
	/** An ARM deployment template. */
	| 'template'
	/** An ARM template exported from a resource group (parameters like `workflows_x_name`). */
	| 'rg-export'
	/** An ARM deployment parameters file. */
	| 'parameters'
	/** ARM resources as the API returns them: one resource, an array, a `{value: [...]}` page, or a REST example. */
	| 'resources'
	/** A bare workflow definition (`{$schema: …workflowdefinition.json, triggers, actions}`). */
	| 'definition'
	/** The designer's code view: `{definition, parameters}`. */
	| 'code-view'
	/** Nothing this tool reads. */
	| 'other';

export interface Classification {
	kind: DocumentKind;
	/** Why the document is skipped (kind 'other' and 'snapshot'). */
	reason?: string;
	/** For 'resources': the resource objects found. */
	resources?: Record<string, unknown>[];
}

type Obj = Record<string, unknown>;

export const isObject = isRecord as (v: unknown) => v is Obj;


const SCHEMA_TEMPLATE = /deploymentTemplate\.json/i;
const SCHEMA_PARAMETERS = /deploymentParameters\.json/i;
const SCHEMA_DEFINITION = /workflowdefinition\.json/i;
const RG_EXPORT_PARAM = /^(workflows|connections|integrationServiceEnvironments|integrationAccounts)_.+_(name|externalid)$/i;

/** Resource types this tool builds an inventory from (lower case). */
export const RELEVANT_TYPES = [
	'microsoft.logic/workflows',
	'microsoft.web/connections',
	'microsoft.logic/integrationserviceenvironments',
	'microsoft.logic/integrationserviceenvironments/managedapis',
	'microsoft.logic/integrationaccounts',
	'microsoft.logic/integrationaccounts/maps',
	'microsoft.logic/integrationaccounts/schemas',
	'microsoft.logic/integrationaccounts/partners',
	'microsoft.logic/integrationaccounts/agreements',
	'microsoft.logic/galleries/templates',
	'microsoft.network/virtualnetworks',
	'microsoft.network/virtualnetworks/subnets',
	'microsoft.resources/deployments',
];

export function isRelevantType(type: string): boolean {
	return RELEVANT_TYPES.includes(type.toLowerCase());
}

function looksLikeResource(v: unknown): v is Obj {
	return isObject(v) && typeof v['type'] === 'string' && /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/./.test(v['type']) && (typeof v['id'] === 'string' || typeof v['name'] === 'string');
}

function looksLikeDefinition(v: unknown): v is Obj {
	if (!isObject(v)) return false;
	if (typeof v['$schema'] === 'string' && SCHEMA_DEFINITION.test(v['$schema'])) return true;
	const hasFlow = isObject(v['triggers']) || isObject(v['actions']);
	return hasFlow && ('contentVersion' in v || 'outputs' in v || 'parameters' in v);
}

/** Resource objects inside an API answer: a resource, an array, a list page, or a REST spec example. */
function resourcesIn(json: unknown): Obj[] {
	if (Array.isArray(json)) return json.filter(looksLikeResource);
	if (!isObject(json)) return [];
	if (Array.isArray(json['value'])) return json['value'].filter(looksLikeResource);
	if (isObject(json['responses'])) {
		// azure-rest-api-specs example files: the response body is the resource as Azure returns it.
		const codes = Object.keys(json['responses']).filter(c => /^2\d\d$/.test(c)).sort((a, b) => (a === '200' ? -1 : b === '200' ? 1 : a.localeCompare(b)));
		for (const code of codes) {
			const resp = json['responses'][code];
			const found = isObject(resp) ? resourcesIn(resp['body']) : [];
			if (found.length > 0) return found;
		}
		return [];
	}
	return looksLikeResource(json) ? [json] : [];
}

const STANDARD_DEFINITION: Classification = {
	kind: 'other',
	reason: 'Standard logic app workflow (it uses built-in service provider operations, which only Standard runs): already single-tenant, not an ISE workflow',
};

/**
 * A definition with a `ServiceProvider` step (a built-in connector operation) can only be a Standard workflow: the
 * ISE and Consumption have no such step type. Its connections live in a connections.json this file does not carry,
 * so migrating it as an ISE workflow could only fail.
 */
function standardOnly(definition: Obj): boolean {
	const stepsHaveIt = (steps: unknown): boolean =>
		isObject(steps) &&
		Object.values(steps).some((step) => {
			if (!isObject(step)) return false;
			if (typeof step['type'] === 'string' && step['type'].toLowerCase() === 'serviceprovider') return true;
			// Scopes, conditions, loops and switches nest their steps.
			const nested = [step['actions'], isObject(step['else']) ? step['else']['actions'] : undefined, isObject(step['default']) ? step['default']['actions'] : undefined];
			if (isObject(step['cases'])) for (const c of Object.values(step['cases'])) if (isObject(c)) nested.push(c['actions']);
			return nested.some(stepsHaveIt);
		});
	return stepsHaveIt(definition['triggers']) || stepsHaveIt(definition['actions']);
}

const READS_APP_SETTINGS: Classification = {
	kind: 'other',
	reason: 'Standard logic app workflow (it reads app settings with appsetting(), which only Standard has): already single-tenant, not an ISE workflow',
};

/** The expressions of a string: all of it after a leading `@`, or each `@{…}` inside text (`@@` is a literal @). */
function expressionsIn(text: string): string[] {
	if (text.startsWith('@') && !text.startsWith('@@')) return [text.slice(1)];
	return [...text.matchAll(/(?<!@)@\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** A call of appsetting() (a function only Standard's definitions have), outside the expression's string literals. */
const callsAppSetting = (expression: string) => /\bappsetting\s*\(/i.test(expression.replace(/'(?:[^']|'')*'/g, "''"));

/** Whether any expression of the definition reads an app setting (every string is looked at, however deep). */
function readsAppSettings(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('@') && expressionsIn(value).some(callsAppSetting);
	if (Array.isArray(value)) return value.some(readsAppSettings);
	return isObject(value) && Object.values(value).some(readsAppSettings);
}

/** Why a definition can only be a Standard workflow, or undefined when an ISE could have run it. */
function standardReason(definition: Obj): Classification | undefined {
	if (standardOnly(definition)) return STANDARD_DEFINITION;
	if (readsAppSettings(definition)) return READS_APP_SETTINGS;
	return undefined;
}

function topKeys(json: Obj): string {
	const keys = Object.keys(json).slice(0, 5);
	return keys.length === 0 ? 'an empty object' : `keys: ${keys.join(', ')}${Object.keys(json).length > 5 ? ', …' : ''}`;
}

export function classifyDocument(json: unknown, fileName: string): Classification {
	const base = fileName.split(/[\\/]/).pop() ?? fileName;
	if (isObject(json) && 'formatVersion' in json) {
		return {kind: 'snapshot', reason: 'ise-migrate snapshot: open it on its own (--from <file>), not inside a folder of templates'};
	}
	if (isObject(json)) {
		const schema = typeof json['$schema'] === 'string' ? json['$schema'] : '';
		if (SCHEMA_PARAMETERS.test(schema)) return {kind: 'parameters'};
		const resources = json['resources'];
		if (SCHEMA_TEMPLATE.test(schema) || ((Array.isArray(resources) || isObject(resources)) && ('contentVersion' in json || isObject(json['parameters'])))) {
			const params = isObject(json['parameters']) ? Object.keys(json['parameters']) : [];
			return {kind: params.some(p => RG_EXPORT_PARAM.test(p)) ? 'rg-export' : 'template'};
		}
		// Standard (single-tenant) project files: already in the target format, not ISE workflows.
		if ('definition' in json && typeof json['kind'] === 'string' && !('type' in json) && !('id' in json)) {
			return {kind: 'other', reason: `Standard logic app workflow (kind ${json['kind']}): already single-tenant, not an ISE workflow`};
		}
		if (['managedApiConnections', 'serviceProviderConnections', 'functionConnections', 'agentConnections'].some(k => k in json)) {
			return {kind: 'other', reason: 'Standard logic app connections.json: part of a single-tenant project, not an ISE workflow'};
		}
		if (typeof json['version'] === 'string' && ('extensionBundle' in json || 'logging' in json || 'extensions' in json)) {
			return {kind: 'other', reason: 'host.json of a Functions/Standard logic app project: no workflows in it'};
		}
		if ('IsEncrypted' in json || (isObject(json['Values']) && base.toLowerCase() === 'local.settings.json')) {
			return {kind: 'other', reason: 'local.settings.json of a Standard project: app settings, not workflows'};
		}
		const isParamsBody = (v: unknown) => isObject(v) && ('value' in v || isObject(v['reference']));
		if (isObject(json['parameters']) && !('definition' in json) && !('resources' in json) && Object.keys(json['parameters']).length > 0 && Object.values(json['parameters']).every(isParamsBody)) {
			return {kind: 'parameters'};
		}
		const values = Object.values(json);
		if (values.length > 0 && values.every(v => isObject(v) && 'type' in v && 'value' in v) && !('definition' in json)) {
			return {kind: 'other', reason: 'parameters.json of a Standard logic app project: no workflows in it'};
		}
		if (looksLikeDefinition(json)) return standardReason(json) ?? {kind: 'definition'};
		if (looksLikeDefinition(json['definition']) && !('type' in json) && !('id' in json)) return standardReason(json['definition']) ?? {kind: 'code-view'};
	}
	const resources = resourcesIn(json);
	if (resources.length > 0) {
		const relevant = resources.filter(r => isRelevantType(String(r['type'])) || looksLikeDefinition(r['definition']));
		if (relevant.length > 0) return {kind: 'resources', resources};
		const types = [...new Set(resources.map(r => String(r['type'])))].slice(0, 4).join(', ');
		return {kind: 'other', reason: `ARM resources of other types (${types}): no workflows, connections, ISE or integration accounts`};
	}
	if (Array.isArray(json)) return {kind: 'other', reason: 'a JSON array that holds no ARM resources'};
	if (isObject(json)) return {kind: 'other', reason: `JSON, but not an ARM template, parameters file, ARM resource or workflow definition (${topKeys(json)})`};
	return {kind: 'other', reason: 'JSON, but not an object'};
}
