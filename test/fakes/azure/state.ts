// What the two fake servers share: the directory (tenants, users, apps), the tokens Entra issued
// (ARM accepts only those), fault rules and the request log.
import {randomBytes, randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {FakeClient, FakeRequest, FakeTenant, FakeUser, FaultRule, TokenClaims} from './types.js';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export interface DeviceCodeEntry {
	deviceCode: string;
	userCode: string;
	clientId: string;
	/** The tenant segment of the authority it was requested on (may be organizations/common). */
	tenantPath: string;
	scope: string;
	polls: number;
	approvedBy?: FakeUser;
	denied?: boolean;
}

export class FakeDirectory {
	readonly tokens = new Map<string, TokenClaims>();
	readonly refreshTokens = new Map<string, {user: FakeUser; clientId: string}>();
	readonly deviceCodes = new Map<string, DeviceCodeEntry>();
	readonly requests: FakeRequest[] = [];
	faults: (FaultRule & {remaining: number})[] = [];

	constructor(
		readonly tenants: FakeTenant[],
		readonly users: FakeUser[],
		readonly clients: FakeClient[],
	) {}

	tenant(idOrDomain: string): FakeTenant | undefined {
		const k = idOrDomain.toLowerCase();
		return this.tenants.find(t => t.tenantId.toLowerCase() === k || t.defaultDomain?.toLowerCase() === k);
	}

	userTenants(user: FakeUser): string[] {
		return [...new Set([user.homeTenantId, ...(user.tenants ?? [])])];
	}

	clientTenants(client: FakeClient): string[] {
		return client.tenants ?? this.tenants.map(t => t.tenantId);
	}

	/** Make an access token (an unsigned JWT: the fake ARM checks it by lookup, not by signature). */
	issue(input: {tenantId: string; audience: string; user?: FakeUser; client?: FakeClient; issuerHost?: string}): {token: string; claims: TokenClaims} {
		const now = Math.floor(Date.now() / 1000);
		const claims: TokenClaims = {
			aud: input.audience,
			tid: input.tenantId,
			oid: input.user?.oid ?? `sp-${input.client?.clientId ?? 'unknown'}`,
			iss: `https://sts.windows.net/${input.tenantId}/`,
			iat: now,
			nbf: now,
			exp: now + 3600,
			idtyp: input.user ? 'user' : 'app',
			...(input.user ? {upn: input.user.upn} : {}),
			...(input.client ? {appid: input.client.clientId} : {}),
		};
		const token = [b64url(JSON.stringify({alg: 'none', typ: 'JWT'})), b64url(JSON.stringify(claims)), b64url(randomBytes(16))].join('.');
		this.tokens.set(token, claims);
		return {token, claims};
	}

	idToken(user: FakeUser, tenantId: string, clientId: string, issuerBase: string): string {
		const now = Math.floor(Date.now() / 1000);
		const claims = {
			aud: clientId,
			iss: `${issuerBase}/${tenantId}/v2.0`,
			iat: now,
			nbf: now,
			exp: now + 3600,
			tid: tenantId,
			oid: user.oid,
			sub: user.oid,
			preferred_username: user.upn,
			name: user.upn,
			ver: '2.0',
		};
		return [b64url(JSON.stringify({alg: 'none', typ: 'JWT'})), b64url(JSON.stringify(claims)), ''].join('.');
	}

	newRefreshToken(user: FakeUser, clientId: string): string {
		const token = `rt-${randomUUID()}`;
		this.refreshTokens.set(token, {user, clientId});
		return token;
	}

	newDeviceCode(entry: Omit<DeviceCodeEntry, 'deviceCode' | 'userCode' | 'polls'>): DeviceCodeEntry {
		const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
		const full: DeviceCodeEntry = {...entry, deviceCode: `dc-${randomUUID()}`, userCode, polls: 0};
		this.deviceCodes.set(full.deviceCode, full);
		return full;
	}

	addFault(rule: FaultRule): void {
		this.faults.push({...rule, remaining: rule.times ?? 1});
	}

	/** The first live fault rule matching this request, consumed by one. */
	takeFault(service: 'arm' | 'entra', method: string, path: string): FaultRule | undefined {
		for (const rule of this.faults) {
			if (rule.remaining <= 0) continue;
			if ((rule.service ?? 'arm') !== service) continue;
			if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
			const hit = typeof rule.path === 'string' ? path.toLowerCase().includes(rule.path.toLowerCase()) : rule.path.test(path);
			if (!hit) continue;
			rule.remaining -= 1;
			return rule;
		}
		return undefined;
	}
}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers});
	res.end(text);
}

/** Apply a fault rule: answer with it, or drop the connection. Returns the status recorded. */
export async function applyFault(rule: FaultRule, req: IncomingMessage, res: ServerResponse): Promise<number> {
	if (rule.delayMs) await new Promise(r => setTimeout(r, rule.delayMs));
	if (rule.reset) {
		req.socket.destroy();
		return 0;
	}
	const status = rule.status ?? 500;
	sendJson(res, status, rule.body ?? {error: {code: 'InternalServerError', message: 'Fault injected by the test.'}}, rule.headers);
	return status;
}
