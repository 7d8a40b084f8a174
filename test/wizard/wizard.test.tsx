// The whole wizard on the bundled sample, driven by key presses under ink-testing-library, with the real store.
import {execFileSync} from 'node:child_process';
import {cp, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {App, type AppServices} from '../../source/app.js';
import {buildReview} from '../../source/model/index.js';
import {prepareMigration} from '../../source/migration/index.js';
import {loadDemo, realServices} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {CHECK_PROJECT, hasCorpus, itCorpus} from '../helpers/corpus.js';
import {KEY, render} from '../helpers/ink.js';
import {stepIs, tabTo} from '../helpers/wizard.js';

const temps: string[] = [];
afterEach(async () => {
	for (const t of temps.splice(0)) await rm(t, {recursive: true, force: true});
});

/** The project the walk below wrote, for the corpus check after it. */
let walked: string | undefined;

async function setup(): Promise<{services: AppServices; cwd: string; store: SessionStore}> {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-wizard-'));
	temps.push(cwd);
	const store = new SessionStore({cwd: path.join(cwd, '.config')});
	return {services: realServices({store, cwd}), cwd, store};
}

const sample = prepareMigration(loadDemo());
/** The Resolve list as the model orders it: every top-level row. */
const resolveItems = buildReview(sample.findings, {}).items;

/** The wizard on the sample, on Resolve. */
async function sampleAtResolve(services: AppServices) {
	const r = await render(<App services={services} initial={{kind: 'demo'}} />);
	await r.waitFor(stepIs(2));
	await r.press(KEY.enter);
	await r.waitFor(stepIs(3));
	await tabTo(r, 7);
	return r;
}

describe('the wizard on the sample ISE', () => {
	it('walks from the start screen to generated files, saving decisions on the way', async () => {
		const {services, cwd, store} = await setup();
		const r = await render(<App services={services} />);
		// With nothing saved, the sample is highlighted: Enter opens it.
		await r.waitFor((f) => f.includes('Use the bundled sample ISE'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('contoso-ise') && stepIs(2)(f));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(3));
		expect(r.frame()).toMatch(/Premium, 2 extra scale units/);
		await r.press(KEY.tab);
		await r.waitFor(stepIs(4));
		expect(r.frame()).toContain('Internal');
		// The webhook blocker is open on this step: leaving asks first.
		await r.press(KEY.tab);
		await r.waitFor((f) => f.includes('1 blocker is still open on this step'));
		await r.press('y');
		await r.waitFor(stepIs(5));
		await r.press(KEY.tab);
		await r.waitFor(stepIs(6));
		// Keyboard-driven connector review: keep the highlighted connector managed with one key.
		const sessionId = store.list()[0]!.id;
		await r.press('m');
		await r.waitFor((f) => f.includes('Saved:'));
		expect(Object.values(store.get(sessionId)!.decisions).map((d) => d.optionId)).toEqual(['managed']);
		await r.press(KEY.tab);
		await r.waitFor(stepIs(7));
		// Resolve: blockers first; decide the first with its second option.
		const first = resolveItems[0]!;
		expect(first.type === 'finding' && first.finding.severity).toBe('blocker');
		if (first.type !== 'finding') throw new Error('expected a finding');
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option'));
		const inForce = first.finding.options.findIndex((o) => o.id === first.finding.recommended);
		const target = first.finding.options[Math.min(inForce + 1, first.finding.options.length - 1)]!;
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes(`Saved: ${first.finding.title}`));
		expect(store.get(sessionId)!.decisions[first.finding.id]?.optionId).toBe(target.id);
		await r.press(KEY.tab);
		await r.waitFor((f) => f.includes('(y/n)'));
		await r.press('y');
		await r.waitFor(stepIs(8));
		// Generate lists the blocker still open before anything else.
		expect(r.frame()).toMatch(/1 blocker is still undecided/);
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
		if (hasCorpus) {
			// Kept past this test's clean-up for the corpus check below.
			walked = await mkdtemp(path.join(os.tmpdir(), 'ise-wizard-walked-'));
			await cp(out, walked, {recursive: true});
		}
		const report = JSON.parse(await readFile(path.join(out, 'migration/report.json'), 'utf8'));
		expect(report.findings.find((f: {id: string}) => f.id === first.finding.id)).toMatchObject({option: target.id, decidedBy: 'admin'});
		expect(store.get(sessionId)!.outDir).toBe(out);
	});

	itCorpus('the project the walk wrote passes check-project', async () => {
		expect(walked, 'the test above writes it').toBeDefined();
		try {
			expect(JSON.parse(execFileSync(process.execPath, [CHECK_PROJECT, walked!], {encoding: 'utf8'})).defects).toEqual([]);
		} finally {
			await rm(walked!, {recursive: true, force: true});
		}
	});

	it('resumes a saved session on the same step, the same finding, with the same filter', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		await r.press('u');
		await r.waitFor((f) => f.includes('showing undecided'));
		await r.press(KEY.down, KEY.down);
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Saved:'));
		// The highlighted row now (the queue moved on): resume must land here.
		const highlighted = r.frame().split('\n').find((l) => l.includes('❯'))!;
		await r.press('q');
		await r.unmount();

		const again = await render(<App services={services} />);
		await again.waitFor((f) => /Resume contoso-ise.*1 decision/.test(f));
		await again.press(KEY.enter);
		await again.waitFor(stepIs(7));
		const frame = again.frame();
		expect(frame).toMatch(/1\/\d+ resolved/);
		expect(frame).toContain('showing undecided');
		expect(frame.split('\n').find((l) => l.includes('❯'))).toBe(highlighted);
		await again.unmount();
	});

	it('Down+Enter in one chunk picks the right item in every list: start menu, finding list, options', async () => {
		const {services, store} = await setup();
		// A saved session makes the start menu begin on "Resume"; Down+Enter must reach "Sign in to Azure".
		store.open({source: {kind: 'demo'}, iseId: sample.inventory.ise.id, iseName: 'contoso-ise', fingerprint: 'x'});
		const r = await render(<App services={{...services, azureNote: 'not in this test'}} />);
		await r.waitFor((f) => f.includes('Resume contoso-ise'));
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes('not in this test') && f.includes('step 1 of 9'));
		await r.press(KEY.down + KEY.down);
		await r.press(KEY.enter);
		await r.waitFor(stepIs(2));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(3));
		await tabTo(r, 7);
		const second = resolveItems[1]!;
		if (second.type !== 'finding') throw new Error('expected a finding');
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option') && f.includes(second.finding.title.slice(0, 40)));
		const inForce = second.finding.options.findIndex((o) => o.id === second.finding.recommended);
		await r.press(KEY.down + KEY.enter);
		await r.waitFor((f) => f.includes('Saved:'));
		const sessionId = store.list()[0]!.id;
		expect(store.get(sessionId)!.decisions[second.finding.id]?.optionId).toBe(second.finding.options[Math.min(inForce + 1, second.finding.options.length - 1)]!.id);
		await r.unmount();
	});
});

describe('the resolve step', () => {
	it('shows groups as one row each; → opens one and a member can be decided on its own', async () => {
		const {services, store} = await setup();
		const r = await sampleAtResolve(services);
		const groupIndex = resolveItems.findIndex((i) => i.type === 'group' && i.members.some((m) => !m.closed));
		const group = resolveItems[groupIndex]!;
		if (group.type !== 'group') throw new Error('expected a group');
		expect(r.frame()).not.toContain(group.members[0]!.finding.title.slice(0, 40));
		for (let i = 0; i < groupIndex; i++) await r.press(KEY.down);
		const groupLine = (f: string) => f.split('\n').find((l) => l.includes(group.group.spec.title.slice(0, 30)))!;
		await r.waitFor((f) => groupLine(f)?.includes('❯'));
		expect(groupLine(r.frame())).toContain('▸ ');
		await r.press(KEY.right);
		// The row says it is open.
		await r.waitFor((f) => groupLine(f).includes('▾ '));
		await r.press(KEY.down);
		const member = group.members[0]!.finding;
		await r.waitFor((f) => f.split('\n').some((l) => l.includes('❯') && l.includes(member.title.slice(0, 30))));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Choose an option'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Saved:'));
		expect(store.get(store.list()[0]!.id)!.decisions[member.id]).toBeDefined();
		await r.unmount();
	});

	it('? lists every key of the screen from its key table, and any key closes it', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		await r.press('?');
		await r.waitFor((f) => f.includes('Keys on this screen'));
		const frame = r.frame();
		for (const text of ['next open', 'search', 'undo', 'accept all shown', '[C] confirmed', 'recommended']) expect(frame).toContain(text);
		await r.press('x');
		await r.waitFor((f) => !f.includes('Keys on this screen'));
		// The key that closed the help did nothing else.
		expect(r.frame()).not.toContain('Saved:');
		await r.unmount();
	});

	it('the card of a long finding scrolls with ] and [ instead of being cut off', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		await r.waitFor((f) => f.includes('more line'));
		const before = r.frame();
		await r.press(']');
		await r.waitFor((f) => f.includes('line') && f.includes('above'));
		expect(r.frame()).not.toBe(before);
		await r.press('[');
		await r.waitFor((f) => !f.includes('above'));
		await r.unmount();
	});
});

export {};

describe('search', () => {
	it('/ filters the Resolve list as you type, Enter keeps it, Esc on / clears it', async () => {
		const {services} = await setup();
		const r = await sampleAtResolve(services);
		const all = Number(/(\d+) rows/.exec(r.frame())![1]);
		await r.press('/');
		await r.waitFor((f) => f.includes('type to filter'));
		await r.press('sftp');
		// Each key narrows the list at once (rows that do not mention sftp in a name, workflow or connector go).
		await r.waitFor((f) => f.includes('/ sftp') && !f.includes('Customer-managed encryption key'));
		await r.press(KEY.enter);
		const kept = await r.waitFor((f) => f.includes('search "sftp"'));
		expect(Number(/(\d+) rows?/.exec(kept)![1])).toBeLessThan(all);
		expect(kept).toContain('SFTP-SSH');
		await r.press('/', KEY.escape);
		await r.waitFor((f) => f.includes(`${all} rows`));
		await r.unmount();
	});
});
