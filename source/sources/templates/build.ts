// Parsed documents → one Inventory. Pure: works on in-memory JSON, so every mapping rule is testable
// without files. The loader (load.ts) reads and classifies files and hands them here.

import {parseApiId} from '../../model/api-id.js';
import {connectionKeysIn} from '../../model/connection-ref.js';
import {INFERRED_ISE_TAG, PLACEHOLDER_LOCATION, PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION} from '../../model/inventory.js';
import type {
	AccessEndpointType,
	ConnectionReference,
	IntegrationAccount,
	Inventory,
	IpSet,
	Ise,
	IseManagedApi,
	IseSkuName,
	ManagedIdentity,
	SourceIssue,
	Subnet,
	Workflow,
	WorkflowParameter,
} from '../../model/index.js';
import {isObject, isRelevantType, type DocumentKind} from './classify.js';
import {SourceLoadError} from './errors.js';
import {
	buildResourceId,
	expandTemplate,
	literalResources,
	resolveString,
	resolveValue,
	scopeOfId,
	typeAndNameOfId,
	type DeployedResource,
} from './expand.js';
import {isExpression, type DeploymentTarget, type LiftedParameter, type SuppliedValue, type TemplateScope, type Unresolved} from '../../model/arm-expression.js';
import {evaluateLifting} from './lift.js';
import {applyConnectionFacts, connectionFacts, entryAuthentication, type ConnectionFacts} from '../connection-resource.js';

type Obj = Record<string, unknown>;

/** A region the files really name: never the stand-in an unresolved `resourceGroup().location` evaluates to. */
function knownLocation(text: string | undefined): string | undefined {
	return text && text !== PLACEHOLDER_LOCATION ? text : undefined;
}

/** Tag put on an ISE this loader made up rather than read; its value says why. */
export const INFERRED_TAG = INFERRED_ISE_TAG;
export const NO_ISE_REASON = 'no ISE in the files';
export const REFERENCED_ISE_REASON = 'referenced by workflows or connectors; its resource is not in the files';

export interface LoadedDocument {
	/** Path relative to the folder the admin gave (or the file name); shown in messages. */
	file: string;
	kind: Exclude<DocumentKind, 'other' | 'snapshot' | 'parameters'>;
	json: unknown;
	/** For kind 'resources': the resource objects. */
	resources?: Obj[];
	/** The parameters file applied to a template. */
	parameters?: {file: string; json: unknown};
}

export interface BuildOptions {
	/** SourceInfo.label: the path as the admin typed it. */
	label: string;
	/** Folder (or file) name, used to name an ISE that the files do not contain. */
	name: string;
	/** Pick this ISE (name or id) when the files hold several. */
	ise?: string;
}

export interface BuildResult {
	inventory: Inventory;
	resourcesFound: number;
	/** Documents that yielded nothing this tool uses, with the reason. */
	unused: {file: string; reason: string}[];
}

// ---------------------------------------------------------------------------------------------
// Deployment target: what the files reveal, placeholders otherwise

const SUB_RG = /\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/resourceGroups\/([A-Za-z0-9_.()-]+)(?:\/providers\/([A-Za-z0-9.]+\/[A-Za-z0-9]+))?/gi;
const SUB_ONLY = /\/subscriptions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const API_LOCATION = /\/locations\/([A-Za-z0-9]+)\/managedApis\//gi;

/**
 * How much an id in the files says about where they deploy: connections and workflows are deployed
 * together with the template; an ISE usually sits in a resource group of its own.
 */
function groupWeight(type: string | undefined): number {
	const t = type?.toLowerCase();
	if (t === 'microsoft.web/connections' || t === 'microsoft.logic/workflows') return 3;
	if (t === 'microsoft.logic/integrationserviceenvironments') return 0;
	return 1;
}

function mostCommon(values: string[], weights?: number[]): string | undefined {
	const counts = new Map<string, {n: number; v: string}>();
	values.forEach((v, i) => {
		const k = v.toLowerCase();
		const w = weights?.[i] ?? 1;
		const e = counts.get(k);
		if (e) e.n += w;
		else counts.set(k, {n: w, v});
	});
	let best: {n: number; v: string} | undefined;
	for (const e of counts.values()) if (e.n > 0 && (!best || e.n > best.n)) best = e;
	return best?.v;
}

/** Subscription, resource group and location that literal ids and values in the documents point at. */
export function discoverTarget(...docs: unknown[]): Partial<DeploymentTarget> {
	const subs: string[] = [];
	const rgs: {sub: string; rg: string; weight: number}[] = [];
	const locations: string[] = [];
	const walk = (v: unknown, key?: string): void => {
		if (typeof v === 'string') {
			for (const m of v.matchAll(SUB_RG)) {
				if (m[1] === PLACEHOLDER_SUBSCRIPTION) continue;
				rgs.push({sub: m[1]!, rg: m[2]!, weight: groupWeight(m[3])});
			}
			for (const m of v.matchAll(SUB_ONLY)) if (m[1] !== PLACEHOLDER_SUBSCRIPTION) subs.push(m[1]!);
			for (const m of v.matchAll(API_LOCATION)) locations.push(m[1]!);
			if (key && /location$/i.test(key) && /^[A-Za-z0-9]+$/.test(v) && !/^global$/i.test(v)) locations.push(v);
			return;
		}
		if (Array.isArray(v)) {
			for (const x of v) walk(x, key);
			return;
		}
		if (isObject(v)) {
			for (const [k, x] of Object.entries(v)) {
				// Parameters files and declarations: {"location": {"value": "westeurope"}}.
				if (/location$/i.test(k) && isObject(x)) {
					walk(x['value'], k);
					walk(x['defaultValue'], k);
				}
				walk(x, k);
			}
		}
	};
	for (const d of docs) walk(d);
	const out: Partial<DeploymentTarget> = {};
	const pair = mostCommon(
		rgs.map(r => `${r.sub}/${r.rg}`),
		rgs.map(r => r.weight),
	);
	if (pair) {
		const [sub, rg] = pair.split('/');
		out.subscriptionId = sub;
		out.resourceGroup = rg;
	} else {
		const sub = mostCommon(subs);
		if (sub) out.subscriptionId = sub;
	}
	const loc = mostCommon(locations.map(l => l.toLowerCase()));
	if (loc) out.location = loc;
	return out;
}

function suppliedValues(paramsJson: unknown): Record<string, SuppliedValue> {
	const out: Record<string, SuppliedValue> = {};
	const params = isObject(paramsJson) && isObject(paramsJson['parameters']) ? paramsJson['parameters'] : {};
	for (const [name, body] of Object.entries(params)) {
		if (!isObject(body)) continue;
		if (isObject(body['reference'])) out[name] = {keyVault: true};
		else if ('value' in body) out[name] = {value: body['value']};
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Small readers

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v !== '' ? v : undefined;
}

function lastSegment(id: string): string {
	return id.split('/').filter(Boolean).pop() ?? id;
}

function baseName(file: string): string {
	const parts = file.split(/[\\/]/).filter(Boolean);
	const last = (parts.pop() ?? file).replace(/\.jsonc?$/i, '');
	// `Orders/workflow.json` is the Orders workflow.
	if (/^(workflow|definition|logicapp|template)$/i.test(last) && parts.length > 0) return parts.pop()!;
	return last;
}

function props(res: DeployedResource): Obj {
	return isObject(res.raw['properties']) ? res.raw['properties'] : {};
}

/** A property of a resource: under `properties` (ARM) or at the top (SDK/CLI flattened output). */
function prop(res: DeployedResource, key: string): unknown {
	const p = props(res);
	if (key in p) return p[key];
	return res.scope ? undefined : res.raw[key];
}

function ipList(v: unknown): string[] {
	if (!Array.isArray(v)) return [];
	return v.map(x => (isObject(x) ? x['address'] : x)).filter((x): x is string => typeof x === 'string');
}

function ipSet(endpoints: unknown, field: string): IpSet {
	const e = isObject(endpoints) ? endpoints : {};
	const wf = isObject(e['workflow']) ? e['workflow'] : {};
	const conn = isObject(e['connector']) ? e['connector'] : {};
	return {workflow: ipList(wf[field]), connector: ipList(conn[field])};
}

function describe(u: Unresolved): string {
	return `${u.text} (${u.reason})`;
}

const ISE_TYPE = 'microsoft.logic/integrationserviceenvironments';
const ISE_API_TYPE = 'microsoft.logic/integrationserviceenvironments/managedapis';
const WORKFLOW_TYPE = 'microsoft.logic/workflows';
const GALLERY_TYPE = 'microsoft.logic/galleries/templates';
const CONNECTION_TYPE = 'microsoft.web/connections';
const IA_TYPE = 'microsoft.logic/integrationaccounts';
const ISE_IN_API_ID = /^(.*\/providers\/Microsoft\.Logic\/integrationServiceEnvironments\/[^/]+)\/managedApis\/[^/]+/i;

// ---------------------------------------------------------------------------------------------

interface Collected {
	resources: DeployedResource[];
	issues: SourceIssue[];
	placeholdersUsed: Set<'subscription' | 'resource group' | 'location'>;
	unused: {file: string; reason: string}[];
	/** Template scopes, whose notes become issues once the mapping has evaluated what it needs. */
	scopes: {scope: TemplateScope; where: string}[];
}

function placeholderTarget(found: Partial<DeploymentTarget>): DeploymentTarget {
	return {
		subscriptionId: found.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
		resourceGroup: found.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
		location: found.location ?? PLACEHOLDER_LOCATION,
	};
}

function notePlaceholders(target: DeploymentTarget, into: Collected['placeholdersUsed']): void {
	if (target.subscriptionId === PLACEHOLDER_SUBSCRIPTION) into.add('subscription');
	if (target.resourceGroup === PLACEHOLDER_RESOURCE_GROUP) into.add('resource group');
	if (target.location === PLACEHOLDER_LOCATION) into.add('location');
}

/** A workflow resource synthesised from a definition, a code view or a gallery template. */
function syntheticWorkflow(name: string, properties: Obj, file: string, target: DeploymentTarget): DeployedResource {
	const type = 'Microsoft.Logic/workflows';
	return {
		type,
		typeKey: WORKFLOW_TYPE,
		name,
		nameResolved: true,
		id: buildResourceId(target, type, name),
		target,
		raw: {type, name, properties},
		file,
		origin: file,
	};
}

/** Gallery templates carry `connectionReferences` with `{0}`/`{1}` for subscription and location. */
function galleryConnections(refs: unknown, target: DeploymentTarget): Obj {
	const out: Obj = {};
	if (!isObject(refs)) return out;
	for (const [key, ref] of Object.entries(refs)) {
		if (!isObject(ref)) continue;
		const api = isObject(ref['api']) ? str(ref['api']['id']) : undefined;
		const conn = isObject(ref['connection']) ? str(ref['connection']['id']) : undefined;
		out[key] = {
			...(api ? {id: api.replace('{0}', target.subscriptionId).replace('{1}', target.location)} : {}),
			...(conn ? {connectionId: conn} : {}),
		};
	}
	return out;
}

function collect(documents: LoadedDocument[]): Collected {
	const c: Collected = {resources: [], issues: [], placeholdersUsed: new Set(), unused: [], scopes: []};
	for (const doc of documents) {
		const before = c.resources.length;
		if (doc.kind === 'template' || doc.kind === 'rg-export') {
			const json = doc.json as Obj;
			const target = placeholderTarget(discoverTarget(json, doc.parameters?.json));
			const expanded = expandTemplate(json, {file: doc.file, target, values: doc.parameters ? suppliedValues(doc.parameters.json) : undefined});
			const mine = lastWins(expanded.resources);
			c.resources.push(...mine);
			c.issues.push(...expanded.unread);
			// What could not be resolved in a file that holds nothing to migrate (an App Service template beside the
			// workflows) is no gap in the migration: it would only be noise in the review.
			if (mine.some(r => isRelevantType(r.typeKey) && r.typeKey !== 'microsoft.resources/deployments')) {
				c.issues.push(...expanded.issues);
				c.scopes.push(...expanded.scopes);
				notePlaceholders(target, c.placeholdersUsed);
			}
		} else if (doc.kind === 'resources') {
			const fallback = placeholderTarget(discoverTarget(doc.json));
			const found = lastWins(literalResources(doc.resources ?? [], {file: doc.file, fallback}));
			const base = baseName(doc.file);
			for (const r of found) {
				if (r.typeKey === GALLERY_TYPE) {
					const p = props(r);
					const name = found.filter(x => x.typeKey === GALLERY_TYPE).length > 1 ? `${base}-${r.name}` : base;
					const parameters = {$connections: {value: galleryConnections(p['connectionReferences'], fallback)}};
					c.resources.push(syntheticWorkflow(name, {definition: p['definition'], parameters}, doc.file, fallback));
					notePlaceholders(fallback, c.placeholdersUsed);
				} else {
					c.resources.push(r);
					if (!scopeOfId(String(r.raw['id'] ?? '')).resourceGroup && isRelevantType(r.typeKey)) notePlaceholders(r.target, c.placeholdersUsed);
				}
			}
		} else if (doc.kind === 'definition' || doc.kind === 'code-view') {
			const target = placeholderTarget({});
			const json = doc.json as Obj;
			const properties = doc.kind === 'definition' ? {definition: json} : {definition: json['definition'], parameters: json['parameters']};
			c.resources.push(syntheticWorkflow(baseName(doc.file), properties, doc.file, target));
			notePlaceholders(target, c.placeholdersUsed);
		}
		const mineNow = c.resources.slice(before);
		if (!mineNow.some(r => isRelevantType(r.typeKey) && r.typeKey !== 'microsoft.resources/deployments')) {
			const types = [...new Set(mineNow.map(r => r.type))].slice(0, 4);
			c.unused.push({
				file: doc.file,
				reason: types.length > 0 ? `ARM template with no workflows, connections, ISE or integration accounts (${types.join(', ')})` : 'ARM template that deploys no resources',
			});
		}
	}
	return c;
}

/** Within one file a later deployment of the same id replaces the earlier one (ARM redeploys it). */
function lastWins(list: DeployedResource[]): DeployedResource[] {
	const at = new Map<string, number>();
	const out: DeployedResource[] = [];
	for (const r of list) {
		const key = r.id.toLowerCase();
		const i = at.get(key);
		if (i === undefined) {
			at.set(key, out.length);
			out.push(r);
		} else {
			out[i] = r;
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Connections

interface ConnectionInfo extends ConnectionFacts {
	id: string;
	name: string;
	file: string;
}

function connectionInfo(res: DeployedResource, issues: SourceIssue[]): ConnectionInfo {
	const p = props(res);
	const api = isObject(p['api']) ? resolveString(res, p['api']['id']) : {};
	if (api.unresolved) issues.push({where: res.origin, message: `connection ${res.name}: its API id could not be resolved: ${describe(api.unresolved)}`});
	const display = resolveString(res, p['displayName']);
	// Values only where the files settle them; a secure parameter is never read, so its value never gets here.
	const evaluated = resolveValue(
		res,
		{
			parameterValues: p['parameterValues'],
			parameterValueSet: p['parameterValueSet'],
			nonSecretParameterValues: p['nonSecretParameterValues'],
			alternativeParameterValues: p['alternativeParameterValues'],
			parameterValueType: p['parameterValueType'],
		},
		'ids',
	);
	const facts = connectionFacts(evaluated.value, (v) => !(typeof v === 'string' && isExpression(v)));
	return {
		...facts,
		id: res.id,
		name: lastSegment(res.name),
		apiId: api.unresolved ? undefined : api.text,
		displayName: display.unresolved ? undefined : display.text,
		file: res.file,
	};
}

class ConnectionIndex {
	private readonly byId = new Map<string, ConnectionInfo>();
	private readonly byName = new Map<string, ConnectionInfo[]>();
	add(info: ConnectionInfo): void {
		const key = info.id.toLowerCase();
		if (!this.byId.has(key)) this.byId.set(key, info);
		const n = info.name.toLowerCase();
		this.byName.set(n, [...(this.byName.get(n) ?? []), info]);
	}
	find(id: string | undefined, name: string | undefined, file: string): ConnectionInfo | undefined {
		if (id) {
			const hit = this.byId.get(id.toLowerCase());
			if (hit) return hit;
		}
		const n = (name ?? (id ? lastSegment(id) : undefined))?.toLowerCase();
		if (!n) return undefined;
		// Names repeat across resource groups: prefer the connection from the same file.
		const list = this.byName.get(n) ?? [];
		return list.find(i => i.file === file) ?? list[0];
	}
}

function guessApi(key: string): string {
	return key.toLowerCase().replace(/[-_]\d+$/, '');
}

function definitionConnectionKeys(definition: unknown): string[] {
	const keys = new Set<string>();
	const walk = (v: unknown): void => {
		if (typeof v === 'string') {
			for (const key of connectionKeysIn(v)) keys.add(key);
		} else if (Array.isArray(v)) {
			v.forEach(walk);
		} else if (isObject(v)) {
			Object.values(v).forEach(walk);
		}
	};
	walk(definition);
	return [...keys];
}

function workflowConnections(res: DeployedResource, name: string, definition: unknown, value: unknown, index: ConnectionIndex, issues: SourceIssue[]): ConnectionReference[] {
	const out: ConnectionReference[] = [];
	const where = `${res.origin} › ${name}`;
	const entries = isObject(value) ? Object.entries(value) : [];
	const managedApiId = (api: string) => `/subscriptions/${res.target.subscriptionId}/providers/Microsoft.Web/locations/${res.target.location}/managedApis/${api}`;
	for (const [key, entryRaw] of entries) {
		if (!isObject(entryRaw)) continue;
		const idR = resolveString(res, entryRaw['id']);
		const connIdR = resolveString(res, entryRaw['connectionId']);
		const connNameR = resolveString(res, entryRaw['connectionName']);
		for (const [field, r] of [['id', idR], ['connectionId', connIdR], ['connectionName', connNameR]] as const) {
			if (r.unresolved) issues.push({where, message: `connection '${key}': ${field} could not be resolved and is kept verbatim: ${describe(r.unresolved)}`});
		}
		const connId = connIdR.unresolved ? undefined : connIdR.text;
		const connName = connNameR.unresolved ? undefined : connNameR.text;
		const resource = index.find(connId, connName, res.file);
		let apiId = idR.unresolved ? undefined : idR.text;
		if (!apiId && resource?.apiId) apiId = resource.apiId;
		if (!apiId) {
			const guess = guessApi(connName ?? key);
			apiId = idR.text ?? managedApiId(guess);
			if (!idR.text) issues.push({where, message: `connection '${key}': the files do not say which API it uses; '${guess}' is assumed from its name`});
		}
		const connectionName = connName ?? (connId ? lastSegment(connId) : resource?.name ?? key);
		const connectionId = connIdR.text ?? resource?.id ?? buildResourceId(res.target, 'Microsoft.Web/connections', connectionName);
		const ref: ConnectionReference = {key, apiId, connectionId, connectionName, ...entryAuthentication(entryRaw)};
		out.push(resource ? applyConnectionFacts(ref, resource) : ref);
	}
	// Keys the definition uses but `$connections` does not list (bare definitions, trimmed exports).
	const known = new Set(out.map(r => r.key));
	for (const key of definitionConnectionKeys(definition)) {
		if (known.has(key)) continue;
		const resource = index.find(undefined, key, res.file);
		const api = resource?.apiId ?? managedApiId(guessApi(key));
		issues.push({
			where,
			message: resource?.apiId
				? `connection '${key}' is used by the definition but missing from $connections; the connection resource of that name is assumed`
				: `connection '${key}' is used by the definition but the files do not say which API it uses; '${guessApi(key)}' is assumed from its name`,
		});
		const ref: ConnectionReference = {
			key,
			apiId: api,
			connectionId: resource?.id ?? buildResourceId(res.target, 'Microsoft.Web/connections', key),
			connectionName: resource?.name ?? key,
		};
		out.push(resource ? applyConnectionFacts(ref, resource) : ref);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Workflows

interface DraftWorkflow {
	res: DeployedResource;
	workflow: Workflow;
	/** The ISE the workflow names (explicitly or through ISE connector ids), lower-case id. */
	iseKey?: string;
	iseId?: string;
}

function secureParameterNames(definition: unknown): Set<string> {
	const out = new Set<string>();
	if (isObject(definition) && isObject(definition['parameters'])) {
		for (const [n, d] of Object.entries(definition['parameters'])) {
			if (isObject(d) && typeof d['type'] === 'string' && /^secure/i.test(d['type'])) out.add(n);
		}
	}
	return out;
}

const WORKFLOW_TYPES: Record<string, string> = {
	string: 'String',
	securestring: 'SecureString',
	int: 'Int',
	bool: 'Bool',
	object: 'Object',
	secureobject: 'SecureObject',
	array: 'Array',
};

/**
 * The definition with every template expression evaluated (see lift.ts): a template parameter the files give no
 * value becomes a declared workflow parameter without a value, which the generator lists as one to fill in. A
 * declared workflow parameter whose default was such a template parameter loses the default instead.
 */
function liftDefinition(scope: TemplateScope, raw: unknown, where: string, issues: SourceIssue[]): {value: unknown; unresolved: Unresolved[]} {
	const rawDecls = isObject(raw) && isObject(raw['parameters']) ? raw['parameters'] : {};
	const declaredLower = new Map(Object.keys(rawDecls).map((k) => [k.toLowerCase(), k]));
	const names = new Map<string, string>();
	const namer = (p: LiftedParameter): string => {
		const known = names.get(p.name.toLowerCase());
		if (known) return known;
		const same = declaredLower.get(p.name.toLowerCase());
		const decl = same ? rawDecls[same] : undefined;
		// `"x": {"defaultValue": "[parameters('x')]"}` declares the very value being lifted: read that one.
		const sameMeaning =
			isObject(decl) && typeof decl['defaultValue'] === 'string' && decl['defaultValue'].replace(/\s+/g, '').toLowerCase() === `[parameters('${p.name.toLowerCase()}')]`;
		let name = same && sameMeaning ? same : p.name;
		for (let i = 1; !sameMeaning && declaredLower.has(name.toLowerCase()); i++) name = `${p.name}_template${i > 1 ? i : ''}`;
		names.set(p.name.toLowerCase(), name);
		return name;
	};
	// The parameter block is evaluated plainly: its defaults are values, never workflow expressions.
	const {parameters: block, ...body} = isObject(raw) ? raw : {};
	const lifted = evaluateLifting(scope, isObject(raw) ? body : raw, namer);
	if (!isObject(lifted.value)) return lifted;
	const definition: Obj = isObject(raw) ? {...(block !== undefined ? {parameters: scope.evaluateDeep(block, {missingParameters: 'unresolved'}).value} : {}), ...lifted.value} : lifted.value;
	const decls: Obj = isObject(definition['parameters']) ? {...definition['parameters']} : {};
	for (const [name, decl] of Object.entries(decls)) {
		if (!isObject(decl) || typeof decl['defaultValue'] !== 'string') continue;
		const d = decl['defaultValue'];
		// Left verbatim (no value in the files), or lifted into an expression: the value is unknown either way.
		if (!isExpression(d) && !d.startsWith('@')) continue;
		const {defaultValue: _unknown, ...rest} = decl;
		decls[name] = rest;
		issues.push({where, message: `workflow parameter '${name}': its default ${d} has no value in the files; it is left empty for you to fill in`});
	}
	for (const p of lifted.lifted) {
		const name = namer(p);
		const secure = /^secure/.test(p.type ?? '');
		issues.push({
			where,
			message: `template parameter '${p.name}' has no value in the files${secure ? ' (or is secure, and never read)' : ''}: the definition reads workflow parameter '${name}' instead, to fill in`,
		});
		if (isObject(decls[name])) continue;
		decls[name] = {
			type: WORKFLOW_TYPES[p.type ?? 'string'] ?? 'String',
			metadata: {description: `Template parameter '${p.name}', which the files give no value${secure ? ' (secure: never read)' : ''}`},
		};
	}
	if (Object.keys(decls).length > 0) definition['parameters'] = decls;
	return {value: definition, unresolved: lifted.unresolved};
}

function draftWorkflow(res: DeployedResource, index: ConnectionIndex, issues: SourceIssue[]): DraftWorkflow {
	const name = lastSegment(res.name) || res.name || baseName(res.file);
	const where = `${res.origin} › ${name}`;
	const defRaw = prop(res, 'definition');
	const def = res.scope ? liftDefinition(res.scope, defRaw, where, issues) : {value: defRaw, unresolved: []};
	if (def.unresolved.length > 0) {
		const shown = def.unresolved.slice(0, 3).map(describe).join('; ');
		issues.push({
			where,
			message: `${def.unresolved.length} template expression(s) in the definition could not be resolved and are kept verbatim: ${shown}${def.unresolved.length > 3 ? '; …' : ''}`,
		});
	}
	const definition = isObject(def.value) ? def.value : {};
	if (!isObject(def.value)) issues.push({where, message: 'the workflow has no definition in the files'});

	const secure = secureParameterNames(definition);
	const parameters: Record<string, WorkflowParameter> = {};
	let connectionsValue: unknown;
	// `"parameters": "[variables('x')]"` happens; evaluate it to the object it stands for.
	const paramsGiven = prop(res, 'parameters');
	const paramsRaw = typeof paramsGiven === 'string' ? resolveValue(res, paramsGiven, 'placeholder').value : paramsGiven;
	if (isObject(paramsRaw)) {
		for (const [pname, body] of Object.entries(paramsRaw)) {
			if (!isObject(body)) continue;
			if (pname === '$connections') {
				// Evaluated per field inside workflowConnections, in placeholder mode.
				connectionsValue = body['value'];
				continue;
			}
			const declared = isObject(definition['parameters']) ? definition['parameters'][pname] : undefined;
			const param: WorkflowParameter = {};
			if (isObject(declared) && typeof declared['type'] === 'string') param.type = declared['type'];
			if ('value' in body && !secure.has(pname)) {
				const v = resolveValue(res, body['value'], 'unresolved');
				// A value that is one unresolved expression is no value at all: left empty to fill in, never verbatim.
				const none = typeof v.value === 'string' && isExpression(v.value);
				if (v.unresolved.length > 0) {
					issues.push({where, message: `workflow parameter '${pname}': ${v.unresolved.map(describe).join('; ')}; ${none ? 'left empty for you to fill in' : 'kept verbatim'}`});
				}
				if (!none) param.value = v.value;
			}
			parameters[pname] = param;
		}
	}
	const connections = workflowConnections(res, name, definition, connectionsValue, index, issues);

	const location = resolveString(res, res.raw['location']);
	const state = resolveString(res, prop(res, 'state'));
	const iaRaw = prop(res, 'integrationAccount');
	const ia = isObject(iaRaw) ? resolveString(res, iaRaw['id']) : {};
	const iseRaw = prop(res, 'integrationServiceEnvironment');
	const ise = isObject(iseRaw) ? resolveString(res, iseRaw['id']) : typeof iseRaw === 'string' ? resolveString(res, iseRaw) : {};
	if (ise.unresolved) issues.push({where, message: `the ISE this workflow runs in could not be resolved: ${describe(ise.unresolved)}`});
	let iseId = ise.unresolved ? undefined : ise.text;
	if (!iseId) {
		// A workflow using ISE connectors runs in that ISE even when the template omits the property.
		for (const c of connections) {
			const m = ISE_IN_API_ID.exec(c.apiId);
			if (m) {
				iseId = m[1];
				break;
			}
		}
	}

	const workflow: Workflow = {
		id: res.id,
		name,
		resourceGroup: res.target.resourceGroup,
		definition,
		parameters,
		connections,
		origin: res.origin,
	};
	if (knownLocation(location.text) && !location.unresolved) workflow.location = location.text;
	if (state.text && !state.unresolved) workflow.state = state.text;
	if (ia.text && !ia.unresolved) workflow.integrationAccountId = ia.text;
	return {res, workflow, iseId, iseKey: iseId?.toLowerCase()};
}

// ---------------------------------------------------------------------------------------------
// ISE

const SKUS: IseSkuName[] = ['Developer', 'Premium', 'NotSpecified'];
const ENDPOINTS: AccessEndpointType[] = ['Internal', 'External', 'NotSpecified'];

function pickEnum<T extends string>(value: unknown, allowed: T[]): T | undefined {
	if (typeof value !== 'string') return undefined;
	return allowed.find(a => a.toLowerCase() === value.toLowerCase());
}

interface NetworkInfo {
	subnetPrefix: Map<string, string>;
	vnetSpace: Map<string, string>;
}

function networkInfo(resources: DeployedResource[]): NetworkInfo {
	const subnetPrefix = new Map<string, string>();
	const vnetSpace = new Map<string, string>();
	for (const r of resources) {
		if (r.typeKey === 'microsoft.network/virtualnetworks') {
			const p = resolveValue(r, props(r), 'placeholder').value;
			if (!isObject(p)) continue;
			const space = isObject(p['addressSpace']) ? p['addressSpace']['addressPrefixes'] : undefined;
			if (Array.isArray(space)) vnetSpace.set(r.id.toLowerCase(), space.filter(x => typeof x === 'string').join(', '));
			if (Array.isArray(p['subnets'])) {
				for (const s of p['subnets']) {
					if (!isObject(s) || typeof s['name'] !== 'string') continue;
					const sp = isObject(s['properties']) ? s['properties']['addressPrefix'] : undefined;
					if (typeof sp === 'string') subnetPrefix.set(`${r.id}/subnets/${s['name']}`.toLowerCase(), sp);
				}
			}
		} else if (r.typeKey === 'microsoft.network/virtualnetworks/subnets') {
			const ap = resolveString(r, props(r)['addressPrefix']);
			if (ap.text && !ap.unresolved) subnetPrefix.set(r.id.toLowerCase(), ap.text);
		}
	}
	return {subnetPrefix, vnetSpace};
}

function iseFromResource(res: DeployedResource, net: NetworkInfo, issues: SourceIssue[]): Ise {
	const body: Obj = {...res.raw};
	delete body['resources'];
	const evaluated = resolveValue(res, body, 'placeholder');
	for (const u of evaluated.unresolved) issues.push({where: res.origin, message: `ISE ${res.name}: ${describe(u)} could not be resolved`});
	const v = isObject(evaluated.value) ? evaluated.value : {};
	const p = isObject(v['properties']) ? v['properties'] : isObject(v) ? v : {};
	const skuRaw = isObject(v['sku']) ? v['sku'] : {};
	const id = res.id;
	const scope = scopeOfId(id);

	let skuName = pickEnum(skuRaw['name'], SKUS);
	if (!skuName) {
		skuName = 'NotSpecified';
		issues.push({where: res.origin, message: `ISE ${res.name}: sku name '${String(skuRaw['name'] ?? '')}' is not Developer or Premium; treated as NotSpecified`});
	}
	const capRaw = skuRaw['capacity'];
	const capacity = typeof capRaw === 'number' ? capRaw : typeof capRaw === 'string' && /^\d+$/.test(capRaw) ? Number(capRaw) : 0;
	const network = isObject(p['networkConfiguration']) ? p['networkConfiguration'] : {};
	const endpoint = isObject(network['accessEndpoint']) ? network['accessEndpoint']['type'] : undefined;
	let accessEndpoint = pickEnum(endpoint, ENDPOINTS);
	if (!accessEndpoint) {
		accessEndpoint = 'NotSpecified';
		if (endpoint !== undefined) issues.push({where: res.origin, message: `ISE ${res.name}: access endpoint '${String(endpoint)}' is not Internal or External; treated as NotSpecified`});
	}
	const subnets: Subnet[] = [];
	if (Array.isArray(network['subnets'])) {
		for (const s of network['subnets']) {
			if (!isObject(s) || typeof s['id'] !== 'string') continue;
			const sid = s['id'];
			const parsed = typeAndNameOfId(sid);
			const subnet: Subnet = {id: sid, name: typeof s['name'] === 'string' ? s['name'] : (parsed?.name ?? lastSegment(sid))};
			const prefix = net.subnetPrefix.get(sid.toLowerCase());
			if (prefix) subnet.addressPrefix = prefix;
			subnets.push(subnet);
		}
	}
	let space = typeof network['virtualNetworkAddressSpace'] === 'string' ? network['virtualNetworkAddressSpace'] : undefined;
	if (!space && subnets[0]) space = net.vnetSpace.get(subnets[0].id.replace(/\/subnets\/[^/]+$/i, '').toLowerCase());
	const endpoints = p['endpointsConfiguration'];

	const ise: Ise = {
		id,
		name: lastSegment(res.name),
		subscriptionId: scope.subscriptionId ?? res.target.subscriptionId,
		resourceGroup: scope.resourceGroup ?? res.target.resourceGroup,
		// Empty when the files do not say: the region is then asked for (a finding), never made up.
		location: knownLocation(typeof v['location'] === 'string' ? v['location'] : res.target.location) ?? '',
		sku: {name: skuName, capacity},
		accessEndpoint,
		subnets,
		outboundIps: ipSet(endpoints, 'outgoingIpAddresses'),
		accessEndpointIps: ipSet(endpoints, 'accessEndpointIpAddresses'),
	};
	if (typeof p['state'] === 'string') ise.state = p['state'];
	if (typeof p['provisioningState'] === 'string') ise.provisioningState = p['provisioningState'];
	if (space) ise.virtualNetworkAddressSpace = space;
	const enc = isObject(p['encryptionConfiguration']) ? p['encryptionConfiguration']['encryptionKeyReference'] : undefined;
	if (isObject(enc)) {
		const kv = isObject(enc['keyVault']) ? enc['keyVault']['id'] : undefined;
		if (typeof kv === 'string' && typeof enc['keyName'] === 'string') {
			ise.encryption = {keyVaultId: kv, keyName: enc['keyName'], ...(typeof enc['keyVersion'] === 'string' ? {keyVersion: enc['keyVersion']} : {})};
		}
	}
	const ident = v['identity'];
	if (isObject(ident) && typeof ident['type'] === 'string') {
		const t = ident['type'].replace(/\s*,\s*/, ', ');
		const type = (['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None'] as const).find(x => x.toLowerCase() === t.toLowerCase());
		if (type) {
			const identity: ManagedIdentity = {type};
			if (isObject(ident['userAssignedIdentities'])) identity.userAssignedIdentities = Object.keys(ident['userAssignedIdentities']);
			ise.identity = identity;
		}
	}
	if (isObject(v['tags'])) {
		const tags: Record<string, string> = {};
		for (const [k, t] of Object.entries(v['tags'])) if (typeof t === 'string') tags[k] = t;
		if (Object.keys(tags).length > 0) ise.tags = tags;
	}
	return ise;
}

function inferredIse(id: string, location: string, reason: string): Ise {
	const scope = scopeOfId(id);
	return {
		id,
		name: lastSegment(id),
		subscriptionId: scope.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
		resourceGroup: scope.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
		location,
		sku: {name: 'NotSpecified', capacity: 0},
		accessEndpoint: 'NotSpecified',
		subnets: [],
		outboundIps: {workflow: [], connector: []},
		accessEndpointIps: {workflow: [], connector: []},
		tags: {[INFERRED_TAG]: reason},
	};
}

function iseManagedApi(res: DeployedResource): IseManagedApi {
	const p = props(res);
	const api: IseManagedApi = {name: lastSegment(res.name).toLowerCase()};
	const gi = isObject(p['generalInformation']) ? p['generalInformation'] : undefined;
	if (gi && typeof gi['displayName'] === 'string') api.displayName = gi['displayName'];
	if (typeof p['category'] === 'string') api.category = p['category'];
	if (isObject(p['connectionParameters'])) api.connectionParameterNames = Object.keys(p['connectionParameters']);
	return api;
}

// ---------------------------------------------------------------------------------------------
// Integration accounts

function integrationAccount(res: DeployedResource, children: DeployedResource[]): IntegrationAccount {
	const sku = isObject(res.raw['sku']) ? resolveString(res, res.raw['sku']['name']) : {};
	const ia: IntegrationAccount = {
		id: res.id,
		name: lastSegment(res.name),
		resourceGroup: res.target.resourceGroup,
		maps: [],
		schemas: [],
	};
	if (sku.text && !sku.unresolved) ia.sku = sku.text;
	const prefix = `${res.id.toLowerCase()}/`;
	for (const child of children) {
		if (!child.id.toLowerCase().startsWith(prefix)) continue;
		const kind = child.typeKey.split('/').pop();
		const p = props(child);
		const name = lastSegment(child.name);
		const typeOf = (key: string) => {
			const r = resolveString(child, p[key]);
			return r.text && !r.unresolved ? r.text : undefined;
		};
		if (kind === 'maps') ia.maps.push({name, ...(typeOf('mapType') ? {type: typeOf('mapType')} : {})});
		else if (kind === 'schemas') ia.schemas.push({name, ...(typeOf('schemaType') ? {type: typeOf('schemaType')} : {})});
		else if (kind === 'partners') (ia.partners ??= []).push(name);
		else if (kind === 'agreements') (ia.agreements ??= []).push({name, ...(typeOf('agreementType') ? {type: typeOf('agreementType')} : {})});
	}
	return ia;
}

// ---------------------------------------------------------------------------------------------

export function buildInventory(documents: LoadedDocument[], opts: BuildOptions): BuildResult {
	const c = collect(documents);
	const scopes = c.scopes;
	const issues = c.issues;
	const resources = c.resources;

	// Across files, the first definition of a shared resource (ISE, connection, integration account) wins.
	const firstById = <T extends DeployedResource>(list: T[]): T[] => {
		const seen = new Set<string>();
		return list.filter(r => {
			const k = r.id.toLowerCase();
			if (seen.has(k)) return false;
			seen.add(k);
			return true;
		});
	};
	const ofType = (t: string) => resources.filter(r => r.typeKey === t);

	const index = new ConnectionIndex();
	for (const r of firstById(ofType(CONNECTION_TYPE))) index.add(connectionInfo(r, issues));

	const drafts = ofType(WORKFLOW_TYPE).map(r => draftWorkflow(r, index, issues));

	// --- Which ISE
	interface Candidate {
		key: string;
		id: string;
		resource?: DeployedResource;
		workflows: number;
		apis: number;
		order: number;
	}
	const candidates = new Map<string, Candidate>();
	const candidate = (id: string): Candidate => {
		const key = id.toLowerCase();
		let cand = candidates.get(key);
		if (!cand) {
			cand = {key, id, workflows: 0, apis: 0, order: candidates.size};
			candidates.set(key, cand);
		}
		return cand;
	};
	for (const r of firstById(ofType(ISE_TYPE))) candidate(r.id).resource = r;
	for (const d of drafts) if (d.iseId) candidate(d.iseId).workflows++;
	const iseApis = firstById(ofType(ISE_API_TYPE));
	for (const r of iseApis) {
		const parent = r.id.replace(/\/managedApis\/[^/]+$/i, '');
		candidate(parent).apis++;
	}
	const list = [...candidates.values()];
	let chosen: Candidate | undefined;
	if (opts.ise) {
		const want = opts.ise.toLowerCase();
		chosen = list.find(x => x.key === want || lastSegment(x.id).toLowerCase() === want);
		if (!chosen) {
			const names = list.map(x => lastSegment(x.id));
			throw new SourceLoadError(
				names.length > 0
					? `No ISE named '${opts.ise}' in ${opts.label}. The files hold: ${names.join(', ')}.`
					: `No ISE named '${opts.ise}' in ${opts.label}: the files hold no ISE. Leave the ISE choice empty to read the workflows anyway.`,
				opts.label,
			);
		}
	} else {
		chosen = [...list].sort((a, b) => b.workflows - a.workflows || Number(!!b.resource) - Number(!!a.resource) || b.apis - a.apis || a.order - b.order)[0];
	}

	const net = networkInfo(resources);
	const locations = drafts.map(d => d.workflow.location).filter((x): x is string => !!x);
	let ise: Ise;
	if (chosen?.resource) {
		ise = iseFromResource(chosen.resource, net, issues);
	} else if (chosen) {
		ise = inferredIse(chosen.id, mostCommon(locations) ?? '', REFERENCED_ISE_REASON);
		issues.push({
			where: chosen.id,
			message: `ISE ${ise.name} is referenced by the files but its own resource is not among them: its SKU, access endpoint, network and IP addresses are unknown. Add the ISE's exported template (or read it live from Azure) for those.`,
		});
	} else {
		const anyTarget = drafts[0]?.res.target;
		const target = {
			subscriptionId: anyTarget?.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION,
			resourceGroup: anyTarget?.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP,
		};
		const id = buildResourceId(target, 'Microsoft.Logic/integrationServiceEnvironments', opts.name);
		ise = inferredIse(id, mostCommon(locations) ?? '', NO_ISE_REASON);
		issues.push({
			where: opts.label,
			message: `The files hold no ISE and no workflow points at one: these workflows were not ISE-hosted (multi-tenant Consumption), or the ISE's template is not in this folder. The name '${opts.name}' stands in for the ISE; its SKU, access endpoint and network are unknown, so the review asks for the hosting and inbound access instead.`,
		});
	}
	if (list.length > 1 && chosen) {
		issues.push({
			where: opts.label,
			message: `The files hold ${list.length} ISEs (${list.map(x => lastSegment(x.id)).join(', ')}); ${lastSegment(chosen.id)} is migrated. Workflows that run in another ISE are left out: choose that ISE to migrate it.`,
		});
	}
	const chosenKey = ise.id.toLowerCase();

	// --- Workflows of this ISE (or naming none)
	const workflows: Workflow[] = [];
	const usedIds = new Set<string>();
	let unnamed = 0;
	for (const d of drafts) {
		if (d.iseKey && d.iseKey !== chosenKey) continue;
		if (!d.iseKey && chosen) unnamed++;
		const w = d.workflow;
		// Same name and group in different files: two workflows, so their ids must differ. The file
		// path keeps the id stable from one load to the next.
		if (usedIds.has(w.id.toLowerCase())) w.id = `${w.id}#${d.res.file}`;
		usedIds.add(w.id.toLowerCase());
		workflows.push(w);
	}
	if (unnamed > 0 && chosen) {
		issues.push({
			where: opts.label,
			message: `${unnamed} workflow(s) do not name an ISE in the files; they are included as if they ran in ${ise.name}.`,
		});
	}

	// --- Managed APIs of this ISE: its child resources, plus ISE connectors the workflows use
	const managedApis: IseManagedApi[] = [];
	const apiNames = new Set<string>();
	for (const r of iseApis) {
		if (!r.id.toLowerCase().startsWith(`${chosenKey}/managedapis/`)) continue;
		const api = iseManagedApi(r);
		if (apiNames.has(api.name)) continue;
		apiNames.add(api.name);
		managedApis.push(api);
	}
	for (const w of workflows) {
		for (const conn of w.connections) {
			const ref = parseApiId(conn.apiId);
			if (ref.kind !== 'ise' || ref.scope?.toLowerCase() !== ise.name.toLowerCase() || apiNames.has(ref.name)) continue;
			apiNames.add(ref.name);
			managedApis.push({name: ref.name});
		}
	}

	// --- Integration accounts
	const iaChildren = resources.filter(r => r.typeKey.startsWith(`${IA_TYPE}/`));
	const accounts: IntegrationAccount[] = [];
	const iaIds = new Set<string>();
	for (const r of firstById(ofType(IA_TYPE))) {
		const iseRef = isObject(props(r)['integrationServiceEnvironment']) ? resolveString(r, (props(r)['integrationServiceEnvironment'] as Obj)['id']) : {};
		if (iseRef.text && !iseRef.unresolved && iseRef.text.toLowerCase() !== chosenKey) continue;
		accounts.push(integrationAccount(r, iaChildren));
		iaIds.add(r.id.toLowerCase());
	}
	for (const w of workflows) {
		const id = w.integrationAccountId;
		if (!id || iaIds.has(id.toLowerCase())) continue;
		iaIds.add(id.toLowerCase());
		const scope = scopeOfId(id);
		accounts.push({id, name: lastSegment(id), resourceGroup: scope.resourceGroup ?? PLACEHOLDER_RESOURCE_GROUP, maps: [], schemas: []});
		issues.push({where: id, message: `integration account ${lastSegment(id)} is used by workflow ${w.name} but is not in the files; its maps, schemas and agreements are unknown`});
	}

	// --- Evaluation notes and placeholders
	for (const {scope, where} of scopes) for (const note of scope.notes) issues.push({where, message: note.message});
	// The region is not a placeholder: an ISE without one asks for it (a finding with the region as its value).
	c.placeholdersUsed.delete('location');
	if (c.placeholdersUsed.size > 0) {
		const parts: string[] = [];
		if (c.placeholdersUsed.has('subscription')) parts.push(`subscription ${PLACEHOLDER_SUBSCRIPTION}`);
		if (c.placeholdersUsed.has('resource group')) parts.push(`resource group ${PLACEHOLDER_RESOURCE_GROUP}`);
		issues.push({
			where: opts.label,
			message: `The files do not say where they were deployed; placeholders stand in for the ${parts.join(', ')}. Ids built from them are not the real ones.`,
		});
	}

	const inventory: Inventory = {
		source: {kind: 'templates', label: opts.label},
		ise,
		managedApis,
		workflows,
		integrationAccounts: accounts,
	};
	if (issues.length > 0) inventory.issues = dedupeIssues(issues);
	return {inventory, resourcesFound: resources.length, unused: c.unused};
}

function dedupeIssues(issues: SourceIssue[]): SourceIssue[] {
	const seen = new Set<string>();
	return issues.filter(i => {
		const k = `${i.where}\u0000${i.message}`;
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}
