// Fake Microsoft Entra ID: just enough of the v2.0 endpoints for MSAL (inside @azure/identity)
// to run its real client-credential, device-code, authorization-code (browser, with PKCE) and refresh-token flows
// against it.
import {createHash, randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {applyFault, readBody, sendJson, type FakeDirectory} from './state.js';
import type {FakeUser} from './types.js';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface EntraOptions {
	/** Seconds MSAL waits between device-code polls (0 keeps tests fast). */
	deviceCodeInterval: number;
	/** Approve device codes by themselves after this many polls (for runs where no test code can approve). */
	autoApproveAfterPolls?: number;
	/** User that approves auto-approved codes (default: the first user). */
	deviceCodeUser?: string;
	/** The identity the /msi/token endpoint hands out tokens for. */
	managedIdentity?: {tenantId: string; clientId: string};
	/** Who signs in at the authorize page a browser is sent to (default the first user), or that they decline. */
	browser?: {user?: string; decline?: boolean};
}

/** An authorization code handed to the browser's redirect, redeemed once with the PKCE verifier. */
interface AuthorizationCode {
	user: FakeUser;
	clientId: string;
	redirectUri: string;
	challenge: string;
	scope: string;
}

function aadError(res: ServerResponse, status: number, error: string, description: string, codes: number[] = []): number {
	sendJson(res, status, {
		error,
		error_description: description,
		error_codes: codes,
		timestamp: new Date().toISOString(),
		trace_id: '00000000-0000-0000-0000-000000000000',
		correlation_id: '00000000-0000-0000-0000-000000000000',
	});
	return status;
}

/** The resource part of a space-separated scope list ("https://management.azure.com/.default openid …"). */
function resourceOf(scope: string): string | undefined {
	const s = scope.split(/\s+/).find(x => x && !OIDC_SCOPES.has(x));
	if (!s) return undefined;
	return s.replace(/\/\.default$/, '').replace(/\/$/, '');
}

export function entraHandler(dir: FakeDirectory, baseUrl: () => string, options: EntraOptions) {
	const codes = new Map<string, AuthorizationCode>();
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'https://fake');
		const method = req.method ?? 'GET';
		const record = {service: 'entra' as const, method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, faulted: false} as FakeDirectoryRequest;
		dir.requests.push(record);
		const body = method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams();
		if (body.get('grant_type')) record.grantType = body.get('grant_type') ?? undefined;
		if (body.get('scope')) record.scope = body.get('scope') ?? undefined;
		const fault = dir.takeFault('entra', method, url.pathname);
		if (fault) {
			record.faulted = true;
			record.status = await applyFault(fault, req, res);
			return;
		}
		record.status = await route(url, method, body, res);
	};

	/**
	 * The page a browser is sent to: the user signs in (or declines) and the browser is redirected to the app's
	 * loopback address with a code, or with the error, and the state it was given.
	 */
	function authorize(url: URL, res: ServerResponse): number {
		const q = url.searchParams;
		const redirectUri = q.get('redirect_uri') ?? '';
		const back = new URL(redirectUri);
		const state = q.get('state');
		if (state) back.searchParams.set('state', state);
		const user = options.browser?.user ? dir.users.find(u => u.upn === options.browser!.user || u.oid === options.browser!.user) : dir.users[0];
		if (options.browser?.decline || !user) {
			back.searchParams.set('error', 'access_denied');
			back.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
		} else if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
			back.searchParams.set('error', 'invalid_request');
			back.searchParams.set('error_description', 'AADSTS9002325: Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
		} else {
			const code = randomUUID();
			codes.set(code, {user, clientId: q.get('client_id') ?? '', redirectUri, challenge: q.get('code_challenge')!, scope: q.get('scope') ?? ''});
			back.searchParams.set('code', code);
			back.searchParams.set('client_info', Buffer.from(JSON.stringify({uid: user.oid, utid: user.homeTenantId})).toString('base64url'));
		}
		res.writeHead(302, {location: back.toString()});
		res.end();
		return 302;
	}

	async function route(url: URL, method: string, body: URLSearchParams, res: ServerResponse): Promise<number> {
		const parts = url.pathname.split('/').filter(Boolean);
		const tenantPath = parts[0] ?? '';
		const rest = parts.slice(1).join('/');
		const base = baseUrl();

		if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') {
			const known = dir.tenant(tenantPath);
			const generic = ['common', 'organizations', 'consumers'].includes(tenantPath.toLowerCase());
			if (!known && !generic) return aadError(res, 400, 'invalid_tenant', `AADSTS90002: Tenant '${tenantPath}' not found.`, [90002]);
			const issuerTenant = generic ? '{tenantid}' : known!.tenantId;
			sendJson(res, 200, {
				token_endpoint: `${base}/${tenantPath}/oauth2/v2.0/token`,
				authorization_endpoint: `${base}/${tenantPath}/oauth2/v2.0/authorize`,
				device_authorization_endpoint: `${base}/${tenantPath}/oauth2/v2.0/devicecode`,
				end_session_endpoint: `${base}/${tenantPath}/oauth2/v2.0/logout`,
				jwks_uri: `${base}/${tenantPath}/discovery/v2.0/keys`,
				issuer: `${base}/${issuerTenant}/v2.0`,
				response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
				scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
				token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
				subject_types_supported: ['pairwise'],
				id_token_signing_alg_values_supported: ['RS256'],
				tenant_region_scope: 'NA',
				cloud_instance_name: 'fake.test',
			});
			return 200;
		}
		if (method === 'GET' && rest === 'discovery/v2.0/keys') {
			sendJson(res, 200, {keys: []});
			return 200;
		}
		if (method === 'POST' && rest === 'oauth2/v2.0/devicecode') {
			const clientId = body.get('client_id') ?? '';
			const entry = dir.newDeviceCode({clientId, tenantPath, scope: body.get('scope') ?? ''});
			const verificationUri = `${base}/devicelogin`;
			sendJson(res, 200, {
				user_code: entry.userCode,
				device_code: entry.deviceCode,
				verification_uri: verificationUri,
				expires_in: 900,
				interval: options.deviceCodeInterval,
				message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${entry.userCode} to authenticate.`,
			});
			return 200;
		}
		if (method === 'GET' && rest === 'oauth2/v2.0/authorize') return authorize(url, res);
		if (method === 'POST' && rest === 'oauth2/v2.0/token') return token(tenantPath, body, res, base);
		// App Service style managed identity endpoint (IDENTITY_ENDPOINT=<authority>/msi/token, IDENTITY_HEADER=<secret>).
		if (method === 'GET' && url.pathname === '/msi/token') return managedIdentity(url, res);
		sendJson(res, 404, {error: 'not_found', error_description: `The fake Entra has no ${method} ${url.pathname}`});
		return 404;
	}

	function managedIdentity(url: URL, res: ServerResponse): number {
		const mi = options.managedIdentity;
		const resource = url.searchParams.get('resource');
		if (!mi) return aadError(res, 404, 'not_found', 'No managed identity is assigned to this resource.');
		if (!resource) return aadError(res, 400, 'invalid_request', 'resource is required');
		const {token: accessToken} = dir.issue({tenantId: mi.tenantId, audience: resource.replace(/\/$/, ''), client: {clientId: mi.clientId}});
		sendJson(res, 200, {
			access_token: accessToken,
			expires_on: String(Math.floor(Date.now() / 1000) + 3600),
			resource,
			token_type: 'Bearer',
			client_id: mi.clientId,
		});
		return 200;
	}

	function resolveTenant(tenantPath: string, user: FakeUser): string | undefined {
		if (['common', 'organizations'].includes(tenantPath.toLowerCase())) return user.homeTenantId;
		const t = dir.tenant(tenantPath);
		if (!t) return undefined;
		return dir.userTenants(user).includes(t.tenantId) ? t.tenantId : undefined;
	}

	function userTokens(res: ServerResponse, user: FakeUser, tenantPath: string, clientId: string, scope: string, base: string): number {
		const tenantId = resolveTenant(tenantPath, user);
		if (!tenantId) {
			return aadError(res, 400, 'invalid_grant', `AADSTS50020: User account '${user.upn}' from identity provider does not exist in tenant '${tenantPath}'.`, [50020]);
		}
		const audience = resourceOf(scope);
		if (!audience) return aadError(res, 400, 'invalid_scope', 'AADSTS70011: The provided value for the input parameter scope is not valid.', [70011]);
		const {token} = dir.issue({tenantId, audience, user});
		const clientInfo = Buffer.from(JSON.stringify({uid: user.oid, utid: user.homeTenantId})).toString('base64url');
		sendJson(res, 200, {
			token_type: 'Bearer',
			scope: `${audience}/.default`,
			expires_in: 3600,
			ext_expires_in: 3600,
			access_token: token,
			refresh_token: dir.newRefreshToken(user, clientId),
			id_token: dir.idToken(user, tenantId, clientId, base),
			client_info: clientInfo,
		});
		return 200;
	}

	function token(tenantPath: string, body: URLSearchParams, res: ServerResponse, base: string): number {
		const grant = body.get('grant_type') ?? '';
		const clientId = body.get('client_id') ?? '';
		const scope = body.get('scope') ?? '';

		if (grant === 'client_credentials') {
			const client = dir.clients.find(c => c.clientId === clientId);
			const tenant = dir.tenant(tenantPath);
			if (!tenant) return aadError(res, 400, 'invalid_request', `AADSTS90002: Tenant '${tenantPath}' not found.`, [90002]);
			if (!client || !dir.clientTenants(client).includes(tenant.tenantId)) {
				return aadError(res, 400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'.`, [700016]);
			}
			const secret = body.get('client_secret');
			const assertion = body.get('client_assertion');
			const ok = (secret !== null && client.secret !== undefined && secret === client.secret) || (assertion !== null && client.certificate === true);
			if (!ok) {
				return aadError(res, 401, 'invalid_client', `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`, [7000215]);
			}
			const audience = resourceOf(scope);
			if (!audience) return aadError(res, 400, 'invalid_scope', 'AADSTS70011: The provided value for the input parameter scope is not valid.', [70011]);
			const {token: accessToken} = dir.issue({tenantId: tenant.tenantId, audience, client});
			sendJson(res, 200, {token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: accessToken});
			return 200;
		}

		if (grant === 'device_code' || grant === 'urn:ietf:params:oauth:grant-type:device_code') {
			const entry = dir.deviceCodes.get(body.get('device_code') ?? '');
			if (!entry) return aadError(res, 400, 'expired_token', 'AADSTS70020: The provided value for the input parameter device_code is not valid or has expired.', [70020]);
			entry.polls += 1;
			if (!entry.approvedBy && options.autoApproveAfterPolls !== undefined && entry.polls > options.autoApproveAfterPolls) {
				entry.approvedBy = (options.deviceCodeUser && dir.users.find(u => u.upn === options.deviceCodeUser || u.oid === options.deviceCodeUser)) || dir.users[0];
			}
			if (entry.denied) return aadError(res, 400, 'authorization_declined', 'AADSTS70000: The user declined the sign-in.', [70000]);
			if (!entry.approvedBy) return aadError(res, 400, 'authorization_pending', 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.', [70016]);
			dir.deviceCodes.delete(entry.deviceCode);
			return userTokens(res, entry.approvedBy, tenantPath, clientId, scope || entry.scope, base);
		}

		if (grant === 'authorization_code') {
			const code = body.get('code') ?? '';
			const entry = codes.get(code);
			codes.delete(code);
			const verifier = body.get('code_verifier') ?? '';
			if (!entry || entry.clientId !== clientId || entry.redirectUri !== body.get('redirect_uri')) {
				return aadError(res, 400, 'invalid_grant', 'AADSTS70008: The provided authorization code or refresh token has expired or is not valid.', [70008]);
			}
			if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge) {
				return aadError(res, 400, 'invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.', [501481]);
			}
			return userTokens(res, entry.user, tenantPath, clientId, scope || entry.scope, base);
		}

		if (grant === 'refresh_token') {
			const rt = dir.refreshTokens.get(body.get('refresh_token') ?? '');
			if (!rt) return aadError(res, 400, 'invalid_grant', 'AADSTS9002313: Invalid request. Request is malformed or invalid.', [9002313]);
			return userTokens(res, rt.user, tenantPath, clientId, scope, base);
		}

		return aadError(res, 400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grant}'.`, [70003]);
	}
}

type FakeDirectoryRequest = FakeDirectory['requests'][number];
