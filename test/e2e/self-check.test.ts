// The built CLI refuses to write a project that fails its own check, and says which workflow and step are at fault.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {CLI} from '../helpers/tmux.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-selfcheck-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

/** A saved workflow definition (as the ISE's code view shows it) with these actions, written to `file`. */
function definitionFile(file: string, actions: Record<string, unknown>): void {
	fs.writeFileSync(
		path.join(dir, file),
		JSON.stringify({
			$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
			contentVersion: '1.0.0.0',
			triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
			actions,
			outputs: {},
		}),
	);
}

/** `ise-migrate generate --from <file> --out out` as a person runs it (plus `extra` flags, which may name another --out). */
function generate(file: string, ...extra: string[]) {
	const out = extra.includes('--out') ? [] : ['--out', 'out'];
	return spawnSync(process.execPath, [CLI, 'generate', '--from', file, ...out, '--location', 'westeurope', ...extra], {
		cwd: dir,
		encoding: 'utf8',
		input: '',
		env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(dir, '.config'), CI: ''},
	});
}

/** A definition that declares `Region` and reads it with these expressions. */
function regionFile(file: string, read: string): void {
	definitionFile(file, {Odd: {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: `https://partner.example.com/@{${read}}/orders`}}});
	const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
	json.parameters = {Region: {type: 'String', defaultValue: 'eu'}};
	fs.writeFileSync(path.join(dir, file), JSON.stringify(json));
}

it('generate exits 1, names the step and writes nothing when the project fails its self-check', () => {
	// A parameter read in another case than it is declared: whether Standard takes the two for one is not known, so
	// the converter leaves it as it is and the project's check refuses it rather than guess.
	regionFile('broken.json', "parameters('region')");
	const r = generate('broken.json', '--json');
	expect(r.status).toBe(1);
	// With --json the failure is JSON on stdout in the one failure shape, and nothing on stderr.
	expect(r.stderr).toBe('');
	const failure = JSON.parse(r.stdout);
	expect(failure).toMatchObject({ok: false, error: {code: 'self-check', exitCode: 1, problems: [{workflow: 'broken', step: 'Odd', message: "reads parameter 'region', which parameters.json does not define"}]}});
	expect(failure.error.message).toMatch(/failed its own check .* nothing was written/);
	expect(failure.error.message).toMatch(/broken › Odd: reads parameter 'region'/);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);

	// Without --json, the same message on stderr, no stack.
	const text = generate('broken.json');
	expect(text.status).toBe(1);
	expect(text.stderr).toMatch(/broken › Odd: reads parameter 'region'/);
	expect(text.stderr).not.toMatch(/\n\s+at /);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);

	// Read as declared, the same workflow is written.
	regionFile('fixed.json', "parameters('Region')");
	expect(generate('fixed.json', '--out', 'fixed-out').status).toBe(0);
	expect(fs.existsSync(path.join(dir, 'fixed-out', 'fixed', 'workflow.json'))).toBe(true);
});

it('a workflow the source holds broken (a step runs after one that is not there) is left out, and the report says why', () => {
	definitionFile('dangling.json', {Odd: {type: 'Http', runAfter: {Ghost: ['Succeeded']}, inputs: {method: 'GET', uri: 'https://partner.example.com/orders'}}});
	const r = generate('dangling.json', '--out', 'dangling-out');
	expect(r.status).toBe(0);
	// Said on the way out too, not only in the report: a headless run never drops a workflow quietly.
	expect(r.stdout).toContain('Left out of the migration: 1 workflow (dangling); the report says why.');
	expect(fs.existsSync(path.join(dir, 'dangling-out', 'dangling'))).toBe(false);
	const json = JSON.parse(generate('dangling.json', '--out', 'dangling-out', '--json').stdout);
	expect(json).toMatchObject({ok: true, leftOut: ['dangling'], workflows: []});
	const report = fs.readFileSync(path.join(dir, 'dangling-out', 'migration', 'report.md'), 'utf8');
	expect(report).toMatch(/BLOCKER: dangling cannot run in Standard as the source holds it/);
	expect(report).toMatch(/Odd runs after 'Ghost', which is not a step beside it/);
});

it('a definition that reads app settings is a Standard workflow: generate says so instead of converting it', () => {
	definitionFile('standard.json', {Call: {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: "@{appsetting('Partner_Endpoint')}/orders"}}});
	const r = generate('standard.json', '--json');
	expect(r.status).toBe(1);
	expect(JSON.parse(r.stdout).error.message).toMatch(/Standard logic app workflow \(it reads app settings with appsetting\(\), which only Standard has\)/);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});
