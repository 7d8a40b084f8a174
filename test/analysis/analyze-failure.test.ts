// A rule family that fails outright must not take analyze() down with it.
import {describe, expect, it, vi} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {inventory, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

vi.mock('../../source/analysis/rules/cmk.js', () => ({
	cmkFindings: () => {
		throw new Error('vault lookup exploded');
	},
}));

describe('analyze with a failing rule family', () => {
	it('reports the family as not run and keeps every other finding', () => {
		const findings = analyze(inventory({workflows: [workflow('a'), workflow('b')]}));
		expectWellFormed(findings);
		const failed = findings.find((f) => f.id === 'cmk:ise-prod:failed');
		expect(failed?.severity).toBe('warning');
		expect(failed?.area).toBe('security');
		expect(failed?.detail).toContain('vault lookup exploded');
		// Not blamed on any workflow: it fails without them too.
		expect(findings.some((f) => f.id.endsWith(':unreadable'))).toBe(false);
		expect(findings.some((f) => f.id === 'sku:ise-prod')).toBe(true);
		expect(findings.some((f) => f.id === 'endpoint:ise-prod')).toBe(true);
	});
});
