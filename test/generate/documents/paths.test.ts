// One truth about paths: every firewall, route or allow-list instruction in networking.md and cutover.md names only
// destinations whose calls really take that path (the app's egress, the region's AzureConnectors tag, the data
// gateway), and nothing left out of the migration appears in them at all. Checked on the sample under decisions that
// move destinations from one path to another.
import {describe, expect, test} from 'vitest';
import type {Finding} from '../../../source/model/index.js';
import {sample, type Pick, type Sample} from './sample.js';

interface ReachRow {
	connection: string;
	path: 'app' | 'service-tag' | 'gateway' | 'none';
	network: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The name as a whole token: `sql-contoso-orders` is not found inside `sql-contoso-orders-2`. */
const mentions = (line: string, name: string) => new RegExp(`(?<![\\w.-])${escape(name)}(?![\\w-])`).test(line);

function facts(s: Sample) {
	const report = JSON.parse(s.file('migration/report.json'));
	const rows = report.reach as ReachRow[];
	const paths = new Map<string, Set<string>>();
	for (const r of rows) paths.set(r.connection, (paths.get(r.connection) ?? new Set()).add(r.path));
	const leftOut = [...paths].filter(([, p]) => p.size === 1 && p.has('none')).map(([name]) => name);
	const excludedWorkflows = (report.workflows as {name: string; included: boolean}[]).filter((w) => !w.included).map((w) => w.name);
	return {paths, leftOut, excludedWorkflows, tag: report.paths.connectorTag as string, egress: report.paths.egress as {public: string; private: string}};
}

/** Every line of the two instruction documents that names a destination beside an instruction of one path. */
function contradictions(s: Sample): string[] {
	const {paths, tag, egress} = facts(s);
	const problems: string[] = [];
	for (const doc of ['migration/networking.md', 'migration/cutover.md']) {
		for (const line of s.file(doc).split('\n')) {
			const named = [...paths.keys()].filter((n) => mentions(line, n));
			if (named.length === 0) continue;
			const expect = (marker: boolean, path: string) => {
				if (!marker) return;
				for (const n of named) if (!paths.get(n)!.has(path)) problems.push(`${doc}: ${n} (${[...paths.get(n)!].join('/')}) beside a ${path} instruction: ${line.slice(0, 200)}`);
			};
			expect(line.includes(tag), 'service-tag');
			expect(line.includes(egress.public) || line.includes('natPublicIp'), 'app');
			expect(line.includes(egress.private), 'app');
			expect(/gatewayId_|through (the|an) on-premises data gateway/.test(line), 'gateway');
		}
	}
	return problems;
}

function leftOutMentions(s: Sample): string[] {
	const {leftOut, excludedWorkflows} = facts(s);
	const found: string[] = [];
	for (const doc of ['migration/networking.md', 'migration/cutover.md']) {
		for (const line of s.file(doc).split('\n')) for (const name of [...leftOut, ...excludedWorkflows]) if (mentions(line, name)) found.push(`${doc}: ${name}: ${line.slice(0, 160)}`);
	}
	return found;
}

const id = (f: Finding) => f.id;
const VARIANTS: [string, Pick][] = [
	['recommended (App Service Environment, NAT gateway, gateway for DB2, SAP and SQL)', () => undefined],
	['Workflow Standard without a NAT gateway', (f) => (id(f) === 'sku:contoso-ise' ? 'balanced' : id(f) === 'outbound-ip:contoso-ise' ? 'no-nat' : undefined)],
	['FTP left out of the migration', (f) => (id(f) === 'connector:ftp' ? 'exclude' : undefined)],
	['a workflow left out', (f) => (id(f) === 'workflow:customer-sync-erp:limits' || id(f) === 'workflow:invoice-email-intake:inline-code' ? 'exclude' : undefined)],
	['managed connections reached on public endpoints instead of the gateway', (f) => (f.id.endsWith(':outside-network') ? 'public' : f.id.endsWith(':gateway') ? 'convert' : undefined)],
];

describe('every allow-list instruction matches the path its destination takes', () => {
	test.each(VARIANTS)('%s', (_, pick) => {
		const s = sample(pick);
		expect(contradictions(s)).toEqual([]);
		expect(leftOutMentions(s)).toEqual([]);
	});

	test('the check finds a NAT instruction given to a gateway system (it would have caught the old cut-over list)', () => {
		const s = sample();
		const {paths} = facts(s);
		expect([...paths.get('db2-as400')!]).toEqual(['gateway']);
		const planted = {...s, file: (name: string) => (name === 'migration/cutover.md' ? `${s.file(name)}\n99. [ ] Give the NAT gateway's static IP (\`natPublicIp\`) to the firewall owners of db2-as400.\n` : s.file(name))};
		expect(contradictions(planted)).toEqual([expect.stringMatching(/db2-as400 \(gateway\) beside a app instruction/)]);
	});

	test('excluded connectors and workflows appear nowhere: not in the guide, the cut-over list or the template', () => {
		const s = sample((f) => (id(f) === 'connector:ftp' || id(f) === 'workflow:customer-sync-erp:limits' ? 'exclude' : undefined));
		const {leftOut, excludedWorkflows} = facts(s);
		expect(leftOut).toEqual(['ftp-supplier-prices', 'ftp-webshop']);
		expect(excludedWorkflows).toEqual(['customer-sync-erp']);
		expect(leftOutMentions(s)).toEqual([]);
		const template = s.file('infra/azuredeploy.json');
		for (const name of [...leftOut, ...excludedWorkflows]) expect(template).not.toContain(name);
		// The report still says what was left out, and why.
		expect(s.file('migration/report.md')).toMatch(/\| customer-sync-erp \| — \| left out of the migration \|/);
	});
});

describe('the contradictions of issue 12 are gone', () => {
	// The blockers decided as recommended, as `generate` takes them.
	const s = sample((f) => (f.severity === 'blocker' ? f.recommended : undefined));
	const cutover = s.file('migration/cutover.md');
	const guide = s.file('migration/networking.md');

	test('systems behind the data gateway are told no firewall change, neither the NAT IP nor the AzureConnectors ranges', () => {
		for (const doc of [cutover, guide]) {
			for (const line of doc.split('\n').filter((l) => /db2-as400|sap-ecc-prd/.test(l))) {
				expect(line).not.toMatch(/natPublicIp|AzureConnectors\.WestEurope/);
			}
		}
		expect(cutover).toMatch(/On-premises data gateway for db2-as400 .*Their firewalls need no opening: the gateway connects outbound\./);
	});

	test('an internal SMTP relay left on the managed connector is said to be out of reach, not merely told to allow the tag', () => {
		const line = cutover.split('\n').find((l) => /smtp-relay \(server smtp\.corp\.contoso\.com[^)]*\).*AzureConnectors/.test(l))!;
		expect(line).toMatch(/not reachable as it stands: it answers only inside your network/);
		expect(s.file('migration/report.md')).toMatch(/smtp-relay \(server smtp\.corp\.contoso\.com\): not reachable as it stands: it answers only inside your network/);
	});

	test("the blockers' follow-ups are the first steps of the cut-over list", () => {
		const first = cutover.slice(cutover.indexOf('## 1. Blockers first'), cutover.indexOf('## 2.'));
		expect(first).toMatch(/^1\. \[ \] Replace the webhook triggers/m);
		expect(first).toMatch(/Test the inline code actions in invoice-email-intake/);
	});
});
