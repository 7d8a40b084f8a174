// The contract every finding keeps, whatever rule made it: the review screens and plan() rely on it.
import {expect} from 'vitest';
import type {Finding} from '../../source/model/index.js';

const AREAS = ['sizing', 'network', 'security', 'connectors', 'workflows'];

export function expectWellFormed(findings: readonly Finding[]): void {
	for (const f of findings) {
		const where = `finding ${f.id}`;
		expect(f.id.startsWith(`${f.kind}:${f.subject.key}`), `${where}: id is kind:subject`).toBe(true);
		expect(AREAS, where).toContain(f.area);
		expect(['blocker', 'warning', 'info'], where).toContain(f.severity);
		expect(['C', 'S', 'U'], where).toContain(f.certainty);
		expect(f.title.trim().length, `${where}: title`).toBeGreaterThan(0);
		expect(f.detail.trim().length, `${where}: detail`).toBeGreaterThan(20);
		expect(f.options.length, `${where}: options`).toBeGreaterThan(0);
		expect(f.options.map((o) => o.id), `${where}: recommended`).toContain(f.recommended);
		expect(new Set(f.options.map((o) => o.id)).size, `${where}: option ids unique`).toBe(f.options.length);
		for (const o of f.options) {
			expect(o.consequence.trim().length, `${where}/${o.id}: consequence`).toBeGreaterThan(10);
			expect(o.effects.length, `${where}/${o.id}: effects`).toBeGreaterThan(0);
		}
	}
}
