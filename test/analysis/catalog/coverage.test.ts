// The catalog held to its measure over the bundled sample and every public Consumption fixture: at least 90 % of
// the steps of connectors that have a built-in convert (counted: the built-in reference documents what the conversion
// needs, on this hosting); every other step names the missing fact or the difference. The converted project passes
// Microsoft's built-in reference (check-builtin) and the Standard workflow schema (check-schema).
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {conversionCoverage} from '../../../source/analysis/catalog/index.js';
import {buildConnectionsJson, convertWorkflow, planConnectionNames} from '../../../source/generate/convert/index.js';
import type {Workflow} from '../../../source/model/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {corpusPath, hasCorpus, itCorpus} from '../../helpers/corpus.js';
import {fixtureFiles, workflowsOf} from './fixture-workflows.js';

const TOOLS = corpusPath('tools');
const TARGET = 0.9;
const sample = contosoInventory().workflows;
const fixtures = fixtureFiles().flatMap((f) => workflowsOf(f));
const all: Workflow[] = [...sample, ...fixtures];
const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) fs.rmSync(d, {recursive: true, force: true});
});

function table(title: string, steps: {workflow: string; step: string; reason?: string}[]): string {
	return [`${title} (${steps.length}):`, ...steps.map((s) => `  ${s.workflow}/${s.step}: ${s.reason ?? ''}`)].join('\n');
}

// Counted over the sample and the public fixtures of the corpus.
describe.skipIf(!hasCorpus).each(['ws', 'ase'] as const)('corpus: on %s hosting', (hosting) => {
	const c = conversionCoverage(all, hosting);

	test(`at least ${TARGET * 100} % of the counted steps convert, and every other step says why`, () => {
		console.log(
			[
				`coverage (${hosting}): ${c.converted} of ${c.counted} = ${(c.ratio * 100).toFixed(1)} %`,
				table('not converted', c.notConverted),
				table('not counted: the reference leaves out a needed fact, or no built-in counterpart', c.gaps),
				table('not counted: built-in needs another hosting', c.hosting),
			].join('\n'),
		);
		expect(c.counted).toBeGreaterThan(60);
		expect(c.ratio).toBeGreaterThanOrEqual(TARGET);
		for (const s of [...c.notConverted, ...c.gaps, ...c.hosting]) expect(s.reason, `${s.workflow}/${s.step}`).toMatch(/\w{4,}/);
	});
});

test('File System stays managed on a Workflow Standard plan with the hosting reason, and converts on App Service Environment v3', () => {
	const ws = conversionCoverage(sample, 'ws');
	const ase = conversionCoverage(sample, 'ase');
	expect(ws.hosting.length).toBeGreaterThan(0);
	for (const s of ws.hosting) expect(s.reason).toMatch(/File System connector runs only on App Service Environment v3/);
	expect(ase.hosting).toEqual([]);
	expect(ase.converted).toBe(ws.converted + ws.hosting.length);
});

itCorpus('the converted sample and fixtures pass check-builtin and check-schema', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-coverage-'));
	dirs.push(dir);
	const connectionNames = planConnectionNames(all);
	const converted = all.map((w) => convertWorkflow(w, () => 'builtin', {connectionNames}));
	converted.forEach((c, i) => {
		fs.mkdirSync(path.join(dir, `wf${i}`));
		fs.writeFileSync(path.join(dir, `wf${i}`, 'workflow.json'), JSON.stringify({definition: c.definition, kind: 'Stateful'}));
	});
	fs.writeFileSync(path.join(dir, 'connections.json'), JSON.stringify(buildConnectionsJson(converted).json));
	for (const tool of ['check-builtin.mjs', 'check-schema.mjs']) {
		const r = spawnSync(process.execPath, [path.join(TOOLS, tool), dir], {encoding: 'utf8'});
		expect(r.stdout, tool).not.toMatch(/"problemCount":[1-9]|"errors":\[\{/);
		expect(r.status, `${tool}: ${r.stdout}`).toBe(0);
	}
	const builtin = JSON.parse(spawnSync(process.execPath, [path.join(TOOLS, 'check-builtin.mjs'), dir], {encoding: 'utf8'}).stdout) as {ops: number};
	expect(builtin.ops).toBeGreaterThan(60);
});
