// The live-Azure path of the wizard, from the start screen to step 2, with the REAL @azure/identity and
// @azure/arm-* code talking to the HTTPS fakes of Entra and ARM (the fake's CA is trusted in-process).
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {App, type AppServices} from '../../source/app.js';
import {realServices, type AzureOptions} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {armRequests, FAST_RETRY, harness, type Harness} from '../azure/helpers.js';
import {faults} from '../fakes/azure/index.js';
import {APP, SAMPLE_ISE_ID, SUB_PROD, T_CONTOSO, USER} from '../fakes/azure/estate.js';
import {KEY, render} from '../helpers/ink.js';

let h: Harness | undefined;
let r: Awaited<ReturnType<typeof render>> | undefined;
afterEach(async () => {
	await r?.unmount();
	r = undefined;
	await h?.close();
	h = undefined;
});

async function setup(overrides: Parameters<typeof harness>[0] = {}, azure: (hh: Harness) => AzureOptions = (hh) => ({env: hh.env})) {
	h = await harness(overrides);
	const cwd = await mkdtemp(path.join(os.tmpdir(), 'ise-azure-wizard-'));
	const store = new SessionStore({cwd: path.join(cwd, '.config')});
	// No display in the env handed over: the browser method is offered but unavailable, as over SSH.
	const services: AppServices = realServices({store, cwd, azure: {ca: h.fake.ca, retry: FAST_RETRY, platform: 'linux', ...azure(h)}});
	return {h, store, services};
}

const stepIs = (n: number) => (f: string) => f.includes(`step ${n} of 9`);
const entraPolls = (hh: Harness) => hh.fake.requests.filter((q) => q.service === 'entra' && q.grantType?.includes('device_code')).length;

/** The device code as the screen shows it: the line after "enter the code:". */
function shownCode(frame: string): string | undefined {
	const lines = frame.split('\n').map((l) => l.trim());
	const i = lines.findIndex((l) => l.includes('enter the code:'));
	return i >= 0 ? lines[i + 1]?.replace(/[│|]/g, '').trim() : undefined;
}

/** From the start screen (nothing saved: the sample is highlighted) to the sign-in method list. */
async function openAzure(rr: NonNullable<typeof r>) {
	await rr.press(KEY.up, KEY.up, KEY.enter);
	await rr.waitFor((f) => f.includes('Sign in to Azure') && f.includes('Automatic'));
}

async function chooseDeviceCode(rr: NonNullable<typeof r>) {
	await openAzure(rr);
	for (let i = 0; i < 6 && !/❯ Device code/.test(rr.frame()); i++) await rr.press(KEY.down);
	expect(rr.frame()).toMatch(/❯ Device code/);
	await rr.press(KEY.enter);
	return rr.waitFor((f) => shownCode(f) !== undefined && f.includes('/devicelogin'));
}

describe('the wizard on live Azure', () => {
	it('signs in with a device code, filters subscriptions, signs in to a further tenant, and reads the chosen ISE', async () => {
		const {h, store, services} = await setup();
		r = await render(<App services={services} />);
		const prompt = await chooseDeviceCode(r);
		expect(prompt).toContain('step 1 of 9');
		expect(prompt).toContain(`${h.fake.authorityUrl}/devicelogin`);
		expect(h.fake.approveDeviceCode(shownCode(prompt)!)).toBe(true);

		// Subscriptions of the home tenant; the guest tenant waits for its own sign-in.
		let f = await r.waitFor((x) => x.includes('Contoso Sandbox'));
		expect(f).toContain(`Signed in with Device code`);
		expect(f).toContain(USER.upn);
		expect(f).toContain('Contoso Production');
		expect(f).toMatch(/Sign in to tenant Fabrikam/);
		expect(f).not.toContain('Fabrikam Integration');

		// Type to filter (letters that are list keys elsewhere, like k and j, are text here), and erase.
		await r.press('s', 'a', 'n', 'd');
		f = await r.waitFor((x) => x.includes('Filter: sand'));
		expect(f).toContain('Contoso Sandbox');
		expect(f).not.toContain('Contoso Production');
		expect(f).toContain('1 of 2');
		await r.press(KEY.escape);
		f = await r.waitFor((x) => x.includes('Contoso Production') && x.includes('Contoso Sandbox'));

		// The Fabrikam row signs in there: a code of its own, for that tenant.
		await r.press('f', 'a', 'b');
		f = await r.waitFor((x) => x.includes('Filter: fab'));
		expect(f).toContain('No subscription matches "fab"');
		await r.press(KEY.enter);
		f = await r.waitFor((x) => x.includes('to tenant Fabrikam') && shownCode(x) !== undefined);
		expect(h.fake.approveDeviceCode(shownCode(f)!)).toBe(true);
		f = await r.waitFor((x) => x.includes('Fabrikam Integration'));
		expect(f).not.toMatch(/Sign in to tenant Fabrikam/);

		await r.press(KEY.escape);
		await r.waitFor((x) => x.includes('Contoso Production') && !x.includes('Filter: fab'));
		await r.press('p', 'r', 'o', 'd', KEY.enter);

		// Step 2: the ISEs of the subscription as a table.
		f = await r.waitFor((x) => stepIs(2)(x) && x.includes('old-ise'));
		const row = f.split('\n').find((l) => l.includes('contoso-ise'))!;
		for (const cell of ['rg-ise-network', 'westeurope', 'Premium + 2 units', 'Internal', 'Enabled']) expect(row).toContain(cell);
		const old = f.split('\n').find((l) => l.includes('old-ise'))!;
		for (const cell of ['rg-legacy', 'Developer', 'External', 'Disabled']) expect(old).toContain(cell);
		await r.press(KEY.enter);

		// The inventory is read, then the ISE screen of step 2 shows what it hosts.
		f = await r.waitFor((x) => x.includes('start the review'), 10_000);
		expect(f).toContain('step 2 of 9');
		expect(f).toContain('contoso-ise');
		expect(f).toContain('5 workflows');
		const saved = store.list()[0]!;
		expect(saved.source).toEqual({kind: 'azure', subscriptionId: SUB_PROD, subscriptionName: 'Contoso Production', tenantId: T_CONTOSO, cloud: 'AzureCloud', iseId: SAMPLE_ISE_ID});
		expect(JSON.stringify(store.list())).not.toMatch(/eyJ|Bearer/);
	});

	it('signs in as a service principal from AZURE_* in the automatic order, and a saved session resumes through sign-in straight to its ISE', async () => {
		const {h, store, services} = await setup({}, (hh) => ({env: hh.spEnv}));
		r = await render(<App services={services} />);
		await openAzure(r);
		expect(r.frame()).toMatch(/❯ Automatic.*service principal/);
		await r.press(KEY.enter);
		let f = await r.waitFor((x) => x.includes('Fabrikam Integration'));
		expect(f).toContain('Signed in with Service principal');
		expect(f).toContain(APP.clientId);
		expect(f).toContain('3 subscriptions');
		// Down + Enter in one chunk picks the row below.
		await r.press(KEY.down + KEY.enter);
		f = await r.waitFor((x) => stepIs(2)(x) && x.includes('No integration service'));
		expect(f).toContain('Contoso Sandbox');
		// Esc goes back to the list with the same row highlighted.
		await r.press(KEY.escape);
		f = await r.waitFor((x) => x.includes('Choose the subscription') && x.includes('Fabrikam Integration'));
		expect(f).toMatch(/❯ Contoso Sandbox/);
		await r.press(KEY.up, KEY.enter);
		await r.waitFor((x) => stepIs(2)(x) && x.includes('old-ise'));
		await r.press(KEY.enter);
		await r.waitFor((x) => x.includes('start the review'), 10_000);
		await r.press(KEY.enter);
		await r.waitFor(stepIs(3));
		await r.unmount();
		r = undefined;
		expect(JSON.stringify(store.list())).not.toContain(APP.secret);

		// Resume: sign in again (nothing about the sign-in was saved), then straight to the saved ISE.
		h.fake.requests.length = 0;
		r = await render(<App services={services} />);
		f = r.frame();
		expect(f).toMatch(/Resume contoso-ise.*Azure Contoso Production/);
		await r.press(KEY.enter);
		await r.waitFor((x) => x.includes('Automatic'));
		await r.press(KEY.enter);
		f = await r.waitFor(stepIs(3), 10_000);
		expect(f).toContain('contoso-ise');
		expect(h.fake.requests.some((q) => q.service === 'entra' && q.grantType === 'client_credentials')).toBe(true);
		// No subscription listing: the session knew where its ISE lives.
		expect(armRequests(h.fake, '/subscriptions').filter((q) => q.path === '/subscriptions')).toEqual([]);
	});

	it('shows a 403 on one workflow as a per-item failure, and the retry key reads it once the access is fixed', async () => {
		const scope = `/subscriptions/${SUB_PROD}/resourceGroups/rg-orders/providers/Microsoft.Logic/workflows/order-intake`;
		const {h, services} = await setup({workflowListOmitsParameters: true}, (hh) => ({env: hh.spEnv, auth: 'env'}));
		h.fake.addFault(faults.forbidden('/workflows/order-intake', {scope, action: 'Microsoft.Logic/workflows/read'}));
		r = await render(<App services={services} />);
		// --auth env: no method screen.
		await r.press(KEY.up, KEY.up, KEY.enter);
		await r.waitFor((x) => x.includes('Contoso Production'));
		await r.press(KEY.enter);
		await r.waitFor((x) => stepIs(2)(x) && x.includes('old-ise'));
		await r.press(KEY.enter);
		let f = await r.waitFor((x) => x.includes('could not be read'), 10_000);
		expect(f).toContain('1 item could not be read');
		expect(f).toContain('workflow order-intake (rg-orders)');
		expect(f).toMatch(/Access denied/);
		expect(f).toContain('Reader role');
		expect(f).toContain('tenant Contoso');
		expect(f).toContain('retry the 1 failed');

		h.fake.clearFaults();
		h.fake.requests.length = 0;
		await r.press('r');
		f = await r.waitFor((x) => x.includes('start the review'), 10_000);
		expect(f).toContain('5 workflows');
		// Only the failed item was read again (then the API connections it uses, unknown until now).
		const [workflow, ...connections] = h.fake.requests.filter((q) => q.service === 'arm').map((q) => q.path.split('/').pop());
		expect([workflow, ...connections.sort()]).toEqual(['order-intake', 'sb-orders', 'sql-orders']);
	});

	it('continues without the failed items when asked, and says so', async () => {
		const {h, services} = await setup({workflowListOmitsParameters: true}, (hh) => ({env: hh.spEnv, auth: 'env'}));
		h.fake.addFault({...faults.serverError('/workflows/sftp-drop', 503), times: Infinity});
		r = await render(<App services={services} />);
		await r.press(KEY.up, KEY.up, KEY.enter);
		await r.waitFor((x) => x.includes('Contoso Production'));
		await r.press(KEY.enter);
		await r.waitFor((x) => stepIs(2)(x) && x.includes('old-ise'));
		await r.press(KEY.enter);
		await r.waitFor((x) => x.includes('could not be read'), 10_000);
		await r.press('c');
		const f = await r.waitFor((x) => x.includes('start the review'));
		expect(f).toContain('4 workflows');
		expect(f).toContain('1 item was not read');
	});

	it('explains an empty subscription (the 2024 retirement) and offers the offline ways in', async () => {
		const {services} = await setup({}, (hh) => ({env: hh.spEnv, auth: 'env'}));
		r = await render(<App services={services} />);
		await r.press(KEY.up, KEY.up, KEY.enter);
		await r.waitFor((x) => x.includes('Contoso Sandbox'));
		await r.press('s', 'a', 'n', 'd', KEY.enter);
		let f = await r.waitFor((x) => x.includes('No integration service environment'));
		expect(f).toContain('step 2 of 9');
		expect(f).toContain('Contoso Sandbox');
		expect(f).toMatch(/retired on 31 August 2024/);
		expect(f).toContain('Open an ARM template folder or a snapshot file');
		await r.press(KEY.down, KEY.enter);
		f = await r.waitFor((x) => x.includes('Path to a snapshot'));
		expect(f).toContain('step 1 of 9');
	});

	it('a rejected client secret is explained, names the tenant, never shows the secret, and can be retried', async () => {
		const wrong = 'not-the-right-secret-42';
		const {h, services} = await setup({}, (hh) => ({env: {...hh.spEnv, AZURE_CLIENT_SECRET: wrong}, auth: 'env'}));
		r = await render(<App services={services} />);
		await r.press(KEY.up, KEY.up, KEY.enter);
		let f = await r.waitFor((x) => x.includes('Sign-in failed'));
		expect(f).toContain('AZURE_CLIENT_SECRET');
		expect(f).toContain(T_CONTOSO);
		expect(f).not.toContain(wrong);
		const tries = h.fake.requests.filter((q) => q.service === 'entra' && q.grantType === 'client_credentials').length;
		await r.press('r');
		await r.waitFor(() => h.fake.requests.filter((q) => q.service === 'entra' && q.grantType === 'client_credentials').length > tries);
		f = await r.waitFor((x) => x.includes('Sign-in failed'));
		await r.press(KEY.escape);
		f = await r.waitFor((x) => x.includes('Automatic'));
		expect(f).not.toContain('Sign-in failed');
	});

	it('Esc while the device code is shown cancels the sign-in: polling stops and the code is dead', async () => {
		const {h, services} = await setup({deviceCode: {interval: 0}});
		r = await render(<App services={services} />);
		const prompt = await chooseDeviceCode(r);
		const code = shownCode(prompt)!;
		await r.press(KEY.escape);
		const f = await r.waitFor((x) => x.includes('Sign-in cancelled.'));
		expect(f).toMatch(/❯ Device code/);
		const polls = entraPolls(h);
		await new Promise((res) => setTimeout(res, 150));
		expect(entraPolls(h)).toBe(polls);
		// Approving now signs nobody in: the screen stays where it is.
		h.fake.approveDeviceCode(code);
		await new Promise((res) => setTimeout(res, 100));
		expect(r.frame()).toContain('Sign-in cancelled.');
		expect(r.frame()).not.toContain('Choose the subscription');
	});
});
