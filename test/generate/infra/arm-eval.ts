// The static checks evaluate a deployment template with the product's ARM evaluator (expressions.ts), made strict
// and given what only Azure knows: every `[...]` string must parse, anything the evaluator cannot resolve is an
// error, reference()/listKeys() give Opaque stand-ins, and every resourceId/reference/listKeys call is recorded so
// the checker can resolve them against the declared resources. Only the functions a deployment template for this
// project may use are accepted.
import {TemplateScope, isExpression, isUnresolved, parseExpression, type EvalHooks} from '../../../source/model/arm-expression.js';

export {isExpression, parseExpression};

export class Opaque {
	constructor(readonly what: string) {}
}

export interface ResourceIdCall {
	type: string;
	names: string[];
	id: string;
}

export interface Recorder {
	resourceIds: ResourceIdCall[];
	references: {id: unknown; apiVersion?: unknown}[];
	listKeys: {id: unknown; apiVersion: unknown}[];
	parameters: Set<string>;
	variables: Set<string>;
	functions: Set<string>;
}

export const SUB = '00000000-0000-0000-0000-000000000001';
export const TENANT = '00000000-0000-0000-0000-0000000000aa';
export const RG = 'rg-check';

/** The id of a declared resource, from its type and name segments. */
export function resourceIdOf(type: string, names: string[]): string {
	const [ns, ...types] = type.split('/');
	const parts = types.flatMap((t, i) => [t, names[i] ?? '?']);
	return `/subscriptions/${SUB}/resourceGroups/${RG}/providers/${ns}/${parts.join('/')}`.toLowerCase();
}

// ----- CIDR: the tests' own reading of an address range, to cross-check what the template computes -----

function ipToInt(ip: string): number {
	const parts = ip.split('.').map(Number);
	if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`bad IPv4 address ${ip}`);
	return ((parts[0]! * 256 + parts[1]!) * 256 + parts[2]!) * 256 + parts[3]!;
}

export function cidrRange(cidr: string): {start: number; end: number; length: number} {
	const [ip, len] = cidr.split('/');
	const length = Number(len);
	if (!ip || !Number.isInteger(length) || length < 0 || length > 32) throw new Error(`bad CIDR ${cidr}`);
	const size = 2 ** (32 - length);
	const start = Math.floor(ipToInt(ip) / size) * size;
	if (start !== ipToInt(ip)) throw new Error(`CIDR ${cidr} is not on a network boundary`);
	return {start, end: start + size - 1, length};
}

// ----- evaluation -----

/** What the functions of the check's deployment template may be; anything else is a mistake in the generator. */
const ALLOWED = new Set([
	'parameters', 'variables', 'concat', 'format', 'tolower', 'toupper', 'take', 'replace', 'uniquestring', 'guid',
	'resourcegroup', 'subscription', 'environment', 'resourceid', 'subscriptionresourceid', 'reference', 'listkeys',
	'split', 'last', 'length', 'add', 'copyindex', 'parsecidr', 'cidrsubnet', 'empty', 'equals', 'not', 'string',
]);

export interface Scope {
	/** Parameter values the check deploys with, filled in declaration order. */
	parameters: Record<string, unknown>;
	variableDefs: Record<string, unknown>;
	location: string;
	rec: Recorder;
	/** The product's scope, made on first use. */
	template?: TemplateScope;
}

function str(v: unknown, fn: string): string {
	if (typeof v !== 'string') throw new Error(`${fn}() expects a string, got ${v instanceof Opaque ? `a runtime value (${v.what})` : typeof v}`);
	return v;
}

function hooks(scope: Scope): EvalHooks {
	const rec = scope.rec;
	return {
		member: (target, key) => (target instanceof Opaque ? {value: new Opaque(typeof key === 'number' ? `${target.what}[]` : `${target.what}.${key}`)} : undefined),
		call(name, args, builtin) {
			rec.functions.add(name);
			if (!ALLOWED.has(name)) throw new Error(`unknown or unsupported function ${name}()`);
			switch (name) {
				case 'parameters': {
					const p = str(args[0], name);
					rec.parameters.add(p);
					if (!(p in scope.parameters)) throw new Error(`parameters('${p}') is not declared`);
					return scope.parameters[p];
				}
				case 'variables':
					rec.variables.add(str(args[0], name));
					break;
				case 'environment':
					return {name: 'AzureCloud', suffixes: {storage: 'core.windows.net', keyvaultDns: '.vault.azure.net'}};
				case 'reference':
					rec.references.push({id: args[0], apiVersion: args[1]});
					return new Opaque(`reference(${String(args[0])})`);
				case 'listkeys':
					if (args.length !== 2) throw new Error('listKeys() needs a resource id and an apiVersion');
					rec.listKeys.push({id: args[0], apiVersion: args[1]});
					return new Opaque('listKeys');
				case 'format':
					// A runtime value shows as its description, so checks can see what a string is built from.
					return strict(builtin(args.map((a) => (a instanceof Opaque ? `<${a.what}>` : a))));
				case 'resourceid': {
					const [type, ...names] = args.map((a) => str(a, name));
					if (!type || !type.includes('/')) throw new Error(`resourceId(): first argument must be a resource type (no subscription/group form in this template), got '${type}'`);
					// Lower case, like the ids resourceIdOf gives declared resources, so they compare as they are.
					const id = String(strict(builtin(args))).toLowerCase();
					rec.resourceIds.push({type, names, id});
					return id;
				}
				case 'subscriptionresourceid': {
					const [type, ...names] = args.map((a) => str(a, name));
					const segs = (type ?? '').split('/').length - 1;
					if (names.length !== segs) throw new Error(`subscriptionResourceId('${type}'): ${names.length} names for ${segs} type segments`);
					break;
				}
				case 'parsecidr':
				case 'cidrsubnet':
					// The template's ranges must sit on their boundaries: ARM's leniency is no excuse for a sloppy plan.
					cidrRange(str(args[0], name));
					break;
			}
			return strict(builtin(args));
		},
	};
}

/** Anything the evaluator could not resolve is an error in a template the tool generated. */
function strict(value: unknown): unknown {
	if (isUnresolved(value)) throw new Error(value.reason);
	return value;
}

function templateScope(scope: Scope): TemplateScope {
	scope.template ??= new TemplateScope({
		target: {subscriptionId: SUB, resourceGroup: RG, location: scope.location, tenantId: TENANT},
		variables: scope.variableDefs,
		hooks: hooks(scope),
	});
	return scope.template;
}

/** Evaluates a JSON value: every expression string in it, object keys included. */
export function evaluate(value: unknown, scope: Scope): unknown {
	const r = templateScope(scope).evaluateDeep(value);
	const first = r.unresolved[0];
	if (first) throw new Error(`${first.reason} in ${first.text}`);
	return r.value;
}

export function newRecorder(): Recorder {
	return {resourceIds: [], references: [], listKeys: [], parameters: new Set(), variables: new Set(), functions: new Set()};
}
