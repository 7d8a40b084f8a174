import {describe, expect, it} from 'vitest';
import type {Effect, Finding} from '../../source/model/index.js';
import {skuFindings} from '../../source/analysis/rules/sku.js';
import {inventory, ise, optionOf, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

type Hosting = Extract<Effect, {type: 'hosting'}>;

function recommendedHosting(f: Finding): Hosting {
	const effect = optionOf(f, f.recommended).effects.find((e): e is Hosting => e.type === 'hosting');
	if (!effect) throw new Error('recommended option has no hosting effect');
	return effect;
}

function premium(capacity: number): Finding {
	const [f] = skuFindings(inventory({ise: ise({sku: {name: 'Premium', capacity}})}));
	return f!;
}

describe('sku rule', () => {
	it('sizes a Developer ISE as one WS1 instance, labelled non-production', () => {
		const inv = inventory({
			ise: ise({sku: {name: 'Developer', capacity: 0}}),
			workflows: [workflow('a'), workflow('b'), workflow('c')],
		});
		const findings = skuFindings(inv);
		expectWellFormed(findings);
		expect(findings).toHaveLength(1);
		const f = findings[0]!;
		expect(f.area).toBe('sizing');
		expect(f.certainty).toBe('U');
		expect(recommendedHosting(f)).toEqual({type: 'hosting', plan: 'WS1', instances: 1, apps: 1});
		expect(optionOf(f, f.recommended).label).toMatch(/non-production/i);
		expect(f.detail).toContain('3 workflows');
		expect(`${f.title} ${f.detail}`).toMatch(/starting point to load-test/);
	});

	it('sizes a base Premium unit as WS2 with one or two instances', () => {
		const f = premium(0);
		expectWellFormed([f]);
		const h = recommendedHosting(f);
		expect(h.plan).toBe('WS2');
		expect(h.instances).toBeGreaterThanOrEqual(1);
		expect(h.instances).toBeLessThanOrEqual(2);
		expect(h.apps).toBe(1);
		expect(f.options.every((o) => o.effects.every((e) => e.type === 'hosting'))).toBe(true);
		expect(f.detail).toMatch(/4,000/);
	});

	it('grows the recommended sizing with the scale units', () => {
		const total = (h: Hosting) => h.instances * h.apps * (h.plan === 'WS3' ? 2 : h.plan === 'WS2' ? 1 : 0.5);
		const sizes = Array.from({length: 11}, (_, units) => recommendedHosting(premium(units)));
		for (let i = 1; i < sizes.length; i++) expect(total(sizes[i]!)).toBeGreaterThanOrEqual(total(sizes[i - 1]!));
		expect(total(sizes[10]!)).toBeGreaterThan(total(sizes[0]!) * 2);
		expect(['WS2', 'WS3']).toContain(sizes[3]!.plan);
		expect(premium(10).detail).toMatch(/24,000/);
	});

	it('mentions a single workflow in the singular', () => {
		const [f] = skuFindings(inventory({workflows: [workflow('only')]}));
		expect(f!.detail).toMatch(/\b1 workflow\b(?!s)/);
	});
});
