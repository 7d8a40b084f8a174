// The text of a workflow definition string, split the way the Logic Apps runtime reads it: a string that starts with
// `@` is one expression; otherwise `@{…}` embeds expressions in literal text (`@@` escapes a leading `@`). Inside
// an expression, `'…'` is a string literal with `''` for a quote. Pure; used to find credentials in literal parts
// and to put references (`appsetting('x')`, `parameters('x')`) in place of a piece of text without breaking the rest.

/** Literal text outside expressions. */
export interface TextSegment {
	kind: 'text';
	text: string;
}

/** Expression code: the whole string (`@code`) or one interpolation (`@{code}`). */
export interface CodeSegment {
	kind: 'code';
	code: string;
	interpolated: boolean;
}

export type Segment = TextSegment | CodeSegment;

/** A string literal inside expression code: its unquoted value and where the quoted form sits in the code. */
export interface CodeLiteral {
	value: string;
	start: number;
	/** Index after the closing quote. */
	end: number;
	/** The code before the literal, trimmed: tells names (`body('X')`, `?['k']`) from content. */
	before: string;
}

/** Splits a definition string; undefined when an interpolation or a literal is not closed (kept as it is). */
export function segmentsOf(value: string): Segment[] | undefined {
	if (value.startsWith('@@')) return [{kind: 'text', text: value.slice(1)}];
	if (value.startsWith('@') && !value.startsWith('@{')) return [{kind: 'code', code: value.slice(1), interpolated: false}];
	const out: Segment[] = [];
	let text = '';
	let i = 0;
	while (i < value.length) {
		if (value.startsWith('@@{', i)) {
			text += '@{';
			i += 3;
			continue;
		}
		if (value.startsWith('@{', i)) {
			const end = closingBrace(value, i + 2);
			if (end < 0) return undefined;
			if (text) out.push({kind: 'text', text});
			text = '';
			out.push({kind: 'code', code: value.slice(i + 2, end), interpolated: true});
			i = end + 1;
			continue;
		}
		text += value[i];
		i++;
	}
	if (text) out.push({kind: 'text', text});
	return out;
}

function closingBrace(value: string, from: number): number {
	let quoted = false;
	for (let i = from; i < value.length; i++) {
		const c = value[i];
		if (c === "'") {
			if (quoted && value[i + 1] === "'") {
				i++;
				continue;
			}
			quoted = !quoted;
		} else if (c === '}' && !quoted) {
			return i;
		}
	}
	return -1;
}

/**
 * The single-quoted literal that opens at `start` (a quote is written twice inside it): its value and the index just
 * past its closing quote; undefined when it is not closed. Workflow expressions and ARM template expressions write
 * string literals the same way, so both read them here.
 */
export function readQuoted(code: string, start: number): {value: string; end: number} | undefined {
	let value = '';
	let i = start + 1;
	for (;;) {
		if (i >= code.length) return undefined;
		if (code[i] === "'") {
			if (code[i + 1] !== "'") return {value, end: i + 1};
			value += "'";
			i += 2;
			continue;
		}
		value += code[i];
		i++;
	}
}

/** The string literals of expression code, in order; undefined when a literal is not closed. */
export function literalsOf(code: string): CodeLiteral[] | undefined {
	const out: CodeLiteral[] = [];
	let i = 0;
	while (i < code.length) {
		if (code[i] !== "'") {
			i++;
			continue;
		}
		const start = i;
		const literal = readQuoted(code, start);
		if (!literal) return undefined;
		i = literal.end;
		out.push({value: literal.value, start, end: i, before: code.slice(0, start).trimEnd()});
	}
	return out;
}

/** A literal that names something (an action, a parameter, a property) rather than carrying content. */
export function isNameLiteral(lit: CodeLiteral): boolean {
	return /(?:\[|\b(?:body|outputs|actions|action|result|parameters|appsetting|variables|items|item|iterationIndexes|triggerBody|triggerOutputs|listCallbackUrl|workflow)\s*\()\s*$/i.test(
		lit.before,
	);
}

export function quote(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

/** Writes segments back as one definition string (the inverse of segmentsOf). */
export function renderSegments(segments: readonly Segment[]): string {
	if (segments.length === 1 && segments[0]!.kind === 'code' && !segments[0]!.interpolated) return `@${segments[0]!.code}`;
	// A lone embedded expression keeps its type when written as a whole-string expression.
	if (segments.length === 1 && segments[0]!.kind === 'code') return `@{${segments[0]!.code}}`;
	let out = '';
	for (const s of segments) {
		if (s.kind === 'code') out += `@{${s.code}}`;
		else out += s.text.replace(/@\{/g, '@@{');
	}
	// Text that starts with `@` (but not an escaped `@@{`) would read as an expression.
	const first = segments[0];
	return first?.kind === 'text' && first.text.startsWith('@') && !first.text.startsWith('@{') ? `@${out}` : out;
}

/**
 * Code that evaluates to `parts` joined, where a part is literal text or an expression: `concat('a', x, 'b')`,
 * or just the expression when there is no text around it.
 */
export function joinCode(parts: readonly ({text: string} | {code: string})[]): string {
	const kept = parts.filter((p) => !('text' in p) || p.text !== '');
	if (kept.length === 0) return "''";
	if (kept.length === 1) return 'text' in kept[0]! ? quote(kept[0].text) : kept[0]!.code;
	return `concat(${kept.map((p) => ('text' in p ? quote(p.text) : p.code)).join(', ')})`;
}

/**
 * Replaces, inside one literal text, the ranges given with expressions: for a text segment that embeds them
 * (`@{x}`), for a literal inside code that becomes `concat('…', x, '…')`.
 */
export function spliceText(text: string, ranges: readonly {start: number; end: number; code: string}[]): ({text: string} | {code: string})[] {
	const parts: ({text: string} | {code: string})[] = [];
	let at = 0;
	for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
		if (r.start < at) continue;
		parts.push({text: text.slice(at, r.start)});
		parts.push({code: r.code});
		at = r.end;
	}
	parts.push({text: text.slice(at)});
	return parts.filter((p) => !('text' in p) || p.text !== '');
}

/** Segments for text parts and expression parts: the text stays text, each expression is embedded. */
export function partsToSegments(parts: readonly ({text: string} | {code: string})[]): Segment[] {
	return parts.map((p) => ('text' in p ? {kind: 'text', text: p.text} : {kind: 'code', code: p.code, interpolated: true}));
}
