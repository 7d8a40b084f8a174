// The one config object: clouds, endpoint overrides, trusted CAs, concurrency, sign-in method order.
import {rootCertificates} from 'node:tls';
import {describe, expect, test} from 'vitest';
import {AzureConfigError, CLOUDS, resolveAzureConfig} from '../../source/azure/config.js';
import {autoOrder, methodAvailability, parseAuthChoice, tokenIdentity} from '../../source/azure/credentials.js';

describe('resolveAzureConfig', () => {
	test('defaults to the public cloud with 8 parallel requests and no extra trust', () => {
		const c = resolveAzureConfig({env: {}});
		expect(c.cloud).toBe('AzureCloud');
		expect(c.armEndpoint).toBe('https://management.azure.com');
		expect(c.authorityHost).toBe('https://login.microsoftonline.com');
		expect(c.scope).toBe('https://management.azure.com/.default');
		expect(c.concurrency).toBe(8);
		expect(c.ca).toBeUndefined();
		expect(c.authorityOverridden).toBe(false);
	});

	test('--cloud sets authority host, ARM endpoint and scope together', () => {
		const gov = resolveAzureConfig({cloud: 'AzureUSGovernment', env: {}});
		expect([gov.authorityHost, gov.armEndpoint, gov.scope]).toEqual(['https://login.microsoftonline.us', 'https://management.usgovcloudapi.net', 'https://management.usgovcloudapi.net/.default']);
		const china = resolveAzureConfig({cloud: 'azurechinacloud', env: {}});
		expect([china.authorityHost, china.armEndpoint, china.scope]).toEqual(['https://login.chinacloudapi.cn', 'https://management.chinacloudapi.cn', 'https://management.chinacloudapi.cn/.default']);
		expect(() => resolveAzureConfig({cloud: 'Mars', env: {}})).toThrow(/AzureCloud, AzureUSGovernment, AzureChinaCloud/);
	});

	test('endpoint overrides redirect traffic but keep the cloud’s token scope', () => {
		const c = resolveAzureConfig({
			cloud: 'AzureUSGovernment',
			env: {ISE_MIGRATE_ARM_ENDPOINT: 'https://arm-proxy.example:8443/', ISE_MIGRATE_AUTHORITY_HOST: 'https://login-proxy.example'},
		});
		expect(c.armEndpoint).toBe('https://arm-proxy.example:8443');
		expect(c.authorityHost).toBe('https://login-proxy.example');
		expect(c.scope).toBe(CLOUDS.AzureUSGovernment.scope);
		expect(c.authorityOverridden).toBe(true);
		expect(c.armOverridden).toBe(true);
	});

	test('plain-http overrides are refused with the reason', () => {
		expect(() => resolveAzureConfig({env: {ISE_MIGRATE_ARM_ENDPOINT: 'http://127.0.0.1:8080'}})).toThrow(AzureConfigError);
		expect(() => resolveAzureConfig({env: {ISE_MIGRATE_AUTHORITY_HOST: 'http://127.0.0.1:8080'}})).toThrow(/https:\/\/.*tokens over plain http/);
		expect(() => resolveAzureConfig({env: {ISE_MIGRATE_ARM_ENDPOINT: 'not a url'}})).toThrow(/not a URL/);
	});

	test('NODE_EXTRA_CA_CERTS is trusted in addition to the public roots; an unreadable file is a warning', () => {
		const pem = '-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n';
		const c = resolveAzureConfig({env: {NODE_EXTRA_CA_CERTS: '/etc/proxy-ca.pem'}, readFile: f => (f === '/etc/proxy-ca.pem' ? pem : '')});
		expect(c.ca).toContain(pem);
		expect(c.ca?.length).toBe(rootCertificates.length + 1);
		const bad = resolveAzureConfig({env: {NODE_EXTRA_CA_CERTS: '/missing.pem'}, readFile: () => {
			throw new Error('ENOENT');
		}});
		expect(bad.ca).toBeUndefined();
		expect(bad.warnings[0]).toContain('/missing.pem');
	});

	test('--concurrency accepts 1–64 only', () => {
		expect(resolveAzureConfig({concurrency: '3', env: {}}).concurrency).toBe(3);
		for (const bad of ['0', '65', '2.5', 'many']) expect(() => resolveAzureConfig({concurrency: bad, env: {}})).toThrow(/--concurrency/);
	});
});

describe('sign-in methods', () => {
	test('--auth values and aliases', () => {
		expect(['cli', 'device', 'browser', 'env', 'msi', 'auto'].map(v => parseAuthChoice(v))).toEqual(['cli', 'device', 'browser', 'env', 'msi', 'auto']);
		expect(parseAuthChoice('device-code')).toBe('device');
		expect(parseAuthChoice('password')).toBeUndefined();
	});

	test('automatic order: service principal, managed identity, Azure CLI, device code', () => {
		expect(autoOrder({})).toEqual(['cli', 'device']);
		expect(autoOrder({AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's'})).toEqual(['env', 'cli', 'device']);
		expect(autoOrder({AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c'})).toEqual(['cli', 'device']);
		expect(autoOrder({IDENTITY_ENDPOINT: 'http://169.254.169.254'})).toEqual(['msi', 'cli', 'device']);
	});

	test('browser only with a display, managed identity only in Azure', () => {
		const avail = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform) => Object.fromEntries(methodAvailability(env, platform).map(m => [m.method, m.available]));
		expect(avail({}, 'linux')).toMatchObject({browser: false, msi: false, cli: true, device: true, env: false});
		expect(avail({DISPLAY: ':0'}, 'linux').browser).toBe(true);
		expect(avail({}, 'darwin').browser).toBe(true);
		expect(avail({SSH_CONNECTION: '1 2 3 4'}, 'darwin').browser).toBe(false);
		expect(avail({MSI_ENDPOINT: 'http://x'}, 'linux').msi).toBe(true);
	});

	test('token claims name the tenant and account, and garbage is ignored', () => {
		const claims = Buffer.from(JSON.stringify({tid: 'tenant-1', upn: 'a@b.example'})).toString('base64url');
		expect(tokenIdentity(`x.${claims}.y`)).toEqual({tenantId: 'tenant-1', account: 'a@b.example'});
		expect(tokenIdentity('opaque-token')).toEqual({});
		expect(tokenIdentity('a.!!!.b')).toEqual({});
	});
});
