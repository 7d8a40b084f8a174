// JSON as admins' files really are: comments, trailing commas, a BOM. Errors name line and column.
// Hostile or broken input gets a clear refusal instead of a crash: a file larger than the reader takes, or
// nesting deeper than MAX_JSON_DEPTH (the parser and every later step recurse per level, so 2,000 levels
// overflowed the stack). Plain JSON goes through the native parser (fast, and it does not recurse); only a
// file with comments or trailing commas, or a broken one, goes through jsonc-parser, after a depth scan.
import {promises as fs} from 'node:fs';
import {parse as parseJsonc, printParseErrorCode, type ParseError} from 'jsonc-parser';

/** Deepest nesting read. Real templates and workflow definitions stay far below (scopes nest 8 deep at most). */
export const MAX_JSON_DEPTH = 256;

/** A file an offline source did not read, and why: listed to the admin, never dropped silently. */
export interface SkippedFile {
	file: string;
	reason: string;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return {line, column: offset - lineStart + 1};
}

/** Offset of the bracket that opens level `limit + 1`, skipping strings and comments; undefined when the text stays within the limit. */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number | undefined {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34 /* " */) {
			for (i++; i < text.length; i++) {
				const d = text.charCodeAt(i);
				if (d === 92 /* \ */) i++;
				else if (d === 34) break;
			}
		} else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
			while (i < text.length && text.charCodeAt(i) !== 10) i++;
		} else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
			const end = text.indexOf('*/', i + 2);
			i = end < 0 ? text.length : end + 1;
		} else if (c === 123 /* { */ || c === 91 /* [ */) {
			if (++depth > limit) return i;
		} else if (c === 125 /* } */ || c === 93 /* ] */) {
			depth--;
		}
	}
	return undefined;
}

/** Depth of a parsed value, without recursion. */
function depthOf(value: unknown, limit: number): number {
	let max = 0;
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length > 0) {
		const [v, d] = stack.pop()!;
		if (v === null || typeof v !== 'object') continue;
		if (d > max) max = d;
		if (max > limit) return max;
		for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
	}
	return max;
}

function tooDeepReason(text: string, offset: number): string {
	const {line, column} = lineColumn(text, offset);
	return `nested more than ${MAX_JSON_DEPTH} levels deep (at line ${line}, column ${column}); ise-migrate reads JSON up to ${MAX_JSON_DEPTH} levels`;
}

/** JSON with comments and trailing commas → value, or the reason with line:column. */
export function parseJsonDocument(text: string): {ok: true; value: unknown} | {ok: false; reason: string} {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (clean.trim() === '') return {ok: false, reason: 'empty file'};
	try {
		const value: unknown = JSON.parse(clean);
		if (depthOf(value, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH) return {ok: true, value};
	} catch {
		// Comments, trailing commas, or broken: jsonc-parser below says which, with line and column.
	}
	const deep = tooDeepAt(clean);
	if (deep !== undefined) return {ok: false, reason: tooDeepReason(clean, deep)};
	const errors: ParseError[] = [];
	const value: unknown = parseJsonc(clean, errors, {allowTrailingComma: true, disallowComments: false});
	const first = errors[0];
	if (first) {
		const {line, column} = lineColumn(clean, first.offset);
		return {ok: false, reason: `not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`};
	}
	return {ok: true, value};
}

/** Text of a file: UTF-8 (BOM or not), or UTF-16 with a BOM (Windows PowerShell's `>` writes that). */
export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	const text = new TextDecoder('utf-8').decode(bytes);
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const MB = 1024 * 1024;

/** Why a file of `size` bytes is not read, or undefined when it is within `limit`. */
export function tooLargeReason(size: number, limit: number): string | undefined {
	return size > limit ? `${(size / MB).toFixed(0)} MB, larger than the ${limit / MB} MB ise-migrate reads` : undefined;
}

/** Reads and decodes a text file of at most `limit` bytes; a larger one is refused with its reason (no read). */
export async function readTextFile(file: string, limit: number): Promise<{ok: true; text: string} | {ok: false; reason: string}> {
	const handle = await fs.open(file, 'r');
	try {
		const tooLarge = tooLargeReason((await handle.stat()).size, limit);
		if (tooLarge) return {ok: false, reason: tooLarge};
		return {ok: true, text: decodeText(await handle.readFile())};
	} finally {
		await handle.close();
	}
}
