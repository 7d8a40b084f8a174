import {describe, expect, it} from 'vitest';
import {sourceFindings} from '../../source/analysis/rules/source.js';
import {inventory} from './builder.js';
import {expectWellFormed} from './shape.js';

describe('source rule', () => {
	it('turns each source issue into its own warning with an acknowledge option', () => {
		const issues = [
			{where: 'templates/orders.json', message: 'Unresolved ARM expression in $connections'},
			{where: 'templates/orders.json', message: 'Unknown resource type Microsoft.Foo/bars'},
			{where: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Logic/workflows/x', message: 'Access denied.'},
		];
		const findings = sourceFindings(inventory({issues}));
		expectWellFormed(findings);
		expect(findings).toHaveLength(3);
		expect(new Set(findings.map((f) => f.id)).size).toBe(3);
		for (const f of findings) {
			expect(f.kind).toBe('source');
			expect(f.area).toBe('workflows');
			expect(f.severity).toBe('warning');
			expect(f.options.map((o) => o.effects[0]?.type)).toEqual(['acknowledge']);
		}
		expect(findings[0]!.detail).toContain('Unresolved ARM expression');
		expect(findings[2]!.detail).not.toMatch(/\.\./);
	});

	it('keeps ids stable across runs', () => {
		const issues = [{where: 'a.json', message: 'broken'}];
		expect(sourceFindings(inventory({issues}))[0]!.id).toBe(sourceFindings(inventory({issues}))[0]!.id);
	});

	it('says nothing when the source read everything', () => {
		expect(sourceFindings(inventory())).toEqual([]);
		expect(sourceFindings(inventory({issues: []}))).toEqual([]);
	});
});
