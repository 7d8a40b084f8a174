// The Sizing step offers both hosting families; choosing an existing App Service Environment v3 asks for its
// resource id, refuses one that is not, saves the id with the decision, and the written project is on that ASE.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {analyze} from '../../source/analysis/index.js';
import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {realServices} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {KEY, render} from '../helpers/ink.js';
import {tabTo, writeFromGenerate} from '../helpers/wizard.js';

const ASE_ID = '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg-network/providers/Microsoft.Web/hostingEnvironments/ase-shared';
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((d) => rm(d, {recursive: true, force: true}))));

async function atSizing() {
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-hosting-'));
	temps.push(cwd);
	const store = new SessionStore({cwd: path.join(cwd, '.config')});
	const r = await render(<App services={realServices({store, cwd})} />);
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('step 2 of 9'));
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('step 3 of 9'));
	return {r, store, cwd, sessionId: () => store.list()[0]!.id};
}

const hosting = analyze(contosoInventory()).find((f) => f.kind === 'sku')!;

/** Opens the hosting finding's options (the list starts on the recommendation) and chooses `optionId`. */
async function choose(r: Awaited<ReturnType<typeof render>>, optionId: string) {
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('Choose an option'));
	const from = hosting.options.findIndex((o) => o.id === hosting.recommended);
	const to = hosting.options.findIndex((o) => o.id === optionId);
	for (let i = 0; i < Math.abs(to - from); i++) await r.press(to > from ? KEY.down : KEY.up);
	await r.press(KEY.enter);
}

describe('hosting in the wizard', () => {
	it('shows both families on the Sizing step, with the sample leaning to a new internal ASE', async () => {
		const {r} = await atSizing();
		const frame = r.frame();
		expect(frame).toContain('Hosting: a Workflow Standard plan or an App Service Environment v3');
		expect(frame).toMatch(/Workflow Standard\s+WS1 1 vCPU\/3\.5 GB, WS2 2\/7 GB, WS3 4\/14 GB: shared, elastic/);
		expect(frame).toMatch(/ASE v3, Isolated v2\s+I1v2 2 vCPU\/8 GB … I6v2 64\/256 GB/);
		expect(frame).toMatch(/Hosting \(now\)\s+ASE v3 \(new contoso-ase, internal\), Isolated v2 I2v2 × 2 instances/);
		expect(hosting.recommended).toBe('ase-new');
		await r.unmount();
	});

	it('chooses an existing ASE by resource id: a wrong id is refused, the right one is saved and deployed to', async () => {
		const {r, store, cwd, sessionId} = await atSizing();
		await choose(r, 'ase-existing');
		await r.waitFor((f) => f.includes('Resource id of the App Service Environment v3'));
		// A VNet id is not an ASE id: the prompt says so and nothing is saved.
		await r.press('/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet', KEY.enter);
		await r.waitFor((f) => f.includes('that is a Microsoft.Network/virtualNetworks id'));
		expect(store.get(sessionId())!.decisions['sku:contoso-ise']).toBeUndefined();
		// Esc returns to the options, and choosing the option again starts an empty prompt.
		await r.press(KEY.escape);
		await r.waitFor((f) => f.includes('Choose an option'));
		await r.press(KEY.enter);
		await r.waitFor((f) => f.includes('Resource id of the App Service Environment v3'));
		await r.press(ASE_ID, KEY.enter);
		await r.waitFor((f) => f.includes('Saved: Hosting'));
		expect(store.get(sessionId())!.decisions['sku:contoso-ise']).toMatchObject({optionId: 'ase-existing', value: ASE_ID});
		expect(r.frame()).toMatch(/Hosting \(now\)\s+ASE v3 \(existing ase-shared, internal\)/);

		// Straight to Generate (past the other four steps, blockers left for the report) and write.
		await writeFromGenerate(r);
		await r.unmount();
		const out = path.join(cwd, 'contoso-ise-standard');
		const template = JSON.parse(await readFile(path.join(out, 'infra/azuredeploy.json'), 'utf8'));
		expect(template.parameters.aseResourceId.defaultValue).toBe(ASE_ID);
		expect(template.resources.map((x: {type: string}) => x.type)).not.toContain('Microsoft.Web/hostingEnvironments');
		const planResource = template.resources.find((x: {type: string}) => x.type === 'Microsoft.Web/serverfarms');
		expect(planResource.sku.tier).toBe('IsolatedV2');
		const workflow = JSON.parse(await readFile(path.join(out, 'daily-sales-report/workflow.json'), 'utf8'));
		expect(workflow.definition.actions.Archive_CSV_on_finance_share.type).toBe('ServiceProvider');
	});

	it('one decision flips the sample to a Workflow Standard plan', async () => {
		const {r, store, sessionId} = await atSizing();
		await choose(r, 'balanced');
		await r.waitFor((f) => f.includes('Saved: Hosting'));
		expect(store.get(sessionId())!.decisions['sku:contoso-ise']).toMatchObject({optionId: 'balanced'});
		expect(store.get(sessionId())!.decisions['sku:contoso-ise']!.value).toBeUndefined();
		expect(r.frame()).toMatch(/Hosting \(now\)\s+Workflow Standard WS3 × 2 instances, 1 app/);
		await r.unmount();
	});
});
