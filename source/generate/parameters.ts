// Workflow definition parameters → the app-level parameters.json of a Standard project.
// Standard has no securestring/secureobject (domain.md §7): secure values become @appsetting references.
import type {Workflow, WorkflowDefinition} from '../model/index.js';
import type {AppSetting} from './project.js';
import {holdsCredential} from '../analysis/credentials.js';
import {isRecord} from '../analysis/walk.js';
import {jsonStrings, parameterReads} from '../model/parameter-ref.js';
import {groupBy} from '../model/text.js';
import {appSettingRef, settingName} from './app-settings.js';
import {liftLeftovers, withoutLeftovers, type Leftover} from './template-leftovers.js';

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
	/** Stands for a template expression that read keys at deployment (listKeys()…). */
	keys?: boolean;
	value: unknown;
}

export interface ParameterSource {
	workflow: Workflow;
	folder: string;
	definition: WorkflowDefinition;
	/** Parameters whose values are credentials (see moveCredentials): app settings whatever their type. */
	secretParameters?: readonly string[];
}

/** An app parameter (or the app setting behind a secure one) whose value the source did not give: the admin fills it in. */
export interface ParameterToFill {
	workflow: string;
	name: string;
	/** Why it is empty, for the report. */
	why: string;
	/** The app setting that holds it when it is secret. */
	setting?: string;
}

export interface ParametersResult {
	parameters: Record<string, {type: string; value: unknown}>;
	/** Per workflow folder: the definition with its parameter block removed and references renamed. */
	definitions: Map<string, WorkflowDefinition>;
	appSettings: AppSetting[];
	/** Parameters renamed because two workflows gave the same name different values. */
	renamed: {workflow: string; from: string; to: string}[];
	/** App parameters written empty because nothing said their value (template parameters, deploy-time expressions…). */
	toFill: ParameterToFill[];
	/** Per workflow folder: the template expressions that became app parameters. */
	leftovers: Map<string, Leftover[]>;
}


function renameReferences(definition: WorkflowDefinition, from: string, to: string): WorkflowDefinition {
	const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const text = JSON.stringify(definition).replace(new RegExp(`parameters\\('${escaped}'\\)`, 'g'), `parameters('${to}')`);
	return JSON.parse(text) as WorkflowDefinition;
}

function emptyValue(type: string): unknown {
	return type === 'Object' ? {} : type === 'Array' ? [] : '';
}

/**
 * Parameters the definition reads but does not declare: a template written by hand can hold that, although Logic Apps
 * refuses it. Each is declared for the admin to fill, never guessed. A read that differs from a declared name only in
 * case is left alone (two names the runtime may take for one): the project's check names it.
 */
function undeclaredReads(definition: unknown, declared: Record<string, unknown>, lifted: readonly Leftover[]): string[] {
	const known = new Set([...Object.keys(declared), ...lifted.map((l) => l.name), '$connections'].map((n) => n.toLowerCase()));
	const found = new Map<string, string>();
	for (const text of jsonStrings(definition)) {
		for (const name of parameterReads(text)) if (!known.has(name.toLowerCase()) && !found.has(name.toLowerCase())) found.set(name.toLowerCase(), name);
	}
	return [...found.values()];
}

function description(decl: Record<string, unknown>): string | undefined {
	return isRecord(decl.metadata) && typeof decl.metadata.description === 'string' ? decl.metadata.description : undefined;
}

export function buildParameters(items: readonly ParameterSource[]): ParametersResult {
	const candidates: Candidate[] = [];
	const definitions = new Map<string, WorkflowDefinition>();
	const leftovers = new Map<string, Leftover[]>();
	const toFill: ParameterToFill[] = [];
	const taken = new Set(items.flatMap((i) => (isRecord(i.definition.parameters) ? Object.keys(i.definition.parameters) : [])).map((n) => n.toLowerCase()));
	for (const {workflow, folder, definition, secretParameters = []} of items) {
		const declared = isRecord(definition.parameters) ? definition.parameters : {};
		for (const [param, decl] of Object.entries(declared)) {
			if (param === '$connections' || !isRecord(decl)) continue;
			const rawType = String(decl.type ?? 'String').toLowerCase();
			const given = workflow.parameters[param]?.value ?? decl.defaultValue;
			// Read by a credential, or holding one (a signed URL, a connection string with a key): never copied.
			const credential = !rawType.startsWith('secure') && (secretParameters.includes(param) || holdsCredential(given));
			const secure = rawType.startsWith('secure') || credential;
			// A value that is (or holds) a template expression is not known: never written as it is.
			const {value, emptied} = withoutLeftovers(given);
			if (!secure && (value === undefined || emptied > 0)) {
				toFill.push({
					workflow: workflow.name,
					name: param,
					why:
						emptied > 0
							? `its value in the source was a template expression nobody evaluated (${String(JSON.stringify(given)).slice(0, 80)})`
							: (description(decl) ?? 'the source gives it no value'),
				});
			}
			candidates.push({workflow: workflow.name, folder, param, type: TYPE_MAP[rawType] ?? 'String', secure, credential, value});
		}
		const {parameters: _dropped, ...rest} = definition;
		const lifted = liftLeftovers(rest, folder, taken);
		definitions.set(folder, lifted.definition as WorkflowDefinition);
		leftovers.set(folder, lifted.leftovers);
		for (const param of undeclaredReads(lifted.definition, declared, lifted.leftovers)) {
			candidates.push({workflow: workflow.name, folder, param, type: 'String', secure: false, credential: false, value: undefined});
			toFill.push({
				workflow: workflow.name,
				name: param,
				why: 'the source definition reads it without declaring it, which Logic Apps refuses: the source differs from what ran in the ISE, so take its value (and type: String is assumed) from the deployed workflow',
			});
		}
		for (const left of lifted.leftovers) {
			if (left.name in declared) continue;
			candidates.push({
				workflow: workflow.name,
				folder,
				param: left.name,
				type: 'String',
				secure: left.secret,
				credential: false,
				keys: left.secret,
				value: undefined,
			});
			if (!left.secret) {
				toFill.push({
					workflow: workflow.name,
					name: left.name,
					why: left.templateParameter
						? `template parameter '${left.name}', which the source gives no value`
						: `step ${left.step} used the template expression ${left.expression.slice(0, 120)}, which the files do not give enough to evaluate`,
				});
			}
		}
	}

	// Grouped in one pass: copying the group for every candidate was quadratic when thousands of workflows share a name.
	const byName = groupBy(candidates, (c) => c.param);
	// What each workflow leaves to fill, by parameter name: a rename finds its entries without scanning them all.
	const toFillOf = groupBy(toFill, (f) => `${f.workflow}\u0000${f.name}`);

	const parameters: ParametersResult['parameters'] = {};
	const appSettings: AppSetting[] = [];
	const renamed: ParametersResult['renamed'] = [];
	for (const [name, group] of byName) {
		const firstValue = JSON.stringify(group[0]!.value);
		const same = group.every(
			(c) => !c.secure && c.type === group[0]!.type && JSON.stringify(c.value) === firstValue,
		);
		for (const c of group) {
			const finalName = same || group.length === 1 ? name : `${c.folder}_${name}`;
			if (finalName !== name) {
				definitions.set(c.folder, renameReferences(definitions.get(c.folder)!, name, finalName));
				renamed.push({workflow: c.workflow, from: name, to: finalName});
				for (const f of toFillOf.get(`${c.workflow}\u0000${name}`) ?? []) f.name = finalName;
			}
			if (parameters[finalName]) continue;
			if (c.secure) {
				// A leftover's name already carries its workflow folder.
				const setting = c.keys ? settingName.templateValue(c.param) : settingName.secureParameter(c.folder, c.param);
				appSettings.push({
					name: setting,
					description: c.credential
						? `Parameter '${c.param}' of workflow '${c.workflow}', whose value is or holds a credential; use a Key Vault reference in Azure`
						: c.keys
							? `Value of parameter '${c.param}' of workflow '${c.workflow}', read from keys at deployment in the ISE; use a Key Vault reference in Azure`
							: `Secure parameter '${c.param}' of workflow '${c.workflow}' (was ${c.type === 'Object' ? 'secureobject' : 'securestring'}); use a Key Vault reference in Azure`,
					secret: true,
				});
				parameters[finalName] = {type: c.type, value: appSettingRef(setting)};
			} else {
				parameters[finalName] = {type: c.type, value: c.value ?? emptyValue(c.type)};
			}
		}
	}
	return {parameters, definitions, appSettings, renamed, toFill, leftovers};
}
