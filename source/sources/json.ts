// JSON as admins' files really are: comments, trailing commas, a BOM. Errors name line and column.
import {parse as parseJsonc, printParseErrorCode, type ParseError} from 'jsonc-parser';

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

/** JSON with comments and trailing commas → value, or the reason with line:column. */
export function parseJsonDocument(text: string): {ok: true; value: unknown} | {ok: false; reason: string} {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (clean.trim() === '') return {ok: false, reason: 'empty file'};
	const errors: ParseError[] = [];
	const value: unknown = parseJsonc(clean, errors, {allowTrailingComma: true, disallowComments: false});
	const first = errors[0];
	if (first) {
		const {line, column} = lineColumn(clean, first.offset);
		return {ok: false, reason: `not valid JSON: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`};
	}
	return {ok: true, value};
}
