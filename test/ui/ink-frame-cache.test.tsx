// The row cache must draw exactly what Ink draws: it is compared with Ink's own Output.get on the same frames
// (wide characters, emoji, colours, transformers, vertical clips, rows off screen), frame after frame so that
// reused rows are checked too, and through Ink's render of a real component before and after it is installed.
import {Box, render, Text} from 'ink';
import {readFileSync} from 'node:fs';
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {FrameRows, INK_VERSION, installInkFrameCache, loadInk} from '../../source/ui/ink-frame-cache.js';

async function ink() {
	const loaded = await loadInk();
	if ('reason' in loaded) throw new Error(loaded.reason);
	return loaded;
}

/** A small deterministic generator, so a failure names a frame that can be replayed. */
function random(seed: number) {
	let s = seed;
	return (n: number) => {
		s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
		return s % n;
	};
}

const RED = (t: string) => `\u001B[31m${t}\u001B[39m`;
const BOLD = (t: string) => `\u001B[1m${t}\u001B[22m`;
const TEXTS = [
	'plain ascii text',
	'café · résumé → ok',
	'漢字 and wide 全角',
	'emoji 👍 here ✓',
	`${RED('red')} then ${BOLD('bold ▸ mark')}`,
	'two\nlines',
	`three\n${RED('lines ⊘')}\nhere`,
	'e\u0301 combining',
	'',
	'x'.repeat(90),
];
const TRANSFORMERS = [(line: string) => line.toUpperCase(), (line: string, index: number) => (index % 2 ? RED(line) : line)];

function randomFrame(Output: Awaited<ReturnType<typeof ink>>['Output'], next: (n: number) => number) {
	const output = new Output({width: 20 + next(60), height: 3 + next(12)});
	let clips = 0;
	for (let i = 0, n = 1 + next(14); i < n; i++) {
		const what = next(10);
		if (what === 0) {
			output.operations.push({type: 'clip', clip: {y1: next(5), y2: 2 + next(10)}});
			clips++;
		} else if (what === 1 && clips > 0) {
			output.operations.push({type: 'unclip'});
			clips--;
		} else {
			const transformers = next(3) === 0 ? [TRANSFORMERS[next(2)]!] : [];
			output.operations.push({type: 'write', x: next(30), y: next(18) - 2, text: TEXTS[next(TEXTS.length)]!, transformers});
		}
	}
	return output;
}

describe('the Ink row cache', () => {
	it('is written for the Ink this project pins (upgrading Ink means checking it again)', () => {
		const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {dependencies: Record<string, string>};
		expect(manifest.dependencies['ink']).toBe(INK_VERSION);
	});

	it('draws every frame exactly as Ink does, rows reused across frames included', async () => {
		const {Output, parts} = await ink();
		const inkGet = Output.prototype.get;
		const rows = new FrameRows(parts);
		const next = random(7);
		let compared = 0;
		for (let frame = 0; frame < 400; frame++) {
			const output = randomFrame(Output, next);
			const ours = rows.get(output);
			expect(ours, `frame ${frame}`).toEqual(inkGet.call(output));
			// The same frame again comes from reused rows and must not differ.
			expect(rows.get(output), `frame ${frame} again`).toEqual(ours);
			compared++;
		}
		expect(compared).toBe(400);
	});

	it('never takes two pieces of a row for one piece that looks the same, whatever characters it holds', async () => {
		const {Output, parts} = await ink();
		const inkGet = Output.prototype.get;
		const rows = new FrameRows(parts);
		const two = new Output({width: 20, height: 1});
		two.operations.push({type: 'write', x: 0, y: 0, text: 'a', transformers: []}, {type: 'write', x: 1, y: 0, text: 'b', transformers: []});
		// Texts that spell out the pieces of `two` the way a key without lengths would.
		for (const text of ['a\u00001\u0000b', 'a|1|b', 'a|1|1|b']) {
			expect(rows.get(two)).toEqual(inkGet.call(two));
			const one = new Output({width: 20, height: 1});
			one.operations.push({type: 'write', x: 0, y: 0, text, transformers: []});
			expect(rows.get(one), JSON.stringify(text)).toEqual(inkGet.call(one));
		}
	});

	it('leaves frames that clip horizontally to Ink', async () => {
		const {Output, parts} = await ink();
		const output = new Output({width: 10, height: 2});
		output.operations.push({type: 'clip', clip: {x1: 0, x2: 5}}, {type: 'write', x: 0, y: 0, text: 'clipped text', transformers: []}, {type: 'unclip'});
		expect(new FrameRows(parts).get(output)).toBeUndefined();
	});

	it('keeps about two screens of rows however many frames are drawn', async () => {
		const {Output, parts} = await ink();
		const rows = new FrameRows(parts);
		for (let frame = 0; frame < 300; frame++) {
			const output = new Output({width: 30, height: 10});
			for (let y = 0; y < 10; y++) output.operations.push({type: 'write', x: 0, y, text: `frame ${frame} row ${y}`, transformers: []});
			rows.get(output);
		}
		expect(rows.entries).toBeGreaterThan(0);
		expect(rows.entries).toBeLessThanOrEqual(20);
	});

	it('once installed, Ink renders a component exactly as before', async () => {
		function List({at}: {at: number}) {
			return (
				<Box flexDirection="column" height={8} overflowY="hidden">
					{Array.from({length: 12}, (_, i) => (
						<Text key={i} color={i === at ? 'cyan' : undefined} bold={i === at}>
							{`${i === at ? '❯' : ' '} row ${i} · 漢字 ${'·'.repeat(i)}`}
						</Text>
					))}
				</Box>
			);
		}
		const frames = (): string[] => {
			const stdout = Object.assign(new PassThrough(), {columns: 60, rows: 20, isTTY: false});
			let last = '';
			stdout.on('data', (chunk: Buffer) => (last = chunk.toString()));
			const seen: string[] = [];
			const app = render(<List at={0} />, {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false});
			seen.push(last);
			for (let at = 1; at < 12; at++) {
				app.rerender(<List at={at} />);
				seen.push(last);
			}
			app.unmount();
			return seen;
		};
		const before = frames();
		const status = await installInkFrameCache();
		expect(status.installed, status.reason).toBe(true);
		const after = frames();
		expect(status.entries()).toBeGreaterThan(0);
		expect(after).toEqual(before);
		// Eight rows show, so the highlight moving through rows 8–11 leaves the same frame: 9 different ones.
		expect(new Set(after).size).toBe(9);
	});
});
