// Sign-in with the real @azure/identity credentials against the fake Entra (and a fake `az`).
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {resolveAzureConfig} from '../../source/azure/config.js';
import {signIn, SignInError, type DeviceCodePrompt} from '../../source/azure/credentials.js';
import {describeAzureError, formatAzureError} from '../../source/azure/errors.js';
import {listIses, listSubscriptions} from '../../source/sources/azure.js';
import {writeFakeAz} from '../fakes/azure/az.js';
import {APP, SUB_FABRIKAM, SUB_PROD, T_CONTOSO, T_FABRIKAM, USER} from '../fakes/azure/estate.js';
import {FAST_RETRY, harness, armRequests, type Harness} from './helpers.js';

let h: Harness;
const originalPath = process.env['PATH'];

beforeEach(async () => {
	h = await harness();
});

afterEach(async () => {
	process.env['PATH'] = originalPath;
	await h.close();
});

const entraTokenRequests = () => h.fake.requests.filter(r => r.service === 'entra' && r.path.endsWith('/oauth2/v2.0/token'));

describe('service principal from AZURE_* variables', () => {
	test('client secret sign-in gets an ARM token the fake ARM accepts', async () => {
		const session = await signIn(h.config(), 'env', {env: h.spEnv});
		expect(session.method).toBe('env');
		expect(session.homeTenantId).toBe(T_CONTOSO);
		expect(session.account).toContain(APP.clientId);
		const token = entraTokenRequests()[0];
		expect(token?.grantType).toBe('client_credentials');
		expect(token?.scope).toContain('https://management.azure.com/.default');
		expect(token?.path).toContain(T_CONTOSO);

		const ises = await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO});
		expect(ises.map(i => i.name)).toEqual(['contoso-ise', 'old-ise']);
		expect(armRequests(h.fake, '/integrationServiceEnvironments').every(r => r.tokenTenant === T_CONTOSO && r.status === 200)).toBe(true);
	});

	test('the automatic order uses the service principal when its variables are set', async () => {
		const tried: string[] = [];
		const session = await signIn(h.config(), 'auto', {env: h.spEnv, onAttempt: m => tried.push(m)});
		expect(session.method).toBe('env');
		expect(tried).toEqual(['env']);
	});

	test('a rejected secret says what to check and never echoes the secret', async () => {
		const wrong = 'definitely-wrong-secret-123';
		const env = {...h.spEnv, AZURE_CLIENT_SECRET: wrong};
		const error = await signIn(h.config(), 'env', {env}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SignInError);
		const text = formatAzureError(error, {env});
		expect(text).toContain('AZURE_CLIENT_SECRET');
		expect(text).not.toContain(wrong);
		expect(describeAzureError(error, {env}).kind).toBe('auth');
	});

	test('missing variables name what is missing', async () => {
		const env = {...h.env, AZURE_CLIENT_ID: APP.clientId};
		const error = await signIn(h.config(), 'env', {env}).catch((e: unknown) => e);
		expect(formatAzureError(error)).toMatch(/AZURE_TENANT_ID.*AZURE_CLIENT_SECRET/);
	});
});

describe('device code', () => {
	test('shows the URL and code, and signs in once the code is approved', async () => {
		const prompts: DeviceCodePrompt[] = [];
		const session = await signIn(h.config(), 'device', {
			env: h.env,
			onDeviceCode: p => {
				prompts.push(p);
				expect(h.fake.approveDeviceCode(p.userCode)).toBe(true);
			},
		});
		expect(prompts).toHaveLength(1);
		expect(prompts[0]!.verificationUri).toBe(`${h.fake.authorityUrl}/devicelogin`);
		expect(prompts[0]!.message).toContain(prompts[0]!.userCode);
		expect(session.method).toBe('device');
		expect(session.account).toBe(USER.upn);
		expect(session.homeTenantId).toBe(T_CONTOSO);
		// It polled with the device-code grant until the approval.
		expect(entraTokenRequests().some(r => r.grantType?.includes('device_code'))).toBe(true);
	});

	test('Esc / Ctrl-C cancels a pending device-code sign-in', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const error = await signIn(h.config(), 'device', {
			env: h.env,
			signal: controller.signal,
			onDeviceCode: () => setTimeout(() => controller.abort(), 20),
		}).catch((e: unknown) => e);
		expect(error).toBeDefined();
		expect(describeAzureError(error).kind).toBe('cancelled');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('a declined sign-in is reported as declined', async () => {
		const error = await signIn(h.config(), 'device', {env: h.env, onDeviceCode: p => h.fake.denyDeviceCode(p.userCode)}).catch((e: unknown) => e);
		expect(formatAzureError(error)).toMatch(/declined/i);
	});

	test('other tenants wait for an explicit sign-in, then ask for their own code', async () => {
		const prompts: DeviceCodePrompt[] = [];
		const onDeviceCode = (p: DeviceCodePrompt) => {
			prompts.push(p);
			h.fake.approveDeviceCode(p.userCode);
		};
		const session = await signIn(h.config(), 'device', {env: h.env, onDeviceCode});
		const first = await listSubscriptions(session);
		expect(first.subscriptions.map(s => s.displayName)).toEqual(['Contoso Production', 'Contoso Sandbox']);
		expect(first.needsSignIn.map(t => t.displayName)).toEqual(['Fabrikam']);
		expect(prompts).toHaveLength(1);

		// The prompt for the further tenant goes wherever the session is told to show it now.
		const later: DeviceCodePrompt[] = [];
		session.setDeviceCodeHandler(p => {
			later.push(p);
			onDeviceCode(p);
		});
		const second = await listSubscriptions(session, {signInTo: [T_FABRIKAM]});
		expect(later.map(p => p.tenantId)).toEqual([T_FABRIKAM]);
		expect(second.subscriptions.map(s => s.displayName)).toContain('Fabrikam Integration');
		expect(second.needsSignIn).toEqual([]);
		expect(prompts).toHaveLength(2);
		expect(prompts[1]!.tenantId).toBe(T_FABRIKAM);
	});
});

describe('Azure CLI', () => {
	test('reuses az login: tokens per tenant come from `az account get-access-token`', async () => {
		const az = writeFakeAz(h.fake, {tenants: [T_CONTOSO, T_FABRIKAM]});
		process.env['PATH'] = `${az.dir}${path.delimiter}${originalPath}`;
		const session = await signIn(h.config(), 'cli', {env: h.env});
		expect(session.method).toBe('cli');
		expect(session.account).toBe(USER.upn);
		expect(session.homeTenantId).toBe(T_CONTOSO);
		expect(az.calls()[0]).toContain('account get-access-token --output json --resource https://management.azure.com');

		const listing = await listSubscriptions(session);
		expect(listing.subscriptions.map(s => `${s.displayName}@${s.tenantName}`)).toEqual([
			'Contoso Production@Contoso',
			'Contoso Sandbox@Contoso',
			'Fabrikam Integration@Fabrikam',
		]);
		expect(az.calls().some(c => c.includes(`--tenant ${T_FABRIKAM}`))).toBe(true);
		const fab = await listIses(session, listing.subscriptions.find(s => s.subscriptionId === SUB_FABRIKAM)!);
		expect(fab.map(i => i.name)).toEqual(['fabrikam-ise']);
	});

	test('a tenant az is not signed in to is reported by name, the others still listed', async () => {
		const az = writeFakeAz(h.fake, {tenants: [T_CONTOSO]});
		process.env['PATH'] = `${az.dir}${path.delimiter}${originalPath}`;
		const session = await signIn(h.config(), 'cli', {env: h.env});
		const listing = await listSubscriptions(session);
		expect(listing.subscriptions.map(s => s.displayName)).toEqual(['Contoso Production', 'Contoso Sandbox']);
		expect(listing.failures).toHaveLength(1);
		expect(listing.failures[0]!.tenantId).toBe(T_FABRIKAM);
		expect(listing.failures[0]!.message).toContain('Fabrikam');
		expect(listing.failures[0]!.message).toContain(`az login --tenant ${T_FABRIKAM}`);
	});

	test('auto: az not logged in falls through to device code, and says why', async () => {
		const az = writeFakeAz(h.fake, {tenants: [T_CONTOSO], mode: 'not-logged-in'});
		process.env['PATH'] = `${az.dir}${path.delimiter}${originalPath}`;
		const tried: string[] = [];
		const session = await signIn(h.config(), 'auto', {
			env: h.env,
			onAttempt: m => tried.push(m),
			onDeviceCode: p => h.fake.approveDeviceCode(p.userCode),
		});
		expect(tried).toEqual(['cli', 'device']);
		expect(session.method).toBe('device');
		expect(session.attempts[0]!.ok).toBe(false);
		expect(formatAzureError(session.attempts[0]!.error)).toMatch(/not signed in.*az login/);
	});

	test('az not installed is a clear message', async () => {
		process.env['PATH'] = mkdtempSync(path.join(tmpdir(), 'empty-path-'));
		const error = await signIn(h.config(), 'cli', {env: h.env}).catch((e: unknown) => e);
		const problem = describeAzureError(error);
		expect(problem.kind).toBe('cli-missing');
		expect(problem.hint).toContain('--auth device');
	});
});

describe('clouds and trust', () => {
	test('a sovereign cloud uses its own token scope end to end', async () => {
		await h.close();
		h = await harness({audiences: ['https://management.usgovcloudapi.net']});
		const gov = await h.session({cloud: 'AzureUSGovernment'});
		const ises = await listIses(gov, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO});
		expect(ises).toHaveLength(2);
		expect(entraTokenRequests().every(r => r.scope?.includes('https://management.usgovcloudapi.net/.default'))).toBe(true);
		expect(armRequests(h.fake, '/integrationServiceEnvironments')[0]!.tokenAudience).toBe('https://management.usgovcloudapi.net');

		// The same fake refuses a public-cloud token: the scope really is what decides.
		const pub = await h.session({cloud: 'AzureCloud'});
		const error = await listIses(pub, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO}).catch((e: unknown) => e);
		expect(describeAzureError(error).kind).toBe('auth');
		expect(formatAzureError(error)).toContain('--cloud');
	});

	test('without the test CA the TLS failure says how to trust a proxy CA', async () => {
		const config = resolveAzureConfig({env: h.env, retry: FAST_RETRY});
		const error = await signIn(config, 'env', {env: h.spEnv}).catch((e: unknown) => e);
		const problem = describeAzureError(error);
		expect(problem.kind).toBe('tls');
		expect(problem.hint).toContain('NODE_EXTRA_CA_CERTS');
	});

	test('NODE_EXTRA_CA_CERTS is honoured in-process', async () => {
		const config = resolveAzureConfig({env: {...h.env, NODE_EXTRA_CA_CERTS: h.fake.caFile}, retry: FAST_RETRY});
		const session = await signIn(config, 'env', {env: h.spEnv});
		expect(session.homeTenantId).toBe(T_CONTOSO);
	});
});

describe('managed identity', () => {
	test('signs in through the App Service identity endpoint when running in Azure', async () => {
		await h.close();
		h = await harness({managedIdentity: {tenantId: T_CONTOSO, clientId: 'mi-client-1'}});
		// MSAL reads the managed identity variables from the process environment itself.
		const saved = {endpoint: process.env['IDENTITY_ENDPOINT'], header: process.env['IDENTITY_HEADER']};
		process.env['IDENTITY_ENDPOINT'] = `${h.fake.authorityUrl}/msi/token`;
		process.env['IDENTITY_HEADER'] = 'fake-identity-header';
		try {
			const env = {...h.env, IDENTITY_ENDPOINT: process.env['IDENTITY_ENDPOINT'], IDENTITY_HEADER: 'fake-identity-header'};
			const tried: string[] = [];
			const session = await signIn(h.config(), 'auto', {env, onAttempt: m => tried.push(m)});
			expect(tried).toEqual(['msi']);
			expect(session.method).toBe('msi');
			expect(session.homeTenantId).toBe(T_CONTOSO);
			const ises = await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO});
			expect(ises).toHaveLength(2);
			expect(h.fake.requests.find(r => r.path === '/msi/token')?.query['resource']).toBe('https://management.azure.com');
		} finally {
			for (const [k, v] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
				if (v === undefined) delete process.env[k];
				else process.env[k] = v;
			}
		}
	});
});
