// Finding and rewriting the downstream expressions that read one operation's output. Built-in operations
// often return a different shape than their managed counterparts, so `body('X')?['value']` must become
// `body('X')` and so on. Only the reference forms below are understood; anything else is reported, not guessed.
import {isRecord} from '../../model/text.js';
import {escapeRegex} from './path-match.js';
import type {OutputRewrite} from './types.js';

const ACCESSOR = /^\s*(\?)?\[\s*(?:'((?:[^']|'')*)'|(\d+))\s*\]/;

function quoteName(name: string): string {
	return escapeRegex(name.replace(/'/g, "''"));
}

/** The forms that denote the operation's body: `body('X')`, `outputs('X')?['body']`, `triggerBody()`… */
function bodyRefSource(name: string, isTrigger: boolean): string {
	if (isTrigger) return String.raw`triggerBody\(\s*\)|triggerOutputs\(\s*\)\s*\??\[\s*'body'\s*\]`;
	const n = quoteName(name);
	return String.raw`body\(\s*'${n}'\s*\)|outputs\(\s*'${n}'\s*\)\s*\??\[\s*'body'\s*\]`;
}

/** Any reference to the operation's results (body, headers, status, the action object itself). */
function anyRefSource(name: string, isTrigger: boolean): string {
	if (isTrigger) return String.raw`triggerBody\(\s*\)|triggerOutputs\(\s*\)|trigger\(\s*\)`;
	const n = quoteName(name);
	return String.raw`(?:body|outputs|actions|result)\(\s*'${n}'\s*\)`;
}

function accessor(key: string | number): string {
	return typeof key === 'number' ? `?[${key}]` : `?['${key.replace(/'/g, "''")}']`;
}

interface Chain {
	keys: (string | number)[];
	/** Length of the accessor text consumed for each key, cumulative. */
	ends: number[];
}

function readChain(text: string, from: number): Chain {
	const keys: (string | number)[] = [];
	const ends: number[] = [];
	let pos = from;
	for (;;) {
		const m = ACCESSOR.exec(text.slice(pos));
		if (!m) break;
		keys.push(m[2] !== undefined ? m[2].replace(/''/g, "'") : Number(m[3]));
		pos += m[0].length;
		ends.push(pos);
	}
	return {keys, ends};
}

// Case-sensitive on purpose: several rewrites only change the casing (`ContentData` → `contentData`), and the
// designer always writes the managed casing.
function keyEq(a: string | number | undefined, b: string): boolean {
	return typeof a === 'string' && a === b;
}

export interface ReferenceScan {
	/** References rewritten (or rewritable, when not mutating). */
	rewritten: number;
	/** Distinct rewrites, `old → new`. */
	changes: string[];
	/** Distinct expression snippets no rewrite covers. */
	leftovers: string[];
	/** All references to the operation's results. */
	total: number;
}

function rewriteString(
	text: string,
	bodyRe: RegExp,
	anyRe: RegExp,
	rewrites: readonly OutputRewrite[],
	scan: ReferenceScan,
	leftovers: Set<string>,
	changes: Set<string>,
): string {
	if (!text.includes('@')) return text;
	let out = text;
	// base64ToString(ref?['ContentData']) → ref?['contentData'] first, so the generic pass sees what is left.
	for (const rw of rewrites) {
		if (rw.kind !== 'unwrapBase64') continue;
		const re = new RegExp(
			String.raw`base64ToString\(\s*(${bodyRe.source})\s*\??\[\s*'${escapeRegex(rw.from)}'\s*\]\s*\)`,
			'gi',
		);
		out = out.replace(re, (m: string, ref: string) => {
			scan.total++;
			scan.rewritten++;
			const next = `${ref}${accessor(rw.to)}`;
			changes.add(`${m} → ${next}`);
			return next;
		});
	}
	// A managed response header the built-in returns in its body instead. The new text is parked behind a marker so
	// the body rewrites below do not rewrite it a second time.
	const parked: string[] = [];
	for (const rw of rewrites) {
		if (rw.kind !== 'header') continue;
		const root = bodyRe.source.split('|')[0]!;
		const outputsRoot = /^triggerBody/.test(root) ? String.raw`triggerOutputs\(\s*\)` : root.replace(/^body/, 'outputs');
		const re = new RegExp(String.raw`(?:${outputsRoot})\s*\??\[\s*'headers'\s*\]\s*\??\[\s*'${escapeRegex(rw.name)}'\s*\]`, 'gi');
		out = out.replace(re, (m: string) => {
			scan.total++;
			scan.rewritten++;
			const base = /^triggerOutputs/i.test(m) ? 'triggerBody()' : m.replace(/^outputs(\(\s*'(?:[^']|'')*'\s*\)).*$/is, 'body$1');
			const next = `${base}${rw.to.map(accessor).join('')}`;
			changes.add(`${m} → ${next}`);
			parked.push(next);
			return `\u{F8FF}${parked.length - 1}\u{F8FF}`;
		});
	}
	let result = '';
	let last = 0;
	const re = new RegExp(bodyRe.source, 'gi');
	for (let m = re.exec(out); m; m = re.exec(out)) {
		const ref = m[0];
		const start = m.index;
		scan.total++;
		const chain = readChain(out, start + ref.length);
		const chainEnd = chain.ends.at(-1) ?? start + ref.length;
		const replacement = applyRewrites(ref, chain, out, start + ref.length, rewrites);
		if (replacement === undefined) {
			const justRewritten = rewrites.some(
				(rw) => rw.kind === 'unwrapBase64' && keyEq(chain.keys[0], rw.to),
			);
			if (!justRewritten) leftovers.add(out.slice(start, chainEnd));
			continue;
		}
		scan.rewritten++;
		if (!replacement.same) changes.add(`${out.slice(start, start + ref.length + replacement.consumed)} → ${replacement.text}`);
		result += out.slice(last, start) + replacement.text;
		last = start + ref.length + replacement.consumed;
		re.lastIndex = last;
	}
	result += out.slice(last);
	// Other references (headers, `outputs('X')` as a whole) are never rewritten: report them. The run status of a
	// step (`actions('X')?['status']`, `result('X')`) means the same for a built-in step, so it is left alone.
	const anyRe2 = new RegExp(anyRe.source, 'gi');
	const bodyAt = new RegExp(`^(?:${bodyRe.source})`, 'i');
	for (let m = anyRe2.exec(result); m; m = anyRe2.exec(result)) {
		if (bodyAt.test(result.slice(m.index))) continue;
		const chain = readChain(result, m.index + m[0].length);
		if (isStatusReference(m[0], chain)) continue;
		scan.total++;
		leftovers.add(result.slice(m.index, chain.ends.at(-1) ?? m.index + m[0].length));
	}
	return parked.length ? result.replace(/\u{F8FF}(\d+)\u{F8FF}/gu, (_m, i: string) => parked[Number(i)]!) : result;
}

/** `actions('X')` / `trigger()` / `result('X')` that does not read the step's inputs or outputs. */
function isStatusReference(ref: string, chain: Chain): boolean {
	if (/^result\(/i.test(ref)) return true;
	if (!/^(actions|trigger)\(/i.test(ref)) return false;
	const first = chain.keys[0];
	return !(typeof first === 'string' && /^(outputs|inputs)$/i.test(first));
}

function applyRewrites(
	ref: string,
	chain: Chain,
	text: string,
	after: number,
	rewrites: readonly OutputRewrite[],
): {text: string; consumed: number; same?: boolean} | undefined {
	const chainText = (n: number) => text.slice(after, n === 0 ? after : chain.ends[n - 1]!);
	for (const rw of rewrites) {
		switch (rw.kind) {
			case 'path': {
				if (rw.from.length === 0 || chain.keys.length < rw.from.length) break;
				if (!rw.from.every((k, i) => keyEq(chain.keys[i], k))) break;
				return {text: ref + rw.to.map(accessor).join(''), consumed: chainText(rw.from.length).length};
			}
			case 'unwrapBase64': {
				if (!keyEq(chain.keys[0], rw.from)) break;
				return {text: `base64(${ref}${accessor(rw.to)})`, consumed: chainText(1).length};
			}
			case 'bare': {
				if (chain.keys.length > 0) break;
				// `body('X').prop` (dot access) is not bare either.
				if (/^\s*\./.test(text.slice(after))) break;
				return {text: ref + rw.to.map(accessor).join(''), consumed: 0};
			}
			case 'index0': {
				if (chain.keys.length > 0) return {text: `${ref}?[0]`, consumed: 0};
				if (/^\s*\./.test(text.slice(after))) break;
				return {text: `first(${ref})`, consumed: 0};
			}
			case 'toBase64': {
				if (!keyEq(chain.keys[0], rw.from)) break;
				return {text: `base64(${ref}${rw.to.map(accessor).join('')})`, consumed: chainText(1).length};
			}
			case 'reroot':
				return {text: rw.to, consumed: 0};
			case 'header':
				break;
			case 'keep':
				return {text: text.slice(after - ref.length, chain.ends.at(-1) ?? after), consumed: chainText(chain.keys.length).length, same: true};
			case 'items': {
				// The element fields are renamed per loop in scanReferences. The array itself (a loop's source,
				// length(), empty()) keeps its meaning, unless an element is taken out of it here.
				if (chain.keys.length !== rw.from.length || !rw.from.every((k, i) => keyEq(chain.keys[i], k))) break;
				if (/(first|last)\(\s*$/i.test(text.slice(0, after - ref.length))) break;
				return {text: text.slice(after - ref.length, chain.ends.at(-1) ?? after), consumed: chainText(chain.keys.length).length, same: true};
			}
		}
	}
	return undefined;
}

function visitStrings(
	node: unknown,
	fn: (s: string) => string,
	exclude: unknown,
	mutate: boolean,
): unknown {
	if (node === exclude && exclude !== undefined) return node;
	if (typeof node === 'string') return fn(node);
	if (Array.isArray(node)) {
		for (let i = 0; i < node.length; i++) {
			const v = visitStrings(node[i], fn, exclude, mutate);
			if (mutate) node[i] = v;
		}
		return node;
	}
	if (typeof node === 'object' && node !== null) {
		const rec = node as Record<string, unknown>;
		for (const k of Object.keys(rec)) {
			const v = visitStrings(rec[k], fn, exclude, mutate);
			if (mutate) rec[k] = v;
		}
	}
	return node;
}

interface ItemLoop {
	name: string;
	/** The Foreach, or the Select / Filter array (Query) whose `item()` is an element of the output. */
	node: Record<string, unknown>;
	kind: 'foreach' | 'data';
	rename: Record<string, string[]>;
	base64: string[];
}

// Inside these, `item()` means their own element, not the enclosing loop's.
const ITEM_SCOPES = /^(foreach|select|query)$/i;

/**
 * Loops over this operation's output whose elements change fields: a `Foreach` whose `foreach`, or a Select /
 * Filter array whose `from`, is exactly `@<ref>` followed by one of the `items` rewrites' `from` chains.
 */
function itemLoops(definition: unknown, bodyRe: RegExp, rewrites: readonly OutputRewrite[], exclude: unknown): ItemLoop[] {
	const itemRewrites = rewrites.filter((rw): rw is Extract<OutputRewrite, {kind: 'items'}> => rw.kind === 'items');
	if (!itemRewrites.length) return [];
	const whole = new RegExp(`^@(?:${bodyRe.source})`, 'i');
	const sourceRewrite = (source: unknown) => {
		if (typeof source !== 'string') return undefined;
		const text = source.trim();
		const m = whole.exec(text);
		if (!m) return undefined;
		const chain = readChain(text, m[0].length);
		const end = chain.ends.at(-1) ?? m[0].length;
		if (text.slice(end).trim()) return undefined;
		return itemRewrites.find((r) => r.from.length === chain.keys.length && r.from.every((k, i) => keyEq(chain.keys[i], k)));
	};
	const loops: ItemLoop[] = [];
	const visit = (node: unknown): void => {
		if (node === exclude && exclude !== undefined) return;
		if (Array.isArray(node)) {
			for (const v of node) visit(v);
			return;
		}
		if (!isRecord(node)) return;
		for (const [key, v] of Object.entries(node)) {
			if (isRecord(v) && typeof v.type === 'string') {
				const type = v.type.toLowerCase();
				const rw =
					type === 'foreach' ? sourceRewrite(v.foreach) : /^(select|query)$/.test(type) && isRecord(v.inputs) ? sourceRewrite(v.inputs.from) : undefined;
				if (rw) loops.push({name: key, node: v, kind: type === 'foreach' ? 'foreach' : 'data', rename: rw.rename, base64: rw.base64 ?? []});
			}
			visit(v);
		}
	};
	visit(definition);
	return loops;
}

function renameItemRefs(text: string, re: RegExp, loop: ItemLoop, scan: ReferenceScan, leftovers: Set<string>, changes: Set<string>): string {
	if (!text.includes('@')) return text;
	let result = '';
	let last = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		scan.total++;
		const start = m.index;
		const after = start + m[0].length;
		const chain = readChain(text, after);
		const first = chain.keys[0];
		const to = typeof first === 'string' && Object.hasOwn(loop.rename, first) ? loop.rename[first] : undefined;
		if (!to) {
			leftovers.add(text.slice(start, chain.ends.at(-1) ?? after));
			continue;
		}
		let next = `${m[0]}${to.map(accessor).join('')}`;
		if (loop.base64.includes(first as string)) {
			const unwrapped = /base64ToString\(\s*$/i.exec(text.slice(0, start));
			const close = /^\s*\)/.exec(text.slice(chain.ends[0]!));
			if (unwrapped && close && unwrapped.index >= last) {
				// base64ToString(item?['X']) → item?['x']: the built-in field is already plain.
				scan.rewritten++;
				changes.add(`${text.slice(unwrapped.index, chain.ends[0]! + close[0].length)} → ${next}`);
				result += text.slice(last, unwrapped.index) + next;
				last = chain.ends[0]! + close[0].length;
				re.lastIndex = last;
				continue;
			}
			next = `base64(${next})`;
		}
		scan.rewritten++;
		changes.add(`${text.slice(start, chain.ends[0])} → ${next}`);
		result += text.slice(last, start) + next;
		last = chain.ends[0]!;
		re.lastIndex = last;
	}
	return result + text.slice(last);
}

/** Visits every string under `node`, telling whether `item()` there still means `node`'s own element. */
function visitItemStrings(node: unknown, fn: (s: string, itemIsOwn: boolean) => string, mutate: boolean, own = true): unknown {
	if (typeof node === 'string') return fn(node, own);
	if (Array.isArray(node)) {
		for (let i = 0; i < node.length; i++) {
			const v = visitItemStrings(node[i], fn, mutate, own);
			if (mutate) node[i] = v;
		}
		return node;
	}
	if (isRecord(node)) {
		const scoped = typeof node.type === 'string' && ITEM_SCOPES.test(node.type);
		for (const k of Object.keys(node)) {
			const v = visitItemStrings(node[k], fn, mutate, own && !scoped);
			if (mutate) node[k] = v;
		}
	}
	return node;
}

function rewriteLoop(loop: ItemLoop, scan: ReferenceScan, leftovers: Set<string>, changes: Set<string>, mutate: boolean): void {
	const named = new RegExp(String.raw`items\(\s*'${quoteName(loop.name)}'\s*\)`, 'gi');
	const item = /item\(\s*\)/gi;
	// The loop's own source (`foreach`, `from`) is the output itself, already handled by the body rewrites.
	const parts: [Record<string, unknown>, string][] =
		loop.kind === 'foreach'
			? Object.keys(loop.node).filter((k) => k !== 'foreach').map((k) => [loop.node, k])
			: isRecord(loop.node.inputs)
				? Object.keys(loop.node.inputs).filter((k) => k !== 'from').map((k) => [loop.node.inputs as Record<string, unknown>, k])
				: [];
	for (const [holder, key] of parts) {
		const v = visitItemStrings(
			holder[key],
			(text, own) => {
				let out = renameItemRefs(text, named, loop, scan, leftovers, changes);
				if (own) out = renameItemRefs(out, item, loop, scan, leftovers, changes);
				return out;
			},
			mutate,
		);
		if (mutate) holder[key] = v;
	}
}

/**
 * Scans (and with `mutate`, rewrites in place) every expression in `definition` that reads the output of
 * operation `name`. `exclude` is an object not to touch (the operation itself: a trigger's own splitOn).
 */
export function scanReferences(
	definition: unknown,
	name: string,
	isTrigger: boolean,
	rewrites: readonly OutputRewrite[],
	options: {mutate?: boolean; exclude?: unknown} = {},
): ReferenceScan {
	const bodyRe = new RegExp(bodyRefSource(name, isTrigger), 'gi');
	const anyRe = new RegExp(anyRefSource(name, isTrigger), 'gi');
	const scan: ReferenceScan = {rewritten: 0, changes: [], leftovers: [], total: 0};
	const leftovers = new Set<string>();
	const changes = new Set<string>();
	// Every form rewriteString acts on or reports contains one of these references: a string without any is left
	// as is (most strings of a definition do not read this operation, and this runs once per operation).
	const mentions = new RegExp(anyRe.source, 'i');
	// Loops are found before the body references are rewritten: their `foreach` text is what identifies them.
	const loops = itemLoops(definition, bodyRe, rewrites, options.exclude);
	visitStrings(
		definition,
		(s) => {
			if (!s.includes('@') || !mentions.test(s)) return s;
			return rewriteString(s, bodyRe, anyRe, rewrites, scan, leftovers, changes);
		},
		options.exclude,
		options.mutate ?? false,
	);
	for (const loop of loops) rewriteLoop(loop, scan, leftovers, changes, options.mutate ?? false);
	scan.leftovers = [...leftovers];
	scan.changes = [...changes];
	return scan;
}


/** Expression snippets in `definition` that read the trigger's body (for pre-flight findings). */
export function triggerBodyExpressions(definition: unknown, exclude?: unknown): string[] {
	const found = new Set<string>();
	const re = /(?:triggerBody\(\s*\)|triggerOutputs\(\s*\)\s*\??\[\s*'body'\s*\])/gi;
	visitStrings(
		definition,
		(s) => {
			if (!s.includes('@')) return s;
			for (let m = re.exec(s); m; m = re.exec(s)) {
				const chain = readChain(s, m.index + m[0].length);
				const end = chain.ends.at(-1) ?? m.index + m[0].length;
				let snippet = s.slice(m.index, end);
				// Include an enclosing base64ToString( … ), since that is the part that breaks.
				if (/base64ToString\(\s*$/i.test(s.slice(0, m.index)) && s.slice(end).trimStart().startsWith(')')) {
					snippet = `base64ToString(${snippet})`;
				}
				found.add(snippet);
			}
			re.lastIndex = 0;
			return s;
		},
		exclude,
		false,
	);
	return [...found];
}
