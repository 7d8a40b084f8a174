// The built CLI in a real terminal (tmux) against the HTTPS fakes of Entra and ARM, reached the way an admin
// behind a proxy would point it elsewhere: ISE_MIGRATE_ARM_ENDPOINT, ISE_MIGRATE_AUTHORITY_HOST and a CA in
// NODE_EXTRA_CA_CERTS. Signs in as a service principal (--auth env) and goes on to step 3.
import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {startFakeAzure, type FakeAzure} from '../fakes/azure/index.js';
import {APP, SAMPLE_ISE_ID, sampleEstate, SUB_PROD, T_CONTOSO} from '../fakes/azure/estate.js';
import {CLI, hasTmux, Terminal} from '../helpers/tmux.js';

let term: Terminal | undefined;
let fake: FakeAzure | undefined;
afterEach(async () => {
	term?.stop();
	term = undefined;
	await fake?.close();
	fake = undefined;
});

describe.skipIf(!hasTmux())('the wizard on live Azure in a real terminal', () => {
	it('signs in with --auth env, chooses the subscription and the ISE, and reaches step 3', async () => {
		fake = await startFakeAzure(sampleEstate());
		const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-e2e-azure-'));
		const env = {
			ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config'),
			HOME: cwd,
			TERM: 'xterm-256color',
			FORCE_COLOR: '0',
			ISE_MIGRATE_ARM_ENDPOINT: fake.armUrl,
			ISE_MIGRATE_AUTHORITY_HOST: fake.authorityUrl,
			NODE_EXTRA_CA_CERTS: fake.caFile,
			AZURE_TENANT_ID: T_CONTOSO,
			AZURE_CLIENT_ID: APP.clientId,
			AZURE_CLIENT_SECRET: APP.secret,
		};
		term = new Terminal(cwd, env);
		term.start(['--auth', 'env']);
		await term.waitFor('Sign in to Azure and choose an ISE');
		term.key('Up');
		term.key('Up');
		term.key('Enter');
		let screen = await term.waitFor('Fabrikam Integration');
		expect(screen).toContain('step 1 of 9');
		expect(screen).toContain('Signed in with Service principal');
		term.type('prod');
		screen = await term.waitFor((s) => s.includes('Filter: prod') && !s.includes('Contoso Sandbox'));
		term.key('Enter');
		screen = await term.waitFor((s) => s.includes('step 2 of 9') && s.includes('old-ise'));
		expect(screen).toMatch(/contoso-ise\s+rg-ise-network\s+westeurope\s+Premium \+ 2 units\s+Internal\s+Enabled/);
		term.key('Enter');
		screen = await term.waitFor('start the review');
		expect(screen).toContain('5 workflows');
		term.key('Enter');
		await term.waitFor('step 3 of 9: Sizing');
		term.key('q');
		screen = await term.waitFor('[exit 0]');
		expect(screen).toMatch(/Session \w+ saved/);

		// The ARM calls carried tokens the fake Entra issued to the service principal, for the Contoso tenant.
		const arm = fake.requests.filter((r) => r.service === 'arm');
		expect(arm.length).toBeGreaterThan(0);
		expect(arm.every((r) => r.status === 200 && r.tokenTenant !== undefined)).toBe(true);
		const sessions = JSON.parse(execFileSync(process.execPath, [CLI, 'sessions', '--json'], {cwd, env: {...process.env, ...env}, encoding: 'utf8'})) as {source: unknown; step: string}[];
		expect(sessions).toHaveLength(1);
		expect(sessions[0]).toMatchObject({step: 'sku', source: {kind: 'azure', subscriptionId: SUB_PROD, tenantId: T_CONTOSO, cloud: 'AzureCloud', iseId: SAMPLE_ISE_ID}});
		const stored = await readFile(path.join(cwd, '.config', 'sessions.json'), 'utf8');
		expect(stored).not.toContain(APP.secret);
		expect(stored).not.toMatch(/eyJ[\w-]+\./);
	});

	it('Ctrl-C while a device code waits ends the sign-in and the process at once', async () => {
		// Polls 5 s apart, as the real sign-in service asks.
		fake = await startFakeAzure(sampleEstate({deviceCode: {interval: 5}}));
		const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-e2e-azure-'));
		term = new Terminal(cwd, {
			ISE_MIGRATE_CONFIG_DIR: path.join(cwd, '.config'),
			HOME: cwd,
			TERM: 'xterm-256color',
			FORCE_COLOR: '0',
			ISE_MIGRATE_ARM_ENDPOINT: fake.armUrl,
			ISE_MIGRATE_AUTHORITY_HOST: fake.authorityUrl,
			NODE_EXTRA_CA_CERTS: fake.caFile,
		});
		term.start(['--auth', 'device']);
		await term.waitFor('Sign in to Azure and choose an ISE');
		term.key('Up');
		term.key('Up');
		term.key('Enter');
		const screen = await term.waitFor('enter the code:');
		expect(screen).toContain(`${fake.authorityUrl}/devicelogin`);
		const started = Date.now();
		term.key('C-c');
		await term.waitFor('[exit 0]', 5000);
		// Entra's 5 s between polls must not hold the exit up.
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
