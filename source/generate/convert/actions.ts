// Consumption `Function` and `ApiManagement` actions name their target by ARM id inside the action. Standard keeps
// both action types but moves the target into connections.json and points at it by name:
//   Function:      inputs.function.connectionName → functionConnections.<name> = {function:{id}, triggerUrl,
//                  authentication:{type:'QueryString', name:'Code', value}, displayName}
//   ApiManagement: inputs.apiManagement.connection → apiManagementConnections.<name> = {apiId, baseUrl,
//                  subscriptionKey, displayName}
// Shapes: LogicAppsUX's serializer (serializeHost) and connection models, and the Learn page on connections.json
// for the function entry [S]. Keys nobody confirmed for Standard (an action-level `authentication`) are not
// guessed: such an action stays as it was and a note says why.
import {safeKey} from '../../model/text.js';
import {isRecord, walkOperations, type OperationVisit} from '../../analysis/walk.js';
import type {Certainty, WorkflowDefinition} from '../../model/index.js';
import type {ApiManagementConnection, AppSettingSpec, ConversionNote, FunctionConnection} from './types.js';
import {appSettingRef, settingName} from '../app-settings.js';

export interface ActionRewrite {
	functionConnections: Record<string, FunctionConnection>;
	apiManagementConnections: Record<string, ApiManagementConnection>;
	/** Names only; the values are filled in by the admin (secrets as Key Vault references). */
	appSettings: AppSettingSpec[];
	notes: ConversionNote[];
	/** Actions rewritten to their Standard form, and those left as they were (see the notes). */
	counts: {converted: number; kept: number};
}

const FUNCTION_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/sites\/([^/]+)\/functions\/([^/]+)\/?$/i;
const APIM_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^/]+)\/apis\/([^/]+)\/?$/i;

// Inputs the Standard action carries over unchanged. Anything else on the Consumption action is a key whose
// Standard meaning is unconfirmed, so the action is kept rather than half-converted.
const FUNCTION_INPUTS = new Set(['function', 'method', 'body', 'headers', 'queries', 'retryPolicy']);
const APIM_INPUTS = new Set(['api', 'method', 'pathTemplate', 'headers', 'queries', 'body', 'subscriptionKey', 'retryPolicy']);

// Where a key can also hide in the request itself; the connection supplies it in Standard.
const FUNCTION_KEY_CARRIERS = {headers: ['x-functions-key'], queries: ['code']};
const APIM_KEY_CARRIERS = {headers: ['ocp-apim-subscription-key'], queries: ['subscription-key']};



const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('@') && !v.startsWith('@@');

/** A short, non-secret description of where an expression took its value from (never the value itself). */
function sourceOf(expr: string): string {
	const m = /^@\{?\s*(parameters|appsetting)\(\s*'([^']+)'\s*\)\s*\}?$/i.exec(expr.trim());
	return m ? `${m[1]}('${m[2]}')` : 'an expression';
}

interface Target {
	kind: 'function' | 'apim';
	id: string;
	resourceGroup: string;
	/** Function app or API Management service. */
	host: string;
	/** Function or API. */
	item: string;
}

function targetOf(kind: Target['kind'], id: unknown): Target | undefined {
	if (typeof id !== 'string') return undefined;
	const m = (kind === 'function' ? FUNCTION_ID : APIM_ID).exec(id.trim());
	if (!m) return undefined;
	return {kind, id: id.trim(), resourceGroup: m[2]!, host: m[3]!, item: m[4]!};
}

class ActionRewriter {
	readonly out: ActionRewrite = {functionConnections: {}, apiManagementConnections: {}, appSettings: [], notes: [], counts: {converted: 0, kept: 0}};
	private readonly settings = new Set<string>();

	note(operation: string, message: string, certainty: Certainty): void {
		this.out.notes.push({operation, message, certainty});
	}

	private setting(name: string, description: string, secret: boolean): string {
		if (!this.settings.has(name)) {
			this.settings.add(name);
			this.out.appSettings.push({name, description, secret});
		}
		return name;
	}

	/**
	 * The connections.json name of a target: readable and derived from the id alone, so every workflow names the
	 * same function or API alike and buildConnectionsJson can merge them. A different target with the same
	 * app/function (or service/API) name in this workflow gets its resource group appended.
	 */
	private nameFor(t: Target): string {
		const section: Record<string, {id: string}> = t.kind === 'function' ? this.out.functionConnections : this.out.apiManagementConnections;
		const base = safeKey(`${t.host}-${t.item}`) || (t.kind === 'function' ? 'function' : 'api');
		for (const candidate of [base, safeKey(`${base}-${t.resourceGroup}`)]) {
			const taken = section[candidate];
			if (!taken || taken.id.toLowerCase() === t.id.toLowerCase()) return candidate;
		}
		for (let i = 2; ; i++) {
			const candidate = `${base}-${i}`;
			const taken = section[candidate];
			if (!taken || taken.id.toLowerCase() === t.id.toLowerCase()) return candidate;
		}
	}

	private functionConnection(t: Target): string {
		const name = this.nameFor(t);
		if (!this.out.functionConnections[name]) {
			this.out.functionConnections[name] = {
				id: t.id,
				displayName: `${t.host}/${t.item}`,
				triggerUrlSetting: this.setting(
					settingName.functionTriggerUrl(name),
					`Trigger URL of Azure function ${t.host}/${t.item}, without the key (usually https://${t.host}.azurewebsites.net/api/${t.item}; check the function's route)`,
					false,
				),
				keySetting: this.setting(settingName.functionKey(name), `Function key for ${t.host}/${t.item}, sent as the code query parameter (a Key Vault reference)`, true),
			};
		}
		return name;
	}

	private apimConnection(t: Target): string {
		const name = this.nameFor(t);
		if (!this.out.apiManagementConnections[name]) {
			this.out.apiManagementConnections[name] = {
				id: t.id,
				displayName: `${t.host}/${t.item}`,
				baseUrlSetting: this.setting(
					settingName.apimBaseUrl(name),
					`Base URL of API '${t.item}' in API Management service ${t.host} (https://${t.host}.azure-api.net/<API URL suffix>, or the gateway host name the ISE used)`,
					false,
				),
				keySetting: this.subscriptionKeySetting(name, t),
			};
		}
		return name;
	}

	private subscriptionKeySetting(name: string, t: Target): string {
		return this.setting(
			settingName.apimKey(name),
			`API Management subscription key for API '${t.item}' of ${t.host} (a Key Vault reference)`,
			true,
		);
	}

	run(definition: WorkflowDefinition): ActionRewrite {
		const visits = [...walkOperations(definition)].filter((v) => typeof v.op.type === 'string' && /^(function|apimanagement)$/i.test(v.op.type));
		for (const v of visits) {
			if (/^function$/i.test(String(v.op.type))) this.convertFunction(v);
			else this.convertApim(v);
		}
		return this.out;
	}

	private keep(v: OperationVisit, why: string, certainty: Certainty): void {
		this.out.counts.kept++;
		this.note(v.name, `kept as it was: ${why}`, certainty);
	}

	private convertFunction(v: OperationVisit): void {
		const inputs = isRecord(v.op.inputs) ? v.op.inputs : undefined;
		const t = inputs && isRecord(inputs.function) ? targetOf('function', inputs.function.id) : undefined;
		if (!inputs || !t) {
			this.keep(v, 'its function id is not a resource id of an Azure function (/subscriptions/…/Microsoft.Web/sites/<app>/functions/<name>); point it at a function connection by hand', 'U');
			if (inputs) this.scrubKept(v, inputs, 'function', undefined);
			return;
		}
		if (inputs.authentication !== undefined) {
			this.keep(
				v,
				'it authenticates to the function itself (authentication input); Standard workflows cannot call Azure Functions with a managed identity, so replace it with an HTTP action that does',
				'C',
			);
			this.scrubKept(v, inputs, 'function', t);
			return;
		}
		const unknown = Object.keys(inputs).filter((k) => !FUNCTION_INPUTS.has(k));
		if (unknown.length > 0) {
			this.keep(v, `its inputs ${unknown.join(', ')} have no confirmed Standard equivalent on a Function action; wire it to a function connection by hand`, 'U');
			this.scrubKept(v, inputs, 'function', t);
			return;
		}
		const name = this.functionConnection(t);
		this.scrubCarriers(v, inputs, FUNCTION_KEY_CARRIERS, 'function key', undefined);
		const {function: _f, ...rest} = inputs;
		v.op.inputs = {function: {connectionName: name}, ...rest};
		this.out.counts.converted++;
		const fc = this.out.functionConnections[name]!;
		this.note(
			v.name,
			`now calls Azure function ${t.host}/${t.item} through function connection '${name}': set app settings ${fc.triggerUrlSetting} and ${fc.keySetting}, and let the Standard app reach the function app from its VNet`,
			'S',
		);
	}

	private convertApim(v: OperationVisit): void {
		const inputs = isRecord(v.op.inputs) ? v.op.inputs : undefined;
		const t = inputs && isRecord(inputs.api) ? targetOf('apim', inputs.api.id) : undefined;
		if (v.isTrigger) {
			this.keep(v, 'API Management triggers have no confirmed Standard form; replace it with a Request or Recurrence trigger', 'U');
			if (inputs) this.scrubKept(v, inputs, 'apim', t);
			return;
		}
		if (!inputs || !t) {
			this.keep(v, 'its API id is not a resource id of an API Management API (/subscriptions/…/Microsoft.ApiManagement/service/<service>/apis/<api>); point it at an API Management connection by hand', 'U');
			if (inputs) this.scrubKept(v, inputs, 'apim', undefined);
			return;
		}
		const unknown = Object.keys(inputs).filter((k) => !APIM_INPUTS.has(k));
		if (unknown.length > 0) {
			const why =
				inputs.authentication !== undefined
					? 'it authenticates to the backend itself (authentication input), which has no confirmed place on a Standard API Management action or connection; rebuild it as an HTTP action or wire it by hand'
					: `its inputs ${unknown.join(', ')} have no confirmed Standard equivalent on an API Management action; wire it to an API Management connection by hand`;
			this.keep(v, why, 'U');
			this.scrubKept(v, inputs, 'apim', t);
			return;
		}
		const name = this.apimConnection(t);
		const ac = this.out.apiManagementConnections[name]!;
		this.describeMovedKey(v, inputs.subscriptionKey, ac.keySetting);
		this.scrubCarriers(v, inputs, APIM_KEY_CARRIERS, 'subscription key', undefined);
		const {api: _a, subscriptionKey: _k, ...rest} = inputs;
		v.op.inputs = {apiManagement: {connection: name}, ...rest};
		this.out.counts.converted++;
		this.note(
			v.name,
			`now calls API '${t.item}' of API Management ${t.host} through API Management connection '${name}': set app settings ${ac.baseUrlSetting} and ${ac.keySetting}, and let the Standard app reach API Management from its VNet`,
			'S',
		);
		this.note(
			v.name,
			'the Consumption action does not record the API Management operation id the Standard designer lists operations by; the runtime call uses method and path template, but the designer may ask for the operation again',
			'U',
		);
	}

	/** The subscription key moves to the connection; a literal one is never copied anywhere. */
	private describeMovedKey(v: OperationVisit, key: unknown, setting: string): void {
		if (key === undefined) {
			this.note(v.name, `it sent no subscription key; if the API needs none, leave ${setting} empty or give the product an open subscription`, 'U');
		} else if (isExpression(key)) {
			this.note(v.name, `its subscription key came from ${sourceOf(key)}; the connection now reads app setting ${setting}: give it the same value`, 'S');
		} else {
			this.note(v.name, `it carried a literal subscription key: removed from the workflow; put the key in app setting ${setting} (a Key Vault reference)`, 'C');
		}
	}

	/** The app setting a kept action's literal key moves to: its would-be connection's, else one named after the action. */
	private keptKeySetting(v: OperationVisit, kind: Target['kind'], t: Target | undefined): string {
		if (t && kind === 'apim') return this.subscriptionKeySetting(this.nameFor(t), t);
		const base = t ? this.nameFor(t) : safeKey(v.name) || kind;
		return kind === 'apim'
			? this.setting(settingName.apimKey(base), `API Management subscription key used by action ${v.name} (a Key Vault reference)`, true)
			: this.setting(settingName.functionKey(base), `Function key used by action ${v.name} (a Key Vault reference)`, true);
	}

	/** For an action that stays as it is: literal keys become app setting references, nothing else changes. */
	private scrubKept(v: OperationVisit, inputs: Record<string, unknown>, kind: Target['kind'], t: Target | undefined): void {
		const carriers = kind === 'apim' ? APIM_KEY_CARRIERS : FUNCTION_KEY_CARRIERS;
		const hasLiteral =
			(kind === 'apim' && inputs.subscriptionKey !== undefined && !isExpression(inputs.subscriptionKey)) ||
			(['headers', 'queries'] as const).some((part) => {
				const rec = inputs[part];
				return isRecord(rec) && Object.entries(rec).some(([k, val]) => carriers[part].includes(k.toLowerCase()) && !isExpression(val));
			});
		if (!hasLiteral) return;
		const setting = this.keptKeySetting(v, kind, t);
		if (kind === 'apim' && inputs.subscriptionKey !== undefined && !isExpression(inputs.subscriptionKey)) {
			inputs.subscriptionKey = appSettingRef(setting);
			this.note(v.name, `it carried a literal subscription key: replaced by @appsetting('${setting}'); put the key in that app setting (a Key Vault reference)`, 'C');
		}
		this.scrubCarriers(v, inputs, carriers, kind === 'apim' ? 'subscription key' : 'function key', setting);
	}

	/** Literal keys in headers or queries: removed (the connection sends the key) or pointed at an app setting. */
	private scrubCarriers(
		v: OperationVisit,
		inputs: Record<string, unknown>,
		carriers: {headers: string[]; queries: string[]},
		what: string,
		replaceWith: string | undefined,
	): void {
		for (const part of ['headers', 'queries'] as const) {
			const rec = inputs[part];
			if (!isRecord(rec)) continue;
			for (const k of Object.keys(rec)) {
				if (!carriers[part].includes(k.toLowerCase()) || isExpression(rec[k])) continue;
				if (replaceWith === undefined) {
					delete rec[k];
					this.note(v.name, `a literal ${what} in ${part} '${k}' was removed: the connection sends the key from its app setting`, 'C');
				} else {
					rec[k] = appSettingRef(replaceWith);
					this.note(v.name, `a literal ${what} in ${part} '${k}' was replaced by @appsetting('${replaceWith}'); put the key in that app setting`, 'C');
				}
			}
			if (Object.keys(rec).length === 0) delete inputs[part];
		}
	}
}

/**
 * Rewrites every Function and ApiManagement action of `definition`, at any depth, to its Standard form.
 * Mutates `definition` (the converter passes its own copy) and returns the connections those actions now use,
 * the app settings to fill and what the admin should know.
 */
export function rewriteFunctionAndApiManagementActions(definition: WorkflowDefinition): ActionRewrite {
	return new ActionRewriter().run(definition);
}
