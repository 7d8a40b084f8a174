// The built CLI in a real terminal (tmux), as an admin would use it.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readdir, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CHECK_PROJECT, itCorpus} from '../helpers/corpus.js';
import {CLI, hasTmux, Terminal} from '../helpers/tmux.js';

import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {serializeSnapshot} from '../../source/sources/snapshot.js';

/** The project the walk below wrote, for the corpus check after it. */
let walked: string | undefined;
let term: Terminal | undefined;
afterEach(() => term?.stop());

async function fresh() {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-e2e-'));
	const env = {ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config'), HOME: cwd, TERM: 'xterm-256color', FORCE_COLOR: '0'};
	return {cwd, env};
}

function decisionsOf(env: Record<string, string>, cwd: string) {
	const out = execFileSync(process.execPath, [CLI, 'sessions', '--json'], {cwd, env: {...process.env, ...env}, encoding: 'utf8'});
	return JSON.parse(out) as {id: string; decisions: number; step: string}[];
}

/** Tab to each next step, answering yes when a step with open blockers asks. */
async function nextSteps(t: Terminal, steps: string[]) {
	for (const next of steps) {
		t.key('Tab');
		const screen = await t.waitFor((s) => s.includes(next) || s.includes('(y/n)'));
		if (!screen.includes(next)) {
			t.key('y');
			await t.waitFor(next);
		}
	}
}

/** The wizard on the sample, on step 7 (Resolve), every earlier step passed with Tab. */
async function demoAtResolve(cwd: string, env: Record<string, string>): Promise<Terminal> {
	const t = new Terminal(cwd, env);
	t.start(['--demo']);
	await t.waitFor('contoso-ise');
	t.key('Enter');
	await t.waitFor('Sizing');
	await nextSteps(t, ['step 4 of 9', 'step 5 of 9', 'step 6 of 9', 'step 7 of 9: Resolve']);
	return t;
}

describe.skipIf(!hasTmux())('the wizard in a real terminal', () => {
	it('walks --demo through to a generated project on disk', async () => {
		const {cwd, env} = await fresh();
		term = new Terminal(cwd, env);
		term.start(['--demo']);
		await term.waitFor('step 2 of 9');
		await term.waitFor('contoso-ise');
		term.key('Enter');
		await term.waitFor('step 3 of 9: Sizing');
		await nextSteps(term, ['step 4 of 9: Network', 'step 5 of 9: Encryption key', 'step 6 of 9: Connectors', 'step 7 of 9: Resolve', 'step 8 of 9: Generate']);
		await term.waitFor('./contoso-ise-standard');
		term.key('Enter');
		await term.waitFor(/Will write \d+ files/);
		term.key('Enter');
		await term.waitFor('Project written to');
		term.key('q');
		await term.waitFor('[exit 0]');
		const out = path.join(cwd, 'contoso-ise-standard');
		expect(existsSync(path.join(out, 'host.json'))).toBe(true);
		expect(existsSync(path.join(out, 'migration/report.md'))).toBe(true);
		walked = out;
	});

	itCorpus('the project the walk wrote passes check-project', () => {
		expect(walked, 'the test above writes it').toBeDefined();
		const check = JSON.parse(execFileSync(process.execPath, [CHECK_PROJECT, walked!], {encoding: 'utf8'}));
		expect(check.defects).toEqual([]);
		expect(check.workflows).toBeGreaterThanOrEqual(12);
	});

	it('resumes on the same step with every decision after being killed mid-resolve', async () => {
		const {cwd, env} = await fresh();
		term = await demoAtResolve(cwd, env);
		// Two decisions: open the highlighted finding, move to another option, choose it.
		for (let i = 0; i < 2; i++) {
			term.key('Enter');
			await term.waitFor('Choose an option');
			term.key('Down');
			term.key('Enter');
			await term.waitFor((s) => s.includes('Saved:') && !s.includes('Choose an option'));
			term.key('Down');
		}
		await term.waitFor(() => decisionsOf(env, cwd)[0]?.decisions === 2);
		term.killApp();
		await term.waitFor(/\[exit \d+\]/);
		term.stop();

		term = new Terminal(cwd, env);
		term.start([]);
		await term.waitFor('Resume contoso-ise');
		await term.waitFor('2 decisions');
		term.key('Enter');
		await term.waitFor('step 7 of 9: Resolve');
		const screen = await term.waitFor('2/');
		expect(screen).toMatch(/2\/\d+ resolved/);
		expect((screen.match(/✓/g) ?? []).length).toBe(2);
		expect(await readdir(path.join(cwd, '.config'))).toContain('sessions.json');
	});

	it('takes a path pasted together with Enter in one chunk, every character of it', async () => {
		const {cwd, env} = await fresh();
		const folder = path.join(cwd, 'a folder with spaces and a long name for the estate');
		await mkdir(folder);
		await writeFile(path.join(folder, 'contoso.snapshot.json'), serializeSnapshot(contosoInventory()));
		term = new Terminal(cwd, env);
		term.start([]);
		await term.waitFor('Use the bundled sample ISE');
		term.key('Up');
		term.key('Enter');
		await term.waitFor('Path to a snapshot');
		// A paste: the text and Enter arrive in one write; a lost character or a lost Enter would show here.
		term.type('./a folder with spaces and a long name for the estate/contoso.snapshot.json\r');
		await term.waitFor('step 2 of 9');
		expect(await term.waitFor('contoso-ise')).toContain('contoso-ise');
	});

	it('quits with a filter on and resumes on the same finding with the same filter', async () => {
		const {cwd, env} = await fresh();
		term = await demoAtResolve(cwd, env);
		term.key('u');
		const cursor = (s: string) => s.split('\n').find((l) => l.includes('❯'))?.trim();
		let highlighted = cursor(await term.waitFor('showing undecided'))!;
		for (let i = 0; i < 3; i++) {
			const was = highlighted;
			term.key('Down');
			highlighted = cursor(await term.waitFor((s) => cursor(s) !== undefined && cursor(s) !== was))!;
		}
		term.key('q');
		await term.waitFor('[exit 0]');
		term.stop();

		term = new Terminal(cwd, env);
		term.start([]);
		await term.waitFor('Resume contoso-ise');
		term.key('Enter');
		const screen = await term.waitFor('step 7 of 9: Resolve');
		expect(screen).toContain('showing undecided');
		expect(cursor(screen)).toBe(highlighted);
	});
});
