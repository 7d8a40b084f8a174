// Text fields as data: the value and cursor live in the wizard state and every key is an edit applied by the
// reducer, in order. Keys that arrive together (a paste, fast typing, a held Backspace) can then never be applied
// to a stale value, and Enter always acts on the full text.

export interface TextValue {
	value: string;
	/** Cursor position, 0…value.length. */
	cursor: number;
}

export type TextEdit =
	| {kind: 'insert'; text: string}
	| {kind: 'backspace'}
	| {kind: 'delete'}
	| {kind: 'left'}
	| {kind: 'right'}
	| {kind: 'home'}
	| {kind: 'end'}
	/** Ctrl-U: clear what is before the cursor. */
	| {kind: 'kill-start'}
	| {kind: 'set'; value: string};

export function textOf(value = ''): TextValue {
	return {value, cursor: value.length};
}

// Control characters never belong in a path or a note (a pasted newline would otherwise end up in the value).
const CONTROL = /[\u0000-\u001F\u007F]/g;

/** The text without control characters (what a field accepts of a key or a paste). */
export const printable = (text: string): string => text.replace(CONTROL, '');

export function editText(t: TextValue, edit: TextEdit): TextValue {
	switch (edit.kind) {
		case 'insert': {
			const text = printable(edit.text);
			if (!text) return t;
			return {value: t.value.slice(0, t.cursor) + text + t.value.slice(t.cursor), cursor: t.cursor + text.length};
		}
		case 'backspace':
			return t.cursor === 0 ? t : {value: t.value.slice(0, t.cursor - 1) + t.value.slice(t.cursor), cursor: t.cursor - 1};
		case 'delete':
			return t.cursor >= t.value.length ? t : {value: t.value.slice(0, t.cursor) + t.value.slice(t.cursor + 1), cursor: t.cursor};
		case 'left':
			return {...t, cursor: Math.max(0, t.cursor - 1)};
		case 'right':
			return {...t, cursor: Math.min(t.value.length, t.cursor + 1)};
		case 'home':
			return {...t, cursor: 0};
		case 'end':
			return {...t, cursor: t.value.length};
		case 'kill-start':
			return {value: t.value.slice(t.cursor), cursor: 0};
		case 'set':
			return textOf(edit.value);
	}
}
