// Browser sign-in through the real InteractiveBrowserCredential (MSAL's authorization-code flow with PKCE and a
// loopback redirect), the real `open` package and its xdg-open, against the fake Entra, with a stand-in browser.
import {afterEach, describe, expect, test} from 'vitest';
import {signIn} from '../../source/azure/credentials.js';
import {describeAzureError} from '../../source/azure/errors.js';
import {listIses} from '../../source/sources/azure.js';
import {SUB_PROD, T_CONTOSO} from '../fakes/azure/estate.js';
import {fakeBrowser, type FakeBrowser} from '../fakes/browser.js';
import {harness, type Harness} from './helpers.js';

let h: Harness | undefined;
let browser: FakeBrowser | undefined;
let saved: Record<string, string | undefined> = {};

/** The browser and a desktop-less environment, in process.env where `open` reads them. */
function useBrowser(fake: Harness): FakeBrowser {
	const b = fakeBrowser(fake.fake.caFile);
	const vars = {...b.env, DISPLAY: undefined, WAYLAND_DISPLAY: undefined, XDG_CURRENT_DESKTOP: undefined};
	saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
	for (const [k, v] of Object.entries(vars)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	return b;
}

afterEach(async () => {
	for (const [k, v] of Object.entries(saved)) {
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
	saved = {};
	browser?.close();
	browser = undefined;
	await h?.close();
	h = undefined;
});

// xdg-open and $BROWSER are how `open` reaches a browser on Linux; other systems open theirs differently.
describe.skipIf(process.platform !== 'linux')('browser sign-in', () => {
	test('opens the sign-in page, takes the code back on the loopback address and reads ARM with the token', async () => {
		h = await harness();
		browser = useBrowser(h);
		const session = await signIn(h.config(), 'browser', {env: h.env});
		expect(session.method).toBe('browser');
		expect(session.homeTenantId).toBe(T_CONTOSO);
		expect(await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO})).toHaveLength(2);

		const [page, back] = browser.visits();
		const asked = new URL(page!);
		expect(asked.origin).toBe(h.fake.authorityUrl);
		expect(asked.pathname).toBe('/organizations/oauth2/v2.0/authorize');
		// PKCE: the page got only the challenge; the token request proved the verifier (the fake checks it).
		expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
		expect(new URL(back!).hostname).toBe('localhost');
		const redeemed = h.fake.requests.filter((r) => r.service === 'entra' && r.grantType === 'authorization_code');
		expect(redeemed.map((r) => r.status)).toEqual([200]);
	});

	test('a sign-in declined in the browser is reported as declined, with no token', async () => {
		h = await harness({browser: {decline: true}});
		browser = useBrowser(h);
		const error = await signIn(h.config(), 'browser', {env: h.env}).then(() => undefined, (e: unknown) => e);
		expect(error).toBeDefined();
		const problem = describeAzureError(error, {env: h.env});
		expect(problem.message).toBe('The sign-in was declined on the sign-in page.');
		expect(problem.hint).toBe('Start the sign-in again and approve it.');
		expect(h.fake.requests.some((r) => r.grantType === 'authorization_code')).toBe(false);
	});

	test('Esc while waiting for a browser that never comes back cancels the sign-in at once', async () => {
		h = await harness();
		browser = useBrowser(h);
		// A browser that opens nothing: MSAL would wait on its loopback address for ever.
		process.env['BROWSER'] = '/bin/true';
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 300);
		const started = Date.now();
		const error = await signIn(h.config(), 'browser', {env: h.env, signal: controller.signal}).then(() => undefined, (e: unknown) => e);
		expect((error as Error).name).toBe('AbortError');
		expect(Date.now() - started).toBeLessThan(5_000);
	}, 15_000);
});
