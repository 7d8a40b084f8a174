// Sign-in: the five methods, the automatic order, and one credential per tenant.
// Tokens live only inside the @azure/identity credential objects (in memory); nothing here writes them anywhere.
import {
	AzureCliCredential,
	ClientCertificateCredential,
	ClientSecretCredential,
	CredentialUnavailableError,
	DeviceCodeCredential,
	InteractiveBrowserCredential,
	ManagedIdentityCredential,
	type AccessToken,
	type GetTokenOptions,
	type TokenCredential,
} from '@azure/identity';
import {request} from 'node:https';
import type {AzureConfig} from './config.js';
import {AUTH_METHOD_LABELS, autoOrder, hasManagedIdentity, isInteractive, type AuthChoice, type AuthMethod} from './methods.js';
import {seconds, timeoutError, transportOptions} from './transport.js';
import {FAILURE_CODE} from '../model/failure.js';

/** Options shared by every credential: where to sign in, what to trust, how to retry. */
function credentialTransport(config: AzureConfig) {
	return {
		authorityHost: config.authorityHost,
		// Instance discovery asks the real login host about the authority; a proxy or test double has none.
		...(config.authorityOverridden ? {disableInstanceDiscovery: true} : {}),
		...transportOptions(config),
	};
}

export {AUTH_METHOD_LABELS, AUTH_METHODS, autoOrder, isInteractive, methodAvailability, parseAuthChoice} from './methods.js';
export type {AuthChoice, AuthMethod, MethodAvailability} from './methods.js';

export interface DeviceCodePrompt {
	userCode: string;
	verificationUri: string;
	message: string;
	/** The tenant this sign-in is for, when it is a specific one. */
	tenantId?: string;
}

export interface CredentialOptions {
	/** Tenant to get tokens from; undefined means the method's default (home / organizations). */
	tenantId?: string;
	onDeviceCode?: (prompt: DeviceCodePrompt) => void;
	/** Cancels every token request of this credential (Esc / Ctrl-C during sign-in). */
	abortSignal?: AbortSignal;
	env?: NodeJS.ProcessEnv;
}

/** Build the credential for one method and one tenant. Throws CredentialUnavailableError when the method cannot work here. */
export function createCredential(config: AzureConfig, method: AuthMethod, options: CredentialOptions = {}): TokenCredential {
	const env = options.env ?? process.env;
	const transport = credentialTransport(config);
	const tenantId = options.tenantId;
	let credential: TokenCredential;
	switch (method) {
		case 'cli':
			credential = new AzureCliCredential({...(tenantId ? {tenantId} : {}), processTimeoutInMs: 30_000});
			break;
		case 'device': {
			const clientId = env['ISE_MIGRATE_CLIENT_ID'];
			credential = new DeviceCodeCredential({
				...transport,
				tenantId: tenantId ?? 'organizations',
				...(clientId ? {clientId} : {}),
				userPromptCallback: info => options.onDeviceCode?.({...info, ...(tenantId ? {tenantId} : {})}),
			});
			break;
		}
		case 'browser': {
			const clientId = env['ISE_MIGRATE_CLIENT_ID'];
			credential = new InteractiveBrowserCredential({...transport, tenantId: tenantId ?? 'organizations', ...(clientId ? {clientId} : {})});
			break;
		}
		case 'env': {
			const tenant = tenantId ?? env['AZURE_TENANT_ID'];
			const clientId = env['AZURE_CLIENT_ID'];
			const secret = env['AZURE_CLIENT_SECRET'];
			const certificatePath = env['AZURE_CLIENT_CERTIFICATE_PATH'];
			const missing = [!tenant && 'AZURE_TENANT_ID', !clientId && 'AZURE_CLIENT_ID', !secret && !certificatePath && 'AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)'].filter(Boolean);
			if (missing.length || !tenant || !clientId) {
				throw new CredentialUnavailableError(`Service principal sign-in needs ${missing.join(', ')} in the environment.`);
			}
			credential = secret
				? new ClientSecretCredential(tenant, clientId, secret, transport)
				: new ClientCertificateCredential(tenant, clientId, {certificatePath: certificatePath!, certificatePassword: env['AZURE_CLIENT_CERTIFICATE_PASSWORD']}, transport);
			break;
		}
		case 'msi': {
			if (!hasManagedIdentity(env)) {
				throw new CredentialUnavailableError('Managed identity is only available when running in Azure (IDENTITY_ENDPOINT or MSI_ENDPOINT is not set).');
			}
			const clientId = env['AZURE_CLIENT_ID'];
			const managed = new ManagedIdentityCredential({...transportOptions(config, {sharedAgent: false}), ...(clientId ? {clientId} : {})});
			// MSAL asks the identity endpoint through its own client, which has no timeout: one that accepts and never
			// answers would hold sign-in for ever. The endpoint gets the time ARM gets to connect and answer.
			credential = withDeadline(managed, config.timeouts.connectMs + config.timeouts.responseMs, (env['IDENTITY_ENDPOINT'] || env['MSI_ENDPOINT'])!);
			break;
		}
	}
	return options.abortSignal ? withAbort(credential, options.abortSignal) : credential;
}

/**
 * A credential whose token requests give up after `ms` with our timeout error naming `endpoint` (the abort is passed
 * on, so the request itself stops where the SDK listens for it).
 */
function withDeadline(inner: TokenCredential, ms: number, endpoint: string): TokenCredential {
	return {
		getToken(scopes: string | string[], opts?: GetTokenOptions): Promise<AccessToken | null> {
			const deadline = new AbortController();
			const abortSignal = opts?.abortSignal ? AbortSignal.any([opts.abortSignal as AbortSignal, deadline.signal]) : deadline.signal;
			let timer: NodeJS.Timeout | undefined;
			const expired = new Promise<never>((_, reject) => {
				timer = setTimeout(() => {
					deadline.abort();
					reject(timeoutError(`no answer within ${seconds(ms)}`, endpoint));
				}, ms);
			});
			return Promise.race([inner.getToken(scopes, {...opts, abortSignal}), expired]).finally(() => clearTimeout(timer));
		},
	};
}

function withAbort(inner: TokenCredential, signal: AbortSignal): TokenCredential {
	return {
		getToken(scopes: string | string[], opts?: GetTokenOptions): Promise<AccessToken | null> {
			// The SDK's AbortSignalLike is structurally an AbortSignal in Node.
			const abortSignal = opts?.abortSignal ? AbortSignal.any([opts.abortSignal as AbortSignal, signal]) : signal;
			return untilAborted(inner.getToken(scopes, {...opts, abortSignal}), abortSignal);
		},
	};
}

/**
 * The promise, or the signal's abort as soon as it comes. MSAL's browser flow does not listen to the signal: it waits
 * on its loopback address for a redirect that may never come (no browser opened, the tab closed), so Esc has to
 * stop the waiting here. What it leaves listening goes with the process.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return promise;
	if (signal.aborted) return Promise.reject(signal.reason);
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, {once: true});
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

export interface TokenIdentity {
	tenantId?: string;
	/** User principal name, or the app id for a service principal. */
	account?: string;
}

/** Read who a token belongs to, without trusting it for anything: only to say "signed in as … in tenant …". */
export function tokenIdentity(token: string): TokenIdentity {
	const part = token.split('.')[1];
	if (!part) return {};
	try {
		const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
		const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : undefined);
		const account = str('upn') ?? str('unique_name') ?? str('preferred_username') ?? (str('appid') ? `app ${str('appid')}` : undefined);
		return {...(str('tid') ? {tenantId: str('tid')} : {}), ...(account ? {account} : {})};
	} catch {
		return {};
	}
}

export interface SignInAttempt {
	method: AuthMethod;
	ok: boolean;
	/** Why it was skipped or failed (already readable). */
	error?: unknown;
}

export interface SignInOptions {
	onDeviceCode?: (prompt: DeviceCodePrompt) => void;
	/** Told each method as it is tried, so the screen can show "Trying Azure CLI…". */
	onAttempt?: (method: AuthMethod) => void;
	signal?: AbortSignal;
	env?: NodeJS.ProcessEnv;
}

export class SignInError extends Error {
	readonly [FAILURE_CODE] = 'sign-in';
	override name = 'SignInError';
	constructor(
		readonly method: AuthMethod,
		override readonly cause: unknown,
		readonly attempts: SignInAttempt[],
	) {
		super(`Sign-in with ${AUTH_METHOD_LABELS[method]} failed`);
	}
}

/** A signed-in identity: which method, which home tenant, and a credential per tenant on demand. */
export class AzureSession {
	private readonly byTenant = new Map<string, TokenCredential>();
	/** Tenant id (lower case) → display name, filled in as tenants are listed, so messages can name tenants. */
	readonly tenantNames: Record<string, string> = {};

	constructor(
		readonly config: AzureConfig,
		readonly method: AuthMethod,
		/** The tenant the first token came from. */
		readonly homeTenantId: string | undefined,
		readonly account: string | undefined,
		readonly attempts: SignInAttempt[],
		private readonly home: TokenCredential,
		private readonly options: Pick<SignInOptions, 'onDeviceCode' | 'env'> = {},
	) {
		if (homeTenantId) this.byTenant.set(homeTenantId.toLowerCase(), home);
		this.deviceCodeHandler = options.onDeviceCode;
	}

	private deviceCodeHandler: SignInOptions['onDeviceCode'];

	/** Where later device-code prompts (signing in to a further tenant) go; the screen showing them may change. */
	setDeviceCodeHandler(handler: SignInOptions['onDeviceCode']): void {
		this.deviceCodeHandler = handler;
	}

	get interactive(): boolean {
		return isInteractive(this.method);
	}

	/** True when tokens for this tenant come without asking anyone (already signed in there, or a non-interactive method). */
	canUseSilently(tenantId: string | undefined): boolean {
		if (!tenantId || !this.interactive) return true;
		return this.byTenant.has(tenantId.toLowerCase());
	}

	/**
	 * One credential per tenant: a single credential asked for another tenant's subscription hands out its
	 * home-tenant token and ARM answers InvalidAuthenticationTokenTenant. Managed identity has one tenant only.
	 */
	credentialFor(tenantId?: string): TokenCredential {
		if (!tenantId || this.method === 'msi') return this.home;
		const key = tenantId.toLowerCase();
		let cred = this.byTenant.get(key);
		if (!cred) {
			cred = createCredential(this.config, this.method, {tenantId, onDeviceCode: p => this.deviceCodeHandler?.(p), env: this.options.env});
			this.byTenant.set(key, cred);
		}
		return cred;
	}
}

function isUnavailable(e: unknown): boolean {
	return e instanceof Error && e.name === 'CredentialUnavailableError';
}

/**
 * Sign in with one method, or with the automatic order (falling through only when a method is not
 * available here, never past a real failure such as a rejected secret). Proves the sign-in by getting
 * an ARM token, whose claims say the home tenant and account.
 */
export async function signIn(config: AzureConfig, choice: AuthChoice, options: SignInOptions = {}): Promise<AzureSession> {
	const env = options.env ?? process.env;
	const order = choice === 'auto' ? autoOrder(env) : [choice];
	const attempts: SignInAttempt[] = [];
	for (const [i, method] of order.entries()) {
		options.signal?.throwIfAborted();
		options.onAttempt?.(method);
		const last = i === order.length - 1;
		const tenantId = config.tenantId;
		try {
			const credential = createCredential(config, method, {tenantId, onDeviceCode: options.onDeviceCode, env});
			// enableCae as the SDK clients ask for it: MSAL keeps CAE and non-CAE tokens apart, and a
			// non-CAE first token would make the clients' first call prompt for a second device code.
			const token = await untilAborted(credential.getToken(config.scope, {enableCae: true, ...(options.signal ? {abortSignal: options.signal} : {})}), options.signal);
			if (!token) throw new CredentialUnavailableError('No token was returned.');
			const who = tokenIdentity(token.token);
			attempts.push({method, ok: true});
			return new AzureSession(config, method, who.tenantId ?? tenantId, who.account, attempts, credential, {onDeviceCode: options.onDeviceCode, env});
		} catch (thrown) {
			let e = thrown;
			if (options.signal?.aborted) {
				attempts.push({method, ok: false, error: e});
				throw options.signal.reason ?? e;
			}
			const cause = (await explainUnreachableAuthority(config, e)) ?? e;
			attempts.push({method, ok: false, error: cause});
			e = cause;
			if (choice === 'auto' && !last && isUnavailable(e)) continue;
			throw new SignInError(method, e, attempts);
		}
	}
	// autoOrder always ends with device code, so the loop returns or throws.
	throw new Error('No sign-in method to try.');
}

/**
 * MSAL reports an authority it cannot reach only as "endpoints_resolution_error", dropping the cause.
 * Fetch the same metadata once ourselves, with the same trust settings, to learn the real reason
 * (an untrusted proxy certificate, a refused connection, a wrong host) for the message.
 */
async function explainUnreachableAuthority(config: AzureConfig, error: unknown): Promise<unknown> {
	if (!(error instanceof Error) || !/endpoints_resolution_error|Could not resolve endpoints/i.test(error.message)) return undefined;
	const url = `${config.authorityHost}/${config.tenantId ?? 'organizations'}/v2.0/.well-known/openid-configuration`;
	const problem = await new Promise<Error | undefined>(resolve => {
		// The same bound as every other request: no byte for that long (connecting included) is no answer.
		const ms = config.timeouts.responseMs;
		const req = request(url, {method: 'GET', timeout: ms, ...(config.ca ? {ca: config.ca} : {})}, res => {
			res.resume();
			resolve(undefined);
		});
		req.on('timeout', () => req.destroy(timeoutError(`no answer within ${seconds(ms)}`, url)));
		req.on('error', err => resolve(err));
		req.end();
	});
	if (!problem) return undefined;
	return Object.assign(problem, {request: {url}});
}
