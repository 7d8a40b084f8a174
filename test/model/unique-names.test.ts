import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {generate, plan} from '../../source/generate/index.js';
import {write} from '../../source/generate/write.js';
import {uniqueWorkflowNames} from '../../source/model/unique-names.js';
import {CHECK_PROJECT, itCorpus} from '../helpers/corpus.js';
import {inventory, workflow} from '../helpers/inventory.js';
import {fileText} from '../../source/model/index.js';

/** The project the first test writes, for the corpus check after it. */
let written: string | undefined;

describe('workflows with the same name', () => {
	it('stay distinct all the way to the generated project', async () => {
		const a = workflow('orders', {resourceGroup: 'rg-a', id: '/x/rg-a/orders'});
		const b = workflow('Orders', {resourceGroup: 'rg-b', id: '/x/rg-b/orders'});
		b.definition.actions = {Respond_B: {type: 'Response', inputs: {statusCode: 202}, runAfter: {}}};
		const inv = uniqueWorkflowNames(inventory({workflows: [a, b]}));
		expect(inv.workflows.map((w) => w.name)).toEqual(['orders', 'Orders-rg-b']);
		expect(inv.issues?.[0]?.message).toMatch(/also named 'Orders'.*rg-b/);
		const files = generate(plan(inv, analyze(inv), {}), {generatedAt: 't', toolVersion: 't'});
		expect(fileText(files.get('Orders-rg-b/workflow.json'))).toContain('Respond_B');
		expect(fileText(files.get('orders/workflow.json'))).not.toContain('Respond_B');
		const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'ise-dup-')), 'out');
		await write(files, dir);
		expect((await readdir(dir)).filter((f) => /orders/i.test(f)).sort()).toEqual(['Orders-rg-b', 'orders']);
		written = dir;
	});

	itCorpus('the project with both passes check-project', () => {
		expect(written, 'the test above writes it').toBeDefined();
		expect(JSON.parse(execFileSync(process.execPath, [CHECK_PROJECT, written!], {encoding: 'utf8'})).defects).toEqual([]);
	});

	it('leaves an inventory without duplicates untouched', () => {
		const inv = inventory();
		expect(uniqueWorkflowNames(inv)).toBe(inv);
	});
});
