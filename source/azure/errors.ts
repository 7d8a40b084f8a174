// Turn what the SDKs throw (RestError, AuthenticationError, CredentialUnavailableError, AbortError,
// socket errors) into a sentence that says what is wrong and what to do. Tokens and secrets never
// reach a message: everything passes through redact().

import {timeoutDetail} from './transport.js';

export type ProblemKind =
	| 'cancelled'
	| 'cli-missing'
	| 'cli-login'
	| 'unavailable'
	| 'auth'
	| 'tenant'
	| 'forbidden'
	| 'not-found'
	| 'throttled'
	| 'server'
	| 'network'
	| 'tls'
	| 'unknown';

export interface AzureProblem {
	kind: ProblemKind;
	/** What went wrong, one sentence. */
	message: string;
	/** What to do about it. */
	hint?: string;
	/** The tenant the failure belongs to, when known (a mismatch names the tenant the resource needs). */
	tenantId?: string;
	status?: number;
	code?: string;
	/** True for failures worth retrying as they are (throttling, 5xx, network). */
	transient: boolean;
}

export interface ProblemContext {
	/** What was being done, e.g. "listing workflows in subscription Contoso Production". */
	action?: string;
	/** ARM scope the request was about, e.g. /subscriptions/…; used when the error does not say. */
	scope?: string;
	/** The tenant the request was made for. */
	tenantId?: string;
	/** Tenant ids → display names, to name tenants the way the admin knows them. */
	tenantNames?: Record<string, string>;
	env?: NodeJS.ProcessEnv;
}

interface ErrorShape {
	name?: string;
	message?: string;
	code?: string;
	statusCode?: number;
	request?: {url?: string};
	errorResponse?: {error?: string; errorDescription?: string; error_description?: string};
	cause?: unknown;
}

const TOKENISH = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Remove anything token- or secret-shaped, and the values of secret environment variables. */
export function redact(text: string, env: NodeJS.ProcessEnv = process.env): string {
	let out = text
		.replace(TOKENISH, '[token]')
		.replace(/(Bearer\s+)[^\s"',]+/gi, '$1[token]')
		.replace(/((?:client_secret|client_assertion|access_token|refresh_token|id_token|password)["']?\s*[=:]\s*["']?)[^\s"'&,]+/gi, '$1[redacted]');
	for (const name of ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_PASSWORD']) {
		const v = env[name];
		if (v && v.length >= 4) out = out.split(v).join('[redacted]');
	}
	return out;
}

function tenantLabel(id: string, ctx: ProblemContext): string {
	const name = ctx.tenantNames?.[id] ?? ctx.tenantNames?.[id.toLowerCase()];
	return name ? `${name} (${id})` : id;
}

/** First sentence-ish chunk of a long SDK message, without trace ids and timestamps. */
function firstPart(message: string): string {
	const cleaned = message
		.replace(/\r?\n\s*Trace ID:.*$/is, '')
		.replace(/\s*Trace ID: [\w-]+/gi, '')
		.replace(/\s*Correlation ID: [\w-]+/gi, '')
		.replace(/\s*Timestamp: [\d\- :.Z]+/gi, '')
		.trim();
	const line = cleaned.split(/\r?\n/)[0] ?? cleaned;
	return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

function hostOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url).host;
	} catch {
		return undefined;
	}
}

/** The ARM scope a request URL addresses, down to the resource group. */
function scopeOfUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		const m = /^(\/subscriptions\/[^/]+(?:\/resourceGroups\/[^/]+)?)/i.exec(new URL(url).pathname);
		return m?.[1];
	} catch {
		return undefined;
	}
}

const NETWORK_CODES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'DNS lookup timed out',
	ETIMEDOUT: 'the connection timed out',
	ESOCKETTIMEDOUT: 'the connection timed out',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed',
};

const TLS_CODES = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_UNTRUSTED',
]);

/** Our own timeout's words ("no answer within 60 s"), wherever in the cause chain they are. */
function findTimeout(e: ErrorShape | undefined, depth = 0): string | undefined {
	if (!e || depth > 4) return undefined;
	return (typeof e.message === 'string' ? timeoutDetail(e.message) : undefined) ?? findTimeout(e.cause as ErrorShape | undefined, depth + 1);
}

/** The request URL, wherever in the cause chain it is. */
function findUrl(e: ErrorShape | undefined, depth = 0): string | undefined {
	if (!e || depth > 4) return undefined;
	return e.request?.url ?? findUrl(e.cause as ErrorShape | undefined, depth + 1);
}

function findCode(e: ErrorShape | undefined, depth = 0): string | undefined {
	if (!e || depth > 4) return undefined;
	if (e.code && (NETWORK_CODES[e.code] || TLS_CODES.has(e.code))) return e.code;
	return findCode(e.cause as ErrorShape | undefined, depth + 1);
}

/** AADSTS codes an admin is likely to meet, with what to do. */
function describeAadsts(text: string, ctx: ProblemContext): {message: string; hint?: string} | undefined {
	const code = /AADSTS(\d+)/.exec(text)?.[1];
	if (!code) return undefined;
	const env = ctx.env ?? process.env;
	const tenant = ctx.tenantId ? ` in tenant ${tenantLabel(ctx.tenantId, ctx)}` : '';
	switch (code) {
		case '7000215':
		case '7000222':
			return {
				message: `The service principal's client secret was rejected (AADSTS${code}: invalid or expired).`,
				hint: 'Check that AZURE_CLIENT_SECRET holds the secret VALUE (not its ID) and has not expired.',
			};
		case '700016':
			return {
				message: `The app ${env['AZURE_CLIENT_ID'] ?? ''} is not registered${tenant || ' in that tenant'} (AADSTS700016).`.replace('app  is', 'app is'),
				hint: 'Check AZURE_CLIENT_ID and AZURE_TENANT_ID, or consent the app in that tenant.',
			};
		case '90002':
			return {message: `The tenant was not found (AADSTS90002).`, hint: 'Check the tenant id or domain passed with --tenant or AZURE_TENANT_ID.'};
		case '50020':
		case '50034':
		case '50076':
			return {
				message: `The signed-in account has no access${tenant || ' to that tenant'} (AADSTS${code}).`,
				hint: 'Sign in with an account of that tenant, or ask for a guest invitation.',
			};
		case '70000':
		case '65004':
			return {message: 'The sign-in was declined on the sign-in page.', hint: 'Start the sign-in again and approve it.'};
		case '70020':
		case '70019':
			return {message: 'The device code expired before the sign-in was completed.', hint: 'Start the sign-in again and enter the new code within 15 minutes.'};
		case '53003':
			return {message: 'A Conditional Access policy blocked this sign-in (AADSTS53003).', hint: 'Sign in from a compliant device or ask your identity admin which method is allowed.'};
		default:
			return undefined;
	}
}

export function describeAzureError(error: unknown, ctx: ProblemContext = {}): AzureProblem {
	if (error instanceof AzureOperationError) return error.problem;
	const problem = describeRaw(error, ctx);
	const env = ctx.env ?? process.env;
	return {
		...problem,
		message: redact(problem.message, env),
		...(problem.hint ? {hint: redact(problem.hint, env)} : {}),
	};
}

function describeRaw(error: unknown, ctx: ProblemContext): AzureProblem {
	const e = (typeof error === 'object' && error !== null ? error : {message: String(error)}) as ErrorShape;
	const name = e.name ?? '';
	const raw = typeof e.message === 'string' ? e.message : String(error);
	const doing = ctx.action ? ` while ${ctx.action}` : '';

	// SignInError wraps the real cause.
	if (name === 'SignInError' && e.cause) return describeRaw(e.cause, ctx);

	if (name === 'AbortError' || /user_cancelled/i.test(raw)) {
		return {kind: 'cancelled', message: 'Cancelled.', transient: false};
	}

	if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
		if (/Azure CLI could not be found/i.test(raw)) {
			return {
				kind: 'cli-missing',
				message: 'The Azure CLI (az) is not installed or not on PATH.',
				hint: 'Install it from https://aka.ms/azure-cli and run `az login`, or sign in another way (--auth device).',
				transient: false,
			};
		}
		if (/az login/i.test(raw)) {
			const t = ctx.tenantId ? ` --tenant ${ctx.tenantId}` : '';
			return {
				kind: 'cli-login',
				message: `The Azure CLI is not signed in${ctx.tenantId ? ` to tenant ${tenantLabel(ctx.tenantId, ctx)}` : ''}.`,
				hint: `Run \`az login${t}\` and try again, or sign in another way (--auth device).`,
				transient: false,
			};
		}
		const aad = describeAadsts(raw, ctx);
		if (aad) return {kind: 'auth', ...aad, transient: false};
		return {kind: 'unavailable', message: firstPart(raw), hint: 'Choose another sign-in method (--auth cli|device|browser|env|msi).', transient: false};
	}

	if (name === 'AuthenticationError' || name === 'AuthenticationRequiredError') {
		const description = e.errorResponse?.errorDescription ?? e.errorResponse?.error_description ?? raw;
		const aad = describeAadsts(description, ctx) ?? describeAadsts(raw, ctx);
		if (aad) return {kind: 'auth', ...aad, transient: false};
		const net = findCode(e);
		if (net) return networkProblem(net, findUrl(e), ctx, 'the sign-in service', findTimeout(e));
		return {
			kind: 'auth',
			message: `Sign-in failed${ctx.tenantId ? ` for tenant ${tenantLabel(ctx.tenantId, ctx)}` : ''}: ${firstPart(description)}`,
			hint: 'Sign in again, or choose another sign-in method.',
			transient: false,
		};
	}

	const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
	const code = e.code;
	const url = e.request?.url;

	if (code === 'InvalidAuthenticationTokenTenant') {
		const wanted = /must match the tenant 'https:\/\/sts\.windows\.net\/([^/']+)\/?'/i.exec(raw)?.[1] ?? /authority \(URL\) '[^']*\/([^/']+)'/i.exec(raw)?.[1];
		const got = /wrong issuer 'https:\/\/sts\.windows\.net\/([^/']+)\/?'/i.exec(raw)?.[1];
		const target = wanted ? tenantLabel(wanted, ctx) : 'another tenant';
		return {
			kind: 'tenant',
			message: `This subscription belongs to tenant ${target}, but the sign-in token is from tenant ${got ? tenantLabel(got, ctx) : 'a different one'}${doing}.`,
			hint: wanted
				? `Sign in to tenant ${wanted} (--tenant ${wanted}; with the Azure CLI: az login --tenant ${wanted}).`
				: 'Sign in to the tenant that owns the subscription (--tenant <id>).',
			...(wanted ? {tenantId: wanted} : {}),
			status,
			code,
			transient: false,
		};
	}

	if (status === 401) {
		return {
			kind: 'auth',
			message: `Azure Resource Manager rejected the sign-in token${doing}${code ? ` (${code})` : ''}: ${firstPart(raw)}`,
			hint: 'Sign in again; if it persists, check that --cloud matches where the subscription lives.',
			...(ctx.tenantId ? {tenantId: ctx.tenantId} : {}),
			status,
			...(code ? {code} : {}),
			transient: false,
		};
	}

	if (status === 403) {
		const m = /perform action '([^']+)' over scope '([^']+)'/i.exec(raw);
		const action = m?.[1];
		const scope = m?.[2] ?? ctx.scope ?? scopeOfUrl(url) ?? 'the subscription';
		return {
			kind: 'forbidden',
			message: `Access denied${doing}: the signed-in identity may not ${action ? `perform ${action}` : 'read'} on ${scope}.`,
			hint: `It needs the Reader role (or another role that grants ${action ?? 'read access'}) on ${scope}; ask an owner of that scope to assign it.`,
			...(ctx.tenantId ? {tenantId: ctx.tenantId} : {}),
			status,
			...(code ? {code} : {}),
			transient: false,
		};
	}

	if (status === 404) {
		return {kind: 'not-found', message: `Not found${doing}: ${firstPart(raw)}`, status, ...(code ? {code} : {}), transient: false};
	}

	if (status === 429) {
		return {
			kind: 'throttled',
			message: `Azure throttled the requests${doing} and the retries ran out.`,
			hint: 'Wait a minute and retry the failed items, or lower --concurrency.',
			status,
			...(code ? {code} : {}),
			transient: true,
		};
	}

	if (status !== undefined && status >= 500) {
		return {
			kind: 'server',
			message: `Azure answered ${status}${code ? ` ${code}` : ''}${doing}: ${firstPart(raw)}`,
			hint: 'This is usually temporary: retry the failed items.',
			status,
			...(code ? {code} : {}),
			transient: true,
		};
	}

	const net = findCode(e);
	if (net) return networkProblem(net, url ?? findUrl(e), ctx, undefined, findTimeout(e));
	if (name === 'RestError' && (code === 'REQUEST_SEND_ERROR' || /socket hang up/i.test(raw))) return networkProblem('ECONNRESET', url, ctx);

	if (status !== undefined) {
		return {kind: 'unknown', message: `Azure answered ${status}${code ? ` ${code}` : ''}${doing}: ${firstPart(raw)}`, status, ...(code ? {code} : {}), transient: false};
	}
	return {kind: 'unknown', message: `${firstPart(raw)}${doing}`, transient: false};
}

/** The overrides that may have sent a request to `origin`, for the hint. */
function overrideNamed(origin: string, env: NodeJS.ProcessEnv): string | undefined {
	return ['ISE_MIGRATE_ARM_ENDPOINT', 'ISE_MIGRATE_AUTHORITY_HOST', 'AZURE_AUTHORITY_HOST', 'IDENTITY_ENDPOINT', 'MSI_ENDPOINT'].find((name) => {
		const v = env[name];
		if (!v) return false;
		try {
			return new URL(v).origin === origin;
		} catch {
			return false;
		}
	});
}

function networkProblem(code: string, url: string | undefined, ctx: ProblemContext, what?: string, timeout?: string): AzureProblem {
	const host = hostOf(url) ?? what ?? 'Azure';
	const doing = ctx.action ? ` while ${ctx.action}` : '';
	if (TLS_CODES.has(code)) {
		return {
			kind: 'tls',
			message: `The TLS certificate of ${host} is not trusted (${code})${doing}.`,
			hint: 'If a proxy inspects TLS here, point NODE_EXTRA_CA_CERTS at its CA certificate file.',
			code,
			transient: false,
		};
	}
	if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		// Name the endpoint itself: the admin needs to know which one to check (ARM, sign-in, a proxy, an override).
		const origin = url ? new URL(url).origin : host;
		const override = url ? overrideNamed(origin, ctx.env ?? process.env) : undefined;
		return {
			kind: 'network',
			message: `${origin} did not answer (${timeout ?? 'the connection timed out'}, on every try)${doing}.`,
			hint:
				`Check the network, proxy (HTTPS_PROXY) and firewall between here and ${host}` +
				`${override ? `, and the address in ${override}` : ''}, then retry. ` +
				'On a slow link, raise ISE_MIGRATE_CONNECT_TIMEOUT_MS or ISE_MIGRATE_RESPONSE_TIMEOUT_MS.',
			code,
			transient: true,
		};
	}
	return {
		kind: 'network',
		message: `Could not reach ${host}: ${NETWORK_CODES[code] ?? code}${doing}.`,
		hint: 'Check the network or proxy (HTTPS_PROXY), then retry the failed items.',
		code,
		transient: true,
	};
}

/** One line for logs, the CLI and error panels: message and hint together. */
export function formatAzureError(error: unknown, ctx: ProblemContext = {}): string {
	const p = describeAzureError(error, ctx);
	return p.hint ? `${p.message} ${p.hint}` : p.message;
}

/** An Azure call that failed, carrying the readable problem; `message` is already safe to show. */
export class AzureOperationError extends Error {
	override name = 'AzureOperationError';
	constructor(readonly problem: AzureProblem) {
		super(problem.hint ? `${problem.message} ${problem.hint}` : problem.message);
	}
}

/** Wrap anything thrown by the SDK; cancellations pass through untouched so callers can tell them apart. */
export function toOperationError(error: unknown, ctx: ProblemContext = {}): unknown {
	if (error instanceof AzureOperationError) return error;
	if (error instanceof Error && error.name === 'AbortError') return error;
	return new AzureOperationError(describeAzureError(error, ctx));
}

export function isCancellation(error: unknown): boolean {
	return (error instanceof Error && error.name === 'AbortError') || (error instanceof AzureOperationError && error.problem.kind === 'cancelled');
}
