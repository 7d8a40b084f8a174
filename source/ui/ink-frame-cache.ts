// Ink draws every frame whole: each render builds a fresh Output, whose get() lays every line on screen into a
// grid of styled cells (tokenising ANSI codes and measuring each character) and turns the grid back into text,
// with caches that start empty each frame. At 120×40 that was most of a key's cost (profiled: string-width,
// ansi-tokenize, the grid's garbage), though a key usually changes two rows of forty.
//
// This replaces Output.get for frames without horizontal clipping (the wizard clips only vertically): a row is
// described by what is written on it (each piece's column and text, after Ink's transformers), and a row seen in
// this frame or the one before is reused as text; only new rows are built, the way Ink builds them, from Ink's
// own functions, allocating less (shared empty cells, no style difference worked out between cells of the same
// style): garbage is what made the slowest keys slow. Caches keep two frames, so memory stays at about two
// screens however long the wizard runs. Frames that clip horizontally go to Ink's own get().
//
// It reaches into Ink's build (its Output class is not exported), so it is tied to the Ink version it was checked
// against (test/ui/ink-frame-cache.test.tsx compares it with Ink's get on the same frames): for any other version,
// or an Output of another shape, it installs nothing and Ink works as it ships.
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** The Ink release whose Output this was written against and checked with. */
export const INK_VERSION = '6.8.0';

interface AnsiCode {
	code: string;
	endCode: string;
}

interface StyledChar {
	value: string;
	styles: AnsiCode[];
}

interface Caches {
	getStyledChars(line: string): StyledChar[];
	getStringWidth(text: string): number;
}

type Transformer = (line: string, index: number) => string;
type Operation =
	| {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
	| {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
	| {type: 'unclip'};

interface OutputInstance {
	width: number;
	height: number;
	operations: Operation[];
	caches: Caches;
}

interface OutputClass {
	prototype: {get(this: OutputInstance): {output: string; height: number}};
	new (options: {width: number; height: number}): OutputInstance;
}

/** A map that keeps what was used in this generation or the one before; `turn()` starts a new generation. */
class TwoFrameMap<V> {
	private current = new Map<string, V>();
	private previous = new Map<string, V>();

	lookup(key: string, make: (key: string) => V): V {
		let value = this.current.get(key);
		if (value !== undefined) return value;
		value = this.previous.get(key);
		if (value === undefined) value = make(key);
		this.current.set(key, value);
		return value;
	}

	turn(): void {
		this.previous = this.current;
		this.current = new Map();
	}

	get size(): number {
		return this.current.size + this.previous.size;
	}
}

/** What Ink's get() is built from, taken from Ink's own modules. */
interface InkParts {
	/** A fresh instance of Ink's per-frame caches (tokenised lines, widths). */
	caches(): Caches;
	/** The codes that turn style `from` into style `to`, and codes as text (ansi-tokenize's, as Ink uses them). */
	diffAnsiCodes(from: AnsiCode[], to: AnsiCode[]): AnsiCode[];
	ansiCodesToString(codes: AnsiCode[]): string;
}

/** An empty cell. Shared: Ink's cells are only ever read, and a row has 120 of them. */
const SPACE: StyledChar = Object.freeze({value: ' ', styles: []}) as unknown as StyledChar;

/** The same styles, code by code: the difference between them is then empty, and so is its text. */
function sameStyles(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	return true;
}

/** Widths of single characters, kept while the wizard runs (a screen draws few different ones); bounded all the same. */
const CHARACTER_WIDTHS_KEPT = 4096;

/** One piece written on a row: where it starts and its text after Ink's transformers. */
interface Piece {
	x: number;
	line: string;
}

/** Output.get for frames that clip only vertically, rows kept as text across frames. */
export class FrameRows {
	private readonly rows = new TwoFrameMap<string>();
	private readonly widths = new Map<string, number>();
	private caches: Caches;
	constructor(private readonly ink: InkParts) {
		this.caches = ink.caches();
	}

	/** The frame's text, or undefined when it clips horizontally (Ink's own get() draws those). */
	get(output: OutputInstance): {output: string; height: number} | undefined {
		const pieces = this.piecesByRow(output);
		if (!pieces) return undefined;
		const lines: string[] = [];
		for (let y = 0; y < output.height; y++) {
			const row = pieces[y];
			if (!row) {
				lines.push('');
				continue;
			}
			// The key says everything the row's text depends on: the width, and each piece's column and text (with
			// its length, so no text can pass for two pieces, whatever characters it holds).
			let key = String(output.width);
			for (const piece of row) key += `|${piece.x}|${piece.line.length}|${piece.line}`;
			lines.push(this.rows.lookup(key, () => this.buildRow(row, output.width)));
		}
		this.rows.turn();
		// Ink's caches would otherwise keep every line ever drawn; rows hold what is worth keeping.
		this.caches = this.ink.caches();
		return {output: lines.join('\n'), height: output.height};
	}

	get entries(): number {
		return this.rows.size;
	}

	/** Ink's get() without the grid: the same clipping, transformers and skipped lines, grouped by row. */
	private piecesByRow(output: OutputInstance): Piece[][] | undefined {
		const byRow: Piece[][] = [];
		const clips: {y1?: number; y2?: number}[] = [];
		for (const operation of output.operations) {
			if (operation.type === 'clip') {
				if (typeof operation.clip.x1 === 'number' && typeof operation.clip.x2 === 'number') return undefined;
				clips.push(operation.clip);
				continue;
			}
			if (operation.type === 'unclip') {
				clips.pop();
				continue;
			}
			let {y} = operation;
			let lines = operation.text.split('\n');
			const clip = clips.at(-1);
			if (clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
				const height = lines.length;
				if (y + height < clip.y1 || y > clip.y2) continue;
				const from = y < clip.y1 ? clip.y1 - y : 0;
				const to = y + height > clip.y2 ? clip.y2 - y : height;
				lines = lines.slice(from, to);
				if (y < clip.y1) y = clip.y1;
			}
			for (const [index, text] of lines.entries()) {
				// As in Ink: a line whose row is off the grid ends the piece (Ink retries that same row for the
				// rest of its lines, so a piece starting above the grid draws nothing).
				const row = y + index;
				if (!Number.isInteger(row) || row < 0 || row >= output.height) break;
				let line = text;
				for (const transformer of operation.transformers) line = transformer(line, index);
				(byRow[row] ??= []).push({x: operation.x, line});
			}
		}
		return byRow;
	}

	/** One row, exactly as Ink's get() builds it: cells of spaces, each piece's characters laid over them. */
	private buildRow(pieces: readonly Piece[], width: number): string {
		const cells: (StyledChar | undefined)[] = [];
		for (let x = 0; x < width; x++) cells.push(SPACE);
		for (const {x, line} of pieces) {
			let at = x;
			for (const character of this.caches.getStyledChars(line)) {
				cells[at] = character;
				const characterWidth = this.widthOf(character.value);
				// A wide character covers the cells after it, as in Ink.
				for (let index = 1; index < characterWidth; index++) cells[at + index] = {value: '', styles: character.styles};
				at += characterWidth;
			}
		}
		return this.rowText(cells).trimEnd();
	}

	private widthOf(character: string): number {
		let width = this.widths.get(character);
		if (width === undefined) {
			if (this.widths.size >= CHARACTER_WIDTHS_KEPT) this.widths.clear();
			width = Math.max(1, this.caches.getStringWidth(character));
			this.widths.set(character, width);
		}
		return width;
	}

	/**
	 * ansi-tokenize's styledCharsToString (what Ink's get() uses), skipping cells left empty by a wide character,
	 * without working out the difference between neighbours of the same style: it is empty, and most cells are.
	 */
	private rowText(cells: readonly (StyledChar | undefined)[]): string {
		let text = '';
		let previous: StyledChar | undefined;
		for (const cell of cells) {
			if (cell === undefined) continue;
			if (previous === undefined) text += this.ink.ansiCodesToString(cell.styles);
			else if (!sameStyles(previous.styles, cell.styles)) text += this.ink.ansiCodesToString(this.ink.diffAnsiCodes(previous.styles, cell.styles));
			text += cell.value;
			previous = cell;
		}
		if (previous && previous.styles.length > 0) text += this.ink.ansiCodesToString(this.ink.diffAnsiCodes(previous.styles, []));
		return text;
	}
}

export interface FrameCacheStatus {
	installed: boolean;
	/** Why not, when it was not installed. */
	reason?: string;
	/** Rows kept now (stays about two screens however long the wizard runs). */
	entries(): number;
}

let status: FrameCacheStatus | undefined;

/** Installs the row cache once per process; later calls return the first call's outcome. */
export async function installInkFrameCache(): Promise<FrameCacheStatus> {
	if (status) return status;
	status = await loadInk().then(
		(ink) => {
			if ('reason' in ink) return notInstalled(ink.reason);
			const rows = new FrameRows(ink.parts);
			const inkGet = ink.Output.prototype.get;
			ink.Output.prototype.get = function get(this: OutputInstance) {
				return rows.get(this) ?? inkGet.call(this);
			};
			return {installed: true, entries: () => rows.entries};
		},
		(error: unknown) => notInstalled(`Ink's Output could not be read: ${(error as Error).message}`),
	);
	return status;
}

function notInstalled(reason: string): FrameCacheStatus {
	return {installed: false, reason, entries: () => 0};
}

/** Ink's Output class and the functions its get() uses, from the installed Ink, checked for shape. */
export async function loadInk(): Promise<{Output: OutputClass; parts: InkParts} | {reason: string}> {
	// Resolve Ink the way the wizard's own `import 'ink'` does, then its Output module beside its entry: the same
	// file URL, so the same module instance Ink's renderer uses.
	const require = createRequire(import.meta.url);
	const entry = require.resolve('ink');
	const build = path.dirname(entry);
	const manifest = require(path.join(build, '..', 'package.json')) as {version?: string};
	if (manifest.version !== INK_VERSION) return {reason: `written for Ink ${INK_VERSION}, found ${manifest.version ?? 'an unknown version'}`};
	const Output = ((await import(pathToFileURL(path.join(build, 'output.js')).href)) as {default?: OutputClass}).default;
	const fromInk = createRequire(entry);
	// An import-only package: find its entry from its manifest, as Node would for Ink's own import.
	const tokenizeManifest = fromInk.resolve('@alcalzone/ansi-tokenize/package.json');
	const tokenizeEntry = (require(tokenizeManifest) as {exports?: {'.'?: {import?: string}}}).exports?.['.']?.import ?? './build/index.js';
	const tokenize = (await import(pathToFileURL(path.join(path.dirname(tokenizeManifest), tokenizeEntry)).href)) as Partial<Pick<InkParts, 'diffAnsiCodes' | 'ansiCodesToString'>>;
	if (typeof Output !== 'function' || typeof Output.prototype.get !== 'function') return {reason: 'Ink has no Output class with get()'};
	const {diffAnsiCodes, ansiCodesToString} = tokenize;
	if (typeof diffAnsiCodes !== 'function' || typeof ansiCodesToString !== 'function') return {reason: "Ink's ansi-tokenize has no diffAnsiCodes or ansiCodesToString"};
	const probe = new Output({width: 1, height: 1});
	const caches = probe.caches;
	if (!Array.isArray(probe.operations) || typeof caches?.getStyledChars !== 'function' || typeof caches.getStringWidth !== 'function') {
		return {reason: "Ink's Output is not of the expected shape"};
	}
	const Caches = caches.constructor as new () => Caches;
	return {Output, parts: {caches: () => new Caches(), diffAnsiCodes, ansiCodesToString}};
}
