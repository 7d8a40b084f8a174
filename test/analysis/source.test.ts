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
		// Two gaps in one file are told apart in the list by their titles, which say what the gap is.
		expect(findings[0]!.title).toBe('templates/orders.json: Unresolved ARM expression in $connections');
		expect(findings[1]!.title).toBe('templates/orders.json: Unknown resource type Microsoft.Foo/bars');
		expect(findings[2]!.detail).not.toMatch(/\.\./);
	});

	it('clips a long gap in its title, never in its detail', () => {
		const message = `parameter 'storageName' has no value (no defaultValue and no parameters file); its name stands in for the value`;
		const [f] = sourceFindings(inventory({issues: [{where: 'a/b/c/site.json', message}]}));
		expect(f!.title).toMatch(/^…\/c\/site\.json: parameter 'storageName' has no value .*…$/);
		expect(f!.title.length).toBeLessThan(100);
		expect(f!.detail).toContain(message);
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
