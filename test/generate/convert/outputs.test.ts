// What the project writes for the bundled sample and for every public Consumption fixture, read the way `generate
// --from` reads it: the Standard-aware workflow schema and the built-in reference accept every workflow.json, the
// project's own check finds nothing, and no ARM template expression is left in a workflow.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {checkProject, generate, plan} from '../../../source/generate/index.js';
import {BUILTIN_OPERATIONS} from '../../../source/generate/check/builtin-operations.js';
import {fileText, type FileSet, type Inventory} from '../../../source/model/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {openSource} from '../../../source/sources/from-path.js';
import {isTemplateExpression} from '../../../source/model/arm-expression.js';
import {corpusEntries, corpusPath, describeCorpus} from '../../helpers/corpus.js';

const FIXTURES = corpusPath('fixtures', 'public', 'consumption');
const tool = (name: string) => corpusPath('tools', name);

function project(inv: Inventory): FileSet {
	return generate(plan(inv, analyze(inv), {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-outputs-'));
afterAll(() => fs.rmSync(root, {recursive: true, force: true}));
const outputs: {label: string; dir: string; files: FileSet}[] = [];

beforeAll(async () => {
	const sources: {label: string; inventory: Inventory}[] = [{label: 'demo', inventory: contosoInventory()}];
	for (const file of corpusEntries('fixtures', 'public', 'consumption').sort()) sources.push({label: file, inventory: (await openSource(path.join(FIXTURES, file))).inventory});
	sources.forEach(({label, inventory}, i) => {
		const files = project(inventory);
		const dir = path.join(root, String(i));
		for (const [rel, text] of files) {
			fs.mkdirSync(path.dirname(path.join(dir, rel)), {recursive: true});
			fs.writeFileSync(path.join(dir, rel), fileText(text));
		}
		outputs.push({label, dir, files});
	});
});

const runTool = (name: string) => {
	const r = spawnSync(process.execPath, [tool(name), ...outputs.map((o) => o.dir)], {encoding: 'utf8', env: {...process.env, SCHEMA_ERRORS: '50'}});
	return {status: r.status, result: JSON.parse(r.stdout || '{}') as Record<string, unknown>, stderr: r.stderr};
};

describeCorpus('generated projects: the sample and every public Consumption fixture', () => {
	it('every workflow.json passes the Standard-aware workflow definition schema', () => {
		const r = runTool('check-schema.mjs');
		expect(r.result.errors).toEqual([]);
		expect(r.result.workflows).toBeGreaterThanOrEqual(28);
		expect(r.status).toBe(0);
	}, 120_000);

	it('every built-in operation is documented, with documented keys and every required one', () => {
		const r = runTool('check-builtin.mjs');
		expect(r.result.problems).toEqual([]);
		expect(r.status).toBe(0);
	});

	it("the project's own check finds nothing, and no workflow holds an ARM template expression", () => {
		for (const o of outputs) {
			expect(checkProject(o.files), o.label).toEqual([]);
			for (const [file, text] of o.files) {
				if (!file.endsWith('/workflow.json')) continue;
				const arm: string[] = [];
				JSON.parse(fileText(text), (_k, v) => (typeof v === 'string' && isTemplateExpression(v.trim()) && arm.push(v), v));
				expect(arm, `${o.label} ${file}`).toEqual([]);
			}
		}
	});
});

describeCorpus('the built-in operations table', () => {
	it('is exactly what shared/reference/builtin-operations.json documents', () => {
		const reference = JSON.parse(fs.readFileSync(corpusPath('reference', 'builtin-operations.json'), 'utf8')) as {
			serviceProviders: Record<string, {operations: Record<string, {kind: string; parameters: Record<string, {required: boolean}>}>}>;
		};
		const derived = Object.fromEntries(
			Object.entries(reference.serviceProviders).map(([id, sp]) => [
				id,
				Object.fromEntries(
					Object.entries(sp.operations).map(([op, o]) => [
						op,
						`${o.kind === 'trigger' ? 't' : 'a'}:${Object.keys(o.parameters)
							.sort()
							.map((k) => `${k}${o.parameters[k]!.required ? '!' : ''}`)
							.join(',')}`,
					]),
				),
			]),
		);
		expect(BUILTIN_OPERATIONS).toEqual(derived);
	});
});
