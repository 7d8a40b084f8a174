// The built CLI refuses to write a project that fails its own check, and says which workflow and step are at fault.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {CLI} from '../helpers/tmux.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-selfcheck-'));
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}));

it('generate exits 1, names the step and writes nothing when the project fails its self-check', () => {
	// A definition that already holds a built-in step no reference documents: copied as it is, it would break the project.
	fs.writeFileSync(
		path.join(dir, 'broken.json'),
		JSON.stringify({
			$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
			contentVersion: '1.0.0.0',
			triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
			actions: {
				Odd: {type: 'ServiceProvider', runAfter: {}, inputs: {parameters: {}, serviceProviderConfiguration: {connectionName: 'sql', operationId: 'bogus', serviceProviderId: '/serviceProviders/sql'}}},
			},
			outputs: {},
		}),
	);
	const r = spawnSync(process.execPath, [CLI, 'generate', '--from', 'broken.json', '--out', 'out', '--location', 'westeurope', '--json'], {
		cwd: dir,
		encoding: 'utf8',
		input: '',
		env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(dir, '.config'), CI: ''},
	});
	expect(r.status).toBe(1);
	expect(r.stderr).toMatch(/failed its own check .* nothing was written/);
	expect(r.stderr).toMatch(/broken › Odd: unknown operation 'bogus' of \/serviceProviders\/sql/);
	expect(r.stderr).not.toMatch(/\n\s+at /);
	expect(JSON.parse(r.stdout)).toMatchObject({ok: false, problems: [{workflow: 'broken', step: 'Odd'}, {workflow: 'broken', step: 'Odd'}]});
	expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});
