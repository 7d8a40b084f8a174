// The built CLI's conventions, as a script or a person meets them: help for every command, errors as JSON with
// --json, the nearest command or flag suggested, and colour only when NO_COLOR / FORCE_COLOR / the terminal allow.
import {spawn as spawnPty} from '@lydell/node-pty';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CLI} from '../helpers/tmux.js';

const SOURCE = path.join(path.dirname(new URL(import.meta.url).pathname), '../../source');

const ESC = '\u001B[';
const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, {recursive: true, force: true});
});

function tempDir(): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'ise-cli-'));
	dirs.push(dir);
	return dir;
}

/** The CLI as a child process without a terminal; `env` entries set to undefined are removed. */
function run(args: string[], env: Record<string, string | undefined> = {}, cwd = tempDir()) {
	const childEnv: NodeJS.ProcessEnv = {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config')};
	// The test runner sets FORCE_COLOR=0 for everything; these tests choose colour themselves.
	delete childEnv['FORCE_COLOR'];
	delete childEnv['NO_COLOR'];
	for (const [k, v] of Object.entries(env)) {
		if (v === undefined) delete childEnv[k];
		else childEnv[k] = v;
	}
	const r = spawnSync(process.execPath, [CLI, ...args], {cwd, encoding: 'utf8', input: '', env: childEnv});
	return {status: r.status, stdout: r.stdout, stderr: r.stderr, cwd};
}

const COMMAND_FLAGS: Record<string, string[]> = {
	generate: ['--demo', '--from PATH', '--session ID', '--out, -o DIR', '--decisions FILE', '--allow-unresolved', '--json'],
	snapshot: ['--subscription S', '--ise NAME', '--out, -o FILE', '--auth METHOD', '--cloud CLOUD', '--tenant ID', '--concurrency N', '--allow-partial', '--json'],
	sessions: ['--json'],
	'sessions rm': ['--json'],
};

describe('help', () => {
	it.each(Object.entries(COMMAND_FLAGS).map(([command, flags]) => ({command, flags})))('$command --help and help $command: usage, every flag, examples, exit codes', ({command, flags}) => {
		const words = command.split(' ');
		const viaFlag = run([...words, '--help']);
		const viaHelp = run(['help', ...words]);
		expect(viaFlag.status).toBe(0);
		expect(viaHelp.status).toBe(0);
		expect(viaFlag.stdout).toBe(viaHelp.stdout);
		expect(viaFlag.stderr).toBe('');
		const text = viaFlag.stdout;
		expect(text).toContain(`ise-migrate ${command}:`);
		for (const section of ['Usage', 'Flags', 'Examples', 'Exit codes']) expect(text).toMatch(new RegExp(`^${section}$`, 'm'));
		for (const flag of flags) expect(text).toContain(flag);
		expect(text).toMatch(/^ {2}0 {2,}\S/m);
		expect(text).toMatch(/^ {2}2 {2,}\S/m);
	});

	it('generate --help is help, not a complaint about a missing --out', () => {
		const r = run(['generate', '--help']);
		expect(r.stdout).not.toMatch(/needs --out/);
		expect(r.stdout).toMatch(/^ {2}3 {2,}blockers are undecided/m);
	});

	it('--help lists every command and the exit codes; the wizard without a terminal points at help', () => {
		const r = run(['--help']);
		expect(r.status).toBe(0);
		for (const c of ['generate', 'snapshot', 'sessions', 'sessions rm', 'help']) expect(r.stdout).toMatch(new RegExp(`^ {2}${c} {2,}\\S`, 'm'));
		// Every variable the tool reads is in the help: found in the source, not listed by hand here.
		const read = new Set<string>();
		for (const file of readdirSync(SOURCE, {recursive: true, encoding: 'utf8'}).filter((f) => /\.tsx?$/.test(f))) {
			for (const m of readFileSync(path.join(SOURCE, file), 'utf8').matchAll(/\b(ISE_MIGRATE_[A-Z_]*[A-Z]|SOURCE_DATE_EPOCH|NO_COLOR|NODE_EXTRA_CA_CERTS)\b/g)) read.add(m[1]!);
		}
		expect(read.size).toBeGreaterThan(8);
		for (const name of read) expect(r.stdout).toMatch(new RegExp(`^ {2}${name} {2,}\\S`, 'm'));
		const wizard = run([]);
		expect(wizard.status).toBe(2);
		expect(wizard.stderr).toMatch(/ise-migrate help/);
	});

	it('help for a command that does not exist is bad usage with a suggestion', () => {
		const r = run(['help', 'generat']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/did you mean `ise-migrate help generate`/);
	});
});

describe('mistakes suggest the nearest command or flag', () => {
	it('a mistyped command', () => {
		const r = run(['genrate', '--demo']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/unknown command 'genrate': did you mean `ise-migrate generate`\?/);
	});

	it('a mistyped flag, a shortened flag, and a flag of another command', () => {
		const typo = run(['generate', '--demo', '--ot', 'x']);
		expect(typo.status).toBe(2);
		expect(typo.stderr).toMatch(/unknown flag --ot for generate: did you mean --out\?/);
		expect(run(['generate', '--allow']).stderr).toMatch(/did you mean --allow-unresolved\?/);
		const elsewhere = run(['generate', '--demo', '--out', 'o', '--subscription', 'x']);
		expect(elsewhere.status).toBe(2);
		expect(elsewhere.stderr).toMatch(/--subscription is a flag of snapshot, not of generate/);
		expect(existsSync(path.join(elsewhere.cwd, 'o'))).toBe(false);
		// A mistyped wizard flag leaves its value behind: it is the flag that is named, not a command 'x.json'.
		const wizardTypo = run(['--frm', 'x.json']);
		expect(wizardTypo.status).toBe(2);
		expect(wizardTypo.stderr).toMatch(/unknown flag --frm: did you mean --from\?/);
	});

	it('a flag without its value, and a value the flag does not take', () => {
		expect(run(['generate', '--demo', '--out']).stderr).toMatch(/--out needs a value: --out DIR/);
		expect(run(['generate', '--demo', '--out', '--json']).status).toBe(2);
		expect(run(['generate', '--demo=yes', '--out', 'o']).stderr).toMatch(/--demo takes no value/);
	});
});

describe('--json errors', () => {
	const parse = (stdout: string) => JSON.parse(stdout) as {ok: boolean; error: {code: string; message: string; exitCode: number; [k: string]: unknown}};

	it('bad usage: JSON on stdout, nothing on stderr, exit 2', () => {
		for (const args of [['generate', '--demo', '--json'], ['generate', '--jsn', '--json'], ['frobnicate', '--json']]) {
			const r = run(args);
			expect(r.status, args.join(' ')).toBe(2);
			expect(r.stderr).toBe('');
			const out = parse(r.stdout);
			expect(out.ok).toBe(false);
			expect(out.error).toMatchObject({code: 'usage', exitCode: 2});
			expect(out.error.message.length).toBeGreaterThan(10);
		}
		expect(parse(run(['generate', '--jsn', '--json']).stdout).error.suggestion).toBe('--json');
	});

	it('a source that cannot be read: exit 1 with the reason', () => {
		const r = run(['generate', '--from', '/nowhere/estate', '--out', 'o', '--json']);
		expect(r.status).toBe(1);
		expect(r.stderr).toBe('');
		expect(parse(r.stdout).error).toMatchObject({code: 'source', exitCode: 1, message: expect.stringMatching(/Nothing at \/nowhere\/estate/)});
	});

	it('undecided blockers: exit 3, the blockers with their options, nothing written', () => {
		const cwd = tempDir();
		writeFileSync(path.join(cwd, 'd.json'), '{}');
		const r = run(['generate', '--demo', '--out', 'o', '--decisions', 'd.json', '--json'], {}, cwd);
		expect(r.status).toBe(3);
		expect(r.stderr).toBe('');
		const {error} = parse(r.stdout);
		expect(error).toMatchObject({code: 'undecided-blockers', exitCode: 3});
		const unresolved = error['unresolved'] as {id: string; options: string[]}[];
		expect(unresolved.length).toBeGreaterThan(0);
		for (const u of unresolved) expect(u.options.length).toBeGreaterThan(0);
		expect(existsSync(path.join(cwd, 'o'))).toBe(false);
		// The open blockers as the wizard's header counts them (a group once), each decidable by its id: deciding
		// exactly these with their recommended options is enough to write.
		const open = error['open'] as {id: string; options: string[]; recommended: string}[];
		expect(open.length).toBeGreaterThan(0);
		expect(open.length).toBeLessThanOrEqual(unresolved.length);
		writeFileSync(path.join(cwd, 'd.json'), JSON.stringify(Object.fromEntries(open.map((b) => [b.id, b.recommended]))));
		const decided = run(['generate', '--demo', '--out', 'o', '--decisions', 'd.json', '--location', 'westeurope', '--json'], {}, cwd);
		expect(decided.status).toBe(0);
		expect(parse(decided.stdout).unresolved).toEqual([]);
	});

	it('sessions rm of a session that does not exist', () => {
		const r = run(['sessions', 'rm', 'nope', '--json']);
		expect(r.status).toBe(2);
		expect(parse(r.stdout).error).toMatchObject({code: 'usage', message: expect.stringMatching(/no saved session matches 'nope'/)});
	});
});

describe('colour', () => {
	const hasColour = (text: string) => text.includes(ESC);
	// SGR colour codes (foreground 30–37/90–97 or 38;…); cursor movement and bold are not colour.
	const COLOUR_SGR = /\u001B\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m/;

	/** The CLI in a terminal, as the terminal receives it (escapes and all), until it exits or shows `until`. */
	async function inTerminal(args: string[], env: Record<string, string> = {}, until?: RegExp): Promise<string> {
		const cwd = tempDir();
		const childEnv: Record<string, string> = {TERM: 'xterm-256color', HOME: cwd, PATH: process.env['PATH'] ?? '', ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config'), ...env};
		const pty = spawnPty(process.execPath, [CLI, ...args], {name: 'xterm-256color', cols: 110, rows: 40, cwd, env: childEnv});
		let out = '';
		let exited = false;
		pty.onData((d) => (out += d));
		pty.onExit(() => (exited = true));
		const deadline = Date.now() + 20_000;
		const done = () => exited || (until !== undefined && until.test(out.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '')));
		while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		if (!exited) pty.kill();
		return out;
	}

	it('without a terminal: none, unless FORCE_COLOR asks (FORCE_COLOR wins over NO_COLOR, as in Node)', () => {
		expect(hasColour(run(['--help']).stdout)).toBe(false);
		expect(hasColour(run(['--help'], {FORCE_COLOR: '1'}).stdout)).toBe(true);
		expect(hasColour(run(['--help'], {FORCE_COLOR: '0'}).stdout)).toBe(false);
		expect(hasColour(run(['--help'], {FORCE_COLOR: '1', NO_COLOR: '1'}).stdout)).toBe(true);
		expect(run(['frobnicate'], {FORCE_COLOR: '1'}).stderr).toContain(`${ESC}31mise-migrate:`);
		const json = run(['frobnicate', '--json'], {FORCE_COLOR: '1'});
		expect(hasColour(json.stdout)).toBe(false);
		expect(() => JSON.parse(json.stdout)).not.toThrow();
	});

	it('in a terminal: help and errors coloured by default; none with NO_COLOR or --no-color', async () => {
		expect(await inTerminal(['help', 'generate'])).toContain(`${ESC}1m`);
		expect(await inTerminal(['frobnicate'])).toContain(`${ESC}31mise-migrate:`);
		for (const [args, env] of [[['help', 'generate'], {NO_COLOR: '1'}], [['frobnicate'], {NO_COLOR: '1'}], [['help', 'generate', '--no-color'], {}]] as const) {
			const out = await inTerminal([...args], env);
			expect(out, args.join(' ')).toMatch(/ise-migrate/);
			expect(out.replace(/\u001B\[\?[0-9;]*[hl]/g, ''), args.join(' ')).not.toContain(ESC);
		}
	});

	it('the wizard in a terminal: coloured by default, none with NO_COLOR', async () => {
		const plain = await inTerminal(['--demo'], {NO_COLOR: '1'}, /step 2 of 9/);
		expect(plain).toMatch(/step 2 of 9/);
		expect(plain).not.toMatch(COLOUR_SGR);
		expect(await inTerminal(['--demo'], {}, /step 2 of 9/)).toMatch(COLOUR_SGR);
	});
});
