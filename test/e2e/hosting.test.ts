// `generate` headless on the sample, both ways: the decisions file chooses the hosting (an existing ASE by its
// resource id, or a Workflow Standard plan), `--json` lists the options and which of them take a value, and a wrong
// or missing value is bad usage (exit 2) with the reason.
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CLI} from '../helpers/tmux.js';

const ASE_ID = '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg-network/providers/Microsoft.Web/hostingEnvironments/ase-shared';
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((d) => rm(d, {recursive: true, force: true}))));

async function generate(decisions?: unknown) {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-hosting-cli-'));
	temps.push(dir);
	const args = ['generate', '--demo', '--out', 'out', '--json', '--allow-unresolved'];
	if (decisions !== undefined) {
		await writeFile(path.join(dir, 'decisions.json'), JSON.stringify(decisions));
		args.push('--decisions', 'decisions.json');
	}
	const r = spawnSync(process.execPath, [CLI, ...args], {cwd: dir, encoding: 'utf8', input: '', env: {...process.env, ISE_MIGRATE_CONFIG_DIR: path.join(dir, '.config'), CI: ''}});
	const read = (file: string) => readFile(path.join(dir, 'out', file), 'utf8');
	return {...r, read, json: () => JSON.parse(r.stdout)};
}

const types = (template: {resources: {type: string}[]}) => template.resources.map((x) => x.type);
const archiveStep = async (read: (f: string) => Promise<string>) => JSON.parse(await read('daily-sales-report/workflow.json')).definition.actions.Archive_CSV_on_finance_share;

describe('hosting, headless', () => {
	it('by default (the recommendation) the sample goes to a new internal ASE v3: Isolated v2 plan, ASE subnet, File System built-in', async () => {
		const r = await generate();
		expect(r.status, r.stderr).toBe(0);
		const out = r.json();
		expect(out.hosting).toMatchObject({kind: 'ase', plan: 'I2v2', ase: {source: 'new', name: 'contoso-ase', internal: true}});
		const sku = out.findings.ids.find((f: {id: string}) => f.id === 'sku:contoso-ise');
		expect(sku).toMatchObject({recommended: 'ase-new', options: ['lean', 'balanced', 'headroom', 'ase-new', 'ase-existing']});
		expect(sku.values['ase-existing']).toMatchObject({kind: 'ase-resource-id'});
		const template = JSON.parse(await r.read('infra/azuredeploy.json'));
		expect(types(template)).toEqual(expect.arrayContaining(['Microsoft.Web/hostingEnvironments', 'Microsoft.Network/networkSecurityGroups', 'Microsoft.Network/privateDnsZones/A']));
		const site = template.resources.find((x: {type: string}) => x.type === 'Microsoft.Web/sites');
		expect(site.properties.virtualNetworkSubnetId).toBeUndefined();
		expect(template.resources.find((x: {type: string}) => x.type === 'Microsoft.Web/serverfarms').sku.tier).toBe('IsolatedV2');
		const guide = await r.read('migration/networking.md');
		expect(guide).toMatch(/ASE subnet \| `10\.100\.0\.0\/24` \(\/24\), empty, delegated to `Microsoft\.Web\/hostingEnvironments`/);
		expect((await archiveStep(r.read)).type).toBe('ServiceProvider');
		expect(await r.read('migration/cutover.md')).toMatch(/Create the App Service Environment v3 contoso-ase/);
	});

	it('a decisions file places the app in an existing ASE by its resource id', async () => {
		const r = await generate({'sku:contoso-ise': {optionId: 'ase-existing', value: ASE_ID, note: 'the shared integration ASE'}});
		expect(r.status, r.stderr).toBe(0);
		expect(r.json().hosting).toMatchObject({kind: 'ase', ase: {source: 'existing', id: ASE_ID}});
		const template = JSON.parse(await r.read('infra/azuredeploy.json'));
		expect(template.parameters.aseResourceId.defaultValue).toBe(ASE_ID);
		expect(types(template)).not.toContain('Microsoft.Web/hostingEnvironments');
		const report = JSON.parse(await r.read('migration/report.json'));
		expect(report.findings.find((f: {id: string}) => f.id === 'sku:contoso-ise')).toMatchObject({option: 'ase-existing', decidedBy: 'admin', note: 'the shared integration ASE'});
		expect(report.plan.hosting.ase.id).toBe(ASE_ID);
	});

	it('one decision flips it to Workflow Standard: VNet integration as before, File System stays managed with the reason', async () => {
		const r = await generate({'sku:contoso-ise': 'balanced'});
		expect(r.status, r.stderr).toBe(0);
		const template = JSON.parse(await r.read('infra/azuredeploy.json'));
		expect(types(template)).not.toContain('Microsoft.Web/hostingEnvironments');
		expect(template.resources.find((x: {type: string}) => x.type === 'Microsoft.Web/serverfarms').sku.tier).toBe('WorkflowStandard');
		expect(template.resources.find((x: {type: string}) => x.type === 'Microsoft.Web/sites').properties.virtualNetworkSubnetId).toBeDefined();
		expect((await archiveStep(r.read)).type).toBe('ApiConnection');
		expect(await r.read('migration/report.md')).toMatch(/Archive_CSV_on_finance_share`: stays on the managed 'filesystem' connector: the built-in File System connector runs only on App Service Environment v3/);
	});

	it('a missing, wrong or unexpected value is bad usage that says what to give', async () => {
		// With --json the error is JSON on stdout: {"error": {"code": "usage", "message": …}}.
		const usage = (r: {json: () => {error: {code: string; message: string}}}) => {
			const {error} = r.json();
			expect(error.code).toBe('usage');
			return error.message;
		};
		const missing = await generate({'sku:contoso-ise': 'ase-existing'});
		expect(missing.status).toBe(2);
		expect(usage(missing)).toMatch(/'sku:contoso-ise' → 'ase-existing' needs a value \(Resource id of the App Service Environment v3\): \{"optionId": "ase-existing", "value": "\/subscriptions\//);
		const wrong = await generate({'sku:contoso-ise': {optionId: 'ase-existing', value: '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg/providers/Microsoft.Web/serverfarms/plan'}});
		expect(wrong.status).toBe(2);
		expect(usage(wrong)).toMatch(/that is a Microsoft\.Web\/serverfarms id, not an App Service Environment's/);
		const unexpected = await generate({'sku:contoso-ise': {optionId: 'balanced', value: ASE_ID}});
		expect(unexpected.status).toBe(2);
		expect(usage(unexpected)).toMatch(/'balanced' takes no value/);
		for (const r of [missing, wrong, unexpected]) expect(`${r.stdout}${r.stderr}`).not.toMatch(/unexpected error|\n\s+at /);
	});
});
