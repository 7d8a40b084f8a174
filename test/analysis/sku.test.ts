import {describe, expect, it} from 'vitest';
import type {Effect, Finding} from '../../source/model/index.js';
import {checkOptionValue} from '../../source/model/index.js';
import {skuFindings} from '../../source/analysis/rules/sku.js';
import {conn, inventory, ise, optionOf, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

type Hosting = Extract<Effect, {type: 'hosting'}>;
type WsHosting = Extract<Hosting, {kind: 'ws'}>;
type AseHosting = Extract<Hosting, {kind: 'ase'}>;

function hostingOf(f: Finding, optionId: string): Hosting {
	const effect = optionOf(f, optionId).effects.find((e): e is Hosting => e.type === 'hosting');
	if (!effect) throw new Error(`option ${optionId} has no hosting effect`);
	return effect;
}

function wsOf(f: Finding, optionId: string): WsHosting {
	const h = hostingOf(f, optionId);
	if (h.kind !== 'ws') throw new Error(`${optionId} is not Workflow Standard`);
	return h;
}

function aseOf(f: Finding, optionId: string): AseHosting {
	const h = hostingOf(f, optionId);
	if (h.kind !== 'ase') throw new Error(`${optionId} is not an App Service Environment`);
	return h;
}

function premium(capacity: number, over: Parameters<typeof ise>[0] = {}, workflows = [workflow('a')]): Finding {
	const [f] = skuFindings(inventory({ise: ise({sku: {name: 'Premium', capacity}, ...over}), workflows}));
	return f!;
}

/** A workflow writing to an on-premises file share through the File System connector. */
const fileShareWorkflow = () => workflow('archive-to-share', {}, {connections: [conn('filesystem', 'filesystem', 'ise')]});

describe('hosting rule: both families, sized from the ISE', () => {
	it('offers Workflow Standard and App Service Environment v3 (new, or existing by resource id) with their consequences', () => {
		const f = premium(2);
		expectWellFormed([f]);
		expect(f.area).toBe('sizing');
		expect(f.certainty).toBe('U');
		expect(f.options.map((o) => o.id)).toEqual(['lean', 'balanced', 'headroom', 'ase-new', 'ase-existing']);
		// What differs between the families, in the finding itself: isolation, cost, scaling, networking, connectors.
		for (const fact of [/shared multi-tenant compute/, /single-tenant compute injected into a subnet/, /per Isolated v2 instance with no stamp fee/, /scale out/, /VNet integration/, /File System built-in connector/]) {
			expect(f.detail).toMatch(fact);
		}
		expect(optionOf(f, 'ase-new').consequence).toMatch(/File System steps become built-in/);
		expect(optionOf(f, 'balanced').consequence).toMatch(/File System steps stay on the managed connector/);
		expect(`${f.title} ${f.detail}`).toMatch(/starting point to load-test/);
		// Only the existing-ASE option takes a value, and its example is one.
		expect(f.options.filter((o) => o.input).map((o) => o.id)).toEqual(['ase-existing']);
		const input = optionOf(f, 'ase-existing').input!;
		expect(checkOptionValue(input, input.example).ok).toBe(true);
		expect(aseOf(f, 'ase-existing').ase).toBe('existing');
		expect(aseOf(f, 'ase-new').ase).toBe('new');
	});

	it('sizes a Developer ISE as one WS1 instance (recommended, non-production) or one I1v2', () => {
		const inv = inventory({ise: ise({sku: {name: 'Developer', capacity: 0}}), workflows: [workflow('a'), workflow('b'), workflow('c')]});
		const [f] = skuFindings(inv);
		expect(f!.recommended).toBe('dev');
		expect(hostingOf(f!, 'dev')).toEqual({type: 'hosting', kind: 'ws', plan: 'WS1', instances: 1, apps: 1});
		expect(optionOf(f!, 'dev').label).toMatch(/non-production/i);
		expect(aseOf(f!, 'ase-new')).toMatchObject({plan: 'I1v2', instances: 1});
		expect(f!.detail).toContain('3 workflows');
	});

	it('sizes a base Premium unit as WS2 with one or two instances, or two I1v2 for the same vCPUs', () => {
		const f = premium(0);
		const h = wsOf(f, f.recommended);
		expect(h.plan).toBe('WS2');
		expect(h.instances).toBeGreaterThanOrEqual(1);
		expect(h.instances).toBeLessThanOrEqual(2);
		expect(h.apps).toBe(1);
		expect(aseOf(f, 'ase-new')).toMatchObject({plan: 'I1v2', instances: 2});
		expect(f.options.every((o) => o.effects.every((e) => e.type === 'hosting'))).toBe(true);
		expect(f.detail).toMatch(/4,000/);
	});

	it('grows both families with the scale units, the ASE by size rather than by apps', () => {
		const vcpu = {WS1: 1, WS2: 2, WS3: 4, I1v2: 2, I2v2: 4, I3v2: 8, I4v2: 16, I5v2: 32, I6v2: 64} as const;
		const wsTotal = (h: WsHosting) => h.instances * h.apps * vcpu[h.plan];
		const aseTotal = (h: AseHosting) => h.instances * vcpu[h.plan];
		const findings = Array.from({length: 11}, (_, units) => premium(units));
		for (let i = 1; i < findings.length; i++) {
			expect(wsTotal(wsOf(findings[i]!, 'balanced'))).toBeGreaterThanOrEqual(wsTotal(wsOf(findings[i - 1]!, 'balanced')));
			expect(aseTotal(aseOf(findings[i]!, 'ase-new'))).toBeGreaterThanOrEqual(aseTotal(aseOf(findings[i - 1]!, 'ase-new')));
		}
		expect(wsTotal(wsOf(findings[10]!, 'balanced'))).toBeGreaterThan(wsTotal(wsOf(findings[0]!, 'balanced')) * 2);
		for (const f of findings) {
			const ase = aseOf(f, 'ase-new');
			expect(ase.instances).toBeGreaterThanOrEqual(2);
			expect(ase.instances).toBeLessThanOrEqual(4);
		}
		expect(aseOf(findings[10]!, 'ase-new').plan).toBe('I3v2');
		expect(['WS2', 'WS3']).toContain(wsOf(findings[3]!, 'balanced').plan);
		expect(findings[10]!.detail).toMatch(/24,000/);
	});

	it('mentions a single workflow in the singular', () => {
		const [f] = skuFindings(inventory({workflows: [workflow('only')]}));
		expect(f!.detail).toMatch(/\b1 workflow\b(?!s)/);
	});
});

describe('hosting rule: the recommendation follows the ISE\'s facts', () => {
	it('an Internal endpoint with on-premises file shares leans to a new ASE v3, and says why', () => {
		const f = premium(2, {accessEndpoint: 'Internal'}, [workflow('a'), fileShareWorkflow()]);
		expect(f.recommended).toBe('ase-new');
		expect(f.detail).toMatch(/Recommended: App Service Environment v3, because the ISE has an Internal endpoint and archive-to-share uses on-premises file shares/);
	});

	it('an Internal endpoint with a compliance tag leans to ASE v3', () => {
		const f = premium(1, {accessEndpoint: 'Internal', tags: {dataClassification: 'Confidential', owner: 'x'}});
		expect(f.recommended).toBe('ase-new');
		expect(f.detail).toContain('dataClassification=Confidential');
	});

	it('without those facts, or with an External endpoint, Workflow Standard stays the recommendation and the reasons are named', () => {
		expect(premium(1, {accessEndpoint: 'Internal', tags: {environment: 'production'}}).recommended).toBe('balanced');
		const external = premium(1, {accessEndpoint: 'External'}, [fileShareWorkflow()]);
		expect(external.recommended).toBe('balanced');
		expect(external.detail).toMatch(/archive-to-share uses on-premises file shares \(File System\): weigh ASE v3/);
	});

	it('file shares are seen through a connection whose apiId a template wrote as an ARM expression', () => {
		const templated = workflow('archive-from-template', {}, {
			connections: [
				{
					...conn('filesystem', 'filesystem'),
					apiId: "[concat(subscription().id, '/providers/Microsoft.Web/locations/', parameters('location'), '/managedApis/filesystem')]",
				},
			],
		});
		const f = premium(2, {accessEndpoint: 'Internal'}, [workflow('a'), templated]);
		expect(f.recommended).toBe('ase-new');
		expect(f.detail).toMatch(/archive-from-template uses on-premises file shares/);
	});

	it('a Developer ISE leans to WS1 even with file shares', () => {
		const [f] = skuFindings(inventory({ise: ise({sku: {name: 'Developer', capacity: 0}, accessEndpoint: 'Internal'}), workflows: [fileShareWorkflow()]}));
		expect(f!.recommended).toBe('dev');
	});
});
