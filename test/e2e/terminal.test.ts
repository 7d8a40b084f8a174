// The built CLI in a real terminal (tmux), as an admin would use it.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI, hasTmux, Terminal} from '../helpers/tmux.js';

const CHECK = path.resolve(import.meta.dirname, '../../../shared/tools/check-project.mjs');
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

describe.skipIf(!hasTmux())('the wizard in a real terminal', () => {
	it('walks --demo through to a generated project on disk', async () => {
		const {cwd, env} = await fresh();
		term = new Terminal(cwd, env);
		term.start(['--demo']);
		await term.waitFor('step 2 of 9');
		await term.waitFor('contoso-ise');
		term.key('Enter');
		await term.waitFor('step 3 of 9: Sizing');
		for (const next of ['step 4 of 9: Network', 'step 5 of 9: Encryption key', 'step 6 of 9: Connectors', 'step 7 of 9: Resolve', 'step 8 of 9: Generate']) {
			term.key('n');
			await term.waitFor(next);
		}
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
		const check = JSON.parse(execFileSync(process.execPath, [CHECK, out], {encoding: 'utf8'}));
		expect(check.defects).toEqual([]);
		expect(check.workflows).toBeGreaterThanOrEqual(12);
	});

	it('resumes on the same step with every decision after being killed mid-resolve', async () => {
		const {cwd, env} = await fresh();
		term = new Terminal(cwd, env);
		term.start(['--demo']);
		await term.waitFor('contoso-ise');
		term.key('Enter');
		await term.waitFor('Sizing');
		for (let i = 0; i < 4; i++) term.key('n');
		await term.waitFor('step 7 of 9: Resolve');
		// Two decisions: open the highlighted finding, move to another option, choose it.
		for (let i = 0; i < 2; i++) {
			term.key('Enter');
			await term.waitFor('choose an option');
			term.key('Down');
			term.key('Enter');
			await term.waitFor((s) => s.includes('Saved:') && !s.includes('choose an option'));
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
});
