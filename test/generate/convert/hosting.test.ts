// File System steps follow the hosting: on App Service Environment v3 they become the built-in File System
// connector (no gateway); on a Workflow Standard plan the built-in cannot run, so they stay on the managed connector
// with the reason in the report. The sample has one such step (daily-sales-report archives a CSV on a file share).
import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {generate, plan} from '../../../source/generate/index.js';
import {write} from '../../../source/generate/write.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {corpusPath, itCorpus} from '../../helpers/corpus.js';
import {fileText, type FileSet} from '../../../source/model/fileset.js';

const CHECK_BUILTIN = corpusPath('tools', 'check-builtin.mjs');
const inv = contosoInventory();
const findings = analyze(inv);
const on = (optionId: string) =>
	generate(plan(inv, findings, {'sku:contoso-ise': {findingId: 'sku:contoso-ise', optionId, decidedAt: 't'}}), {generatedAt: '2024-01-01T00:00:00.000Z', toolVersion: 'test'});
const ase = on('ase-new');
const ws = on('balanced');
const step = (files: FileSet) => JSON.parse(fileText(files.get('daily-sales-report/workflow.json'))).definition.actions.Archive_CSV_on_finance_share;
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((d) => rm(d, {recursive: true, force: true}))));

describe('File System conversion depends on the hosting', () => {
	test('on ASE v3 the step becomes the built-in createFile, its connection in serviceProviderConnections', () => {
		const op = step(ase);
		expect(op.type).toBe('ServiceProvider');
		expect(op.inputs.serviceProviderConfiguration).toMatchObject({serviceProviderId: '/serviceProviders/FileSystem', operationId: 'createFile'});
		expect(op.inputs.parameters).toEqual({filePath: "sales-reports/sales-@{formatDateTime(addDays(utcNow(), -1), 'yyyy-MM-dd')}.csv", body: "@body('Create_CSV_table')"});
		const conns = JSON.parse(ase.get('connections.json')!);
		const fs = Object.values(conns.serviceProviderConnections as Record<string, {serviceProvider: {id: string}; parameterValues: Record<string, string>}>).find((c) => c.serviceProvider.id === '/serviceProviders/FileSystem')!;
		expect(Object.keys(fs.parameterValues).sort()).toEqual(['mountPath', 'password', 'rootFolder', 'username']);
		for (const value of Object.values(fs.parameterValues)) expect(value).toMatch(/^@appsetting\('[^']+'\)$/);
		expect(Object.keys(conns.managedApiConnections ?? {})).not.toContain('filesystem-finance');
	});

	test('on Workflow Standard the step stays managed and the report says why', () => {
		const op = step(ws);
		expect(op.type).toBe('ApiConnection');
		expect(op.inputs.host.connection.referenceName).toBe('filesystem-finance');
		expect(Object.keys(JSON.parse(ws.get('connections.json')!).managedApiConnections)).toContain('filesystem-finance');
		const report = fileText(ws.get('migration/report.md'));
		expect(report).toMatch(/`Archive_CSV_on_finance_share`: stays on the managed 'filesystem' connector: the built-in File System connector runs only on App Service Environment v3/);
		expect(fileText(ase.get('migration/report.md'))).toMatch(/`Archive_CSV_on_finance_share`: converted 'Create file' to built-in File System 'createFile'/);
	});

	test('workflows without a File System step are the same either way', () => {
		let compared = 0;
		for (const [file, text] of ws) {
			if (!file.endsWith('workflow.json') || fileText(text).includes('filesystem') || fileText(text).includes('FileSystem')) continue;
			expect(fileText(ase.get(file)), file).toBe(fileText(text));
			compared++;
		}
		expect(compared).toBeGreaterThan(10);
	});

	itCorpus('the built-in File System operation passes the built-in reference check', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-fs-'));
		temps.push(dir);
		await write(ase, dir);
		// Other steps are the converter's own business: this test holds only the File System step to the reference.
		const result = JSON.parse(spawnSync(process.execPath, [CHECK_BUILTIN, dir], {encoding: 'utf8'}).stdout);
		expect(result.ops).toBeGreaterThan(0);
		expect(result.problems.filter((p: string) => p.includes('FileSystem'))).toEqual([]);
	});
});
