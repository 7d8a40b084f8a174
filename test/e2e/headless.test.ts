// The built CLI without a terminal: the headless commands and the refusal to start the wizard.
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CHECK_PROJECT, itCorpus} from '../helpers/corpus.js';
import {CLI} from '../helpers/tmux.js';

/** The project `generate --demo` wrote, for the corpus check after it. */
let demoProject: string | undefined;

async function run(args: string[], cwd?: string) {
	const dir = cwd ?? (await mkdtemp(path.join(os.tmpdir(), 'ise-cli-')));
	const r = spawnSync(process.execPath, [CLI, ...args], {
		cwd: dir,
		encoding: 'utf8',
		input: '',
		env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(dir, '.config'), CI: ''},
	});
	return {...r, dir};
}

describe('headless CLI', () => {
	it('prints help and version', async () => {
		expect((await run(['--help'])).stdout).toMatch(/ise-migrate generate/);
		const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
		expect((await run(['--version'])).stdout.trim()).toBe(pkg.version);
	});

	it('without a TTY the wizard exits 2 and names the headless commands', async () => {
		const r = await run([]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/interactive terminal/);
		expect(r.stderr).toMatch(/generate --demo --out DIR/);
	});

	it('generate --demo --out DIR --json writes a structurally valid project', async () => {
		const r = await run(['generate', '--demo', '--out', 'out', '--json']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const result = JSON.parse(r.stdout);
		expect(result.ok).toBe(true);
		expect(result.workflows.length).toBeGreaterThanOrEqual(12);
		for (const file of ['migration/report.md', 'migration/report.json', 'migration/cutover.md', 'migration/networking.md', 'infra/azuredeploy.json', 'infra/azuredeploy.parameters.json', 'infra/README.md']) {
			expect(result.written).toContain(file);
		}
		const template = JSON.parse(await readFile(path.join(r.dir, 'out/infra/azuredeploy.json'), 'utf8'));
		expect(template.resources.map((x: {type: string}) => x.type)).toEqual(expect.arrayContaining(['Microsoft.Web/serverfarms', 'Microsoft.Web/sites', 'Microsoft.Network/natGateways']));
		expect(await readFile(path.join(r.dir, 'out/migration/networking.md'), 'utf8')).toContain('contoso-ise');
		// Taken without review, and the report says so for every finding that asked a question.
		const report = JSON.parse(await readFile(path.join(r.dir, 'out/migration/report.json'), 'utf8'));
		const asked = report.findings.filter((f: {status: string}) => f.status !== 'closed');
		expect(new Set(asked.map((f: {decidedBy: string}) => f.decidedBy))).toEqual(new Set(['recommended-by-headless']));
		const md = await readFile(path.join(r.dir, 'out/migration/report.md'), 'utf8');
		expect(md.match(/^- \*\*Decided by:\*\* not reviewed: `ise-migrate generate` took the recommendation$/gm)?.length).toBe(asked.length);
		demoProject = path.join(r.dir, 'out');
	});

	itCorpus('the project generate --demo wrote passes check-project', () => {
		expect(demoProject, 'the test above writes it').toBeDefined();
		const check = spawnSync(process.execPath, [CHECK_PROJECT, demoProject!], {encoding: 'utf8'});
		expect(JSON.parse(check.stdout).defects).toEqual([]);
		expect(check.status).toBe(0);
	});

	it('refuses a non-empty folder it did not write, with exit 1 and a clear message', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-cli-'));
		await writeFile(path.join(dir, 'notes.txt'), 'mine');
		const r = await run(['generate', '--demo', '--out', '.'], dir);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/not empty and was not written by ise-migrate/);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('exits 3 on undecided blockers from a decisions file, 2 on bad usage', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-cli-'));
		await writeFile(path.join(dir, 'd.json'), '{}');
		const r = await run(['generate', '--demo', '--out', 'o', '--decisions', 'd.json'], dir);
		expect(r.status).toBe(3);
		expect(r.stderr).toMatch(/blocker/);
		expect((await run(['generate', '--demo'])).status).toBe(2);
		expect((await run(['frobnicate'])).status).toBe(2);
	});

	it('says plainly what is wrong with a missing source or decisions file, never "unexpected error"', async () => {
		const missingSource = await run(['generate', '--from', '/nowhere/estate', '--out', 'o']);
		expect(missingSource.status).toBe(1);
		expect(missingSource.stderr).toMatch(/Nothing at \/nowhere\/estate.*Check the path/);
		const missingDecisions = await run(['generate', '--demo', '--out', 'o', '--decisions', 'nope.json']);
		expect(missingDecisions.status).toBe(2);
		expect(missingDecisions.stderr).toMatch(/cannot read the decisions file nope\.json: it does not exist/);
		for (const r of [missingSource, missingDecisions]) expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
	});
});
