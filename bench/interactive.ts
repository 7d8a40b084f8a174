// The built wizard in a pseudo-terminal: the first frame after start (against the smallest Ink app), and at a
// large estate the time from a key to the frame that answers it, and from choosing an option to the frame that
// says it was saved.
import {rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {CLI, median, percentile, runNode, tempDir} from './measure.js';
import {Pty} from './pty.js';

const MINIMAL_INK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'minimal-ink.js');
const KEY_FLOOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'key-floor.js');
const DOWN = '\u001B[B';
const UP = '\u001B[A';
/** The i-th key of a run: 30 down, 30 up, and so on, so a run of any length stays inside the list. */
const moveKey = (i: number) => (Math.floor(i / 30) % 2 === 0 ? DOWN : UP);
const ENTER = '\r';
const TAB = '\t';

/**
 * The environment of a person at a terminal: no CI (Ink would draw only on exit), a private store. React's
 * production build for every program, as the wizard sets for itself, so the floor apps are not slowed by React's
 * development checks.
 */
function terminalEnv(configDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env, ISE_MIGRATE_CONFIG_DIR: configDir, TERM: 'xterm-256color', NODE_ENV: 'production'};
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	return env;
}

/** Time from spawn to the first output that shows `text`. */
async function firstFrame(args: string[], text: string | RegExp, cwd: string): Promise<number> {
	const pty = new Pty(args, {cwd, env: terminalEnv(path.join(cwd, 'config'))});
	try {
		const {at} = await pty.waitFor(text);
		return at - pty.started;
	} finally {
		pty.kill();
		await pty.exit();
	}
}

export interface StartupResult {
	version: {ms: number; floorMs: number};
	firstFrame: {ms: number; floorMs: number; sampleScreenMs: number};
}

export async function measureStartup(rounds: number): Promise<StartupResult> {
	const dir = tempDir('startup');
	try {
		const version: number[] = [];
		const bare: number[] = [];
		const frame: number[] = [];
		const sample: number[] = [];
		const ink: number[] = [];
		// Interleaved, so a busy moment of the machine hits both sides of each ratio alike.
		for (let i = 0; i < rounds; i++) {
			bare.push((await runNode(['-e', '0'], {cwd: dir})).ms);
			version.push((await runNode([CLI, '--version'], {cwd: dir})).ms);
			ink.push(await firstFrame([MINIMAL_INK], 'one line', dir));
			frame.push(await firstFrame([CLI, '--demo'], /step \d+ of \d+/, dir));
			sample.push(await firstFrame([CLI, '--demo'], /step 2 of \d+: ISE/, dir));
			rmSync(path.join(dir, 'config'), {recursive: true, force: true});
		}
		return {
			version: {ms: median(version), floorMs: median(bare)},
			firstFrame: {ms: median(frame), floorMs: median(ink), sampleScreenMs: median(sample)},
		};
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

export interface WizardResult {
	workflows: number;
	/** From the key to the last chunk of the frame that answers it (output quiet for 40 ms after). */
	keystroke: {p50: number; p95: number; samples: number};
	/** The same keys in a full-screen Ink app of the same size (bench/key-floor.tsx), in the same harness. */
	keyFloor: {p50: number; p95: number; samples: number};
	/** From Enter on an option to the frame that says "Saved". */
	decision: {p50: number; max: number; samples: number; saved: number};
	openMs: number;
}

/** Press a key and time the frame it causes: from the write to the last chunk before 40 ms of quiet. */
async function keyToFrame(pty: Pty, key: string, until?: string | RegExp): Promise<number> {
	await pty.settle(60);
	const from = pty.chunks.length;
	const sent = pty.write(key);
	if (until) await pty.waitFor(until, from);
	else await pty.waitFor(/[\s\S]/, from);
	await pty.settle(40);
	return pty.chunks.at(-1)!.at - sent;
}

/** Key to frame in the floor app: the same terminal size, keys and timing as the wizard's. */
async function measureKeyFloor(keys: number): Promise<WizardResult['keyFloor']> {
	const dir = tempDir('key-floor');
	const pty = new Pty([KEY_FLOOR], {cwd: dir, env: terminalEnv(path.join(dir, 'config')), cols: 120, rows: 40});
	try {
		await pty.waitFor('row 0', 0, 30_000);
		const times: number[] = [];
		for (let i = 0; i < keys; i++) times.push(await keyToFrame(pty, moveKey(i)));
		return {p50: median(times), p95: percentile(times, 95), samples: times.length};
	} finally {
		pty.kill();
		await pty.exit();
		rmSync(dir, {recursive: true, force: true});
	}
}

export async function measureWizard(snapshotFile: string, workflows: number, keys: number, decisions: number): Promise<WizardResult> {
	const dir = tempDir('wizard');
	const configDir = path.join(dir, 'config');
	const pty = new Pty([CLI, '--from', snapshotFile], {cwd: dir, env: terminalEnv(configDir), cols: 120, rows: 40});
	try {
		const opened = await pty.waitFor(/step 2 of \d+: ISE/, 0, 180_000);
		const openMs = opened.at - pty.started;
		// ISE → Sizing → Network → Key → Connectors → Resolve, with Tab; a step with open blockers asks first.
		for (const step of [3, 4, 5, 6, 7]) {
			await pty.settle(100);
			const from = pty.chunks.length;
			pty.write(TAB);
			const arrived = new RegExp(`step ${step} of \\d+`);
			await pty.waitFor(new RegExp(`${arrived.source}|Go on anyway`), from, 120_000);
			if (!arrived.test(pty.textSince(from))) {
				const again = pty.chunks.length;
				pty.write('y');
				await pty.waitFor(arrived, again, 120_000);
			}
		}
		const times: number[] = [];
		for (let i = 0; i < keys; i++) times.push(await keyToFrame(pty, moveKey(i)));
		const saves: number[] = [];
		for (let i = 0; i < decisions; i++) {
			// `n` goes to the next open finding; its option list is open when the footer offers to choose.
			await keyToFrame(pty, 'n');
			await keyToFrame(pty, ENTER, /Enter choose/);
			saves.push(await keyToFrame(pty, ENTER, 'Saved:'));
		}
		await pty.settle(100);
		pty.write('q');
		await pty.exit();
		const listed = await runNode([CLI, 'sessions', '--json'], {env: {ISE_MIGRATE_CONFIG_DIR: configDir}});
		const saved = (JSON.parse(listed.stdout) as {decisions: number}[])[0]?.decisions ?? 0;
		return {
			workflows,
			keystroke: {p50: median(times), p95: percentile(times, 95), samples: times.length},
			keyFloor: await measureKeyFloor(keys),
			decision: {p50: median(saves), max: Math.max(...saves), samples: saves.length, saved},
			openMs,
		};
	} finally {
		pty.kill();
		await pty.exit();
		rmSync(dir, {recursive: true, force: true});
	}
}

