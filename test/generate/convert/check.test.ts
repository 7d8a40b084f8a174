// The self-check run before anything is written: each kind of broken workflow.json is named by workflow and step.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {diskPort} from '../../../source/services.js';
import {analyze} from '../../../source/analysis/index.js';
import {checkProject, generate, plan, selfCheckMessage} from '../../../source/generate/index.js';
import {fileText, type FileSet} from '../../../source/model/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {prepareMigration, previewProject, SelfCheckError, writeProject} from '../../../source/migration/index.js';
import {workflow} from '../../helpers/inventory.js';
import {tempFolders} from '../../helpers/temp.js';

const temp = tempFolders('selfcheck');

const inv = contosoInventory();
const pristine = generate(plan(inv, analyze(inv), {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});

type Op = {type: string; inputs: Record<string, any>; runAfter?: Record<string, unknown>};

/** The demo project with one workflow's definition changed by `edit`. */
function broken(edit: (actions: Record<string, Op>, files: FileSet) => void, folder = 'order-intake-sql'): FileSet {
	const files = new Map(pristine);
	const wf = JSON.parse(fileText(files.get(`${folder}/workflow.json`)));
	edit(wf.definition.actions, files);
	files.set(`${folder}/workflow.json`, JSON.stringify(wf));
	return files;
}

function firstBuiltin(actions: Record<string, Op>): [string, Op] {
	for (const [name, op] of Object.entries(actions)) {
		if (op.type === 'ServiceProvider') return [name, op];
		const inner = (op as {actions?: Record<string, Op>}).actions;
		if (inner) {
			const found = Object.entries(inner).find(([, o]) => o.type === 'ServiceProvider');
			if (found) return found;
		}
	}
	throw new Error('no built-in operation in this workflow');
}

describe('checkProject()', () => {
	it('finds nothing in what generate() writes for the sample', () => {
		expect(checkProject(pristine)).toEqual([]);
		expect(selfCheckMessage([])).toBeUndefined();
	});

	it('names an unknown built-in operation, an undocumented key and a missing required key', () => {
		let step = '';
		const unknownOp = checkProject(
			broken((a) => {
				const [name, op] = firstBuiltin(a);
				step = name;
				op.inputs.serviceProviderConfiguration.operationId = 'frobnicate';
			}),
		);
		expect(unknownOp).toEqual([{workflow: 'order-intake-sql', step, message: expect.stringMatching(/unknown operation 'frobnicate' of \/serviceProviders\/sql/)}]);
		const keys = checkProject(
			broken((a) => {
				const [, op] = firstBuiltin(a);
				op.inputs.parameters = {madeUpKey: 1};
			}),
		);
		expect(keys.map((p) => p.message).join('\n')).toMatch(/does not document the parameter madeUpKey/);
		expect(keys.map((p) => p.message).join('\n')).toMatch(/needs the parameter/);
	});

	it('names a leftover ARM template expression, a dangling connection, parameter, app setting and runAfter', () => {
		const problems = checkProject(
			broken((a, files) => {
				a.Arm = {type: 'Compose', inputs: "[concat('a', parameters('b'))]", runAfter: {Nowhere: ['Succeeded']}};
				a.Param = {type: 'Compose', inputs: "@{parameters('notThere')}", runAfter: {}};
				a.Managed = {type: 'ApiConnection', inputs: {host: {connection: {referenceName: 'ghost'}}, method: 'get', path: '/'}, runAfter: {}};
				a.Setting = {type: 'Http', inputs: {method: 'GET', uri: "@{appsetting('UNLISTED')}"}, runAfter: {}};
				files.set('connections.json', files.get('connections.json')!);
			}),
		);
		const text = problems.map((p) => `${p.workflow} › ${p.step}: ${p.message}`).join('\n');
		expect(text).toMatch(/order-intake-sql › Arm: holds the ARM template expression \[concat/);
		expect(text).toMatch(/order-intake-sql › Arm: runs after 'Nowhere'/);
		expect(text).toMatch(/order-intake-sql › Param: reads parameter 'notThere', which parameters.json does not define/);
		expect(text).toMatch(/order-intake-sql › Managed: uses managed connection 'ghost'/);
		expect(text).toMatch(/order-intake-sql › Setting: reads app setting 'UNLISTED', which local.settings.json does not list/);
		const message = selfCheckMessage(problems)!;
		expect(message).toMatch(/failed its own check \(5 problems\), so nothing was written/);
		expect(message).toMatch(/leave order-intake-sql out of the migration/);
	});

	it('ordinary bracketed text is not mistaken for a template expression', () => {
		expect(checkProject(broken((a) => void (a.Sql = {type: 'Compose', inputs: '[dbo].[Orders]', runAfter: {}})))).toEqual([]);
	});
});

describe('the preview the wizard and generate share', () => {
	it('carries the problems, and writing such a project is refused before anything touches the disk', async () => {
		const inv = contosoInventory();
		const odd = workflow('odd');
		odd.definition.actions = {
			Odd: {type: 'ServiceProvider', runAfter: {}, inputs: {parameters: {}, serviceProviderConfiguration: {connectionName: 'x', operationId: 'bogus', serviceProviderId: '/serviceProviders/sql'}}},
		};
		const migration = prepareMigration({inventory: {...inv, workflows: [...inv.workflows, odd]}, source: {kind: 'demo'}});
		const preview = previewProject(migration, {}, {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
		expect(preview.problems.map((p) => `${p.workflow} › ${p.step}`)).toEqual(['odd › Odd', 'odd › Odd']);
		const out = path.join(await temp(), 'out');
		await expect(writeProject({disk: diskPort, now: () => '2026-01-01T00:00:00.000Z'}, preview, out)).rejects.toBeInstanceOf(SelfCheckError);
		expect(fs.existsSync(out)).toBe(false);
	});
});
