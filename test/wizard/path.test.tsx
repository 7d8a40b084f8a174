// Opening a template folder or a snapshot from the start screen, as an admin types it.
import {mkdtemp, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {realServices} from '../../source/services.js';
import {serializeSnapshot} from '../../source/sources/snapshot.js';
import {SessionStore} from '../../source/store/sessions.js';
import {KEY, render} from '../helpers/ink.js';
import {itCorpus, PUBLIC_FIXTURES} from '../helpers/corpus.js';
import {inventory} from '../helpers/inventory.js';


async function start() {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-path-'));
	const services = realServices({store: new SessionStore({cwd: path.join(cwd, '.config')}), cwd});
	const r = await render(<App services={services} />);
	// The sample is highlighted; the path entry sits just above it.
	await r.press(KEY.up, KEY.enter);
	await r.waitFor((f) => f.includes('Path to a snapshot'));
	return {r, cwd};
}

describe('opening files from the start screen', () => {
	itCorpus('loads a folder of ARM templates and lands on its ISE', async () => {
		const {r} = await start();
		await r.press(path.join(PUBLIC_FIXTURES, 'ise'));
		await r.press(KEY.enter);
		const frame = await r.waitFor((f) => f.includes('step 2 of 9'));
		// What the quickstart's parameters file says: name GEN-UNIQUE, Developer, External, four subnets in 10.0.0.0/22.
		expect(frame).toContain('GEN-UNIQUE');
		expect(frame).toMatch(/SKU Developer with 0 extra scale units · access endpoint External/);
		expect(frame).toMatch(/4 subnets in 10\.0\.0\.0\/22/);
		expect(frame).toMatch(/ISE connectors: 2/);
		await r.unmount();
	});

	it('reads a snapshot typed as a path relative to the working folder', async () => {
		const {r, cwd} = await start();
		await writeFile(path.join(cwd, 'estate.json'), serializeSnapshot(inventory()));
		await r.press('estate.json', KEY.enter);
		const frame = await r.waitFor((f) => f.includes('step 2 of 9'));
		expect(frame).toContain('test-ise');
		await r.unmount();
	});

	it('opens exactly what was pasted when the path and Enter arrive in one chunk', async () => {
		const {r, cwd} = await start();
		await writeFile(path.join(cwd, 'estate-with-a-longer-name.json'), serializeSnapshot(inventory()));
		await r.press('estate-with-a-longer-name.json\r');
		const frame = await r.waitFor((f) => f.includes('step 2 of 9') || f.includes('does not exist'));
		expect(frame).toContain('test-ise');
		await r.unmount();
	});

	it('shows where a damaged snapshot is wrong and stays on the start screen', async () => {
		const {r, cwd} = await start();
		const doc = JSON.parse(serializeSnapshot(inventory()));
		doc.workflows[0].definition = 42;
		await writeFile(path.join(cwd, 'broken.json'), JSON.stringify(doc));
		await r.press('broken.json', KEY.enter);
		const frame = await r.waitFor((f) => f.includes('workflows[0].definition'));
		expect(frame).toMatch(/expected object, got number/);
		expect(frame).toContain('step 1 of 9');
		await r.unmount();
	});

	it('says plainly when the path does not exist', async () => {
		const {r} = await start();
		await r.press('/nowhere/at/all', KEY.enter);
		const frame = await r.waitFor((f) => f.includes('Nothing at /nowhere/at/all'));
		expect(frame).toContain('step 1 of 9');
		await r.unmount();
	});
});

describe('Tab on the path prompt', () => {
	it('completes a folder name and lists the choices when several match', async () => {
		const {r, cwd} = await start();
		const {mkdir} = await import('node:fs/promises');
		await mkdir(path.join(cwd, 'templates-prod'));
		await mkdir(path.join(cwd, 'templates-test'));
		await writeFile(path.join(cwd, 'templates-prod', 'logicapp.json'), '{}');
		await writeFile(path.join(cwd, 'notes.txt'), 'not offered');
		await r.press('tem', KEY.tab);
		let frame = await r.waitFor((f) => f.includes('templates-test/'));
		expect(frame).toContain('› templates-');
		expect(frame).toContain('templates-prod/');
		await r.press('p', KEY.tab);
		frame = await r.waitFor((f) => f.includes('› templates-prod/'));
		await r.press(KEY.tab);
		frame = await r.waitFor((f) => f.includes('› templates-prod/logicapp.json'));
		expect(frame).not.toContain('notes.txt');
		await r.unmount();
	});
});
