// startFakeAzure: fake Entra + fake ARM over HTTPS on 127.0.0.1 with a test CA, for the real
// @azure/identity and @azure/arm-* code to talk to. Reusable by unit and end-to-end tests:
//   const fake = await startFakeAzure(sampleEstate());
//   … point ISE_MIGRATE_ARM_ENDPOINT / ISE_MIGRATE_AUTHORITY_HOST at fake.armUrl / fake.authorityUrl,
//     trust fake.ca (tlsOptions.ca, or NODE_EXTRA_CA_CERTS=fake.caFile for a child process) …
//   await fake.close();
import {mkdtempSync, writeFileSync, rmSync} from 'node:fs';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {armHandler} from './arm.js';
import {testCa} from './ca.js';
import {entraHandler} from './entra.js';
import {FakeDirectory} from './state.js';
import type {ArmResource, FakeClient, FakeRequest, FakeSubscription, FakeTenant, FakeUser, FaultRule} from './types.js';

export type * from './types.js';

export interface FakeAzureOptions {
	tenants?: FakeTenant[];
	users?: FakeUser[];
	clients?: FakeClient[];
	subscriptions?: FakeSubscription[];
	/** Raw ARM resources (ISEs, workflows, integration accounts, their children), found by id and listed by parent. */
	resources?: ArmResource[];
	/** Extra list answers keyed by path, e.g. `${iseId}/skus`. */
	lists?: Record<string, unknown[]>;
	/** Items per list page (default 50); small values force nextLink paging. */
	pageSize?: number;
	/** ARM audiences accepted (default the public cloud's); set the US Gov one to prove a sovereign scope was used. */
	audiences?: string[];
	faults?: FaultRule[];
	workflowListOmitsParameters?: boolean;
	/** Delay every ARM answer by this much (ms). */
	latencyMs?: number;
	deviceCode?: {interval?: number; autoApproveAfterPolls?: number; user?: string};
	/** Serve a managed identity at `${authorityUrl}/msi/token` (App Service style: IDENTITY_ENDPOINT + IDENTITY_HEADER). */
	managedIdentity?: {tenantId: string; clientId: string};
	/** Who signs in when a browser opens the authorize page (default the first user), or that they decline. */
	browser?: {user?: string; decline?: boolean};
}

export interface FakeAzure {
	/** https://127.0.0.1:PORT of the fake ARM (no trailing slash). */
	armUrl: string;
	/** https://127.0.0.1:PORT of the fake Entra authority host. */
	authorityUrl: string;
	/** PEM of the CA that signed both servers' certificates. */
	ca: string;
	/** The same CA written to a file, for NODE_EXTRA_CA_CERTS in a child process. */
	caFile: string;
	/** Every request either server received, in order. */
	requests: FakeRequest[];
	addFault(rule: FaultRule): void;
	clearFaults(): void;
	/** Approve a pending device code as a user (default the first user). Returns false if no such code. */
	approveDeviceCode(userCode: string, user?: string): boolean;
	/** Deny a pending device code (the user declined). */
	denyDeviceCode(userCode: string): boolean;
	/** Issue a token the fake ARM will accept, as `az account get-access-token` would hand one out. */
	issueToken(input: {tenantId: string; audience?: string; user?: string; clientId?: string}): string;
	users: FakeUser[];
	/** ARM requests in flight now, and the most there ever were at once. */
	stats: {inFlight: number; maxInFlight: number};
	close(): Promise<void>;
}

export const PUBLIC_ARM_AUDIENCES = ['https://management.azure.com', 'https://management.core.windows.net'];

function listen(server: https.Server): Promise<string> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as AddressInfo;
			resolve(`https://127.0.0.1:${port}`);
		});
	});
}

export async function startFakeAzure(options: FakeAzureOptions = {}): Promise<FakeAzure> {
	const tls = await testCa();
	const dir = new FakeDirectory(options.tenants ?? [], options.users ?? [], options.clients ?? []);
	for (const f of options.faults ?? []) dir.addFault(f);
	const stats = {inFlight: 0, maxInFlight: 0};
	let armUrl = '';
	let authorityUrl = '';
	const entra = https.createServer({key: tls.key, cert: tls.cert}, entraHandler(dir, () => authorityUrl, {
		deviceCodeInterval: options.deviceCode?.interval ?? 0,
		autoApproveAfterPolls: options.deviceCode?.autoApproveAfterPolls,
		deviceCodeUser: options.deviceCode?.user,
		managedIdentity: options.managedIdentity,
		...(options.browser ? {browser: options.browser} : {}),
	}));
	const arm = https.createServer({key: tls.key, cert: tls.cert}, armHandler(dir, () => armUrl, {
		subscriptions: options.subscriptions ?? [],
		resources: options.resources ?? [],
		lists: options.lists ?? {},
		pageSize: options.pageSize ?? 50,
		audiences: (options.audiences ?? PUBLIC_ARM_AUDIENCES).map(a => a.replace(/\/$/, '')),
		workflowListOmitsParameters: options.workflowListOmitsParameters ?? false,
		latencyMs: options.latencyMs ?? 0,
		stats,
	}));
	authorityUrl = await listen(entra);
	armUrl = await listen(arm);
	const tmp = mkdtempSync(path.join(tmpdir(), 'fake-azure-'));
	const caFile = path.join(tmp, 'ca.pem');
	writeFileSync(caFile, tls.ca);

	const findUser = (key?: string) => (key ? dir.users.find(u => u.upn === key || u.oid === key) : dir.users[0]);
	const pending = (userCode: string) => [...dir.deviceCodes.values()].find(d => d.userCode === userCode);

	return {
		armUrl,
		authorityUrl,
		ca: tls.ca,
		caFile,
		requests: dir.requests,
		users: dir.users,
		stats,
		addFault: rule => dir.addFault(rule),
		clearFaults: () => {
			dir.faults = [];
		},
		approveDeviceCode(userCode, user) {
			const entry = pending(userCode);
			const who = findUser(user);
			if (!entry || !who) return false;
			entry.approvedBy = who;
			return true;
		},
		denyDeviceCode(userCode) {
			const entry = pending(userCode);
			if (!entry) return false;
			entry.denied = true;
			return true;
		},
		issueToken({tenantId, audience, user, clientId}) {
			const client = clientId ? dir.clients.find(c => c.clientId === clientId) : undefined;
			const who = client ? undefined : findUser(user);
			return dir.issue({tenantId, audience: (audience ?? PUBLIC_ARM_AUDIENCES[0]!).replace(/\/$/, ''), user: who, client}).token;
		},
		async close() {
			for (const s of [entra, arm]) s.closeAllConnections();
			await Promise.all([entra, arm].map(s => new Promise<void>(r => s.close(() => r()))));
			rmSync(tmp, {recursive: true, force: true});
		},
	};
}

/** Fault helpers: the shapes real ARM answers with. */
export const faults = {
	throttle(pathPart: string | RegExp, retryAfter: {ms?: number; seconds?: number} = {ms: 5}, times = 1): FaultRule {
		const headers: Record<string, string> = retryAfter.seconds !== undefined ? {'Retry-After': String(retryAfter.seconds)} : {'retry-after-ms': String(retryAfter.ms ?? 5)};
		return {path: pathPart, times, status: 429, headers, body: {error: {code: 'TooManyRequests', message: 'The request is being throttled.'}}};
	},
	serverError(pathPart: string | RegExp, status = 503, times = 1): FaultRule {
		return {path: pathPart, times, status, body: {error: {code: status === 500 ? 'InternalServerError' : 'ServiceUnavailable', message: 'The service is temporarily unavailable.'}}};
	},
	socketReset(pathPart: string | RegExp, times = 1): FaultRule {
		return {path: pathPart, times, reset: true};
	},
	forbidden(pathPart: string | RegExp, input: {scope: string; action: string; principal?: string}, times = Infinity): FaultRule {
		const who = input.principal ?? 'admin@contoso.example';
		return {
			path: pathPart,
			times,
			status: 403,
			body: {
				error: {
					code: 'AuthorizationFailed',
					message: `The client '${who}' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization to perform action '${input.action}' over scope '${input.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
				},
			},
		};
	},
};
