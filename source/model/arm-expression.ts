// A static evaluator for the subset of ARM template expressions that decides resource names, ids and
// connection references. Pure: no I/O. Anything that needs Azure at deploy time (reference(), list*(),
// utcNow(), newGuid()…) or that the files do not say becomes an `Unresolved` that keeps the verbatim
// text and a reason, so the caller can record an issue instead of failing.
import {readQuoted} from './expression-text.js';

export class Unresolved {
	readonly unresolved = true;
	constructor(
		/** The verbatim template text (the whole `[...]` string once it leaves the evaluator). */
		readonly text: string,
		readonly reason: string,
	) {}
}

export function isUnresolved(value: unknown): value is Unresolved {
	return value instanceof Unresolved;
}

export class ExpressionSyntaxError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
		this.name = 'ExpressionSyntaxError';
	}
}

/** Where a deployment lands; placeholders unless the files reveal real values. */
export interface DeploymentTarget {
	subscriptionId: string;
	resourceGroup: string;
	location: string;
	tenantId?: string;
}

/** A value supplied for a template parameter (parameters file, nested deployment, or caller). */
export type SuppliedValue = {value: unknown} | {keyVault: true} | {unresolved: Unresolved};

export interface EvalNote {
	/**
	 * placeholder: a parameter had no value and its name stands in for it;
	 * approximate: a stable stand-in for something only Azure can compute (uniqueString, guid);
	 */
	kind: 'placeholder' | 'approximate';
	/** Parameter name or function call the note is about; notes are de-duplicated on it. */
	subject: string;
	message: string;
}

export interface ScopeInput {
	target: DeploymentTarget;
	/** The template's `parameters` section (declarations with type/defaultValue). */
	parameters?: Record<string, unknown>;
	values?: Record<string, SuppliedValue>;
	variables?: Record<string, unknown>;
	/** For callers other than the loader (a static template checker): see EvalHooks. */
	hooks?: EvalHooks;
}

/**
 * Lets a caller stand in for Azure where the files cannot (reference(), listKeys()…) and watch what an
 * expression calls. The loader passes none: without hooks evaluation is exactly as documented above.
 */
export interface EvalHooks {
	/**
	 * Every function call except if() and coalesce() (they stay lazy), once its arguments are evaluated,
	 * runtime-only functions included. `builtin` evaluates the call as the evaluator would, with the
	 * arguments given; what the hook returns is the call's value. `name` is lower-case.
	 */
	call?(name: string, args: unknown[], builtin: (args: unknown[]) => unknown): unknown;
	/** `.name` or `[index]` on a value the hook made up; undefined leaves it to the evaluator. */
	member?(target: unknown, key: string | number): {value: unknown} | undefined;
}

export interface EvalOptions {
	/**
	 * What `parameters('x')` gives when x has neither a supplied value nor a defaultValue.
	 * `placeholder` (names and ids): the parameter's name, recorded as a note, so resources stay
	 * recognisable and cross-references still line up (a missing location parameter gives the
	 * deployment's location instead). `unresolved`: keep the verbatim expression. `ids` (workflow
	 * definitions): placeholders only inside resourceId() and its kin, so an action that calls a
	 * sibling workflow points at the same id the sibling gets, while other content stays verbatim.
	 */
	missingParameters?: 'placeholder' | 'unresolved' | 'ids' | 'lift';
}

/**
 * A declared template parameter the files give no value (or a secure one, whose value is never read), met while
 * evaluating in `lift` mode: the evaluator stands a sentinel in for it that concat(), format() and string() carry
 * through, so the caller can turn the result into workflow text that reads a workflow parameter instead.
 */
export interface LiftedParameter {
	name: string;
	/** The template's type, lower-case (`string`, `securestring`, `int`…); undefined when not declared. */
	type?: string;
	/** Stands in for the value inside evaluated strings. */
	sentinel: string;
}

const SENTINEL_OPEN = '\uE000';
const SENTINEL_CLOSE = '\uE001';
/** Finds the sentinels of lifted parameters in a string; group 1 is the parameter's index. */
export const LIFTED_SENTINEL = /\uE000(\d+)\uE001/g;
// Functions that pass a lifted parameter through unchanged inside their string result.
const LIFT_PASS_THROUGH = new Set(['concat', 'format', 'string', 'parameters', 'variables', 'if', 'coalesce']);

function hasSentinel(v: unknown): boolean {
	if (typeof v === 'string') return v.includes(SENTINEL_OPEN);
	if (Array.isArray(v)) return v.some(hasSentinel);
	if (typeof v === 'object' && v !== null && !(v instanceof Unresolved)) return Object.values(v).some(hasSentinel);
	return false;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer and parser

type Token =
	| {t: 'str'; v: string; pos: number}
	| {t: 'num'; v: number; pos: number}
	| {t: 'id'; v: string; pos: number}
	| {t: 'p'; v: '(' | ')' | ',' | '.' | '[' | ']'; pos: number};

export type ExprNode =
	| {k: 'str'; v: string}
	| {k: 'num'; v: number}
	| {k: 'ident'; name: string; pos: number}
	| {k: 'call'; name: string; args: ExprNode[]; pos: number}
	| {k: 'prop'; target: ExprNode; name: string}
	| {k: 'index'; target: ExprNode; index: ExprNode};

function tokenize(src: string): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i]!;
		if (/\s/.test(c)) {
			i++;
		} else if (c === "'") {
			const start = i;
			const literal = readQuoted(src, start);
			if (!literal) throw new ExpressionSyntaxError('unterminated string', start);
			i = literal.end;
			out.push({t: 'str', v: literal.value, pos: start});
		} else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
			const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
			out.push({t: 'num', v: Number(m[0]), pos: i});
			i += m[0].length;
		} else if (/[A-Za-z_$]/.test(c)) {
			const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
			out.push({t: 'id', v: m[0], pos: i});
			i += m[0].length;
		} else if ('(),.[]'.includes(c)) {
			out.push({t: 'p', v: c as '(' | ')' | ',' | '.' | '[' | ']', pos: i});
			i++;
		} else {
			throw new ExpressionSyntaxError(`unexpected character '${c}'`, i);
		}
	}
	return out;
}

/** Parses the inside of an ARM expression (without the surrounding brackets). */
export function parseExpression(src: string): ExprNode {
	const tokens = tokenize(src);
	let at = 0;
	const peek = () => tokens[at];
	const isP = (v: string) => {
		const tok = peek();
		return tok?.t === 'p' && tok.v === v;
	};
	const expectP = (v: string) => {
		const tok = peek();
		if (!(tok?.t === 'p' && tok.v === v)) {
			throw new ExpressionSyntaxError(`expected '${v}'`, tok?.pos ?? src.length);
		}
		at++;
	};

	function primary(): ExprNode {
		const tok = peek();
		if (!tok) throw new ExpressionSyntaxError('unexpected end of expression', src.length);
		at++;
		if (tok.t === 'str') return {k: 'str', v: tok.v};
		if (tok.t === 'num') return {k: 'num', v: tok.v};
		if (tok.t === 'id') {
			// Namespaced user-defined functions (`ns.fn(...)`) parse as one name.
			let name = tok.v;
			const next = tokens[at];
			const after = tokens[at + 1];
			if (next?.t === 'p' && next.v === '.' && after?.t === 'id' && tokens[at + 2]?.t === 'p' && (tokens[at + 2] as {v: string}).v === '(') {
				name = `${name}.${after.v}`;
				at += 2;
			}
			if (isP('(')) {
				at++;
				const args: ExprNode[] = [];
				if (!isP(')')) {
					for (;;) {
						args.push(expression());
						if (isP(',')) {
							at++;
							continue;
						}
						break;
					}
				}
				expectP(')');
				return {k: 'call', name, args, pos: tok.pos};
			}
			return {k: 'ident', name, pos: tok.pos};
		}
		throw new ExpressionSyntaxError(`unexpected '${tok.v}'`, tok.pos);
	}

	function expression(): ExprNode {
		let node = primary();
		for (;;) {
			if (isP('.')) {
				at++;
				const tok = peek();
				if (tok?.t !== 'id') throw new ExpressionSyntaxError('expected a property name after "."', tok?.pos ?? src.length);
				at++;
				node = {k: 'prop', target: node, name: tok.v};
			} else if (isP('[')) {
				at++;
				const index = expression();
				expectP(']');
				node = {k: 'index', target: node, index};
			} else {
				return node;
			}
		}
	}

	const node = expression();
	if (at < tokens.length) throw new ExpressionSyntaxError('unexpected text after the expression', tokens[at]!.pos);
	return node;
}

/** `[...]` is an expression; `[[...` is a literal starting with `[`. */
export function isExpression(text: string): boolean {
	return text.length >= 2 && text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

/**
 * A string ARM would evaluate and that reads as one: `[fn(…)]`, `[fn(…).x]`, `[fn(…)[0]]`. Unlike isExpression()
 * it leaves alone what only looks bracketed (`[dbo].[Orders]`, `[1,2]`), which is ordinary text in a workflow
 * that did not come from a template.
 */
export function isTemplateExpression(text: string): boolean {
	if (!isExpression(text)) return false;
	let node: ExprNode;
	try {
		node = parseExpression(text.slice(1, -1));
	} catch {
		return false;
	}
	while (node.k === 'prop' || node.k === 'index') node = node.target;
	return node.k === 'call';
}

/** The literal a template string stands for when it is not an expression (`[[x]` → `[x]`). */
function unescapeLiteral(text: string): string {
	return text.startsWith('[[') ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------
// Values

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unresolved);
}

function getCI(obj: Obj, key: string): {found: boolean; value?: unknown} {
	if (Object.prototype.hasOwnProperty.call(obj, key)) return {found: true, value: obj[key]};
	const lower = key.toLowerCase();
	for (const k of Object.keys(obj)) {
		if (k.toLowerCase() === lower) return {found: true, value: obj[k]};
	}
	return {found: false};
}

function toText(v: unknown): string {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (v === null || v === undefined) return '';
	return JSON.stringify(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
	if (isObj(a) && isObj(b)) {
		const ka = Object.keys(a);
		const kb = Object.keys(b);
		return ka.length === kb.length && ka.every(k => deepEqual(a[k], b[k]));
	}
	return false;
}

// Two independent 32-bit FNV-1a passes: enough spread for stable stand-in names, no crypto import.
function fnv(text: string, seed: number): number {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

function stableHash(text: string, length: number): string {
	let out = '';
	let seed = 0x811c9dc5;
	while (out.length < length) {
		const h = fnv(text, seed);
		out += h.toString(36).padStart(7, '0');
		seed = (seed + 0x9e3779b9) >>> 0;
	}
	return out.slice(0, length);
}

function stableGuid(text: string): string {
	let hex = '';
	let seed = 0x811c9dc5;
	while (hex.length < 32) {
		hex += fnv(text, seed).toString(16).padStart(8, '0');
		seed = (seed + 0x9e3779b9) >>> 0;
	}
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function utf8ToBase64(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin);
}

function base64ToUtf8(b64: string): string {
	const bin = atob(b64);
	const bytes = Uint8Array.from(bin, ch => ch.charCodeAt(0));
	return new TextDecoder().decode(bytes);
}

/** .NET composite formatting as ARM's format() uses it: `{0}`, `{1:D3}`, `{{` and `}}`. */
function composite(fmt: string, args: unknown[]): string | Unresolved {
	let out = '';
	for (let i = 0; i < fmt.length; i++) {
		const c = fmt[i]!;
		if (c === '{' && fmt[i + 1] === '{') {
			out += '{';
			i++;
		} else if (c === '}' && fmt[i + 1] === '}') {
			out += '}';
			i++;
		} else if (c === '{') {
			const end = fmt.indexOf('}', i);
			if (end < 0) return new Unresolved(fmt, 'format(): unbalanced "{"');
			const spec = fmt.slice(i + 1, end);
			const m = /^\s*(\d+)\s*(?:,\s*(-?\d+))?\s*(?::(.*))?$/.exec(spec);
			if (!m) return new Unresolved(fmt, `format(): bad placeholder {${spec}}`);
			const idx = Number(m[1]);
			if (idx >= args.length) return new Unresolved(fmt, `format(): no argument for {${idx}}`);
			const arg = args[idx];
			let text: string;
			const f = m[3];
			if (f && typeof arg === 'number' && /^[Dd]\d*$/.test(f)) {
				text = String(Math.trunc(arg)).padStart(Number(f.slice(1) || '0'), '0');
			} else if (f && typeof arg === 'number' && /^[Nn]\d*$/.test(f)) {
				const digits = Number(f.slice(1) || '2');
				text = arg.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
			} else {
				text = toText(arg);
			}
			const width = m[2] ? Number(m[2]) : 0;
			text = width >= 0 ? text.padStart(width) : text.padEnd(-width);
			out += text;
			i = end;
		} else {
			out += c;
		}
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// The scope: parameters, variables and where the deployment lands

const RUNTIME_ONLY = new Set([
	'reference',
	'listkeys',
	'listsecrets',
	'listaccountsas',
	'listservicesas',
	'listcallbackurl',
	'listconnectionstrings',
	'listadminkeys',
	'listquerykeys',
	'list',
	'utcnow',
	'newguid',
	'pickzones',
	'deployment',
	'environment',
	'managementgroup',
	'tenant',
	'providers',
	'getsecret',
]);

const ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid']);

function parameterType(decl: unknown): string | undefined {
	return isObj(decl) && typeof decl['type'] === 'string' ? decl['type'].toLowerCase() : undefined;
}

interface CopyFrame {
	name?: string;
	index: number;
}

/**
 * One template's evaluation scope. Parameters and variables are evaluated lazily and memoised;
 * notes (placeholders, approximations) collect on `notes` and are de-duplicated by subject.
 */
export class TemplateScope {
	readonly notes: EvalNote[] = [];
	/** Parameters met in `lift` mode with no value, in the order first met; the index is in their sentinel. */
	readonly lifted: LiftedParameter[] = [];
	private readonly noteKeys = new Set<string>();
	private readonly memo = new Map<string, unknown>();
	private readonly inProgress = new Set<string>();
	private readonly declarations: Obj;
	private readonly supplied: Record<string, SuppliedValue>;
	private readonly variableDecls: Obj;

	constructor(
		readonly input: ScopeInput,
		private readonly copyFrames: CopyFrame[] = [],
		private readonly parent?: TemplateScope,
	) {
		this.declarations = isObj(input.parameters) ? input.parameters : {};
		this.supplied = input.values ?? {};
		this.variableDecls = isObj(input.variables) ? input.variables : {};
	}

	get target(): DeploymentTarget {
		return this.input.target;
	}

	/** The same parameters and variables with one more copy-loop index in force. */
	withCopy(index: number, name?: string): TemplateScope {
		return new TemplateScope(this.input, [...this.copyFrames, {index, name}], this.parent ?? this);
	}

	private root(): TemplateScope {
		return this.parent ?? this;
	}

	note(note: EvalNote): void {
		const root = this.root();
		const key = `${note.kind}\u0000${note.subject}`;
		if (root.noteKeys.has(key)) return;
		root.noteKeys.add(key);
		root.notes.push(note);
	}

	/** Evaluates one template string: expressions are evaluated, literals returned (with `[[` unescaped). */
	evaluate(text: string, opts: EvalOptions = {}): unknown {
		if (!isExpression(text)) return unescapeLiteral(text);
		let node: ExprNode;
		try {
			node = parseExpression(text.slice(1, -1));
		} catch (error) {
			const reason = error instanceof ExpressionSyntaxError ? `syntax error: ${error.message} at column ${error.position + 2}` : String(error);
			return new Unresolved(text, reason);
		}
		const value = this.evalNode(node, opts);
		// The caller wants the whole verbatim string, not the innermost piece that failed.
		if (value instanceof Unresolved) return new Unresolved(text, value.reason);
		return value;
	}

	/**
	 * Evaluates every expression in a JSON tree (property names too). Unresolvable strings stay
	 * verbatim in the result and are listed in `unresolved`.
	 */
	evaluateDeep(value: unknown, opts: EvalOptions = {}): {value: unknown; unresolved: Unresolved[]} {
		const unresolved: Unresolved[] = [];
		const walk = (v: unknown): unknown => {
			if (typeof v === 'string') {
				const r = this.evaluate(v, opts);
				if (r instanceof Unresolved) {
					unresolved.push(r);
					return v;
				}
				return r;
			}
			if (Array.isArray(v)) return v.map(walk);
			if (isObj(v)) {
				const out: Obj = {};
				for (const [k, child] of Object.entries(v)) {
					let key = k;
					if (isExpression(k)) {
						const rk = this.evaluate(k, opts);
						if (rk instanceof Unresolved) unresolved.push(rk);
						else key = toText(rk);
					} else {
						key = unescapeLiteral(k);
					}
					out[key] = walk(child);
				}
				return out;
			}
			return v;
		};
		return {value: walk(value), unresolved};
	}

	/** The value of `parameters(name)`; exposed so callers can see what a parameter resolved to. */
	parameter(name: string, opts: EvalOptions = {}): unknown {
		const root = this.root();
		if (opts.missingParameters === 'lift') {
			const value = this.parameter(name, {missingParameters: 'unresolved'});
			const decl = getCI(this.declarations, name);
			if (!(value instanceof Unresolved) || !decl.found) return value;
			let at = root.lifted.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
			if (at < 0) {
				at = root.lifted.length;
				root.lifted.push({name, type: parameterType(decl.value), sentinel: `${SENTINEL_OPEN}${at}${SENTINEL_CLOSE}`});
			}
			return root.lifted[at]!.sentinel;
		}
		const mode = opts.missingParameters === 'placeholder' ? 'placeholder' : 'unresolved';
		const memoKey = `p\u0000${name.toLowerCase()}\u0000${mode}`;
		if (root.memo.has(memoKey)) return root.memo.get(memoKey);
		const value = root.computeParameter(name, mode);
		root.memo.set(memoKey, value);
		return value;
	}

	private computeParameter(name: string, mode: 'placeholder' | 'unresolved'): unknown {
		const decl = getCI(this.declarations, name);
		if (!decl.found) return new Unresolved(name, `parameter '${name}' is not declared in the template`);
		const type = parameterType(decl.value);
		const secure = type === 'securestring' || type === 'secureobject';
		const supplied = getCI(this.supplied as Obj, name);
		if (supplied.found && supplied.value !== undefined) {
			const sv = supplied.value as SuppliedValue;
			if ('keyVault' in sv) return new Unresolved(name, `parameter '${name}' comes from a Key Vault reference; it is not read`);
			if ('unresolved' in sv) return new Unresolved(name, sv.unresolved.reason);
			if (secure) return new Unresolved(name, `parameter '${name}' is secure; its value is never read`);
			return sv.value;
		}
		if (isObj(decl.value) && 'defaultValue' in decl.value) {
			if (secure) return new Unresolved(name, `parameter '${name}' is secure; its value is never read`);
			const guard = `p:${name.toLowerCase()}`;
			if (this.inProgress.has(guard)) return new Unresolved(name, `parameter '${name}' refers to itself`);
			this.inProgress.add(guard);
			try {
				const {value, unresolved} = this.evaluateDeep(decl.value['defaultValue'], {missingParameters: mode});
				if (unresolved.length > 0) return new Unresolved(name, `defaultValue of '${name}': ${unresolved[0]!.reason}`);
				return value;
			} finally {
				this.inProgress.delete(guard);
			}
		}
		if (mode === 'placeholder' && !secure && (type === undefined || type === 'string')) {
			if (/location$/i.test(name)) {
				this.note({
					kind: 'placeholder',
					subject: name,
					message: `parameter '${name}' has no value (no defaultValue and no parameters file); the deployment's location '${this.target.location}' stands in for it`,
				});
				return this.target.location;
			}
			this.note({
				kind: 'placeholder',
				subject: name,
				message: `parameter '${name}' has no value (no defaultValue and no parameters file); its name stands in for the value`,
			});
			return name;
		}
		return new Unresolved(name, `parameter '${name}' has no value (no defaultValue and no parameters file)`);
	}

	variable(name: string, opts: EvalOptions = {}): unknown {
		const root = this.root();
		const mode = opts.missingParameters ?? 'unresolved';
		if (mode === 'ids') return this.variable(name, {missingParameters: 'unresolved'});
		// Root-scope memo: a variable's value does not depend on the copy loop the caller is in.
		if (mode === 'lift') {
			const plain = this.variable(name, {missingParameters: 'unresolved'});
			if (!(plain instanceof Unresolved)) return plain;
		}
		const memoKey = `v\u0000${name.toLowerCase()}\u0000${mode}`;
		if (root.memo.has(memoKey)) return root.memo.get(memoKey);
		const value = root.computeVariable(name, {missingParameters: mode});
		root.memo.set(memoKey, value);
		return value;
	}

	private computeVariable(name: string, opts: EvalOptions): unknown {
		const guard = `v:${name.toLowerCase()}`;
		if (this.inProgress.has(guard)) return new Unresolved(name, `variable '${name}' refers to itself`);
		this.inProgress.add(guard);
		try {
			const decl = getCI(this.variableDecls, name);
			if (decl.found) {
				const {value, unresolved} = this.evaluateDeep(decl.value, opts);
				if (unresolved.length > 0) return new Unresolved(name, `variable '${name}': ${unresolved[0]!.reason}`);
				return value;
			}
			// Variable copy loops: "copy": [{name, count, input}] build array variables.
			const loops = this.variableDecls['copy'];
			if (Array.isArray(loops)) {
				for (const loop of loops) {
					if (!isObj(loop) || typeof loop['name'] !== 'string' || loop['name'].toLowerCase() !== name.toLowerCase()) continue;
					const count = typeof loop['count'] === 'string' ? this.evaluate(loop['count'], opts) : loop['count'];
					if (typeof count !== 'number') return new Unresolved(name, `variable copy loop '${name}': count is not known`);
					const items: unknown[] = [];
					for (let i = 0; i < count; i++) {
						const r = this.withCopy(i, loop['name']).evaluateDeep(loop['input'], opts);
						if (r.unresolved.length > 0) return new Unresolved(name, `variable '${name}': ${r.unresolved[0]!.reason}`);
						items.push(r.value);
					}
					return items;
				}
			}
			return new Unresolved(name, `variable '${name}' is not declared in the template`);
		} finally {
			this.inProgress.delete(guard);
		}
	}

	// -----------------------------------------------------------------------------------------

	private evalNode(node: ExprNode, opts: EvalOptions): unknown {
		switch (node.k) {
			case 'str':
				return node.v;
			case 'num':
				return node.v;
			case 'ident': {
				const n = node.name.toLowerCase();
				if (n === 'true') return true;
				if (n === 'false') return false;
				if (n === 'null') return null;
				return new Unresolved(node.name, `'${node.name}' is not a function call`);
			}
			case 'prop': {
				const target = this.evalNode(node.target, opts);
				if (target instanceof Unresolved) return target;
				const hooked = this.input.hooks?.member?.(target, node.name);
				if (hooked) return hooked.value;
				if (isObj(target)) {
					const r = getCI(target, node.name);
					if (r.found) return r.value;
					return new Unresolved(node.name, `property '${node.name}' is not known here`);
				}
				return new Unresolved(node.name, `'.${node.name}' applied to a value that is not an object`);
			}
			case 'index': {
				const target = this.evalNode(node.target, opts);
				if (target instanceof Unresolved) return target;
				const index = this.evalNode(node.index, opts);
				if (index instanceof Unresolved) return index;
				if (typeof index === 'string' || typeof index === 'number') {
					const hooked = this.input.hooks?.member?.(target, index);
					if (hooked) return hooked.value;
				}
				if (Array.isArray(target) && typeof index === 'number') {
					if (index >= 0 && index < target.length) return target[index];
					return new Unresolved(String(index), `index ${index} is outside the array (length ${target.length})`);
				}
				if (isObj(target) && typeof index === 'string') {
					const r = getCI(target, index);
					if (r.found) return r.value;
					return new Unresolved(index, `property '${index}' is not known here`);
				}
				return new Unresolved(toText(index), 'index applied to a value that cannot be indexed');
			}
			case 'call':
				return this.call(node, opts);
		}
	}

	private call(node: Extract<ExprNode, {k: 'call'}>, opts: EvalOptions): unknown {
		const name = node.name.toLowerCase();
		const hook = this.input.hooks?.call;
		if (!hook && (RUNTIME_ONLY.has(name) || name.startsWith('list'))) {
			return new Unresolved(node.name, `${node.name}() is only known when Azure deploys the template`);
		}
		// if() evaluates only the branch it takes, like ARM does for reference()/list*() in the other branch.
		if (name === 'if') {
			if (node.args.length !== 3) return new Unresolved(node.name, 'if() takes 3 arguments');
			const cond = this.evalNode(node.args[0]!, opts);
			if (cond instanceof Unresolved) return cond;
			return this.evalNode(node.args[cond === true || cond === 'true' || cond === 'True' ? 1 : 2]!, opts);
		}
		if (name === 'coalesce') {
			for (const a of node.args) {
				const v = this.evalNode(a, opts);
				if (v instanceof Unresolved) return v;
				if (v !== null && v !== undefined) return v;
			}
			return null;
		}
		const idMode = opts.missingParameters === 'ids' || opts.missingParameters === 'lift';
		const argOpts: EvalOptions = idMode && ID_FUNCTIONS.has(name) ? {missingParameters: 'placeholder'} : opts;
		const args: unknown[] = [];
		for (const a of node.args) {
			const v = this.evalNode(a, argOpts);
			if (v instanceof Unresolved) return v;
			args.push(v);
		}
		// Only functions that copy their arguments into the result may see a lifted parameter's sentinel.
		if (opts.missingParameters === 'lift' && !LIFT_PASS_THROUGH.has(name) && hasSentinel(args)) {
			return new Unresolved(node.name, `${node.name}() of a parameter the files give no value`);
		}
		if (hook) return hook(name, args, given => this.builtin(node, given, opts));
		return this.builtin(node, args, opts);
	}

	private builtin(node: Extract<ExprNode, {k: 'call'}>, args: unknown[], opts: EvalOptions): unknown {
		const name = node.name.toLowerCase();
		if (RUNTIME_ONLY.has(name) || name.startsWith('list')) {
			return new Unresolved(node.name, `${node.name}() is only known when Azure deploys the template`);
		}
		const fn = FUNCTIONS[name];
		if (!fn) return new Unresolved(node.name, `function ${node.name}() is not evaluated offline`);
		return fn(args, this, opts, node.name);
	}

	copyIndex(loopName?: string): number | Unresolved {
		if (this.copyFrames.length === 0) return new Unresolved('copyIndex', 'copyIndex() outside a copy loop');
		if (loopName === undefined) return this.copyFrames[this.copyFrames.length - 1]!.index;
		const frame = [...this.copyFrames].reverse().find(f => f.name?.toLowerCase() === loopName.toLowerCase());
		if (!frame) return new Unresolved('copyIndex', `copy loop '${loopName}' is not in force here`);
		return frame.index;
	}
}

// ---------------------------------------------------------------------------------------------
// Functions

type Fn = (args: unknown[], scope: TemplateScope, opts: EvalOptions, spelled: string) => unknown;

const bad = (fn: string, why: string) => new Unresolved(fn, `${fn}(): ${why}`);
/** The value `make` gives, or unresolved with `why` when it throws (a decoding function given what it cannot decode). */
const orBad = (fn: string, why: string, make: () => unknown) => {
	try {
		return make();
	} catch {
		return bad(fn, why);
	}
};

function str(args: unknown[], i: number): string | undefined {
	const v = args[i];
	return typeof v === 'string' ? v : undefined;
}

function resourceIdSegments(type: string, names: string[]): string | Unresolved {
	const typeParts = type.replace(/\/+$/, '').split('/').filter(Boolean);
	const namespace = typeParts.shift();
	if (!namespace || typeParts.length === 0) return bad('resourceId', `'${type}' is not a resource type`);
	// A single name argument may carry all segments ('vnet/subnet').
	const nameParts = names.flatMap(n => n.split('/')).filter(Boolean);
	let path = `/providers/${namespace}`;
	for (let i = 0; i < typeParts.length; i++) {
		path += `/${typeParts[i]}`;
		const n = nameParts[i];
		if (n !== undefined) path += `/${n}`;
	}
	return path;
}

/** Splits resourceId()'s arguments into scope arguments, the type, and the name segments. */
function splitIdArgs(args: unknown[], fn: string): {scope: string[]; type: string; names: string[]} | Unresolved {
	const texts: string[] = [];
	for (const a of args) {
		if (typeof a !== 'string' && typeof a !== 'number') return bad(fn, 'arguments must be strings');
		texts.push(String(a));
	}
	const typeAt = texts.findIndex(t => /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/./.test(t));
	if (typeAt < 0) return bad(fn, 'no resource type among the arguments');
	return {scope: texts.slice(0, typeAt), type: texts[typeAt]!, names: texts.slice(typeAt + 1)};
}

const FUNCTIONS: Record<string, Fn> = {
	parameters: (args, scope, opts) => {
		const n = str(args, 0);
		return n === undefined ? bad('parameters', 'name must be a string') : scope.parameter(n, opts);
	},
	variables: (args, scope, opts) => {
		const n = str(args, 0);
		return n === undefined ? bad('variables', 'name must be a string') : scope.variable(n, opts);
	},
	copyindex: (args, scope) => {
		let loop: string | undefined;
		let offset = 0;
		for (const a of args) {
			if (typeof a === 'string') loop = a;
			else if (typeof a === 'number') offset = a;
		}
		const i = scope.copyIndex(loop);
		return i instanceof Unresolved ? i : i + offset;
	},
	concat: args => {
		if (args.length > 0 && args.every(a => Array.isArray(a))) return (args as unknown[][]).flat(1);
		if (args.some(a => Array.isArray(a) || isObj(a))) return bad('concat', 'mixes arrays/objects with strings');
		return args.map(toText).join('');
	},
	format: args => {
		const f = str(args, 0);
		return f === undefined ? bad('format', 'first argument must be a string') : composite(f, args.slice(1));
	},
	string: args => toText(args[0]),
	int: args => {
		const v = args[0];
		const n = typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
		return Number.isNaN(n) ? bad('int', `'${toText(v)}' is not an integer`) : n;
	},
	bool: args => {
		const v = args[0];
		if (typeof v === 'boolean') return v;
		if (typeof v === 'number') return v !== 0;
		if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
		return bad('bool', `'${toText(v)}' is not a boolean`);
	},
	true: () => true,
	false: () => false,
	null: () => null,
	json: args => {
		const s = str(args, 0);
		if (s === undefined) return bad('json', 'argument must be a string');
		try {
			return JSON.parse(s) as unknown;
		} catch {
			return bad('json', 'argument is not valid JSON');
		}
	},
	array: args => (Array.isArray(args[0]) ? args[0] : [args[0]]),
	createarray: args => [...args],
	createobject: args => {
		if (args.length % 2 !== 0) return bad('createObject', 'needs key/value pairs');
		const out: Obj = {};
		for (let i = 0; i < args.length; i += 2) out[toText(args[i])] = args[i + 1];
		return out;
	},
	union: args => {
		if (args.every(a => Array.isArray(a))) {
			const out: unknown[] = [];
			for (const a of args as unknown[][]) for (const x of a) if (!out.some(y => deepEqual(x, y))) out.push(x);
			return out;
		}
		if (args.every(isObj)) {
			const merge = (a: Obj, b: Obj): Obj => {
				const out: Obj = {...a};
				for (const [k, v] of Object.entries(b)) out[k] = isObj(out[k]) && isObj(v) ? merge(out[k] as Obj, v) : v;
				return out;
			};
			return (args as Obj[]).reduce((acc, o) => merge(acc, o), {});
		}
		return bad('union', 'arguments must all be arrays or all objects');
	},
	length: args => {
		const v = args[0];
		if (typeof v === 'string' || Array.isArray(v)) return v.length;
		if (isObj(v)) return Object.keys(v).length;
		return bad('length', 'argument has no length');
	},
	empty: args => {
		const v = args[0];
		if (v === null || v === undefined) return true;
		if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
		if (isObj(v)) return Object.keys(v).length === 0;
		return false;
	},
	first: args => {
		const v = args[0];
		if (typeof v === 'string') return v.slice(0, 1);
		if (Array.isArray(v)) return v[0] ?? null;
		return bad('first', 'argument must be a string or an array');
	},
	last: args => {
		const v = args[0];
		if (typeof v === 'string') return v.slice(-1);
		if (Array.isArray(v)) return v[v.length - 1] ?? null;
		return bad('last', 'argument must be a string or an array');
	},
	split: args => {
		const s = str(args, 0);
		const d = args[1];
		if (s === undefined) return bad('split', 'first argument must be a string');
		const delims = Array.isArray(d) ? d.map(toText) : [toText(d)];
		let parts = [s];
		for (const delim of delims) parts = parts.flatMap(p => p.split(delim));
		return parts;
	},
	take: args => {
		const v = args[0];
		const n = args[1];
		if (typeof n !== 'number') return bad('take', 'count must be a number');
		if (typeof v === 'string' || Array.isArray(v)) return v.slice(0, Math.max(0, n));
		return bad('take', 'argument must be a string or an array');
	},
	skip: args => {
		const v = args[0];
		const n = args[1];
		if (typeof n !== 'number') return bad('skip', 'count must be a number');
		if (typeof v === 'string' || Array.isArray(v)) return v.slice(Math.max(0, n));
		return bad('skip', 'argument must be a string or an array');
	},
	contains: args => {
		const [c, item] = args;
		if (typeof c === 'string') return c.includes(toText(item));
		if (Array.isArray(c)) return c.some(x => deepEqual(x, item));
		if (isObj(c)) return getCI(c, toText(item)).found;
		return bad('contains', 'container must be a string, array or object');
	},
	tolower: args => (typeof args[0] === 'string' ? args[0].toLowerCase() : bad('toLower', 'argument must be a string')),
	toupper: args => (typeof args[0] === 'string' ? args[0].toUpperCase() : bad('toUpper', 'argument must be a string')),
	trim: args => (typeof args[0] === 'string' ? args[0].trim() : bad('trim', 'argument must be a string')),
	replace: args => {
		const [s, a, b] = [str(args, 0), str(args, 1), str(args, 2)];
		if (s === undefined || a === undefined || b === undefined) return bad('replace', 'arguments must be strings');
		return a === '' ? s : s.split(a).join(b);
	},
	substring: args => {
		const s = str(args, 0);
		const start = args[1];
		const len = args[2];
		if (s === undefined || typeof start !== 'number') return bad('substring', 'needs a string and a start index');
		if (start < 0 || start > s.length) return bad('substring', 'start index is outside the string');
		if (len === undefined) return s.slice(start);
		if (typeof len !== 'number' || len < 0 || start + len > s.length) return bad('substring', 'length is outside the string');
		return s.substr(start, len);
	},
	startswith: args => {
		const [s, p] = [str(args, 0), str(args, 1)];
		return s === undefined || p === undefined ? bad('startsWith', 'arguments must be strings') : s.toLowerCase().startsWith(p.toLowerCase());
	},
	endswith: args => {
		const [s, p] = [str(args, 0), str(args, 1)];
		return s === undefined || p === undefined ? bad('endsWith', 'arguments must be strings') : s.toLowerCase().endsWith(p.toLowerCase());
	},
	indexof: args => {
		const [s, p] = [str(args, 0), str(args, 1)];
		if (Array.isArray(args[0])) return args[0].findIndex(x => deepEqual(x, args[1]));
		return s === undefined || p === undefined ? bad('indexOf', 'arguments must be strings') : s.toLowerCase().indexOf(p.toLowerCase());
	},
	lastindexof: args => {
		const [s, p] = [str(args, 0), str(args, 1)];
		return s === undefined || p === undefined ? bad('lastIndexOf', 'arguments must be strings') : s.toLowerCase().lastIndexOf(p.toLowerCase());
	},
	padleft: args => {
		const s = toText(args[0]);
		const n = args[1];
		const ch = args[2] === undefined ? ' ' : toText(args[2]);
		return typeof n === 'number' ? s.padStart(n, ch || ' ') : bad('padLeft', 'width must be a number');
	},
	equals: args => deepEqual(args[0], args[1]),
	not: args => (typeof args[0] === 'boolean' ? !args[0] : bad('not', 'argument must be a boolean')),
	and: args => (args.every(a => typeof a === 'boolean') ? args.every(Boolean) : bad('and', 'arguments must be booleans')),
	or: args => (args.every(a => typeof a === 'boolean') ? args.some(Boolean) : bad('or', 'arguments must be booleans')),
	less: args => compare(args, 'less', (a, b) => a < b),
	lessorequals: args => compare(args, 'lessOrEquals', (a, b) => a <= b),
	greater: args => compare(args, 'greater', (a, b) => a > b),
	greaterorequals: args => compare(args, 'greaterOrEquals', (a, b) => a >= b),
	add: args => arith(args, 'add', (a, b) => a + b),
	sub: args => arith(args, 'sub', (a, b) => a - b),
	mul: args => arith(args, 'mul', (a, b) => a * b),
	div: args => (args[1] === 0 ? bad('div', 'division by zero') : arith(args, 'div', (a, b) => Math.trunc(a / b))),
	mod: args => (args[1] === 0 ? bad('mod', 'division by zero') : arith(args, 'mod', (a, b) => a % b)),
	min: args => {
		const xs = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
		return xs.every(x => typeof x === 'number') ? Math.min(...(xs as number[])) : bad('min', 'arguments must be numbers');
	},
	max: args => {
		const xs = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
		return xs.every(x => typeof x === 'number') ? Math.max(...(xs as number[])) : bad('max', 'arguments must be numbers');
	},
	range: args => {
		const [start, count] = args;
		if (typeof start !== 'number' || typeof count !== 'number' || count < 0 || count > 10_000) return bad('range', 'needs a start and a count');
		return Array.from({length: count}, (_, i) => start + i);
	},
	base64: args => utf8ToBase64(toText(args[0])),
	base64tostring: args => orBad('base64ToString', 'argument is not base64', () => base64ToUtf8(toText(args[0]))),
	base64tojson: args => orBad('base64ToJson', 'argument is not base64-encoded JSON', () => JSON.parse(base64ToUtf8(toText(args[0]))) as unknown),
	uri: args => {
		const [base, rel] = [str(args, 0), str(args, 1)];
		if (base === undefined || rel === undefined) return bad('uri', 'arguments must be strings');
		return orBad('uri', `'${base}' is not an absolute URI`, () => new URL(rel, base).toString());
	},
	uricomponent: args => encodeURIComponent(toText(args[0])),
	uricomponenttostring: args => orBad('uriComponentToString', 'argument is not URI-encoded', () => decodeURIComponent(toText(args[0]))),
	subscription: (_args, scope) => ({
		id: `/subscriptions/${scope.target.subscriptionId}`,
		subscriptionId: scope.target.subscriptionId,
		...(scope.target.tenantId ? {tenantId: scope.target.tenantId} : {}),
	}),
	resourcegroup: (_args, scope) => ({
		id: `/subscriptions/${scope.target.subscriptionId}/resourceGroups/${scope.target.resourceGroup}`,
		name: scope.target.resourceGroup,
		type: 'Microsoft.Resources/resourceGroups',
		location: scope.target.location,
	}),
	resourceid: (args, scope) => {
		const parts = splitIdArgs(args, 'resourceId');
		if (parts instanceof Unresolved) return parts;
		const [a, b] = parts.scope;
		if (parts.scope.length > 2) return bad('resourceId', 'too many arguments before the resource type');
		const sub = parts.scope.length === 2 ? a! : scope.target.subscriptionId;
		const rg = parts.scope.length === 2 ? b! : parts.scope.length === 1 ? a! : scope.target.resourceGroup;
		const tail = resourceIdSegments(parts.type, parts.names);
		return tail instanceof Unresolved ? tail : `/subscriptions/${sub}/resourceGroups/${rg}${tail}`;
	},
	subscriptionresourceid: (args, scope) => {
		const parts = splitIdArgs(args, 'subscriptionResourceId');
		if (parts instanceof Unresolved) return parts;
		if (parts.scope.length > 1) return bad('subscriptionResourceId', 'too many arguments before the resource type');
		const sub = parts.scope[0] ?? scope.target.subscriptionId;
		const tail = resourceIdSegments(parts.type, parts.names);
		return tail instanceof Unresolved ? tail : `/subscriptions/${sub}${tail}`;
	},
	tenantresourceid: args => {
		const parts = splitIdArgs(args, 'tenantResourceId');
		if (parts instanceof Unresolved) return parts;
		return resourceIdSegments(parts.type, parts.names);
	},
	extensionresourceid: args => {
		const base = str(args, 0);
		if (base === undefined) return bad('extensionResourceId', 'first argument must be an id');
		const parts = splitIdArgs(args.slice(1), 'extensionResourceId');
		if (parts instanceof Unresolved) return parts;
		const tail = resourceIdSegments(parts.type, parts.names);
		return tail instanceof Unresolved ? tail : `${base}${tail}`;
	},
	parsecidr: args => {
		const net = ipv4Network(args[0], 'parseCidr');
		if (net instanceof Unresolved) return net;
		const last = net.first + net.size - 1;
		// /31 and /32 have no network and broadcast address to set aside (RFC 3021): every address is usable.
		const small = net.prefix >= 31;
		return {
			network: ipv4Text(net.first),
			netmask: ipv4Text(net.prefix === 0 ? 0 : (0xffffffff << (32 - net.prefix)) >>> 0),
			broadcast: ipv4Text(last),
			firstUsable: ipv4Text(small ? net.first : net.first + 1),
			lastUsable: ipv4Text(small ? last : last - 1),
			cidr: net.prefix,
		};
	},
	cidrsubnet: args => {
		const net = ipv4Network(args[0], 'cidrSubnet');
		if (net instanceof Unresolved) return net;
		const [, prefix, index] = args;
		if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < net.prefix || prefix > 32) {
			return bad('cidrSubnet', `the new prefix length must be a whole number from ${net.prefix} to 32`);
		}
		const size = 2 ** (32 - prefix);
		const count = net.size / size;
		if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
			return bad('cidrSubnet', `${toText(args[0])} holds ${count} subnets of /${prefix}; index ${toText(index)} is not one of them`);
		}
		return `${ipv4Text(net.first + index * size)}/${prefix}`;
	},
	uniquestring: (args, scope, _opts, spelled) => {
		const key = args.map(toText).join('\u0000');
		const value = stableHash(key, 13);
		scope.note({
			kind: 'approximate',
			subject: `${spelled}(${args.map(a => toText(a)).join(', ')})`,
			message: `uniqueString() can only be computed by Azure; the stable stand-in '${value}' is used, so names built from it differ from the deployed ones`,
		});
		return value;
	},
	guid: (args, scope, _opts, spelled) => {
		const value = stableGuid(args.map(toText).join('\u0000'));
		scope.note({
			kind: 'approximate',
			subject: `${spelled}(${args.map(a => toText(a)).join(', ')})`,
			message: `guid() can only be computed by Azure; the stable stand-in '${value}' is used`,
		});
		return value;
	},
};

/** An IPv4 range in CIDR notation. Host bits below the prefix are cleared (unverified whether ARM rejects them instead). */
function ipv4Network(value: unknown, fn: string): {first: number; size: number; prefix: number} | Unresolved {
	const m = typeof value === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value.trim()) : null;
	if (!m) {
		const why = typeof value === 'string' && value.includes(':') ? 'IPv6 ranges are not evaluated offline' : `'${toText(value)}' is not an IPv4 range in CIDR notation`;
		return bad(fn, why);
	}
	const octets = m.slice(1, 5).map(Number);
	const prefix = Number(m[5]);
	if (octets.some(o => o > 255) || prefix > 32) return bad(fn, `'${toText(value)}' is not an IPv4 range in CIDR notation`);
	const address = octets.reduce((acc, o) => acc * 256 + o, 0);
	const size = 2 ** (32 - prefix);
	return {first: address - (address % size), size, prefix};
}

function ipv4Text(n: number): string {
	return [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join('.');
}

function compare(args: unknown[], fn: string, op: (a: number | string, b: number | string) => boolean): unknown {
	const [a, b] = args;
	if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return op(a, b);
	return bad(fn, 'arguments must be two numbers or two strings');
}

function arith(args: unknown[], fn: string, op: (a: number, b: number) => number): unknown {
	const [a, b] = args;
	if (typeof a === 'number' && typeof b === 'number') return op(a, b);
	return bad(fn, 'arguments must be numbers');
}

/** Convenience for one-off evaluation (tests, callers without a template). */
export function evaluateExpression(text: string, input: ScopeInput, opts: EvalOptions = {}): {value: unknown; notes: EvalNote[]} {
	const scope = new TemplateScope(input);
	const value = scope.evaluate(text, opts);
	return {value, notes: scope.notes};
}
