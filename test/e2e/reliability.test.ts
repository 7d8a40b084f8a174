// The built CLI when things go wrong: input files it cannot read, a damaged or read-only session store, an
// ambiguous session id, a malformed decisions file, a store that stops accepting saves mid-wizard. Each is
// said plainly, with the exit code the readme gives, and nothing is hidden or claimed that did not happen.
import {spawnSync} from 'node:child_process';
import {mkdir, readFile, stat, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {makeReadOnly} from '../helpers/read-only.js';
import {tempFolders} from '../helpers/temp.js';
import {CLI, hasTmux, Terminal} from '../helpers/tmux.js';

const tmp = tempFolders('rel');

function run(args: string[], cwd: string) {
	return spawnSync(process.execPath, [CLI, ...args], {cwd, encoding: 'utf8', input: '', env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config'), CI: ''}});
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const DEF_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const template = (name: string) =>
	JSON.stringify({
		$schema: SCHEMA,
		contentVersion: '1.0.0.0',
		resources: [{type: 'Microsoft.Logic/workflows', apiVersion: '2019-05-01', name, location: 'westeurope', properties: {definition: {$schema: DEF_SCHEMA, contentVersion: '1.0.0.0', triggers: {}, actions: {}}}}],
	});

describe('generate --from a folder with files it cannot read', () => {
	it('lists each on stderr, in --json and in the report, and still writes the project', async () => {
		const cwd = await tmp();
		const estate = path.join(cwd, 'estate');
		await mkdir(estate);
		await writeFile(path.join(estate, 'orders.json'), template('orders'));
		await writeFile(path.join(estate, 'broken.json'), '{"resources": [');
		await writeFile(path.join(estate, 'deep.json'), `{"a": ${'['.repeat(3000)}${']'.repeat(3000)}}`);
		await writeFile(path.join(cwd, 'outside.json'), template('outside'));
		await symlink(path.join(cwd, 'outside.json'), path.join(estate, 'linked.json'));

		const r = run(['generate', '--from', 'estate', '--out', 'out', '--json'], cwd);
		expect(r.status, r.stderr).toBe(0);
		for (const [file, why] of [['broken.json', /not valid JSON/], ['deep.json', /nested more than 256 levels/], ['linked.json', /a link leading outside/]] as const) {
			expect(r.stderr).toMatch(new RegExp(`- ${file.replace('.', '\\.')}: ${why.source}`));
		}
		const json = JSON.parse(r.stdout);
		expect(json.skipped.map((s: {file: string}) => s.file).sort()).toEqual(['broken.json', 'deep.json', 'linked.json']);
		expect(json.workflows).toEqual(['orders']);
		const report = await readFile(path.join(cwd, 'out/migration/report.md'), 'utf8');
		expect(report).toContain('## Input files not read');
		for (const f of ['broken.json', 'deep.json', 'linked.json']) expect(report).toContain(`| ${f} |`);
		const reportJson = JSON.parse(await readFile(path.join(cwd, 'out/migration/report.json'), 'utf8'));
		expect(reportJson.skippedInputs).toHaveLength(3);
	});

	it('writes local.settings.json (where secrets go) readable by its owner only', async () => {
		const cwd = await tmp();
		expect(run(['generate', '--demo', '--out', 'out'], cwd).status).toBe(0);
		expect((await stat(path.join(cwd, 'out/local.settings.json'))).mode & 0o777).toBe(0o600);
	});
});

describe('the session store from the command line', () => {
	it('a damaged store: every command that reads it says so', async () => {
		for (const args of [['sessions'], ['sessions', '--json'], ['generate', '--session', 'abc', '--out', 'o']]) {
			const cwd = await tmp();
			await mkdir(path.join(cwd, '.config'));
			await writeFile(path.join(cwd, '.config/sessions.json'), '{"sessions": {broken');
			const r = run(args, cwd);
			expect(r.stderr, args.join(' ')).toMatch(/The session store .*sessions\.json was damaged .*kept as .*sessions\.json\.corrupt-\d+/);
			expect(r.stderr).not.toMatch(/unexpected error/);
		}
	});

	it('an ambiguous id prefix lists the matching sessions (exit 2)', async () => {
		const cwd = await tmp();
		await mkdir(path.join(cwd, '.config'));
		const session = (id: string, iseName: string) => ({id, iseName, source: {kind: 'demo'}, fingerprint: 'f', step: 'ise', decisions: {}, createdAt: 't', updatedAt: 't'});
		await writeFile(path.join(cwd, '.config/sessions.json'), JSON.stringify({storeVersion: 1, sessions: {abc111: session('abc111', 'east-ise'), abc222: session('abc222', 'west-ise')}}));
		for (const args of [['sessions', 'rm', 'abc'], ['generate', '--session', 'abc', '--out', 'o']]) {
			const r = run(args, cwd);
			expect(r.status).toBe(2);
			expect(r.stderr).toMatch(/'abc' matches 2 saved sessions; give more of the id:\n\s+abc111\s+east-ise\n\s+abc222\s+west-ise/);
		}
		expect(run(['sessions', 'rm', 'abc2'], cwd).stdout).toMatch(/Removed session abc222/);
	});

	it('a store it may not write: a readable message and exit 1, never "unexpected error"', async () => {
		const cwd = await tmp();
		await mkdir(path.join(cwd, '.config'));
		await writeFile(path.join(cwd, '.config/sessions.json'), JSON.stringify({storeVersion: 1, sessions: {abc111: {id: 'abc111', iseName: 'x', source: {kind: 'demo'}, decisions: {}, step: 'ise', updatedAt: 't'}}}));
		const undo = makeReadOnly(path.join(cwd, '.config'));
		if (!undo) return;
		try {
			const r = run(['sessions', 'rm', 'abc111'], cwd);
			expect(r.status).toBe(1);
			expect(r.stderr).toMatch(/Could not remove a session from the session store .*: permission denied\. Check that you own .* or set ISE_MIGRATE_CONFIG_DIR/);
			expect(r.stderr).not.toMatch(/unexpected error|EACCES|EPERM/);
		} finally {
			undo();
		}
	});

	it('a malformed decisions file is bad usage (exit 2), naming the file and the place', async () => {
		const cwd = await tmp();
		await writeFile(path.join(cwd, 'd.json'), '{"sku:contoso-ise": ');
		const r = run(['generate', '--demo', '--out', 'o', '--decisions', 'd.json'], cwd);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/d\.json: not valid JSON: .* at line 1, column \d+/);
	});
});

describe.skipIf(!hasTmux())('the wizard when the store stops accepting saves', () => {
	let term: Terminal | undefined;
	afterEach(() => term?.stop());

	it('says the decision was not saved, and on quitting never says the session was saved', async () => {
		const cwd = await tmp();
		const config = path.join(cwd, '.config');
		term = new Terminal(cwd, {ISE_MIGRATE_CONFIG_DIR: config, HOME: cwd, TERM: 'xterm-256color', FORCE_COLOR: '0'});
		term.start(['--demo']);
		await term.waitFor('contoso-ise');
		term.key('Enter');
		await term.waitFor('step 3 of 9: Sizing');
		const undo = makeReadOnly(config);
		if (!undo) return;
		try {
			term.key('Enter');
			await term.waitFor('Choose an option');
			// Up: the option above the recommendation takes no typed value, so Enter saves it.
			term.key('Up');
			term.key('Enter');
			await term.waitFor('Could not save the decision');
			term.key('q');
			const screen = await term.waitFor(/\[exit \d+\]/);
			expect(screen).toMatch(/NOT fully saved/);
			expect(screen).not.toMatch(/saved: run ise-migrate again/);
			expect(screen).toContain('[exit 1]');
		} finally {
			undo();
		}
	});
});
