// Applying one catalog mapping row to one managed operation: evaluates the parameter rules and decides
// whether the conversion is safe. Shared by the findings (to count what converts) and by the converter.
import type {Certainty, HostingKind} from '../../model/index.js';
import {isRecord} from '../walk.js';
import {scanReferences, type ReferenceScan} from './expressions.js';
import {stringLiteral, unwrapCall} from './path-match.js';
import type {OperationMatch, Transform, ValueRef, ValueSource} from './types.js';

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
		if (pv.malformed) return {ok: false, why: `the path value '${ref.path}' is an expression this tool cannot read`};
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

function decodeFileId(v: unknown, ctx: Context): Eval {
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
	return {ok: false, why: 'the file id is computed at run time and cannot be turned into a path'};
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
			return decodeFileId(v, ctx);
		case 'firstSegment':
		case 'afterFirstSegment': {
			if (typeof v !== 'string' || isArmExpression(v) || wholeExpression(v) !== undefined) {
				return {ok: false, why: 'the folder path is computed at run time, so the container cannot be separated from it'};
			}
			const s = v.replace(/^\/+/, '');
			const idx = s.indexOf('/');
			const first = idx < 0 ? s : s.slice(0, idx);
			if (!first || first.includes('@')) {
				return {ok: false, why: 'the container name is empty or computed at run time'};
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
				return {ok: true, value: inner !== undefined ? `@${inner}` : `@base64ToString(${whole})`};
			}
			const interp = singleInterpolation(v);
			if (interp !== undefined) {
				const inner = unwrapCall(interp, 'base64');
				return {ok: true, value: inner !== undefined ? `@{${inner}}` : `@{base64ToString(${interp})}`};
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
	const ctx: Context = {inputs, match, metadata: isRecord(op.metadata) ? op.metadata : {}};

	if (!mapping.operationId) reasons.push('there is no built-in operation for it');
	if (!isConfident(mapping.certainty)) {
		reasons.push(`the mapping to '${mapping.operationId ?? '?'}' is unverified [U]${mapping.note ? `: ${mapping.note}` : ''}`);
	}

	for (const u of mapping.unsupported ?? []) {
		const r = evalRef(u.ref, ctx);
		if (r.ok && !isEmpty(r.value)) reasons.push(u.why);
	}

	for (const rule of mapping.params) {
		const r = evalSource(rule.source, ctx);
		if (!r.ok) {
			reasons.push(`${rule.target}: ${r.why}`);
			continue;
		}
		let value = r.value;
		if (isEmpty(value) && rule.default !== undefined) value = rule.default;
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
	if (out && options.definition !== undefined && options.name !== undefined) {
		references = scanReferences(options.definition, options.name, options.isTrigger ?? mapping.kind === 'trigger', out.rewrites ?? [], {
			exclude: op,
		});
		if (references.total > 0) {
			if (out.certainty === 'U') {
				// An unverified output shape is never rewritten by guesswork: keep the managed operation.
				reasons.push(`its output may change shape (${out.change}) and later steps use it`);
			} else {
				if (references.leftovers.length > 0) {
					const list = references.leftovers.slice(0, 5).join(', ');
					if (out.otherReferences === 'block') {
						reasons.push(`its output changes shape (${out.change}) and these expressions cannot be rewritten: ${list}`);
					} else {
						notes.push({message: `output changes shape (${out.change}); review: ${list}`, certainty: 'S'});
					}
				}
			}
		}
	}
	if (mapping.note && isConfident(mapping.certainty)) notes.push({message: mapping.note, certainty: mapping.certainty});

	return {
		ok: reasons.length === 0,
		certainty: reasons.length ? minCertainty(certainty, 'U') : certainty,
		parameters,
		reasons,
		notes,
		...(connectionScope ? {connectionScope} : {}),
		...(references ? {references} : {}),
	};
}

