// A finding made with deferred texts (per step or per workflow, thousands at scale) must read exactly like one made
// with plain fields wherever it is read: the card, the report, JSON, a copy.
import {describe, expect, test} from 'vitest';
import {makeFinding, type FindingTexts} from '../../source/analysis/finding.js';
import type {Finding} from '../../source/model/index.js';

const base = {
	kind: 'connector',
	severity: 'info',
	certainty: 'S',
	subject: {type: 'connector', key: 'sql@orders', name: 'SQL Server in orders'},
	title: 'SQL Server in orders only',
	workflows: ['orders'],
	recommended: 'inherit',
} as const;

const texts: FindingTexts = {detail: 'orders uses SQL Server in 2 steps.', consequences: {inherit: 'Follows the SQL Server choice.', builtin: 'Both steps become built-in.'}};

function pair(): {eager: Finding; deferred: Finding; calls: () => number} {
	let calls = 0;
	const eager = makeFinding({
		...base,
		detail: texts.detail,
		options: [
			{id: 'inherit', label: 'Follow the SQL Server choice', consequence: texts.consequences.inherit!, effects: [{type: 'acknowledge'}]},
			{id: 'builtin', label: 'Built-in SQL Server in orders', consequence: texts.consequences.builtin!, effects: [{type: 'connector', api: 'sql', target: 'builtin', workflow: 'orders'}]},
		],
	});
	const deferred = makeFinding({
		...base,
		options: [
			{id: 'inherit', label: 'Follow the SQL Server choice', effects: [{type: 'acknowledge'}]},
			{id: 'builtin', label: 'Built-in SQL Server in orders', effects: [{type: 'connector', api: 'sql', target: 'builtin', workflow: 'orders'}]},
		],
		texts: () => {
			calls++;
			return texts;
		},
	});
	return {eager, deferred, calls: () => calls};
}

describe('a finding with deferred texts', () => {
	test('reads like the same finding with plain fields: fields, JSON, a copy, deep equality', () => {
		const {eager, deferred} = pair();
		expect(deferred.detail).toBe(texts.detail);
		expect(deferred.options.map((o) => o.consequence)).toEqual([texts.consequences.inherit, texts.consequences.builtin]);
		expect(JSON.parse(JSON.stringify(deferred))).toEqual(JSON.parse(JSON.stringify(eager)));
		expect({...deferred, options: deferred.options.map((o) => ({...o}))}).toEqual(eager);
		expect(deferred).toEqual(eager);
		const defined = (f: Finding) => Object.entries(f).filter(([, v]) => v !== undefined).map(([k]) => k).sort();
		expect(defined(deferred)).toEqual(defined(eager));
	});

	test('writes its texts when read, once for a card that reads the detail and every consequence', () => {
		const {deferred, calls} = pair();
		expect(calls()).toBe(0);
		void [deferred.detail, ...deferred.options.map((o) => o.consequence)];
		expect(calls()).toBe(1);
		// Another finding read in between: the texts are written again, not kept.
		const other = pair().deferred;
		void other.detail;
		void deferred.detail;
		expect(calls()).toBe(2);
	});
});

test("every finding of the sample says why it matters and what each option does (deferred or not)", async () => {
	const {analyze} = await import('../../source/analysis/index.js');
	const {contosoInventory} = await import('../../source/sources/demo/contoso.js');
	const findings = analyze(contosoInventory());
	const silent = findings.flatMap((f) => [
		...(f.detail.trim() === '' ? [`${f.id}: no detail`] : []),
		...f.options.filter((o) => o.consequence.trim() === '').map((o) => `${f.id} › ${o.id}: no consequence`),
	]);
	expect(silent).toEqual([]);
	// The deferred forms are among them: the per-workflow choices, the steps that cannot convert, the start-up.
	expect(findings.filter((f) => /@|:op:|:flow-state$/.test(f.id)).length).toBeGreaterThan(20);
});
