// Applying one catalog mapping row to one managed operation: evaluates the parameter rules and decides
// whether the conversion is safe. Shared by the findings (to count what converts) and by the converter.
import type {Certainty} from '../../model/index.js';
import {isRecord} from '../walk.js';
import {scanReferences, type ReferenceScan} from './expressions.js';
import {findBlockEnd, stringLiteral, unwrapCall} from './path-match.js';
import type {HostingKind, OperationMatch, Transform, ValueRef, ValueSource} from './types.js';

type Eval = {ok: true; value: unknown} | {ok: false; why: string};

const CERTAINTY_RANK: Record<Certainty, number> = {C: 2, S: 1, U: 0};

export function minCertainty(...cs: Certainty[]): Certainty {
	return cs.reduce((a, b) => (CERTAINTY_RANK[b] < CERTAINTY_RANK[a] ? b : a), 'C' as Certainty);
}

export function isConfident(c: Certainty): boolean {
	return c !== 'U';
}

/** `@expr` (a whole-value expression, not `@{…}` interpolation, not the `@@` escape). */
function wholeExpression(v: string): string | undefined {
	if (!v.startsWith('@') || v.startsWith('@@') || v.startsWith('@{')) return undefined;
	return v.slice(1);
}

/** `@{expr}` that is the entire string. */
function singleInterpolation(v: string): string | undefined {
	if (!v.startsWith('@{') || !v.endsWith('}')) return undefined;
	const inner = v.slice(2, -1);
	return inner.includes('@{') ? undefined : inner;
}

/** A value computed when the workflow runs (or by ARM at deployment), not known now. */
export function isDynamic(v: unknown): boolean {
	if (typeof v !== 'string') return false;
	if (v.startsWith('@@')) return false;
	if (v.startsWith('@') || v.includes('@{')) return true;
	return isArmExpression(v);
}

export function isArmExpression(v: string): boolean {
	return v.startsWith('[') && !v.startsWith('[[') && v.endsWith(']');
}

function isEmpty(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function utf8FromBase64(b64: string): string | undefined {
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined;
	try {
		const bin = atob(b64);
		const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
		const text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
		// Control characters mean this was binary, or a name that merely looks like base64.
		return /[\u0000-\u001f\u007f]/.test(text) ? undefined : text;
	} catch {
		return undefined;
	}
}

function urlDecode(v: string): string {
	try {
		return decodeURIComponent(v);
	} catch {
		return v;
	}
}

interface Context {
	inputs: Record<string, unknown>;
	match: OperationMatch;
	metadata: Record<string, unknown>;
	/** What a transform decided that the admin should know. */
	notes: PlanNote[];
}

function lookup(rec: unknown, key: string): unknown {
	if (!isRecord(rec)) return undefined;
	if (key in rec) return rec[key];
	const lower = key.toLowerCase();
	for (const [k, v] of Object.entries(rec)) if (k.toLowerCase() === lower) return v;
	return undefined;
}

function evalRef(ref: ValueRef, ctx: Context): Eval {
	if ('path' in ref) {
		const pv = ctx.match.pathValues[ref.path];
		if (!pv) return {ok: true, value: undefined};
		if (pv.malformed) return {ok: false, why: `the path value ${pv.value} passes several arguments to encodeURIComponent, so the name it builds is unclear`};
		return {ok: true, value: pv.value};
	}
	if ('query' in ref) return {ok: true, value: lookup(ctx.inputs.queries, ref.query)};
	if ('header' in ref) return {ok: true, value: lookup(ctx.inputs.headers, ref.header)};
	if ('body' in ref) return {ok: true, value: ctx.inputs.body};
	if ('bodyField' in ref) {
		const body = ctx.inputs.body;
		if (body === undefined) return {ok: true, value: undefined};
		if (!isRecord(body)) return {ok: false, why: 'the message body is computed at run time, so its fields cannot be mapped'};
		return {ok: true, value: body[ref.bodyField]};
	}
	if ('constant' in ref) return {ok: true, value: ref.constant};
	if ('join' in ref) {
		const parts: string[] = [];
		for (const part of ref.join) {
			const r = evalSource(part, ctx);
			if (!r.ok) return r;
			if (isEmpty(r.value)) continue;
			if (typeof r.value !== 'string' && typeof r.value !== 'number') {
				return {ok: false, why: 'a path part is not text'};
			}
			let s = String(r.value);
			const whole = wholeExpression(s);
			if (whole !== undefined) s = `@{${whole}}`;
			if (isArmExpression(s)) return {ok: false, why: 'a path part is an ARM template expression'};
			parts.push(s);
		}
		const sep = ref.sep;
		const joined = parts.reduce((acc, p) => {
			if (!acc) return p;
			const left = sep ? acc.replace(new RegExp(`${escape(sep)}+$`), '') : acc;
			const right = sep ? p.replace(new RegExp(`^${escape(sep)}+`), '') : p;
			return `${left}${sep}${right}`;
		}, '');
		return {ok: true, value: parts.length ? joined : undefined};
	}
	// object
	const out: Record<string, unknown> = {};
	if (ref.spreadBody) {
		const body = ctx.inputs.body;
		if (!isRecord(body)) return {ok: false, why: 'the entity is computed at run time, so the keys cannot be merged into it'};
		Object.assign(out, body);
	}
	for (const [k, src] of Object.entries(ref.object)) {
		const r = evalSource(src, ctx);
		if (!r.ok) return r;
		if (r.value !== undefined) out[k] = r.value;
	}
	return {ok: true, value: out};
}

function escape(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function evalSource(src: ValueSource, ctx: Context): Eval {
	let r = evalRef(src.from, ctx);
	for (const t of src.transform ?? []) {
		if (!r.ok) return r;
		if (r.value === undefined) return r;
		r = applyTransform(t, r.value, ctx);
	}
	return r;
}

/** `X?['Id']` (whole or interpolated) → the same item's `Path`. */
function idToPath(v: string): string | undefined {
	const whole = wholeExpression(v);
	const interp = whole === undefined ? singleInterpolation(v) : undefined;
	const expr = (whole ?? interp)?.trim();
	const m = expr === undefined ? null : /^([A-Za-z]+\(.*?)\s*(\?)?\[\s*'Id'\s*\]$/s.exec(expr);
	if (!m) return undefined;
	const path = `${m[1]}${m[2] ?? ''}['Path']`;
	return whole !== undefined ? `@${path}` : `@{${path}}`;
}

function decodeFileId(v: unknown, ctx: Context, viaPath: boolean): Eval {
	if (typeof v !== 'string') return {ok: false, why: 'the file or folder id is not text'};
	const meta = ctx.metadata[v];
	if (typeof meta === 'string' && meta && !isDynamic(meta)) return {ok: true, value: meta};
	if (!isDynamic(v)) {
		if (v.startsWith('/')) return {ok: true, value: urlDecode(v)};
		const decoded = utf8FromBase64(v);
		if (decoded !== undefined) {
			const path = urlDecode(decoded);
			if (path.startsWith('/')) return {ok: true, value: path};
		}
		return {ok: false, why: `the file id '${v}' could not be decoded to a path`};
	}
	// `@base64(x)`, `@{base64(x)}`: the designer's encoding of a path chosen at design time or run time.
	const whole = wholeExpression(v);
	if (whole !== undefined) {
		const inner = unwrapCall(whole, 'base64');
		if (inner !== undefined) return {ok: true, value: literalOrExpression(inner, false)};
	}
	const interp = singleInterpolation(v);
	if (interp !== undefined) {
		const inner = unwrapCall(interp, 'base64');
		if (inner !== undefined) return {ok: true, value: literalOrExpression(inner, true)};
	}
	if (viaPath) {
		const path = idToPath(v);
		if (path) {
			ctx.notes.push({
				message: `the managed file id ${v.replace(/^@\{?|\}$/g, '')} was replaced by the same item's full path (${path.replace(/^@\{?|\}$/g, '')}): the built-in step names files by path`,
				certainty: 'S',
			});
			return {ok: true, value: path};
		}
	}
	return {ok: false, why: `the file is named by ${v.replace(/^@\{?|\}$/g, '')}, a managed file id computed at run time that cannot be turned into a path before the run`};
}

// Functions whose value changes from one call to the next: a path built with them cannot be evaluated twice.
const VOLATILE = /\b(guid|utcNow|rand|ticks)\s*\(/i;

/**
 * A path computed entirely at run time (`@x` or `@{x}`), split when the step runs: the first segment is the container,
 * the rest the blob name, whether or not the path starts with '/' (as the managed connector reads it).
 */
function splitAtRunTime(v: string, first: boolean): Eval | undefined {
	const expr = wholeExpression(v) ?? singleInterpolation(v);
	if (expr === undefined) return undefined;
	if (VOLATILE.test(expr)) return {ok: false, why: 'the path is computed with a function whose value changes on every call, so it cannot be split'};
	const rel = `if(startsWith(${expr}, '/'), substring(${expr}, 1), ${expr})`;
	return first
		? {ok: true, value: `@{first(split(${rel}, '/'))}`}
		: {ok: true, value: `@{if(contains(${rel}, '/'), substring(${rel}, add(indexOf(${rel}, '/'), 1)), '')}`};
}

function literalOrExpression(expr: string, interpolate: boolean): string {
	const lit = stringLiteral(expr);
	if (lit !== undefined) return lit;
	return interpolate ? `@{${expr}}` : `@${expr}`;
}

function literalString(v: unknown): string | undefined {
	return typeof v === 'string' && !isDynamic(v) ? v : undefined;
}

function applyTransform(t: Transform, v: unknown, ctx: Context): Eval {
	switch (t.op) {
		case 'fileId':
			return decodeFileId(v, ctx, t.viaPath ?? false);
		case 'firstSegment':
		case 'afterFirstSegment': {
			if (typeof v === 'string' && !isArmExpression(v)) {
				const runtime = splitAtRunTime(v, t.op === 'firstSegment');
				if (runtime) return runtime;
			}
			if (typeof v !== 'string' || isArmExpression(v) || wholeExpression(v) !== undefined) {
				return {ok: false, why: 'the folder path is computed at run time, so the container cannot be separated from it'};
			}
			const s = v.replace(/^\/+/, '');
			// An empty folder is a placeholder the source left unfilled: carried over empty (see planOperation).
			if (s === '') return {ok: true, value: t.op === 'firstSegment' ? '' : undefined};
			const idx = s.indexOf('/');
			const first = idx < 0 ? s : s.slice(0, idx);
			if (!first || first.includes('@')) {
				return {ok: false, why: 'the container name is computed at run time, so it cannot be separated from the folder path'};
			}
			return {ok: true, value: t.op === 'firstSegment' ? first : idx < 0 ? undefined : s.slice(idx + 1).replace(/\/+$/, '')};
		}
		case 'blobTriggerPath': {
			const s = literalString(v);
			if (s === undefined) return {ok: false, why: 'the watched folder is computed at run time'};
			const folder = s.replace(/^\/+|\/+$/g, '');
			if (!folder) return {ok: false, why: 'the watched folder is the storage root, which is not a container'};
			return {ok: true, value: `${folder}/{name}`};
		}
		case 'fromBase64': {
			if (typeof v !== 'string') return {ok: false, why: 'the content is not text'};
			const whole = wholeExpression(v);
			if (whole !== undefined) {
				const inner = unwrapCall(whole, 'base64');
				return {ok: true, value: inner !== undefined ? literalOrExpression(inner, false) : `@base64ToString(${whole})`};
			}
			const interp = singleInterpolation(v);
			if (interp !== undefined) {
				const inner = unwrapCall(interp, 'base64');
				return {ok: true, value: inner !== undefined ? literalOrExpression(inner, true) : `@{base64ToString(${interp})}`};
			}
			if (isDynamic(v)) return {ok: false, why: 'the base64 content mixes text and expressions'};
			if (v === '') return {ok: true, value: ''};
			const decoded = utf8FromBase64(v);
			return decoded === undefined ? {ok: false, why: 'the content is not valid base64 text'} : {ok: true, value: decoded};
		}
		case 'secondsToTimespan': {
			const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
			if (!Number.isFinite(n)) return {ok: false, why: 'the visibility timeout is computed at run time'};
			const d = Math.floor(n / 86400);
			const h = Math.floor((n % 86400) / 3600);
			const m = Math.floor((n % 3600) / 60);
			const s = n % 60;
			const pad = (x: number) => String(x).padStart(2, '0');
			return {ok: true, value: `${d ? `${d}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}`};
		}
		case 'suffix': {
			if (typeof v !== 'string') return {ok: false, why: 'the name is not text'};
			const whole = wholeExpression(v);
			return {ok: true, value: whole !== undefined ? `@{${whole}}${t.text}` : `${v}${t.text}`};
		}
		case 'mapValue': {
			if (typeof v !== 'string' || isDynamic(v)) return {ok: false, why: `the ${t.what} is computed at run time, so it cannot be translated`};
			const hit = Object.entries(t.map).find(([k]) => k.toLowerCase() === v.trim().toLowerCase());
			return hit ? {ok: true, value: hit[1]} : {ok: false, why: `the ${t.what} '${v}' has no verified built-in equivalent`};
		}
		case 'odataEquality':
			return odataEquality(v);
		case 'specificSession': {
			if (typeof v !== 'string') return {ok: true, value: v};
			return /^\s*(next available|none)?\s*$/i.test(v) ? {ok: true, value: undefined} : {ok: true, value: v};
		}
		case 'messageIdOfLockToken':
			return messageIdOfLockToken(v);
		case 'list': {
			if (Array.isArray(v)) return {ok: true, value: v};
			if (typeof v !== 'string') return {ok: false, why: 'the list is not text'};
			const whole = wholeExpression(v) ?? singleInterpolation(v);
			if (whole !== undefined) return {ok: true, value: `@split(${whole}, ',')`};
			if (isDynamic(v)) return {ok: false, why: 'the list mixes text and expressions'};
			return {ok: true, value: v.split(',').map((x) => x.trim()).filter(Boolean)};
		}
		case 'number': {
			if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return {ok: true, value: Number(v)};
			return {ok: true, value: v};
		}
		case 'toBoolean': {
			if (typeof v === 'boolean') return {ok: true, value: v};
			if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return {ok: true, value: v.trim().toLowerCase() === 'true'};
			return {ok: true, value: v};
		}
		case 'renameKeys': {
			const one = (item: unknown): Eval => {
				if (!isRecord(item)) return {ok: false, why: 'the message is computed at run time, so its fields cannot be renamed'};
				const out: Record<string, unknown> = {};
				for (const [k, val] of Object.entries(item)) {
					const renamed = t.rename[k];
					if (renamed === undefined) {
						if (t.strict) return {ok: false, why: `the field '${k}' has no verified built-in equivalent`};
						out[k] = val;
						continue;
					}
					let r: Eval = {ok: true, value: val};
					if (t.fromBase64?.includes(k)) r = applyTransform({op: 'fromBase64'}, val, ctx);
					for (const nt of t.nested?.[k] ?? []) {
						if (!r.ok) break;
						r = applyTransform(nt, r.value, ctx);
					}
					if (!r.ok) return r;
					out[renamed] = r.value;
				}
				return {ok: true, value: out};
			};
			if (Array.isArray(v)) {
				const items: unknown[] = [];
				for (const item of v) {
					const r = one(item);
					if (!r.ok) return r;
					items.push(r.value);
				}
				return {ok: true, value: items};
			}
			return one(v);
		}
	}
}


// `col eq value` tests joined by `and`: the only OData filter whose meaning the built-in "where condition" object
// (column → value, rows whose columns equal those values) keeps exactly.
const ODATA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function odataValue(text: string): Eval {
	const t = text.trim();
	// '@{expr}': a quoted run-time value (the quotes are OData's, the expression the workflow's).
	if (t.startsWith("'@{") && t.endsWith("}'") && singleInterpolation(t.slice(1, -1)) !== undefined) return {ok: true, value: t.slice(1, -1)};
	const quoted = /^'((?:[^']|'')*)'$/s.exec(t);
	if (quoted) return {ok: true, value: quoted[1]!.replace(/''/g, "'")};
	if (/^-?\d+(\.\d+)?$/.test(t)) return {ok: true, value: Number(t)};
	if (/^(true|false)$/i.test(t)) return {ok: true, value: t.toLowerCase() === 'true'};
	const interp = singleInterpolation(t);
	if (interp !== undefined) return {ok: true, value: t};
	return {ok: false, why: `the filter value ${t} is not a literal or a single expression`};
}

/** Splits at top-level ` and ` (outside quotes and `@{…}` blocks). */
function splitAnd(filter: string): string[] | undefined {
	const parts: string[] = [];
	let cur = '';
	for (let i = 0; i < filter.length; i++) {
		const c = filter[i]!;
		if (c === '@' && filter[i + 1] === '{') {
			const end = findBlockEnd(filter, i + 2);
			if (end < 0) return undefined;
			cur += filter.slice(i, end + 1);
			i = end;
			continue;
		}
		if (c === "'") {
			let j = i + 1;
			while (j < filter.length && !(filter[j] === "'" && filter[j + 1] !== "'")) j += filter[j] === "'" ? 2 : 1;
			cur += filter.slice(i, j + 1);
			i = j;
			continue;
		}
		if (/^\s+and\s+/i.test(filter.slice(i)) && /\s/.test(c)) {
			const m = /^\s+and\s+/i.exec(filter.slice(i))!;
			parts.push(cur);
			cur = '';
			i += m[0].length - 1;
			continue;
		}
		cur += c;
	}
	parts.push(cur);
	return parts;
}

function odataEquality(v: unknown): Eval {
	if (typeof v !== 'string' || wholeExpression(v) !== undefined || isArmExpression(v)) {
		return {ok: false, why: 'the $filter is computed at run time, so its conditions cannot be read'};
	}
	const parts = splitAnd(v);
	if (!parts) return {ok: false, why: 'the $filter could not be read'};
	const out: Record<string, unknown> = {};
	for (const part of parts) {
		const m = /^\s*(\S+)\s+eq\s+(.+?)\s*$/is.exec(part);
		if (!m || !ODATA_NAME.test(m[1]!)) {
			return {ok: false, why: `the $filter '${v}' is not a list of 'column eq value' tests joined by 'and', the only form the built-in where condition expresses`};
		}
		const value = odataValue(m[2]!);
		if (!value.ok) return value;
		if (Object.hasOwn(out, m[1]!)) return {ok: false, why: `the $filter tests '${m[1]}' twice`};
		out[m[1]!] = value.value;
	}
	return {ok: true, value: out};
}

/** `@X?['LockToken']` / `@{X?['LockToken']}` → the same message's `MessageId`. */
function messageIdOfLockToken(v: unknown): Eval {
	if (typeof v !== 'string') return {ok: false, why: 'the lock token is not text'};
	const whole = wholeExpression(v);
	const interp = whole === undefined ? singleInterpolation(v) : undefined;
	const expr = (whole ?? interp)?.trim();
	const m = expr === undefined ? null : /^(.*?)\s*\??\[\s*'LockToken'\s*\]$/s.exec(expr);
	if (!m || !m[1] || !/^[A-Za-z]+\(/.test(m[1])) {
		return {
			ok: false,
			why: "the built-in in-session settlement needs the message id, and the lock token does not come from a message's LockToken field that names it",
		};
	}
	const id = `${m[1]}?['MessageId']`;
	return {ok: true, value: whole !== undefined ? `@${id}` : `@{${id}}`};
}

function listExpressions(exprs: readonly string[], max = 10): string {
	const shown = exprs.slice(0, max).join(', ');
	return exprs.length > max ? `${shown} and ${exprs.length - max} more` : shown;
}

export interface PlanNote {
	message: string;
	certainty: Certainty;
}

export interface OperationPlan {
	/** True when the operation can be converted to its built-in operation now. */
	ok: boolean;
	/** Effective certainty: the row's, lowered by an uncertain output change that the workflow depends on. */
	certainty: Certainty;
	parameters: Record<string, unknown>;
	/** Why it cannot convert (when !ok). */
	reasons: string[];
	/** Every reason is a fact Microsoft's built-in reference leaves out. */
	undocumented?: boolean;
	/** What the admin should know when it does convert. */
	notes: PlanNote[];
	/** A non-default server/database/account in the path: the built-in connection is per that scope. */
	connectionScope?: string;
	/** How downstream expressions read this operation's output. */
	references?: ReferenceScan;
}

export interface PlanOptions {
	/** The whole definition, to check how downstream expressions use this operation's output. */
	definition?: unknown;
	/** Trigger or action name. */
	name?: string;
	isTrigger?: boolean;
	/** Where the app runs, when known (at generation); analysis leaves it out and assesses what could convert. */
	hosting?: HostingKind;
}

/** Evaluates a matched mapping row against the operation. Pure: reads `op`, never changes it. */
export function planOperation(match: OperationMatch, op: Record<string, unknown>, options: PlanOptions = {}): OperationPlan {
	const {mapping} = match;
	const reasons: string[] = [];
	const notes: PlanNote[] = [];
	const certainty: Certainty = mapping.certainty;
	const parameters: Record<string, unknown> = {};
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	const ctx: Context = {inputs, match, metadata: isRecord(op.metadata) ? op.metadata : {}, notes};

	// Reasons that come from a fact Microsoft's reference leaves out, as opposed to this workflow's content.
	let undocumented = 0;
	if (!mapping.operationId) reasons.push(mapping.note ?? 'there is no built-in operation for it');
	if (!isConfident(mapping.certainty)) {
		reasons.push(`the mapping to '${mapping.operationId ?? '?'}' is unverified [U]${mapping.note ? `: ${mapping.note}` : ''}`);
		if (mapping.undocumented) undocumented++;
	}

	for (const u of mapping.unsupported ?? []) {
		const r = evalRef(u.ref, ctx);
		if (!r.ok || isEmpty(r.value)) continue;
		if (u.allow?.some((a) => typeof r.value === 'string' && a.toLowerCase() === r.value.trim().toLowerCase())) continue;
		reasons.push(u.why);
		if (u.undocumented) undocumented++;
	}

	for (const rule of mapping.params) {
		const r = evalSource(rule.source, ctx);
		if (!r.ok) {
			reasons.push(`${rule.target}: ${r.why}`);
			continue;
		}
		let value = r.value;
		if (isEmpty(value) && rule.default !== undefined) value = rule.default;
		if (rule.required && (value === '' || (rule.placeholder && isEmpty(value)))) {
			// The source left it empty (a template placeholder): the built-in step is exactly as incomplete.
			parameters[rule.target] = '';
			notes.push({message: `'${rule.target}' is empty in the source workflow, so it is empty here too: fill it in before running`, certainty: 'C'});
			continue;
		}
		if (isEmpty(value)) {
			if (rule.required) reasons.push(`${rule.target}: no value in the managed operation`);
			continue;
		}
		// An options object assembled from fields the operation did not set says nothing: leave it out.
		if ('object' in rule.source.from && isRecord(value) && Object.keys(value).length === 0) continue;
		parameters[rule.target] = value;
	}

	let connectionScope: string | undefined;
	if (mapping.connectionScope) {
		const values = mapping.connectionScope.vars.map((v) => match.pathValues[v]);
		if (values.some((v) => v && !v.literal)) {
			reasons.push('the server, database or account in the path is computed at run time; a built-in connection is fixed to one');
		} else {
			const defaults = mapping.connectionScope.defaults.map((d) => d.toLowerCase());
			const custom = values.filter((v) => v && v.value && !defaults.includes(v.value.toLowerCase())).map((v) => v!.value);
			if (custom.length) {
				connectionScope = custom.join(',');
				notes.push({
					message: `the operation names '${connectionScope}' instead of the connection's own target, so it gets a built-in connection of its own`,
					certainty: 'S',
				});
			}
		}
	}

	let references: ReferenceScan | undefined;
	const out = mapping.output;
	if (options.definition !== undefined && options.name !== undefined) {
		references = scanReferences(options.definition, options.name, options.isTrigger ?? mapping.kind === 'trigger', out?.rewrites ?? [], {
			exclude: op,
		});
		const list = listExpressions(references.leftovers);
		if (references.leftovers.length > 0) {
			if (!out) {
				// Nothing known about the built-in output: an expression reading it could evaluate to null.
				reasons.push(`its built-in output was not compared with the managed one, and later steps read it: ${list}`);
			} else if (out.certainty === 'U') {
				// An unverified output shape is never rewritten by guesswork: keep the managed operation.
				reasons.push(`its output may change shape (${out.change}) and later steps read it: ${list}`);
				if (out.undocumented) undocumented++;
			} else {
				// Never converted on the chance that the read still works: it keeps the step managed.
				reasons.push(`its output changes shape (${out.change}) and these expressions cannot be rewritten: ${list}`);
				if (out.undocumented) undocumented++;
			}
		}
	}
	if (mapping.note && isConfident(mapping.certainty)) notes.push({message: mapping.note, certainty: mapping.certainty});

	return {
		ok: reasons.length === 0,
		// A row the reference leaves unverified cannot convert whatever else holds.
		...(reasons.length > 0 && (undocumented === reasons.length || (mapping.undocumented && !isConfident(mapping.certainty))) ? {undocumented: true} : {}),
		certainty: reasons.length ? minCertainty(certainty, 'U') : certainty,
		parameters,
		reasons,
		notes,
		...(connectionScope ? {connectionScope} : {}),
		...(references ? {references} : {}),
	};
}

