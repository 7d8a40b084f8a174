// The report explains every finding: why it matters, the option in force and its consequence, who decided it (the
// admin, by accepting a screen's recommendations, for a whole group, headless generate, or nobody), the admin's note
// and the certainty; questions that did not arise say why; blockers and required actions come first; every workflow
// has a row of what converted and what is left. report.json carries the same.
import {describe, expect, test} from 'vitest';
import {cutoverMarkdown} from '../../../source/generate/cutover.js';
import {infraTemplate} from '../../../source/generate/infra.js';
import {reportMarkdown} from '../../../source/generate/report.js';
import {groupDecisionId} from '../../../source/model/decisions.js';
import {fileText, type Decisions} from '../../../source/model/index.js';
import {sample, TIME} from './sample.js';

const flat = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

describe('who decided, and why', () => {
	const base = sample();
	const ids = base.migration.findings.map((f) => f.id);
	const groupKey = base.migration.findings.find((f) => f.id.endsWith(':outside-network'))!.group!.key;
	const extra: Decisions = {
		'sku:contoso-ise': {findingId: 'sku:contoso-ise', optionId: 'ase-new', decidedAt: TIME, note: 'ASE for the file shares, agreed with networking'},
		'cmk:contoso-ise': {findingId: 'cmk:contoso-ise', optionId: 'storage-cmk', decidedAt: TIME, by: 'accepted'},
		'outbound-ip:contoso-ise': {findingId: 'outbound-ip:contoso-ise', optionId: 'nat', decidedAt: TIME, by: 'recommended'},
		'subnets:contoso-ise': {findingId: 'subnets:contoso-ise', optionId: 'an-option-that-is-gone', decidedAt: TIME},
		[groupDecisionId(groupKey)]: {findingId: groupDecisionId(groupKey), optionId: 'public', decidedAt: TIME},
	};
	const s = sample(undefined, undefined, extra);
	const json = JSON.parse(s.file('migration/report.json'));
	const md = s.file('migration/report.md');
	const byId = (id: string) => json.findings.find((f: {id: string}) => f.id === id);
	const block = (id: string) => {
		const start = md.indexOf(`\`${id}\` ·`);
		return md.slice(start, md.indexOf('\n#', start));
	};

	test('the admin, with the note', () => {
		expect(byId('sku:contoso-ise')).toMatchObject({decidedBy: 'admin', option: 'ase-new', note: 'ASE for the file shares, agreed with networking', status: 'decided'});
		expect(block('sku:contoso-ise')).toMatch(/- \*\*Decided by:\*\* the admin\n- \*\*Admin's note:\*\* ASE for the file shares, agreed with networking/);
	});

	test('accepted in one go, taken by headless generate, decided for a group, stale, open', () => {
		expect(byId('cmk:contoso-ise').decidedBy).toBe('accepted');
		expect(block('cmk:contoso-ise')).toMatch(/accepting a screen's recommendations in one go/);
		expect(byId('outbound-ip:contoso-ise').decidedBy).toBe('recommended-by-headless');
		const member = json.findings.find((f: {id: string; group?: {key: string}}) => f.group?.key === groupKey && f.id.endsWith(':outside-network'));
		expect(member).toMatchObject({decidedBy: 'group', option: 'public', status: 'group'});
		expect(block(member.id)).toMatch(/the admin, for the whole group "Connections that no longer run inside your network"/);
		expect(byId('subnets:contoso-ise')).toMatchObject({decidedBy: 'default', status: 'stale'});
		expect(block('subnets:contoso-ise')).toMatch(/an earlier decision names an option this finding no longer offers/);
		expect(json.summary.decidedBy.default).toBeGreaterThan(10);
	});

	test('every finding that asked a question is explained once: why, the option and its consequence, certainty, follow-up', () => {
		for (const f of s.migration.findings) {
			const entry = byId(f.id);
			expect(entry.explanation).toBe(f.detail);
			expect(entry.certainty).toBe(f.certainty);
			if (entry.status === 'closed') continue;
			const text = block(f.id);
			expect(text, f.id).toContain(`**Why it matters.** ${flat(f.detail)}`);
			expect(text, f.id).toContain(flat(entry.consequence));
			expect(text, f.id).toMatch(/\[(C\] confirmed|S\] secondary source|U\] our inference — verify)/);
			expect(text, f.id).toMatch(/- \*\*Follow-up:\*\* /);
			expect(md.split(`\`${f.id}\` ·`).length - 1, f.id).toBe(1);
		}
		expect(ids.length).toBe(json.findings.length);
	});

	test('questions that did not arise are listed with why, and ask nothing', () => {
		const closed = json.findings.filter((f: {status: string}) => f.status === 'closed');
		expect(closed.length).toBeGreaterThan(0);
		const section = md.slice(md.indexOf('## Questions that did not arise'));
		for (const f of closed) {
			expect(f.closedBecause).toMatch(/so this question does not arise/);
			expect(f.followUps).toEqual([]);
			expect(section).toContain(`(\`${f.id}\`): ${flat(f.closedBecause)}`);
		}
	});
});

describe('blockers and required actions first', () => {
	test('an unresolved blocker leads the report, marked UNRESOLVED, and heads the required actions', () => {
		const s = sample();
		const md = s.file('migration/report.md');
		const order = ['## Blockers', '## Required actions', '## Workflows', '## Decisions'].map((h) => md.indexOf(h));
		expect(order).toEqual([...order].sort((a, b) => a - b));
		expect(order[0]).toBeGreaterThan(0);
		const blockers = md.slice(order[0]!, order[1]);
		expect(blockers).toMatch(/#### BLOCKER: Webhook triggers need public inbound access[\s\S]*\*\*UNRESOLVED\*\*/);
		expect(md.slice(order[1]!, order[2])).toMatch(/^1\. Decide the blocker "/m);
		expect(JSON.parse(s.file('migration/report.json')).requiredActions[0]).toMatchObject({severity: 'blocker', findingId: 'endpoint:contoso-ise:webhooks'});
	});
});

describe('the workflows', () => {
	const s = sample((f) => (f.id === 'connector:ftp' ? 'exclude' : f.id === 'workflow:customer-sync-erp:limits' ? 'exclude' : undefined));
	const json = JSON.parse(s.file('migration/report.json'));
	const md = s.file('migration/report.md');

	test('one row per workflow: deployed state, trigger, steps built-in / managed / left out / changed, what is left to do', () => {
		for (const w of json.workflows) {
			const row = md.split('\n').find((l) => l.startsWith(`| ${w.name} |`))!;
			if (!w.included) {
				expect(row).toMatch(/left out of the migration/);
				continue;
			}
			const cells = row.split('|').map((c) => c.trim());
			expect(cells.slice(5, 9).map(Number), w.name).toEqual([w.steps.builtin, w.steps.managed, w.steps.excluded, w.steps.changed]);
			expect(cells[3]).toBe('disabled');
			expect(cells[9]).toBe(w.leftToDo.length === 0 ? 'nothing' : `${w.leftToDo.length} task${w.leftToDo.length === 1 ? '' : 's'}`);
		}
	});

	test('a trigger left out (FTP excluded) is a task to rebuild, not a step that "still uses the managed connector"', () => {
		const w = json.workflows.find((x: {name: string}) => x.name === 'supplier-prices-ftp-to-blob');
		expect(w.trigger.kind).toBe('placeholder');
		expect(w.steps.excluded).toBeGreaterThan(0);
		expect(w.leftToDo.join(' ')).toMatch(/Rebuild its trigger/);
		for (const doc of ['migration/report.md', 'migration/cutover.md']) expect(s.file(doc)).not.toMatch(/still uses the managed FTP connector/);
	});
});

describe('the connections to authorise are the ones the template creates', () => {
	test('the report, the cut-over list and the template agree, also on connections the template leaves out', () => {
		const {plan} = sample().preview;
		const managedConnections = [
			{name: 'sql-orders', api: 'sql', kind: 'managed'},
			// The same Azure resource name written in another case, an API id nobody could read, a custom connector.
			{name: 'SQL-Orders', api: 'sql', kind: 'managed'},
			{name: 'odd-api', api: 'odd', kind: 'unknown'},
			{name: 'custom-erp', api: 'erp', kind: 'custom'},
		];
		const created = infraTemplate(plan, {managedConnections}).template.resources.filter((r) => r.type === 'Microsoft.Web/connections');
		expect(created).toHaveLength(1);
		const input = {plan, workflows: [], appSettings: [], managedConnections, toolVersion: 'test'};
		expect(fileText(reportMarkdown(input))).toMatch(/Authorise the 1 managed API connection after deployment\./);
		const authorise = fileText(cutoverMarkdown(input))
			.split('\n')
			.find((l) => l.includes('authorise each managed API connection the template creates'))!;
		expect(authorise).toMatch(/until it shows Connected: sql-orders \(sql\)\. The template/);
	});
});
