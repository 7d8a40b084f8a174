// Matching managed operation paths against catalog patterns. The designer writes path segments as
// `@{encodeURIComponent(encodeURIComponent('x'))}` (double), `@{encodeURIComponent('x')}` (single) or plain
// literal text, and older definitions mix the forms, so a pattern variable accepts all of them.
import type {PathValue} from './types.js';

// Each `@{...}` block is replaced by one private-use character so plain regular expressions can match the path.
const BLOCK_BASE = 0xe000;
const BLOCK_MAX = 0x1000;

/** Index of the `}` closing an `@{` block whose body starts at `start`; quotes and nested braces respected. */
export function findBlockEnd(text: string, start: number): number {
	let depth = 0;
	let i = start;
	while (i < text.length) {
		const c = text[i]!;
		if (c === "'") {
			i++;
			while (i < text.length) {
				if (text[i] === "'") {
					if (text[i + 1] === "'") {
						i += 2;
						continue;
					}
					break;
				}
				i++;
			}
		} else if (c === '{') depth++;
		else if (c === '}') {
			if (depth === 0) return i;
			depth--;
		}
		i++;
	}
	return -1;
}

interface Tokenized {
	text: string;
	blocks: string[];
}

function tokenize(path: string): Tokenized | undefined {
	let text = '';
	const blocks: string[] = [];
	let i = 0;
	while (i < path.length) {
		if (path[i] === '@' && path[i + 1] === '{') {
			const end = findBlockEnd(path, i + 2);
			if (end < 0 || blocks.length >= BLOCK_MAX) return undefined;
			blocks.push(path.slice(i, end + 1));
			text += String.fromCharCode(BLOCK_BASE + blocks.length - 1);
			i = end + 1;
		} else {
			text += path[i];
			i++;
		}
	}
	return {text, blocks};
}

/** Splits at top-level commas (outside quotes and parentheses). */
export function splitTopLevel(expr: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let cur = '';
	for (let i = 0; i < expr.length; i++) {
		const c = expr[i]!;
		if (c === "'") {
			let j = i + 1;
			while (j < expr.length) {
				if (expr[j] === "'") {
					if (expr[j + 1] === "'") {
						j += 2;
						continue;
					}
					break;
				}
				j++;
			}
			cur += expr.slice(i, j + 1);
			i = j;
			continue;
		}
		if (c === '(' || c === '[') depth++;
		else if (c === ')' || c === ']') depth--;
		if (c === ',' && depth === 0) {
			parts.push(cur);
			cur = '';
		} else cur += c;
	}
	parts.push(cur);
	return parts.map((p) => p.trim());
}

/** If `expr` is exactly `fn( ... )` (the outer parentheses enclose the rest), returns the argument text. */
export function unwrapCall(expr: string, fn: string): string | undefined {
	const e = expr.trim();
	const prefix = new RegExp(`^${fn}\\s*\\(`, 'i');
	const m = prefix.exec(e);
	if (!m || !e.endsWith(')')) return undefined;
	const inner = e.slice(m[0].length, -1);
	// The parentheses must balance inside, or the trailing `)` belongs to something else: `f(a) + g(b)`.
	let depth = 0;
	let inQuote = false;
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i]!;
		if (c === "'") {
			if (inQuote && inner[i + 1] === "'") {
				i++;
				continue;
			}
			inQuote = !inQuote;
		} else if (!inQuote && c === '(') depth++;
		else if (!inQuote && c === ')') {
			depth--;
			if (depth < 0) return undefined;
		}
	}
	return depth === 0 && !inQuote ? inner : undefined;
}

/** `'it''s'` → `it's`; undefined when `expr` is not exactly one string literal. */
export function stringLiteral(expr: string): string | undefined {
	const m = /^'((?:[^']|'')*)'$/s.exec(expr.trim());
	return m ? m[1]!.replace(/''/g, "'") : undefined;
}

function decodeBlock(block: string): PathValue {
	let inner = block.slice(2, -1).trim();
	for (;;) {
		const next = unwrapCall(inner, 'encodeURIComponent');
		if (next === undefined) break;
		inner = next.trim();
	}
	const literal = stringLiteral(inner);
	if (literal !== undefined) return {value: literal, literal: true};
	const malformed = splitTopLevel(inner).length > 1;
	return {value: `@{${inner}}`, literal: false, ...(malformed ? {malformed: true} : {})};
}

function decodeLiteral(text: string): string {
	let out = text;
	// Literal segments may be encoded once or twice (`%255B` for `[`).
	for (let k = 0; k < 2 && /%[0-9A-Fa-f]{2}/.test(out); k++) {
		try {
			out = decodeURIComponent(out);
		} catch {
			break;
		}
	}
	return out;
}

function decodeCaptured(captured: string, blocks: string[]): PathValue {
	const parts: PathValue[] = [];
	let lit = '';
	const flush = () => {
		if (lit) parts.push({value: decodeLiteral(lit), literal: true});
		lit = '';
	};
	for (const ch of captured) {
		const code = ch.charCodeAt(0);
		if (code >= BLOCK_BASE && code < BLOCK_BASE + blocks.length) {
			flush();
			parts.push(decodeBlock(blocks[code - BLOCK_BASE]!));
		} else lit += ch;
	}
	flush();
	if (parts.length === 0) return {value: '', literal: true};
	if (parts.length === 1) return parts[0]!;
	const literal = parts.every((p) => p.literal);
	const malformed = parts.some((p) => p.malformed);
	return {value: parts.map((p) => p.value).join(''), literal, ...(malformed ? {malformed: true} : {})};
}

interface Compiled {
	regex: RegExp;
	vars: string[];
}

const compiled = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
	const hit = compiled.get(pattern);
	if (hit) return hit;
	const vars: string[] = [];
	let src = '';
	let last = 0;
	for (const m of pattern.matchAll(/\{([A-Za-z0-9_]+)\}/g)) {
		src += escapeRegex(pattern.slice(last, m.index));
		// A variable never spans a separator of the managed path grammar.
		src += "([^/,'()]*)";
		vars.push(m[1]!);
		last = m.index! + m[0].length;
	}
	src += escapeRegex(pattern.slice(last));
	const c = {regex: new RegExp(`^${src}$`, 'i'), vars};
	compiled.set(pattern, c);
	return c;
}

export function escapeRegex(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a managed path against a pattern; the decoded variables on success. */
export function matchPath(pattern: string, path: string): Record<string, PathValue> | undefined {
	let p = path.trim();
	const q = p.indexOf('?');
	if (q >= 0 && !p.slice(0, q).includes('@{')) p = p.slice(0, q);
	if (p.length > 1 && p.endsWith('/') && !p.endsWith('//')) p = p.slice(0, -1);
	const tok = tokenize(p);
	if (!tok) return undefined;
	const {regex, vars} = compile(pattern);
	const m = regex.exec(tok.text);
	if (!m) return undefined;
	const out: Record<string, PathValue> = {};
	vars.forEach((v, i) => {
		out[v] = decodeCaptured(m[i + 1] ?? '', tok.blocks);
	});
	return out;
}
