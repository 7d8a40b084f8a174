// Honest sources: a template folder that does not say its region never gets a placeholder — the region comes from the
// templates when they resolve it, else from the admin (a value typed in the wizard, --location, a decisions file).
// A source with no ISE resource says so in the findings, the screens' facts and the documents, and asks for the
// hosting and the inbound access instead of inventing a Premium ISE without a key.
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {render} from 'ink-testing-library';
import {checkOptionValue, iseInferred, type FileSet} from '../../../source/model/index.js';
import {prepareMigration, previewProject} from '../../../source/migration/index.js';
import {loadFromPath} from '../../../source/sources/templates/load.js';
import {IseScreen} from '../../../source/screens/ise.js';
import {KeyFacts, NetworkFacts, SkuFacts} from '../../../source/screens/facts.js';
import {fileText} from '../../../source/model/fileset.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => fs.rm(d, {recursive: true, force: true}))));

async function folder(files: Record<string, unknown>): Promise<string> {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ise-migrate-src-'));
	dirs.push(root);
	for (const [rel, content] of Object.entries(files)) await fs.writeFile(path.join(root, rel), JSON.stringify(content, null, 2));
	return root;
}

const definition = {
	$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
	contentVersion: '1.0.0.0',
	triggers: {Every_hour: {type: 'Recurrence', recurrence: {frequency: 'Hour', interval: 1}}},
	actions: {Call: {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: 'https://api.partner.example/orders'}}},
	outputs: {},
};

/** A template that deploys one workflow to `location` (an expression resolving nowhere when it is `[resourceGroup().location]`). */
const template = (location: string) => ({
	$schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
	contentVersion: '1.0.0.0',
	resources: [{type: 'Microsoft.Logic/workflows', apiVersion: '2019-05-01', name: 'orders', location, properties: {definition}}],
});

async function open(files: Record<string, unknown>) {
	const {inventory} = await loadFromPath(await folder(files));
	return prepareMigration({inventory, source: {kind: 'templates', path: 'templates'}});
}

const everything = (files: FileSet) => [...files.values()].map(fileText).join('\n');

describe('the region', () => {
	test('from the templates when they resolve it', async () => {
		const m = await open({'orders.json': template('northeurope')});
		expect(m.inventory.ise.location).toBe('northeurope');
		expect(m.findings.some((f) => f.id.endsWith(':region'))).toBe(false);
		const p = previewProject(m, {}, {toolVersion: 'test'});
		expect(JSON.parse(p.files.get('infra/azuredeploy.json')!).parameters.location.defaultValue).toBe('northeurope');
	});

	test('never a placeholder: a blocker that takes the region as its value, and every file uses what was given', async () => {
		for (const files of [{'orders.json': template('[resourceGroup().location]')}, {'orders.json': definition}]) {
			const m = await open(files);
			expect(m.inventory.ise.location).toBe('');
			const f = m.findings.find((x) => x.id.endsWith(':region'))!;
			expect(f.severity).toBe('blocker');
			const option = f.options[0]!;
			expect(option.input?.kind).toBe('azure-region');
			const undecided = previewProject(m, {}, {toolVersion: 'test'});
			expect(everything(undecided.files)).not.toContain('unknown-location');
			expect(undecided.files.get('migration/networking.md')).not.toMatch(/<Region>|unknown-location/);
			expect(undecided.unresolved.map((u) => u.id)).toContain(f.id);
			expect(JSON.parse(undecided.files.get('infra/azuredeploy.json')!).parameters.location.defaultValue).toBe('[resourceGroup().location]');
			expect(JSON.parse(undecided.files.get('infra/azuredeploy.parameters.json')!).parameters.location).toBeUndefined();

			const decided = previewProject(m, {[f.id]: {findingId: f.id, optionId: option.id, value: 'swedencentral', decidedAt: '2026-12-01T00:00:00.000Z'}}, {toolVersion: 'test'});
			expect(JSON.parse(decided.files.get('infra/azuredeploy.parameters.json')!).parameters.location.value).toBe('swedencentral');
			expect(JSON.parse(decided.files.get('local.settings.json')!).Values.WORKFLOWS_LOCATION_NAME).toBe('swedencentral');
			expect(decided.files.get('migration/networking.md')).toContain('AzureConnectors.SwedenCentral');
			expect(decided.files.get('infra/README.md')).toContain('az group create --name <resource-group> --location swedencentral');
			expect(everything(decided.files)).not.toContain('unknown-location');
		}
	});

	test('the value is a region name: display names are taken, anything else is refused with an example', () => {
		const input = {kind: 'azure-region' as const, prompt: 'Azure region', example: 'westeurope'};
		expect(checkOptionValue(input, 'West Europe')).toEqual({ok: true, value: 'westeurope'});
		expect(checkOptionValue(input, 'usgovvirginia')).toEqual({ok: true, value: 'usgovvirginia'});
		expect(checkOptionValue(input, 'unknown-location; rm -rf /')).toMatchObject({ok: false, message: expect.stringMatching(/not an Azure region name: letters and digits only, e\.g\. westeurope/)});
		expect(checkOptionValue(input, '')).toMatchObject({ok: false});
	});
});

describe('a source without an ISE resource', () => {
	const load = () => open({'orders.json': template('westeurope')});

	test('is marked as such, and the findings ask instead of assuming a Premium ISE', async () => {
		const m = await load();
		expect(iseInferred(m.inventory.ise)).toBe('no ISE in the files');
		const sku = m.findings.find((f) => f.kind === 'sku')!;
		expect(sku.detail).toMatch(/The source holds no ISE resource .*nothing says how large it was/);
		expect(sku.detail).not.toMatch(/is a Premium ISE|treated as Premium/);
		expect(m.findings.find((f) => f.kind === 'endpoint')!.detail).toMatch(/The source holds no ISE resource, so nothing says whether its workflows could be called from the internet/);
	});

	test('the ISE screen and the facts panels say so instead of showing made-up facts', async () => {
		const m = await load();
		const screen = render(
			<IseScreen inventory={m.inventory} progress={{decided: 0, total: 3, blockersOpen: 0}} findingCounts={{blocker: 0, warning: 2, info: 1}} connectors={[]} onNext={() => {}} onBack={() => {}} onQuit={() => {}} />,
		);
		// The frame wraps at the terminal's width: read it as one line.
		const frame = screen.lastFrame()!.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
		expect(frame).toMatch(/No ISE resource in the source/);
		expect(frame).toMatch(/hosting \(Sizing\) and inbound access \(Network\)/);
		expect(frame).not.toMatch(/SKU NotSpecified|Premium|customer-managed key: none/);
		screen.unmount();
		const p = previewProject(m, {}, {toolVersion: 'test'}).plan;
		const facts = [<SkuFacts inventory={m.inventory} plan={p} />, <NetworkFacts inventory={m.inventory} plan={p} />, <KeyFacts inventory={m.inventory} plan={p} />].map((el) => {
			const r = render(el);
			const text = r.lastFrame()!;
			r.unmount();
			return text;
		});
		expect(facts[0]).toMatch(/unknown: the source holds no ISE resource/);
		expect(facts[1]).toMatch(/Access endpoint\s+unknown: the source holds no ISE resource/);
		expect(facts[2]).toMatch(/whether it used a customer-managed key is unknown/);
	});

	test('the documents say so', async () => {
		const m = await load();
		const files = previewProject(m, {}, {toolVersion: 'test'}).files;
		expect(fileText(files.get('migration/report.md'))).toMatch(/## The source\n\n.* holds no ISE resource \(no ISE in the files\)\. What an ISE would say .* is unknown/);
		expect(fileText(files.get('migration/report.md'))).not.toMatch(/- SKU: NotSpecified/);
		expect(files.get('migration/networking.md')).toMatch(/The source holds no ISE resource \(no ISE in the files\)/);
		expect(files.get('infra/README.md')).toMatch(/\| no ISE in the source: size unknown \|/);
		expect(JSON.parse(fileText(files.get('migration/report.json'))).source).toMatchObject({iseResource: false, noIseBecause: 'no ISE in the files'});
	});
});
