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

/** `ise-migrate generate --from <file> --out out` as a person runs it (plus `extra` flags). */
function generate(file: string, ...extra: string[]) {
	return spawnSync(process.execPath, [CLI, 'generate', '--from', file, '--out', 'out', '--location', 'westeurope', ...extra], {
		cwd: dir,
		encoding: 'utf8',
		input: '',
		env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(dir, '.config'), CI: ''},
	});
}

it('generate exits 1, names the step and writes nothing when the project fails its self-check', () => {
	// A step that runs after a step that is not there: the ISE would not have saved it, but a file can hold it, and
	// copied as it is the project would not load.
	definitionFile('broken.json', {Odd: {type: 'Http', runAfter: {Ghost: ['Succeeded']}, inputs: {method: 'GET', uri: 'https://partner.example.com/orders'}}});
	const r = generate('broken.json', '--json');
	expect(r.status).toBe(1);
	// With --json the failure is JSON on stdout in the one failure shape, and nothing on stderr.
	expect(r.stderr).toBe('');
	const failure = JSON.parse(r.stdout);
	expect(failure).toMatchObject({ok: false, error: {code: 'self-check', exitCode: 1, problems: [{workflow: 'broken', step: 'Odd', message: "runs after 'Ghost', which is not a step beside it"}]}});
	expect(failure.error.message).toMatch(/failed its own check .* nothing was written/);
	expect(failure.error.message).toMatch(/broken › Odd: runs after 'Ghost'/);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);

	// Without --json, the same message on stderr, no stack.
	const text = generate('broken.json');
	expect(text.status).toBe(1);
	expect(text.stderr).toMatch(/broken › Odd: runs after 'Ghost'/);
	expect(text.stderr).not.toMatch(/\n\s+at /);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});

it('a definition that reads app settings is a Standard workflow: generate says so instead of converting it', () => {
	definitionFile('standard.json', {Call: {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: "@{appsetting('Partner_Endpoint')}/orders"}}});
	const r = generate('standard.json', '--json');
	expect(r.status).toBe(1);
	expect(JSON.parse(r.stdout).error.message).toMatch(/Standard logic app workflow \(it reads app settings with appsetting\(\), which only Standard has\)/);
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});
