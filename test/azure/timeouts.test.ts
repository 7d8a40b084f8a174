// Endpoints that accept the connection and never answer: the real SDK clients and credentials give up after
// the connect or response timeout, retry as the SDK does, and then say which endpoint did not answer and what
// to try. Before, the tool hung silently (over 300 s).
import https from 'node:https';
import net from 'node:net';
import type {TokenCredential} from '@azure/identity';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveAzureConfig} from '../../source/azure/config.js';
import {signIn} from '../../source/azure/credentials.js';
import {formatAzureError} from '../../source/azure/errors.js';
import {createSubscriptionClient} from '../../source/azure/clients.js';
import {APP, T_CONTOSO} from '../fakes/azure/estate.js';
import {testCa} from '../fakes/azure/ca.js';
import {harness, type Harness} from './helpers.js';

/** Accepts TCP connections and never sends a byte: TLS never completes. */
interface Silent {
	url: string;
	/** Attempts that reached it (connections for TCP, requests for HTTPS). */
	attempts: () => number;
	close: () => Promise<void>;
}

function silentTcp(): Promise<Silent> {
	let count = 0;
	const sockets = new Set<net.Socket>();
	const server = net.createServer((s) => {
		count++;
		sockets.add(s);
		s.on('error', () => undefined);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			resolve({
				url: `https://127.0.0.1:${port}`,
				attempts: () => count,
				close: () => new Promise((done) => {
					for (const s of sockets) s.destroy();
					server.close(() => done());
				}),
			});
		}),
	);
}

/** Completes TLS, reads the request, never answers it. */
async function silentHttps(): Promise<Silent> {
	const {key, cert} = await testCa();
	let count = 0;
	const server = https.createServer({key, cert}, () => {
		count++;
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `https://127.0.0.1:${port}`,
		attempts: () => count,
		close: () => new Promise((done) => {
			server.closeAllConnections();
			server.close(() => done());
		}),
	};
}

/** Reads the tenant list through the real ARM client, as the inventory does. */
async function listTenants(config: ReturnType<typeof resolveAzureConfig>, credential: TokenCredential): Promise<void> {
	for await (const _ of createSubscriptionClient(config, credential).tenants.list()) void _;
}

const FAST = {maxRetries: 2, retryDelayInMs: 5, maxRetryDelayInMs: 10};
const SHORT = {connectMs: 150, responseMs: 250};

describe('an Azure endpoint that never answers', () => {
	let h: Harness;
	beforeAll(async () => {
		h = await harness();
	});
	afterAll(() => h.close());

	const cases = [
		{what: 'accepting TCP but never completing TLS', start: silentTcp, detail: 'no connection within 150 ms'},
		{what: 'completing TLS but never answering', start: silentHttps, detail: 'no answer within 250 ms'},
	];
	for (const c of cases) {
		it(`ARM ${c.what}: timed out, retried as the SDK does, then a message naming the endpoint`, async () => {
			const silent = await c.start();
			try {
				const session = await h.session();
				const env = {...h.env, ISE_MIGRATE_ARM_ENDPOINT: silent.url};
				const config = resolveAzureConfig({env, ca: h.fake.ca, retry: FAST, timeouts: SHORT});
				const error = await listTenants(config, session.credentialFor()).then(() => undefined, (e: unknown) => e);
				expect(error).toBeDefined();
				const message = formatAzureError(error, {env});
				expect(message).toContain(`${silent.url} did not answer (${c.detail}, on every try)`);
				expect(message).toContain('the address in ISE_MIGRATE_ARM_ENDPOINT');
				// One attempt and the two retries FAST allows.
				expect(silent.attempts()).toBe(3);
			} finally {
				await silent.close();
			}
		});
	}

	it('sign-in against an authority that never answers: the same, for the sign-in endpoint', async () => {
		for (const start of [silentTcp, silentHttps]) {
			const silent = await start();
			try {
				const env = {ISE_MIGRATE_AUTHORITY_HOST: silent.url, AZURE_TENANT_ID: T_CONTOSO, AZURE_CLIENT_ID: APP.clientId, AZURE_CLIENT_SECRET: APP.secret};
				const config = resolveAzureConfig({env, ca: h.fake.ca, retry: FAST, timeouts: SHORT});
				const error = await signIn(config, 'env', {env}).then(() => undefined, (e: unknown) => e);
				const message = formatAzureError(error, {env});
				expect(message).toContain(silent.url);
				expect(message).toMatch(/no (connection|answer) within/);
				expect(message).toMatch(/ISE_MIGRATE_AUTHORITY_HOST|proxy|network/);
			} finally {
				await silent.close();
			}
		}
	});
	it('a managed identity endpoint that never answers: sign-in gives up and names it, instead of waiting for ever', async () => {
		const silent = await silentHttps();
		// MSAL reads the managed identity variables from the process environment itself.
		const saved = {endpoint: process.env['IDENTITY_ENDPOINT'], header: process.env['IDENTITY_HEADER']};
		process.env['IDENTITY_ENDPOINT'] = `${silent.url}/msi/token`;
		process.env['IDENTITY_HEADER'] = 'fake-identity-header';
		try {
			const env = {IDENTITY_ENDPOINT: process.env['IDENTITY_ENDPOINT'], IDENTITY_HEADER: 'fake-identity-header'};
			const config = resolveAzureConfig({env, ca: h.fake.ca, retry: FAST, timeouts: SHORT});
			const started = Date.now();
			const error = await signIn(config, 'msi', {env}).then(() => undefined, (e: unknown) => e);
			expect(error).toBeDefined();
			expect(Date.now() - started).toBeLessThan(5_000);
			const message = formatAzureError(error, {env});
			expect(message).toContain(`${silent.url} did not answer (no answer within 400 ms`);
			expect(message).toContain('the address in IDENTITY_ENDPOINT');
			expect(silent.attempts()).toBeGreaterThan(0);
		} finally {
			for (const [k, v] of [['IDENTITY_ENDPOINT', saved.endpoint], ['IDENTITY_HEADER', saved.header]] as const) {
				if (v === undefined) delete process.env[k];
				else process.env[k] = v;
			}
			await silent.close();
		}
	}, 30_000);
});

describe('timeout settings', () => {
	it('default to 15 s to connect and 60 s for an answer; the environment can change them, not to nonsense', () => {
		expect(resolveAzureConfig({env: {}}).timeouts).toEqual({connectMs: 15_000, responseMs: 60_000});
		expect(resolveAzureConfig({env: {ISE_MIGRATE_CONNECT_TIMEOUT_MS: '2000', ISE_MIGRATE_RESPONSE_TIMEOUT_MS: '120000'}}).timeouts).toEqual({connectMs: 2000, responseMs: 120_000});
		for (const bad of ['0', '-1', 'soon']) expect(() => resolveAzureConfig({env: {ISE_MIGRATE_RESPONSE_TIMEOUT_MS: bad}})).toThrow(/ISE_MIGRATE_RESPONSE_TIMEOUT_MS must be/);
	});
});
