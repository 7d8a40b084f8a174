// ARM documents → the flat list of resources they deploy (or describe). Pure.
// Templates: copy loops, conditions, child resources and nested deployments (inline templates, with
// outer- or inner-scoped expressions). API answers: resources as they are.

import type {SourceIssue} from '../../model/index.js';
import {isObject} from './classify.js';
import {TemplateScope, Unresolved, isUnresolved, type DeploymentTarget, type SuppliedValue} from '../../model/arm-expression.js';

type Obj = Record<string, unknown>;

export interface DeployedResource {
	/** Full type as written, children completed (`Microsoft.Network/virtualNetworks/subnets`). */
	type: string;
	/** Lower-case full type, for matching (`MICROSOFT.WEB/CONNECTIONS` → `microsoft.web/connections`). */
	typeKey: string;
	/** Full name, `parent/child` for child resources; verbatim template text when it could not be resolved. */
	name: string;
	nameResolved: boolean;
	id: string;
	/** Where the resource lands (from the id for API answers). */
	target: DeploymentTarget;
	/** The resource JSON as written: template expressions NOT yet evaluated. */
	raw: Obj;
	/** Evaluation scope for template resources; undefined for literal API answers. */
	scope?: TemplateScope;
	/** File it came from (relative path). */
	file: string;
	/** File plus nested deployment path, for messages and Workflow.origin. */
	origin: string;
}

export interface ExpandResult {
	resources: DeployedResource[];
	issues: SourceIssue[];
	/**
	 * Parts of the template not read at all (linked templates, deployments nested too deep): they may hold the very
	 * workflows sought, so they are reported even when the rest of the file turns out to hold none.
	 */
	unread: SourceIssue[];
	/** Every scope created, so the caller can turn their notes into issues. */
	scopes: {scope: TemplateScope; where: string}[];
}

const MAX_DEPTH = 10;
const MAX_COPIES = 800;

/** Builds an ARM id from a full type and a full name. */
export function buildResourceId(target: {subscriptionId: string; resourceGroup: string}, type: string, name: string): string {
	const typeParts = type.split('/').filter(Boolean);
	const namespace = typeParts.shift() ?? type;
	const nameParts = name.split('/');
	let path = `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}/providers/${namespace}`;
	for (let i = 0; i < typeParts.length; i++) {
		path += `/${typeParts[i]}`;
		const n = nameParts[i];
		if (n !== undefined && n !== '') path += `/${n}`;
	}
	return path;
}

const ID_SCOPE = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?/i;

/** Subscription and resource group named by an ARM id. */
export function scopeOfId(id: string): {subscriptionId?: string; resourceGroup?: string} {
	const m = ID_SCOPE.exec(id);
	return m ? {subscriptionId: m[1], resourceGroup: m[2]} : {};
}

/** Type and full name from an ARM id (`…/providers/NS/t1/n1/t2/n2`). */
export function typeAndNameOfId(id: string): {type: string; name: string} | undefined {
	const at = id.toLowerCase().lastIndexOf('/providers/');
	if (at < 0) return undefined;
	const parts = id.slice(at + '/providers/'.length).split('/').filter(Boolean);
	const ns = parts.shift();
	if (!ns || parts.length < 2) return undefined;
	const types: string[] = [ns];
	const names: string[] = [];
	for (let i = 0; i < parts.length; i += 2) {
		types.push(parts[i]!);
		if (parts[i + 1] !== undefined) names.push(parts[i + 1]!);
	}
	return {type: types.join('/'), name: names.join('/')};
}

interface Walk {
	file: string;
	result: ExpandResult;
	depth: number;
}

/**
 * Expands one template. `values` are the supplied parameter values (parameters file); `target` says
 * where the deployment lands.
 */
export function expandTemplate(template: Obj, opts: {file: string; target: DeploymentTarget; values?: Record<string, SuppliedValue>}): ExpandResult {
	const result: ExpandResult = {resources: [], issues: [], unread: [], scopes: []};
	const scope = new TemplateScope({
		target: opts.target,
		parameters: isObject(template['parameters']) ? template['parameters'] : {},
		values: opts.values,
		variables: isObject(template['variables']) ? template['variables'] : {},
	});
	result.scopes.push({scope, where: opts.file});
	expandResources(template, scope, opts.target, opts.file, {file: opts.file, result, depth: 0});
	return result;
}

function resourceList(template: Obj): Obj[] {
	const r = template['resources'];
	if (Array.isArray(r)) return r.filter(isObject);
	// languageVersion 2.0 templates key resources by symbolic name.
	if (isObject(r)) return Object.values(r).filter(isObject);
	return [];
}

function expandResources(template: Obj, scope: TemplateScope, target: DeploymentTarget, origin: string, walk: Walk): void {
	if (isObject(template['functions']) || (Array.isArray(template['functions']) && template['functions'].length > 0)) {
		walk.result.issues.push({where: origin, message: 'the template defines its own functions; expressions that call them are kept verbatim'});
	}
	for (const res of resourceList(template)) expandResource(res, scope, target, origin, walk, undefined);
}

function expandResource(res: Obj, scope: TemplateScope, target: DeploymentTarget, origin: string, walk: Walk, parent: {type: string; name: string} | undefined): void {
	if (res['existing'] === true) return;
	const copy = res['copy'];
	if (isObject(copy)) {
		const loop = typeof copy['name'] === 'string' ? copy['name'] : undefined;
		const countRaw = copy['count'];
		const count = typeof countRaw === 'string' ? scope.evaluate(countRaw, {missingParameters: 'unresolved'}) : countRaw;
		if (typeof count !== 'number' || count < 0) {
			const why = isUnresolved(count) ? count.reason : 'count is not a number';
			walk.result.issues.push({where: origin, message: `copy loop${loop ? ` '${loop}'` : ''} repeats an unknown number of times (${why}); one copy is read`});
			deployOne(res, scope.withCopy(0, loop), target, origin, walk, parent);
			return;
		}
		const n = Math.min(count, MAX_COPIES);
		for (let i = 0; i < n; i++) deployOne(res, scope.withCopy(i, loop), target, origin, walk, parent);
		return;
	}
	deployOne(res, scope, target, origin, walk, parent);
}

function deployOne(res: Obj, scope: TemplateScope, target: DeploymentTarget, origin: string, walk: Walk, parent: {type: string; name: string} | undefined): void {
	if ('condition' in res) {
		const cond = typeof res['condition'] === 'string' ? scope.evaluate(res['condition'], {missingParameters: 'unresolved'}) : res['condition'];
		if (cond === false || cond === 'false' || cond === 'False') return;
	}
	const typeWritten = typeof res['type'] === 'string' ? res['type'] : '';
	if (!typeWritten) {
		walk.result.issues.push({where: origin, message: 'a resource without a type was ignored'});
		return;
	}
	let type = typeWritten;
	// Child resources nested under a parent may give only the last type segment ('subnets').
	if (parent && !/^[A-Za-z0-9]+\.[A-Za-z0-9.]+\//.test(type)) type = `${parent.type}/${type}`;
	type = type.replace(/\/+$/, '');

	let name: string;
	let nameResolved = true;
	const nameRaw = res['name'];
	if (typeof nameRaw === 'string') {
		const v = scope.evaluate(nameRaw, {missingParameters: 'placeholder'});
		if (isUnresolved(v)) {
			name = v.text;
			nameResolved = false;
			walk.result.issues.push({where: origin, message: `the name of a ${typeWritten} resource could not be resolved and is kept verbatim: ${v.text} (${v.reason})`});
		} else {
			name = typeof v === 'string' ? v : String(v);
		}
	} else {
		name = '';
		nameResolved = false;
	}
	const typeSegments = type.split('/').length - 1;
	if (parent && name.split('/').length < typeSegments) name = `${parent.name}/${name}`;

	if (type.toLowerCase() === 'microsoft.resources/deployments') {
		nestedDeployment(res, scope, target, `${origin} › ${name || 'deployment'}`, walk);
		return;
	}

	walk.result.resources.push({
		type,
		typeKey: type.toLowerCase(),
		name,
		nameResolved,
		id: buildResourceId(target, type, name),
		target,
		raw: res,
		scope,
		file: walk.file,
		origin,
	});

	const children = res['resources'];
	if (Array.isArray(children)) {
		for (const child of children) if (isObject(child)) expandResource(child, scope, target, origin, walk, {type, name});
	}
}

function nestedDeployment(res: Obj, scope: TemplateScope, outerTarget: DeploymentTarget, origin: string, walk: Walk): void {
	const props = isObject(res['properties']) ? res['properties'] : {};
	if (walk.depth >= MAX_DEPTH) {
		walk.result.unread.push({where: origin, message: `nested deployments deeper than ${MAX_DEPTH} levels are not read`});
		return;
	}
	const template = props['template'];
	if (!isObject(template)) {
		const link = isObject(props['templateLink']) ? props['templateLink'] : undefined;
		const uri = link ? (link['uri'] ?? link['relativePath'] ?? link['id']) : undefined;
		walk.result.unread.push({
			where: origin,
			message: `nested deployment uses a linked template${typeof uri === 'string' ? ` (${uri})` : ''} that is not read; save that template next to this one to include its resources`,
		});
		return;
	}
	// A nested deployment can target another resource group or subscription.
	const evalScalar = (key: string): string | undefined => {
		const v = res[key];
		if (typeof v !== 'string') return undefined;
		const r = scope.evaluate(v, {missingParameters: 'placeholder'});
		return typeof r === 'string' ? r : undefined;
	};
	const target: DeploymentTarget = {
		...outerTarget,
		subscriptionId: evalScalar('subscriptionId') ?? outerTarget.subscriptionId,
		resourceGroup: evalScalar('resourceGroup') ?? outerTarget.resourceGroup,
	};
	const options = isObject(props['expressionEvaluationOptions']) ? props['expressionEvaluationOptions'] : {};
	const inner = typeof options['scope'] === 'string' && options['scope'].toLowerCase() === 'inner';
	const next: Walk = {...walk, depth: walk.depth + 1};
	if (!inner) {
		// Outer scope (the default): the inline template's expressions use the parent's parameters and variables.
		expandResources(template, scope, target, origin, next);
		return;
	}
	const values: Record<string, SuppliedValue> = {};
	const given = isObject(props['parameters']) ? props['parameters'] : {};
	for (const [pname, body] of Object.entries(given)) {
		if (!isObject(body)) continue;
		if (isObject(body['reference'])) {
			values[pname] = {keyVault: true};
		} else if ('value' in body) {
			const {value, unresolved} = scope.evaluateDeep(body['value'], {missingParameters: 'placeholder'});
			values[pname] = unresolved.length > 0 ? {unresolved: unresolved[0] as Unresolved} : {value};
		}
	}
	const innerScope = new TemplateScope({
		target,
		parameters: isObject(template['parameters']) ? template['parameters'] : {},
		values,
		variables: isObject(template['variables']) ? template['variables'] : {},
	});
	walk.result.scopes.push({scope: innerScope, where: origin});
	expandResources(template, innerScope, target, origin, next);
}

/** Resources from an API answer (literal JSON, no expressions). */
export function literalResources(resources: Obj[], opts: {file: string; fallback: DeploymentTarget}): DeployedResource[] {
	const out: DeployedResource[] = [];
	for (const raw of resources) {
		const type = String(raw['type']);
		const idGiven = typeof raw['id'] === 'string' ? raw['id'] : undefined;
		let name = typeof raw['name'] === 'string' ? raw['name'] : '';
		const fromId = idGiven ? typeAndNameOfId(idGiven) : undefined;
		// API answers name child resources by their last segment only; the id has the full name.
		if (fromId && fromId.type.toLowerCase() === type.toLowerCase()) name = fromId.name;
		const scope = idGiven ? scopeOfId(idGiven) : {};
		const target: DeploymentTarget = {
			...opts.fallback,
			subscriptionId: scope.subscriptionId ?? opts.fallback.subscriptionId,
			resourceGroup: scope.resourceGroup ?? opts.fallback.resourceGroup,
			location: typeof raw['location'] === 'string' ? raw['location'] : opts.fallback.location,
		};
		out.push({
			type,
			typeKey: type.toLowerCase(),
			name,
			nameResolved: name !== '',
			id: idGiven && scope.resourceGroup ? idGiven : buildResourceId(target, type, name),
			target,
			raw,
			file: opts.file,
			origin: opts.file,
		});
	}
	return out;
}

/**
 * Evaluates a property of a deployed resource: template resources through their scope, API answers
 * as they are.
 */
export function resolveValue(res: DeployedResource, value: unknown, mode: 'placeholder' | 'unresolved' | 'ids'): {value: unknown; unresolved: Unresolved[]} {
	if (!res.scope) return {value, unresolved: []};
	return res.scope.evaluateDeep(value, {missingParameters: mode});
}

/** A single string property; undefined when absent, the verbatim text plus the reason when unresolved. */
export function resolveString(res: DeployedResource, value: unknown, mode: 'placeholder' | 'unresolved' = 'placeholder'): {text?: string; unresolved?: Unresolved} {
	if (value === undefined || value === null) return {};
	if (!res.scope) return typeof value === 'string' ? {text: value} : {text: JSON.stringify(value)};
	const v = typeof value === 'string' ? res.scope.evaluate(value, {missingParameters: mode}) : value;
	if (isUnresolved(v)) return {text: v.text, unresolved: v};
	if (typeof v === 'string') return {text: v};
	if (typeof v === 'number' || typeof v === 'boolean') return {text: String(v)};
	return {text: JSON.stringify(v)};
}
