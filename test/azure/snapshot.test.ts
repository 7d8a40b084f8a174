// `ise-migrate snapshot`: headless capture from the fake Azure, then `--from FILE` gives the same findings.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {runSnapshot, type SnapshotFlags} from '../../source/commands/snapshot.js';
import {UsageError} from '../../source/commands/io.js';
import {loadInventory, listIses} from '../../source/sources/azure.js';
import {openSource} from '../../source/sources/from-path.js';
import {parseSnapshot} from '../../source/sources/snapshot.js';
import {faults} from '../fakes/azure/index.js';
import {APP, SECRET_MARKER, SUB_PROD, T_CONTOSO} from '../fakes/azure/estate.js';
import {FAST_RETRY, harness, type Harness} from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

function capture() {
	const out: string[] = [];
	const err: string[] = [];
	return {io: {stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t)}, out: () => out.join(''), err: () => err.join('')};
}

async function run(flags: SnapshotFlags) {
	const cwd = mkdtempSync(path.join(tmpdir(), 'snapshot-'));
	const c = capture();
	// The CA comes in the way a spawned CLI gets it: NODE_EXTRA_CA_CERTS.
	const env = {...h!.spEnv, NODE_EXTRA_CA_CERTS: h!.fake.caFile};
	const code = await runSnapshot({auth: 'env', ...flags}, c.io, {env, retry: FAST_RETRY, cwd});
	return {code, cwd, ...c};
}

describe('snapshot', () => {
	test('writes the inventory without secrets, and --from gives identical findings', async () => {
		h = await harness();
		const {code, cwd, out, err} = await run({subscription: 'Contoso Production', ise: 'contoso-ise', out: 'contoso.json'});
		expect(err()).toContain('Signed in with Service principal');
		expect(code).toBe(0);
		const file = path.join(cwd, 'contoso.json');
		expect(out()).toContain(`5 workflow(s), 3 ISE connector(s), 1 integration account(s) → ${file}`);
		const text = readFileSync(file, 'utf8');
		expect(text).not.toContain(SECRET_MARKER);
		expect(text).not.toContain(APP.secret);
		expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);

		// The same ISE read live now.
		const session = await h.session();
		const [ise] = (await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO})).filter(i => i.name === 'contoso-ise');
		const live = (await loadInventory(session, ise!)).inventory;

		const reread = parseSnapshot(text, file);
		expect(reread.workflows).toEqual(live.workflows);
		expect(reread.managedApis).toEqual(live.managedApis);
		expect(reread.integrationAccounts).toEqual(live.integrationAccounts);
		const liveFindings = analyze(live);
		expect(liveFindings.length).toBeGreaterThan(0);
		expect(analyze(reread)).toEqual(liveFindings);
		const opened = await openSource(file);
		expect(opened.kind).toBe('snapshot');
		expect(analyze(opened.inventory)).toEqual(liveFindings);
	});

	test('finds the subscription by id and the ISE by resource id; `-o -` writes to stdout', async () => {
		h = await harness();
		const ise = `/subscriptions/${SUB_PROD}/resourceGroups/rg-ise-network/providers/Microsoft.Logic/integrationServiceEnvironments/contoso-ise`;
		const {code, out, err} = await run({subscription: SUB_PROD, ise: ise.toUpperCase(), out: '-'});
		expect(code).toBe(0);
		expect(parseSnapshot(out()).ise.name).toBe('contoso-ise');
		expect(err()).toContain('Snapshot of ISE contoso-ise');
	});

	test('default file name is <ise>.snapshot.json in the current folder', async () => {
		h = await harness();
		const {code, cwd} = await run({subscription: 'Contoso Production', ise: 'old-ise'});
		expect(code).toBe(0);
		expect(existsSync(path.join(cwd, 'old-ise.snapshot.json'))).toBe(true);
	});

	test('a snapshot killed earlier left its temp beside the file: the next snapshot removes it', async () => {
		h = await harness();
		const dir = mkdtempSync(path.join(tmpdir(), 'snapshot-out-'));
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		const stale = path.join(dir, `contoso.json.${dead}.0badc0de.ise-migrate-tmp`);
		writeFileSync(stale, '{"half');
		const {code} = await run({subscription: 'Contoso Production', ise: 'contoso-ise', out: path.join(dir, 'contoso.json')});
		expect(code).toBe(0);
		expect(readdirSync(dir)).toEqual(['contoso.json']);
	});

	test('an item that cannot be read stops the write unless --allow-partial', async () => {
		h = await harness();
		h.fake.addFault(faults.forbidden('/providers/Microsoft.Logic/integrationAccounts', {scope: `/subscriptions/${SUB_PROD}`, action: 'Microsoft.Logic/integrationAccounts/read'}));
		const strict = await run({subscription: 'Contoso Production', ise: 'contoso-ise', out: 'x.json'});
		expect(strict.code).toBe(1);
		expect(strict.err()).toContain('Reader');
		expect(strict.err()).toContain('--allow-partial');
		expect(existsSync(path.join(strict.cwd, 'x.json'))).toBe(false);

		// With --json the failure and the items it names are JSON on stdout, nothing on stderr.
		const asJson = await run({subscription: 'Contoso Production', ise: 'contoso-ise', out: 'x.json', json: true});
		expect(asJson.code).toBe(1);
		expect(asJson.err()).toBe('');
		const failure = JSON.parse(asJson.out());
		expect(failure).toMatchObject({ok: false, error: {code: 'partial-inventory'}});
		expect(JSON.stringify(failure.error.failures)).toContain('Reader');

		const partial = await run({subscription: 'Contoso Production', ise: 'contoso-ise', out: 'x.json', allowPartial: true});
		expect(partial.code).toBe(0);
		const inv = parseSnapshot(readFileSync(path.join(partial.cwd, 'x.json'), 'utf8'));
		expect(inv.issues?.[0]?.message).toContain('Reader');
		expect(inv.workflows).toHaveLength(5);
	});

	test('an unknown ISE lists the ISEs there; an empty subscription explains the retirement', async () => {
		h = await harness();
		const wrong = await run({subscription: 'Contoso Production', ise: 'nope'});
		expect(wrong.code).toBe(1);
		expect(wrong.err()).toContain('contoso-ise (rg-ise-network)');
		const empty = await run({subscription: 'Contoso Sandbox', ise: 'anything'});
		expect(empty.code).toBe(1);
		expect(empty.err()).toMatch(/retired.*2024/);
		const nosub = await run({subscription: 'Nonexistent', ise: 'x'});
		expect(nosub.code).toBe(1);
		expect(nosub.err()).toContain('Contoso Production');
	});

	test('bad usage is a UsageError (exit 2) before any sign-in', async () => {
		const c = capture();
		await expect(runSnapshot({ise: 'x'}, c.io)).rejects.toBeInstanceOf(UsageError);
		await expect(runSnapshot({subscription: 's'}, c.io)).rejects.toThrow(/--ise/);
		await expect(runSnapshot({subscription: 's', ise: 'x', auth: 'password'}, c.io)).rejects.toThrow(/--auth/);
		await expect(runSnapshot({subscription: 's', ise: 'x', cloud: 'Mars'}, c.io)).rejects.toThrow(/AzureUSGovernment/);
		await expect(runSnapshot({subscription: 's', ise: 'x', concurrency: '0'}, c.io)).rejects.toThrow(/--concurrency/);
	});
});
