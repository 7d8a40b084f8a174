// The documents that grow with the estate are streamed as UTF-8 chunks (generate/utf8-text.ts). Whatever the lines,
// the bytes must be exactly what the one big string they replace gave — a chunk boundary must never show.
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {MadeOnWrite, Utf8Lines, streamedJson} from '../../source/generate/utf8-text.js';
import {fileText} from '../../source/model/index.js';

const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));
const json = (value: unknown) => fileText(streamedJson(() => value));

// Lines long enough to cross the 64 KB chunk size many times, with blank runs, white space, line breaks inside a
// line and characters past Latin-1 where chunks are cut.
const line = fc.oneof(
	fc.constantFrom('', ' ', '\n', '\n\n', 'a\n', '\nb', '→ café —', '  \t'),
	fc.string({unit: 'grapheme', maxLength: 40}),
	fc.integer({min: 1, max: 9000}).map((n) => 'x→'.repeat(n)),
);

describe('Utf8Lines', () => {
	test('gives the bytes of lines.join, trimmed at the end, with or without blank runs collapsed', () => {
		fc.assert(
			fc.property(fc.array(line, {maxLength: 120}), fc.boolean(), fc.constantFrom(1, 8, 64, undefined), (lines, collapseBlankRuns, chunkChars) => {
				const chunks: Uint8Array[] = [];
				const sink = new Utf8Lines((chunk) => chunks.push(chunk), {collapseBlankRuns, ...(chunkChars ? {chunkChars} : {})});
				// Pushed one by one and in bursts, as the documents do.
				for (let i = 0; i < lines.length; i += 3) sink.push(...lines.slice(i, i + 3));
				const joined = lines.join('\n');
				const expected = `${(collapseBlankRuns ? joined.replace(/\n{3,}/g, '\n\n') : joined).trimEnd()}\n`;
				sink.end();
				expect(decode(chunks)).toBe(expected);
			}),
			{numRuns: 400},
		);
	});
});

describe('streamedJson', () => {
	test('gives the bytes of JSON.stringify(value, null, 2), for any value', () => {
		fc.assert(
			fc.property(fc.anything({withObjectString: false, withBoxedValues: false, withNullPrototype: true, withDate: true, withMap: true}), (value) => {
				const text = JSON.stringify(value, null, 2);
				if (text === undefined) return;
				expect(json(value)).toBe(`${text}\n`);
			}),
			{numRuns: 500},
		);
	});

	test('a report-sized value: arrays of thousands of members with text past Latin-1', () => {
		const value = {
			generatedBy: 'ise-migrate',
			skipped: undefined,
			findings: Array.from({length: 3000}, (_, i) => ({id: `f:${i}`, title: `Step ${i} → built-in — café`, workflows: [`w-${i}`], fn: () => 1, nested: {deep: [1, {x: undefined}]}})),
			empty: [],
			none: {},
			holes: [undefined, () => 0, Symbol('s'), null],
		};
		expect(json(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
	});

	test('a list made on write gives the same bytes as the array it stands for, and makes nothing until written', () => {
		const made: number[] = [];
		const make = (i: number) => {
			made.push(i);
			return {id: `f:${i}`, title: `Step ${i} → built-in`, gone: undefined, options: [{id: 'keep', fn: () => 1}]};
		};
		const ids = Array.from({length: 2000}, (_, i) => i);
		const value = {findings: new MadeOnWrite(ids, make), none: new MadeOnWrite([], make), deeper: {list: new MadeOnWrite([1, 2], make)}};
		const content = streamedJson(() => value);
		expect(made).toEqual([]);
		expect(fileText(content)).toBe(`${JSON.stringify({findings: ids.map(make), none: [], deeper: {list: [1, 2].map(make)}}, null, 2)}\n`);
		expect(new Set(made).size).toBe(ids.length);
		// One at a time: the first items are on their way to the file before the last is made.
		let chunks = 0;
		let chunksBeforeLast = -1;
		const last = new MadeOnWrite(ids, (i: number) => {
			if (i === ids.length - 1) chunksBeforeLast = chunks;
			return make(i);
		});
		streamedJson(() => ({findings: last})).write(() => chunks++);
		expect(chunksBeforeLast).toBeGreaterThan(0);
	});
});
