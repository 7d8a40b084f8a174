// A template folder that does not say its region: the ISE screen says there is no ISE and that the review asks for
// the region; the region is a blocker whose option takes the region as a value, typed in the wizard, validated, saved
// with the decision and written into the project.
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {realServices} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {KEY, render} from '../helpers/ink.js';
import {BARE_DEFINITION} from '../helpers/definitions.js';
import {tabTo, writeFromGenerate} from '../helpers/wizard.js';

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((d) => rm(d, {recursive: true, force: true}))));

it('asks for the region of a source that does not say it, refuses a malformed one, and writes the one typed', async () => {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-region-'));
	temps.push(cwd);
	await mkdir(path.join(cwd, 'templates'));
	await writeFile(path.join(cwd, 'templates/orders.json'), JSON.stringify(BARE_DEFINITION));
	const store = new SessionStore({cwd: path.join(cwd, '.config')});
	const r = await render(<App services={realServices({store, cwd})} initial={{kind: 'path', path: path.join(cwd, 'templates')}} />);
	await r.waitFor((f) => f.includes('step 2 of 9'));
	const ise = r.frame().replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
	expect(ise).toMatch(/region not in the source/);
	expect(ise).toMatch(/No ISE resource in the source/);
	expect(ise).toMatch(/inbound access \(Network\), and its region/);

	// The region is the one blocker: the resolve step lists it first.
	await tabTo(r, 7);
	await r.waitFor((f) => f.includes('The source does not say which Azure region to use'));
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('Choose an option'));
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('Azure region of the Standard app'));
	await r.press('west europe!', KEY.enter);
	await r.waitFor((f) => f.includes('is not an Azure region name'));
	const sessionId = store.list()[0]!.id;
	expect(Object.values(store.get(sessionId)!.decisions).filter((d) => d.value)).toEqual([]);
	await r.press(KEY.escape);
	await r.waitFor((f) => f.includes('Choose an option'));
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('Azure region of the Standard app'));
	await r.press('North Europe', KEY.enter);
	await r.waitFor((f) => f.includes('Saved:'));
	const decision = Object.values(store.get(sessionId)!.decisions).find((d) => d.findingId.endsWith(':region'))!;
	expect(decision).toMatchObject({optionId: 'region', value: 'northeurope'});

	await writeFromGenerate(r);
	await r.unmount();
	const out = path.join(cwd, (await readdir(cwd)).find((d) => d.endsWith('-standard'))!);
	expect(JSON.parse(await readFile(path.join(out, 'infra/azuredeploy.parameters.json'), 'utf8')).parameters.location.value).toBe('northeurope');
});
