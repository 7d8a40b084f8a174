// The whole wizard on the bundled sample, driven by key presses under ink-testing-library.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {App, type AppServices} from '../../source/app.js';
import {analyze} from '../../source/analysis/index.js';
import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {realServices} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {KEY, render} from '../helpers/ink.js';

const CHECK = path.resolve(import.meta.dirname, '../../../shared/tools/check-project.mjs');

async function setup(): Promise<{services: AppServices; cwd: string; store: SessionStore}> {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-wizard-'));
	const store = new SessionStore({cwd: path.join(cwd, '.config')});
	return {services: realServices({store, cwd}), cwd, store};
}

const stepIs = (n: number) => (f: string) => f.includes(`step ${n} of 9`);

/** The wizard on the sample, past the review steps, on Resolve. */
async function sampleAtResolve(services: AppServices) {
	const r = await render(<App services={services} />);
	await r.press(KEY.enter);
	await r.waitFor(stepIs(2));
	await r.press(KEY.enter, 'n', 'n', 'n', 'n');
	await r.waitFor(stepIs(7));
	return r;
}

describe('the wizard on the sample ISE', () => {
	it('walks from the start screen to generated files, saving decisions on the way', async () => {
		const {services, cwd, store} = await setup();
		const r = await render(<App services={services} />);
		// With nothing saved, the sample is highlighted: Enter opens it.
		expect(r.frame()).toContain('Use the bundled sample ISE');
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('contoso-ise') && stepIs(2)(f));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(3));
		expect(r.frame()).toMatch(/Premium, 2 extra scale units/);
		await r.press('n');
		await r.waitFor(stepIs(4));
		expect(r.frame()).toContain('Internal');
		await r.press('n');
		await r.waitFor(stepIs(5));
		await r.press('n');
		await r.waitFor(stepIs(6));
		// Keyboard-driven connector review: keep the highlighted connector managed with one key.
		const sessionId = store.list()[0]!.id;
		await r.press('m');
		await r.waitFor((f) => f.includes('Saved:'));
		const afterConnector = store.get(sessionId)!.decisions;
		expect(Object.values(afterConnector).map((d) => d.optionId)).toEqual(['managed']);
		await r.press('n');
		await r.waitFor(stepIs(7));
		// Resolve: every finding; decide the first (a blocker) with its second option.
		const findings = analyze(contosoInventory());
		const first = findings[0]!;
		expect(first.severity).toBe('blocker');
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('choose an option'));
		const inForce = first.options.findIndex((o) => o.id === first.recommended);
		const target = first.options[Math.min(inForce + 1, first.options.length - 1)]!;
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes(`Saved: ${first.title}`));
		expect(store.get(sessionId)!.decisions[first.id]?.optionId).toBe(target.id);
		await r.press('n');
		await r.waitFor(stepIs(8));
		expect(r.frame()).toContain('./contoso-ise-standard');
		await r.press(KEY.enter);
		await r.waitFor((f) => /Will write \d+ files/.test(f));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(9));
		expect(r.frame()).toContain('Project written to');
		await r.unmount();

		const out = path.join(cwd, 'contoso-ise-standard');
		const entries = await readdir(out);
		expect(entries).toEqual(expect.arrayContaining(['host.json', 'connections.json', 'parameters.json', 'local.settings.json', '.funcignore', '.gitignore', 'migration']));
		const check = JSON.parse(execFileSync(process.execPath, [CHECK, out], {encoding: 'utf8'}));
		expect(check.defects).toEqual([]);
		const report = JSON.parse(await readFile(path.join(out, 'migration/report.json'), 'utf8'));
		const decided = report.findings.find((f: {id: string}) => f.id === first.id);
		expect(decided).toMatchObject({option: target.id, decidedBy: 'admin'});
		expect(store.get(sessionId)!.outDir).toBe(out);
	});

	it('offers to resume a saved session and lands on the same step with its decisions', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		await r.press(KEY.down, KEY.down);
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('choose an option'));
		// The third finding is the hosting one: the option above its recommendation takes no value.
		await r.press(KEY.up + KEY.enter);
		await r.waitFor((f) => f.includes('Saved:'));
		await r.unmount();

		const again = await render(<App services={services} />);
		expect(again.frame()).toMatch(/Resume contoso-ise.*1 decision/);
		await again.press(KEY.enter);
		await again.waitFor(stepIs(7));
		const frame = again.frame();
		expect(frame).toMatch(/1\/\d+ resolved/);
		// The highlighted row is the one left highlighted (the third), with its card shown.
		const findings = analyze(contosoInventory());
		expect(frame).toContain(findings[2]!.title.slice(0, 30));
		await again.unmount();
	});

	it('Down+Enter in one chunk picks the right item in every select: start menu, finding list, options', async () => {
		const {services, store} = await setup();
		// A saved session makes the start menu begin on "Resume"; Down+Enter must reach "Sign in to Azure".
		store.open({source: {kind: 'demo'}, iseId: contosoInventory().ise.id, iseName: 'contoso-ise', fingerprint: 'x'});
		const r = await render(<App services={{...services, azureNote: 'not in this test'}} />);
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes('not in this test') && f.includes('step 1 of 9'));
		await r.press(KEY.down + KEY.down);
		await r.press(KEY.enter);
		await r.waitFor(stepIs(2));
		await r.press(KEY.enter, 'n', 'n', 'n', 'n');
		await r.waitFor(stepIs(7));
		const findings = analyze(contosoInventory());
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes(`${findings[1]!.title}: choose an option`));
		const second = findings[1]!;
		const inForce = second.options.findIndex((o) => o.id === second.recommended);
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes('Saved:'));
		const sessionId = store.list()[0]!.id;
		expect(store.get(sessionId)!.decisions[second.id]?.optionId).toBe(second.options[Math.min(inForce + 1, second.options.length - 1)]!.id);
		await r.unmount();
	});
});

describe('the resolve step', () => {
	it('u shows only undecided findings, and a decided one drops out of that view', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		const findings = analyze(contosoInventory());
		await r.press('u');
		await r.waitFor((f) => f.includes('show all'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('choose an option'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes(`Saved: ${findings[0]!.title}`));
		// The decided blocker is gone from the list; the next finding is under the cursor.
		const frame = r.frame();
		expect(frame).toContain(findings[1]!.title.slice(0, 30));
		const listRows = frame.split('\n').filter((l) => l.includes(findings[0]!.title.slice(0, 30)) && !l.includes('Saved:'));
		expect(listRows).toEqual([]);
		await r.unmount();
	});
});
