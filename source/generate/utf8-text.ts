// Documents streamed as UTF-8 a chunk at a time (see model/fileset.ts for why): lines are encoded every CHUNK
// characters and handed to the file being written, and a JSON value is written member by member, so nothing of
// the document is kept. Both give exactly the bytes the string they replace gave — `lines.join('\n').trimEnd() +
// '\n'` and `JSON.stringify(value, null, 2) + '\n'`.
import type {StreamedContent} from '../model/index.js';

/** Where a document's lines go: a Utf8Lines, or a plain array in a test. */
export interface LineSink {
	push(...lines: string[]): unknown;
}

const CHUNK = 1 << 16;

export class Utf8Lines implements LineSink {
	private pending: string[] = [];
	private pendingChars = 0;

	/**
	 * sink: where encoded chunks go as they are made (the file being written).
	 * collapseBlankRuns: two or more blank lines in a row become one (`replace(/\n{3,}/g, '\n\n')`).
	 * chunkChars: how much text waits before it is encoded (tests make it tiny, so every boundary is crossed).
	 */
	constructor(
		private readonly sink: (chunk: Uint8Array) => void,
		private readonly options: {collapseBlankRuns?: boolean; chunkChars?: number} = {},
	) {}

	push(...lines: string[]): void {
		for (const line of lines) {
			this.pending.push(line);
			this.pendingChars += line.length + 1;
		}
		if (this.pendingChars > (this.options.chunkChars ?? CHUNK)) this.flush();
	}

	/**
	 * Encodes the pending lines up to the last one that has text and does not start with a line break. That line
	 * stays pending, so neither the trailing trim nor a run of blank lines ever spans a chunk boundary.
	 */
	private flush(): void {
		let keep = this.pending.length - 1;
		while (keep > 0 && !(/\S/.test(this.pending[keep]!) && !this.pending[keep]!.startsWith('\n'))) keep--;
		if (keep <= 0) return;
		this.sink(Buffer.from(this.shape(`${this.pending.slice(0, keep).join('\n')}\n`), 'utf8'));
		this.pending = this.pending.slice(keep);
		this.pendingChars = this.pending.reduce((n, l) => n + l.length + 1, 0);
	}

	private shape(text: string): string {
		return this.options.collapseBlankRuns ? text.replace(/\n{3,}/g, '\n\n') : text;
	}

	/** Ends the document: the last lines, trailing white space trimmed, one final line break. */
	end(): void {
		this.sink(Buffer.from(`${this.shape(this.pending.join('\n')).trimEnd()}\n`, 'utf8'));
		this.pending = [];
	}
}

/** A document whose lines `build` pushes, streamed: generated again, a chunk at a time, each time it is written. */
export function streamedLines(build: (lines: LineSink) => void, options: {collapseBlankRuns?: boolean} = {}): StreamedContent {
	return {
		kind: 'streamed',
		write(sink) {
			const lines = new Utf8Lines(sink, options);
			build(lines);
			lines.end();
		},
	};
}

/** `JSON.stringify(value(), null, 2) + '\n'`, streamed: the value is made only when the file is written, and dropped after. */
export function streamedJson(value: () => unknown): StreamedContent {
	return {
		kind: 'streamed',
		write(sink) {
			const out = new Utf8Lines(sink);
			writeJson(value(), out);
			out.end();
		},
	};
}

/**
 * A list whose items are made one at a time as streamedJson writes them, so thousands of large items (the report's
 * findings with their prose) are never held at once. JSON.stringify sees the plain array (toJSON).
 */
export class MadeOnWrite<T, U = unknown> {
	constructor(
		private readonly items: readonly T[],
		private readonly make: (item: T) => U,
	) {}

	get length(): number {
		return this.items.length;
	}

	*[Symbol.iterator](): Iterator<U> {
		for (const item of this.items) yield this.make(item);
	}

	toJSON(): U[] {
		return this.items.map((item) => this.make(item));
	}
}

/** JSON.stringify's rules for what a member may hold: undefined, functions and symbols are left out (null in arrays). */
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The lines of `JSON.stringify(value, null, 2)` into `out`, member by member: the top object and its arrays are
 * walked, anything deeper is stringified whole, so no string ever holds the whole document.
 */
function writeJson(value: unknown, out: LineSink, depth = 2): void {
	let line = '';
	// Lines are only complete at a member's end; `line` collects the current one.
	const emit = (text: string) => {
		const parts = text.split('\n');
		parts[0] = line + parts[0];
		line = parts.pop()!;
		if (parts.length > 0) out.push(...parts);
	};
	const walk = (v: unknown, indent: string, level: number) => {
		const list = v instanceof MadeOnWrite && level < depth;
		const plain = list || (v !== null && typeof v === 'object' && typeof (v as {toJSON?: unknown}).toJSON !== 'function');
		if (!plain || level >= depth) {
			emit(JSON.stringify(v, null, 2).replaceAll('\n', `\n${indent}`));
			return;
		}
		const inner = `${indent}  `;
		if (Array.isArray(v) || list) {
			const items = v as Iterable<unknown> & {length: number};
			if (items.length === 0) return emit('[]');
			emit('[\n');
			let i = 0;
			for (const item of items) {
				emit(inner);
				if (skipped(item)) emit('null');
				else walk(item, inner, level + 1);
				emit(++i < items.length ? ',\n' : '\n');
			}
			return emit(`${indent}]`);
		}
		const members = Object.entries(v as Record<string, unknown>).filter(([, m]) => !skipped(m));
		if (members.length === 0) return emit('{}');
		emit('{\n');
		members.forEach(([key, member], i) => {
			emit(`${inner}${JSON.stringify(key)}: `);
			walk(member, inner, level + 1);
			emit(i < members.length - 1 ? ',\n' : '\n');
		});
		emit(`${indent}}`);
	};
	walk(value, '', 0);
	out.push(line);
}
