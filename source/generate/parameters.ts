// Workflow definition parameters → the app-level parameters.json of a Standard project.
// Standard has no securestring/secureobject (domain.md §7): secure values become @appsetting references.
import type {Workflow, WorkflowDefinition} from '../model/index.js';
import type {AppSetting} from './project.js';
import {isRecord} from '../analysis/walk.js';
import {appSettingRef, settingName} from './app-settings.js';

const TYPE_MAP: Record<string, string> = {
	string: 'String',
	securestring: 'String',
	int: 'Int',
	integer: 'Int',
	float: 'Float',
	bool: 'Bool',
	boolean: 'Bool',
	array: 'Array',
	object: 'Object',
	secureobject: 'Object',
};

interface Candidate {
	workflow: string;
	folder: string;
	param: string;
	type: string;
	secure: boolean;
	/** Not declared secure, but a credential of the definition reads it. */
	credential: boolean;
	value: unknown;
}

export interface ParameterSource {
	workflow: Workflow;
	folder: string;
	definition: WorkflowDefinition;
	/** Parameters whose values are credentials (see moveCredentials): app settings whatever their type. */
	secretParameters?: readonly string[];
}

export interface ParametersResult {
	parameters: Record<string, {type: string; value: unknown}>;
	/** Per workflow folder: the definition with its parameter block removed and references renamed. */
	definitions: Map<string, WorkflowDefinition>;
	appSettings: AppSetting[];
	/** Parameters renamed because two workflows gave the same name different values. */
	renamed: {workflow: string; from: string; to: string}[];
	/** ARM template parameters the source files gave no value: now app parameters with an empty value to fill. */
	fromTemplate: {workflow: string; name: string}[];
}

// A whole string that is an unresolved ARM `[parameters('x')]` (kept verbatim by the template loader when the
// files gave no value). Left as is it is not a valid workflow expression.
const ARM_PARAMETER = /^\[parameters\('([^']+)'\)\]$/;

function liftTemplateParameters(value: unknown, found: Set<string>): unknown {
	if (typeof value === 'string') {
		const m = ARM_PARAMETER.exec(value);
		if (!m) return value;
		found.add(m[1]!);
		return `@parameters('${m[1]}')`;
	}
	if (Array.isArray(value)) return value.map((v) => liftTemplateParameters(v, found));
	if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, liftTemplateParameters(v, found)]));
	return value;
}


function renameReferences(definition: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
	const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const text = JSON.stringify(definition).replace(new RegExp(`parameters\\('${escaped}'\\)`, 'g'), `parameters('${to}')`);
	return JSON.parse(text) as WorkflowDefinition;
}

export function buildParameters(items: readonly ParameterSource[]): ParametersResult {
	const candidates: Candidate[] = [];
	const definitions = new Map<string, WorkflowDefinition>();
	const lifted: ParametersResult['fromTemplate'] = [];
	for (const {workflow, folder, definition, secretParameters = []} of items) {
		const declared = isRecord(definition.parameters) ? definition.parameters : {};
		for (const [param, decl] of Object.entries(declared)) {
			if (param === '$connections' || !isRecord(decl)) continue;
			const rawType = String(decl.type ?? 'String').toLowerCase();
			const credential = !rawType.startsWith('secure') && secretParameters.includes(param);
			const secure = rawType.startsWith('secure') || credential;
			const value = workflow.parameters[param]?.value ?? decl.defaultValue;
			candidates.push({workflow: workflow.name, folder, param, type: TYPE_MAP[rawType] ?? 'String', secure, credential, value});
		}
		const {parameters: _dropped, ...rest} = definition;
		const found = new Set<string>();
		definitions.set(folder, liftTemplateParameters(rest, found) as WorkflowDefinition);
		for (const name of found) if (!(name in declared)) lifted.push({workflow: workflow.name, name});
	}

	const byName = new Map<string, Candidate[]>();
	for (const c of candidates) byName.set(c.param, [...(byName.get(c.param) ?? []), c]);

	const parameters: ParametersResult['parameters'] = {};
	const appSettings: AppSetting[] = [];
	const renamed: ParametersResult['renamed'] = [];
	for (const [name, group] of byName) {
		const same = group.every(
			(c) => !c.secure && c.type === group[0]!.type && JSON.stringify(c.value) === JSON.stringify(group[0]!.value),
		);
		for (const c of group) {
			const finalName = same || group.length === 1 ? name : `${c.folder}_${name}`;
			if (finalName !== name) {
				definitions.set(c.folder, renameReferences(definitions.get(c.folder)!, name, finalName));
				renamed.push({workflow: c.workflow, from: name, to: finalName});
			}
			if (parameters[finalName]) continue;
			if (c.secure) {
				const setting = settingName.secureParameter(c.folder, c.param);
				appSettings.push({
					name: setting,
					description: c.credential
						? `Parameter '${c.param}' of workflow '${c.workflow}', which a credential reads; use a Key Vault reference in Azure`
						: `Secure parameter '${c.param}' of workflow '${c.workflow}' (was ${c.type === 'Object' ? 'secureobject' : 'securestring'}); use a Key Vault reference in Azure`,
					secret: true,
				});
				parameters[finalName] = {type: c.type, value: appSettingRef(setting)};
			} else {
				parameters[finalName] = {type: c.type, value: c.value ?? (c.type === 'Object' ? {} : c.type === 'Array' ? [] : '')};
			}
		}
	}
	for (const {name} of lifted) parameters[name] ??= {type: 'String', value: ''};
	return {parameters, definitions, appSettings, renamed, fromTemplate: lifted};
}
