// A small evaluator for ARM template expressions, written for the static checks: it parses every `[...]` string
// (so unbalanced brackets and unknown functions fail), resolves parameters and variables, computes names and CIDRs,
// and records every resourceId/reference/listKeys call so the checker can resolve them against the template.
// It implements only the functions a deployment template for this project may use; anything else is an error.

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

export function resourceIdOf(type: string, names: string[]): string {
	const [ns, ...types] = type.split('/');
	const parts = types.flatMap((t, i) => [t, names[i] ?? '?']);
	return `/subscriptions/${SUB}/resourceGroups/${RG}/providers/${ns}/${parts.join('/')}`.toLowerCase();
}

// ----- parsing -----

type Node =
	| {kind: 'string'; value: string}
	| {kind: 'number'; value: number}
	| {kind: 'call'; name: string; args: Node[]}
	| {kind: 'prop'; target: Node; name: string}
	| {kind: 'index'; target: Node; index: Node};

type Token = {t: 'str'; v: string} | {t: 'num'; v: number} | {t: 'id'; v: string} | {t: 'punct'; v: string};

function tokenize(src: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i]!;
		if (/\s/.test(c)) {
			i++;
		} else if (c === "'") {
			let s = '';
			i++;
			for (;;) {
				if (i >= src.length) throw new Error(`unterminated string in [${src}]`);
				if (src[i] === "'") {
					if (src[i + 1] === "'") {
						s += "'";
						i += 2;
						continue;
					}
					i++;
					break;
				}
				s += src[i++];
			}
			out.push({t: 'str', v: s});
		} else if (/[0-9-]/.test(c)) {
			const m = /^-?\d+/.exec(src.slice(i));
			if (!m) throw new Error(`bad number in [${src}]`);
			out.push({t: 'num', v: Number(m[0])});
			i += m[0].length;
		} else if (/[A-Za-z_]/.test(c)) {
			const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
			out.push({t: 'id', v: m[0]});
			i += m[0].length;
		} else if ('(),.[]'.includes(c)) {
			out.push({t: 'punct', v: c});
			i++;
		} else {
			throw new Error(`unexpected character '${c}' in [${src}]`);
		}
	}
	return out;
}

export function parseExpression(src: string): Node {
	const tokens = tokenize(src);
	let pos = 0;
	const peek = () => tokens[pos];
	const expect = (v: string) => {
		const t = tokens[pos++];
		if (!t || t.t !== 'punct' || t.v !== v) throw new Error(`expected '${v}' in [${src}]`);
	};
	const primary = (): Node => {
		const t = tokens[pos++];
		if (!t) throw new Error(`unexpected end of [${src}]`);
		let node: Node;
		if (t.t === 'str') node = {kind: 'string', value: t.v};
		else if (t.t === 'num') node = {kind: 'number', value: t.v};
		else if (t.t === 'id') {
			expect('(');
			const args: Node[] = [];
			if (!(peek()?.t === 'punct' && peek()?.v === ')')) {
				for (;;) {
					args.push(primary());
					const n = peek();
					if (n?.t === 'punct' && n.v === ',') {
						pos++;
						continue;
					}
					break;
				}
			}
			expect(')');
			node = {kind: 'call', name: t.v, args};
		} else throw new Error(`unexpected '${t.v}' in [${src}]`);
		for (;;) {
			const n = peek();
			if (n?.t === 'punct' && n.v === '.') {
				pos++;
				const id = tokens[pos++];
				if (!id || id.t !== 'id') throw new Error(`expected a property name in [${src}]`);
				node = {kind: 'prop', target: node, name: id.v};
			} else if (n?.t === 'punct' && n.v === '[') {
				pos++;
				const index = primary();
				expect(']');
				node = {kind: 'index', target: node, index};
			} else break;
		}
		return node;
	};
	const node = primary();
	if (pos !== tokens.length) throw new Error(`trailing tokens in [${src}]`);
	return node;
}

/** `[...]` is an expression; `[[...` is an escaped literal. */
export function isExpression(s: string): boolean {
	return s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');
}

// ----- CIDR (independent of the code under test) -----

function ipToInt(ip: string): number {
	const parts = ip.split('.').map(Number);
	if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`bad IPv4 address ${ip}`);
	return ((parts[0]! * 256 + parts[1]!) * 256 + parts[2]!) * 256 + parts[3]!;
}

function intToIp(n: number): string {
	return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
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

function cidrSubnet(network: string, length: number, index: number): string {
	const r = cidrRange(network);
	if (length < r.length) throw new Error(`cidrSubnet: /${length} is larger than ${network}`);
	const size = 2 ** (32 - length);
	const start = r.start + index * size;
	if (start + size - 1 > r.end) throw new Error(`cidrSubnet: index ${index} of /${length} is outside ${network}`);
	return `${intToIp(start)}/${length}`;
}

// ----- evaluation -----

export interface Scope {
	parameters: Record<string, unknown>;
	variableDefs: Record<string, unknown>;
	variableCache: Map<string, unknown>;
	evaluating: Set<string>;
	copyIndex?: Record<string, number>;
	location: string;
	rec: Recorder;
}

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
	return h;
}

function str(v: unknown, fn: string): string {
	if (typeof v !== 'string') throw new Error(`${fn}() expects a string, got ${v instanceof Opaque ? `a runtime value (${v.what})` : typeof v}`);
	return v;
}

function num(v: unknown, fn: string): number {
	if (typeof v !== 'number') throw new Error(`${fn}() expects an int, got ${typeof v}`);
	return v;
}

function variable(scope: Scope, name: string): unknown {
	scope.rec.variables.add(name);
	if (scope.variableCache.has(name)) return scope.variableCache.get(name);
	const copies = (scope.variableDefs.copy ?? []) as {name: string; count: unknown; input: unknown}[];
	const copy = Array.isArray(copies) ? copies.find((c) => c.name === name) : undefined;
	if (!(name in scope.variableDefs) || name === 'copy') {
		if (!copy) throw new Error(`variables('${name}') is not declared`);
	}
	if (scope.evaluating.has(name)) throw new Error(`variable cycle through '${name}'`);
	scope.evaluating.add(name);
	let value: unknown;
	if (copy) {
		const count = num(evaluate(copy.count, scope), 'copy count');
		value = Array.from({length: count}, (_, i) => evaluate(copy.input, {...scope, copyIndex: {...scope.copyIndex, [name]: i}}));
	} else {
		value = evaluate(scope.variableDefs[name], scope);
	}
	scope.evaluating.delete(name);
	scope.variableCache.set(name, value);
	return value;
}

function call(name: string, args: unknown[], scope: Scope): unknown {
	const fn = name.toLowerCase();
	scope.rec.functions.add(fn);
	switch (fn) {
		case 'parameters': {
			const p = str(args[0], fn);
			scope.rec.parameters.add(p);
			if (!(p in scope.parameters)) throw new Error(`parameters('${p}') is not declared`);
			return scope.parameters[p];
		}
		case 'variables':
			return variable(scope, str(args[0], fn));
		case 'concat':
			if (args.every(Array.isArray)) return (args as unknown[][]).flat();
			return args.map((a) => str(a, fn)).join('');
		case 'format': {
			const f = str(args[0], fn);
			return f.replace(/\{(\d+)\}/g, (_, i: string) => {
				const a = args[Number(i) + 1];
				if (a === undefined) throw new Error(`format(): no argument {${i}} in '${f}'`);
				if (a instanceof Opaque) return `<${a.what}>`;
				return String(a);
			});
		}
		case 'tolower':
			return str(args[0], fn).toLowerCase();
		case 'toupper':
			return str(args[0], fn).toUpperCase();
		case 'take': {
			const n = num(args[1], fn);
			if (Array.isArray(args[0])) return args[0].slice(0, n);
			return str(args[0], fn).slice(0, n);
		}
		case 'replace':
			return str(args[0], fn).split(str(args[1], fn)).join(str(args[2], fn));
		case 'uniquestring': {
			const h = hash(args.map((a) => str(a, fn)).join('|'));
			const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
			let out = '';
			let seed = h;
			for (let i = 0; i < 13; i++) {
				out += alphabet[seed % 32];
				seed = hash(`${seed}${i}`);
			}
			return out;
		}
		case 'guid': {
			const h = args.map((a) => String(a)).join('|');
			const hex = [0, 1, 2, 3].map((i) => hash(`${h}#${i}`).toString(16).padStart(8, '0')).join('');
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
		}
		case 'resourcegroup':
			return {id: `/subscriptions/${SUB}/resourceGroups/${RG}`, name: RG, location: scope.location};
		case 'subscription':
			return {id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: TENANT};
		case 'environment':
			return {name: 'AzureCloud', suffixes: {storage: 'core.windows.net', keyvaultDns: '.vault.azure.net'}};
		case 'resourceid': {
			const [type, ...names] = args.map((a) => str(a, fn));
			if (!type || !type.includes('/')) throw new Error(`resourceId(): first argument must be a resource type (no subscription/group form in this template), got '${type}'`);
			const id = resourceIdOf(type, names);
			scope.rec.resourceIds.push({type, names, id});
			return id;
		}
		case 'subscriptionresourceid': {
			const [type, ...names] = args.map((a) => str(a, fn));
			if (!type || !type.includes('/')) throw new Error(`subscriptionResourceId(): bad type '${type}'`);
			const segs = type.split('/').length - 1;
			if (names.length !== segs) throw new Error(`subscriptionResourceId('${type}'): ${names.length} names for ${segs} type segments`);
			const [ns, ...types] = type.split('/');
			return `/subscriptions/${SUB}/providers/${ns}/${types.flatMap((t, i) => [t, names[i]]).join('/')}`;
		}
		case 'reference':
			scope.rec.references.push({id: args[0], apiVersion: args[1]});
			return new Opaque(`reference(${String(args[0])})`);
		case 'listkeys':
			if (args.length !== 2) throw new Error('listKeys() needs a resource id and an apiVersion');
			scope.rec.listKeys.push({id: args[0], apiVersion: args[1]});
			return new Opaque('listKeys');
		case 'split':
			return str(args[0], fn).split(str(args[1], fn));
		case 'last': {
			const a = args[0];
			if (Array.isArray(a)) return a[a.length - 1];
			return str(a, fn).slice(-1);
		}
		case 'length': {
			const a = args[0];
			if (Array.isArray(a) || typeof a === 'string') return a.length;
			if (a && typeof a === 'object' && !(a instanceof Opaque)) return Object.keys(a).length;
			throw new Error('length(): bad argument');
		}
		case 'add':
			return num(args[0], fn) + num(args[1], fn);
		case 'copyindex': {
			const loop = typeof args[0] === 'string' ? args[0] : undefined;
			const offset = typeof args[0] === 'number' ? args[0] : typeof args[1] === 'number' ? args[1] : 0;
			const idx = loop ? scope.copyIndex?.[loop] : undefined;
			if (idx === undefined) throw new Error(`copyIndex(${loop ?? ''}) outside its copy loop`);
			return idx + offset;
		}
		case 'parsecidr': {
			const r = cidrRange(str(args[0], fn));
			return {network: intToIp(r.start), broadcast: intToIp(r.end), cidr: r.length, firstUsable: intToIp(r.start + 1), lastUsable: intToIp(r.end - 1)};
		}
		case 'cidrsubnet':
			return cidrSubnet(str(args[0], fn), num(args[1], fn), num(args[2], fn));
		case 'if':
			return args[0] ? args[1] : args[2];
		case 'empty': {
			const a = args[0];
			return a === '' || a === null || (Array.isArray(a) && a.length === 0) || (typeof a === 'object' && a !== null && !(a instanceof Opaque) && Object.keys(a).length === 0);
		}
		case 'equals':
			return args[0] === args[1];
		case 'not':
			return !args[0];
		case 'string':
			return typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0]);
		default:
			throw new Error(`unknown or unsupported function ${name}()`);
	}
}

function evalNode(node: Node, scope: Scope): unknown {
	switch (node.kind) {
		case 'string':
			return node.value;
		case 'number':
			return node.value;
		case 'call': {
			// if() is lazy in ARM: only the chosen branch is evaluated.
			if (node.name.toLowerCase() === 'if') {
				const cond = evalNode(node.args[0]!, scope);
				return evalNode(node.args[cond ? 1 : 2]!, scope);
			}
			return call(node.name, node.args.map((a) => evalNode(a, scope)), scope);
		}
		case 'prop': {
			const target = evalNode(node.target, scope);
			if (target instanceof Opaque) return new Opaque(`${target.what}.${node.name}`);
			if (target && typeof target === 'object' && node.name in target) return (target as Record<string, unknown>)[node.name];
			throw new Error(`property '${node.name}' does not exist`);
		}
		case 'index': {
			const target = evalNode(node.target, scope);
			const index = evalNode(node.index, scope);
			if (target instanceof Opaque) return new Opaque(`${target.what}[]`);
			if (Array.isArray(target) && typeof index === 'number') {
				if (index < 0 || index >= target.length) throw new Error(`index ${index} out of range`);
				return target[index];
			}
			if (target && typeof target === 'object' && typeof index === 'string' && index in target) return (target as Record<string, unknown>)[index];
			throw new Error('bad index access');
		}
	}
}

/** Evaluates a JSON value: every expression string in it, object keys included. */
export function evaluate(value: unknown, scope: Scope): unknown {
	if (typeof value === 'string') {
		if (isExpression(value)) return evalNode(parseExpression(value.slice(1, -1)), scope);
		return value.startsWith('[[') ? value.slice(1) : value;
	}
	if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			if (k === 'copy' && scope.variableDefs === value) continue;
			const key = evaluate(k, scope);
			out[String(key instanceof Opaque ? k : key)] = evaluate(v, scope);
		}
		return out;
	}
	return value;
}

export function newRecorder(): Recorder {
	return {resourceIds: [], references: [], listKeys: [], parameters: new Set(), variables: new Set(), functions: new Set()};
}
