// The one object every Azure credential and client is built from. Sovereign clouds, proxies and
// test doubles are all just different values here, so no other module reads endpoints or env vars.
import {readFileSync} from 'node:fs';
import {rootCertificates} from 'node:tls';

export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface CloudEndpoints {
	/** Microsoft Entra authority host. */
	authorityHost: string;
	/** Azure Resource Manager. */
	armEndpoint: string;
	/** Token scope for ARM. */
	scope: string;
	/** Azure portal, for links in messages. */
	portal: string;
}

export const CLOUDS: Record<CloudName, CloudEndpoints> = {
	AzureCloud: {
		authorityHost: 'https://login.microsoftonline.com',
		armEndpoint: 'https://management.azure.com',
		scope: 'https://management.azure.com/.default',
		portal: 'https://portal.azure.com',
	},
	AzureUSGovernment: {
		authorityHost: 'https://login.microsoftonline.us',
		armEndpoint: 'https://management.usgovcloudapi.net',
		scope: 'https://management.usgovcloudapi.net/.default',
		portal: 'https://portal.azure.us',
	},
	AzureChinaCloud: {
		authorityHost: 'https://login.chinacloudapi.cn',
		armEndpoint: 'https://management.chinacloudapi.cn',
		scope: 'https://management.chinacloudapi.cn/.default',
		portal: 'https://portal.azure.cn',
	},
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

export interface RetrySettings {
	maxRetries: number;
	retryDelayInMs: number;
	maxRetryDelayInMs: number;
}

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;
/** The SDK's own defaults; only tests and proxies have reason to change them. */
export const DEFAULT_RETRY: RetrySettings = {maxRetries: 3, retryDelayInMs: 1000, maxRetryDelayInMs: 64_000};

/**
 * How long one attempt of a request may take: to connect (TCP and TLS), and to get the whole answer once
 * connected. The SDK sets neither, so an endpoint that accepts the connection and never answers hung the tool.
 */
export interface TimeoutSettings {
	connectMs: number;
	responseMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutSettings = {connectMs: 15_000, responseMs: 60_000};

export interface AzureConfig {
	cloud: CloudName;
	/** ARM base URL, no trailing slash. */
	armEndpoint: string;
	/** Entra authority host, no trailing slash. */
	authorityHost: string;
	/** ARM token scope: always the cloud's, even when the endpoint points at a proxy. */
	scope: string;
	portal: string;
	/** Tenant to sign in to first (`--tenant`, else AZURE_TENANT_ID for the env method). */
	tenantId?: string;
	/**
	 * Certificates to trust, passed as tlsOptions.ca to every client and credential. Undefined means
	 * Node's defaults. When set it carries the public roots too, since `ca` replaces them.
	 */
	ca?: string[];
	retry: RetrySettings;
	timeouts: TimeoutSettings;
	concurrency: number;
	/** True when ISE_MIGRATE_AUTHORITY_HOST points elsewhere: instance discovery must then be off. */
	authorityOverridden: boolean;
	armOverridden: boolean;
	/** Things worth telling the user (an unreadable CA file…), never fatal. */
	warnings: string[];
}

export interface AzureConfigInput {
	cloud?: string;
	tenant?: string;
	concurrency?: number | string;
	/** Extra trusted CA certificates (PEM), on top of NODE_EXTRA_CA_CERTS. */
	ca?: string | string[];
	retry?: Partial<RetrySettings>;
	timeouts?: Partial<TimeoutSettings>;
	env?: NodeJS.ProcessEnv;
	readFile?: (file: string) => string;
}

export class AzureConfigError extends Error {
	override name = 'AzureConfigError';
}

const ALIASES: Record<string, CloudName> = {
	azurecloud: 'AzureCloud',
	public: 'AzureCloud',
	azure: 'AzureCloud',
	azureusgovernment: 'AzureUSGovernment',
	usgov: 'AzureUSGovernment',
	usgovernment: 'AzureUSGovernment',
	azurechinacloud: 'AzureChinaCloud',
	china: 'AzureChinaCloud',
};

export function parseCloud(value: string): CloudName | undefined {
	return ALIASES[value.trim().toLowerCase()];
}

function endpointOverride(name: string, value: string | undefined): string | undefined {
	if (!value?.trim()) return undefined;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new AzureConfigError(`${name} is not a URL: "${value}". Expected something like https://arm-proxy.example.com.`);
	}
	if (url.protocol !== 'https:') {
		throw new AzureConfigError(`${name} must be an https:// URL (got ${url.protocol}//…): Azure sign-in refuses to send tokens over plain http.`);
	}
	return url.toString().replace(/\/+$/, '');
}

function parseConcurrency(value: number | string | undefined): number {
	if (value === undefined || value === '') return DEFAULT_CONCURRENCY;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
		throw new AzureConfigError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY} (got ${value}).`);
	}
	return n;
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
	const v = env[name];
	if (v === undefined || v === '') return undefined;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new AzureConfigError(`${name} must be a non-negative number (got "${v}").`);
	return n;
}

/**
 * Build the config from flags and environment:
 * - `--cloud` picks authority host, ARM endpoint and scope together;
 * - `ISE_MIGRATE_ARM_ENDPOINT` / `ISE_MIGRATE_AUTHORITY_HOST` redirect ARM and sign-in (a proxy or a test
 *   double) while the token scope stays the cloud's; `AZURE_AUTHORITY_HOST` is honoured as identity does;
 * - the CA in `NODE_EXTRA_CA_CERTS` is also passed in-process, so a proxy's CA works even when the
 *   variable was set after Node started;
 * - `ISE_MIGRATE_RETRY_DELAY_MS` / `ISE_MIGRATE_MAX_RETRIES` tune the SDK retry policy;
 * - `ISE_MIGRATE_CONNECT_TIMEOUT_MS` / `ISE_MIGRATE_RESPONSE_TIMEOUT_MS` bound each attempt of a request.
 */
export function resolveAzureConfig(input: AzureConfigInput = {}): AzureConfig {
	const env = input.env ?? process.env;
	const readFile = input.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
	const cloudText = input.cloud ?? env['ISE_MIGRATE_CLOUD'];
	let cloud: CloudName = 'AzureCloud';
	if (cloudText) {
		const parsed = parseCloud(cloudText);
		if (!parsed) throw new AzureConfigError(`Unknown cloud "${cloudText}". Use one of: ${CLOUD_NAMES.join(', ')}.`);
		cloud = parsed;
	}
	const base = CLOUDS[cloud];
	const arm = endpointOverride('ISE_MIGRATE_ARM_ENDPOINT', env['ISE_MIGRATE_ARM_ENDPOINT']);
	const authority =
		endpointOverride('ISE_MIGRATE_AUTHORITY_HOST', env['ISE_MIGRATE_AUTHORITY_HOST']) ??
		endpointOverride('AZURE_AUTHORITY_HOST', env['AZURE_AUTHORITY_HOST']);
	const warnings: string[] = [];

	const extra: string[] = [];
	const extraFile = env['NODE_EXTRA_CA_CERTS'];
	if (extraFile) {
		try {
			extra.push(readFile(extraFile));
		} catch (e) {
			warnings.push(`NODE_EXTRA_CA_CERTS points at ${extraFile}, which could not be read (${(e as Error).message}); its certificates are not trusted.`);
		}
	}
	if (input.ca) extra.push(...(Array.isArray(input.ca) ? input.ca : [input.ca]));

	const retry: RetrySettings = {
		...DEFAULT_RETRY,
		...definedOnly({
			maxRetries: envNumber(env, 'ISE_MIGRATE_MAX_RETRIES'),
			retryDelayInMs: envNumber(env, 'ISE_MIGRATE_RETRY_DELAY_MS'),
		}),
		...definedOnly(input.retry ?? {}),
	};

	const timeouts: TimeoutSettings = {
		...DEFAULT_TIMEOUTS,
		...definedOnly({
			connectMs: positive(env, 'ISE_MIGRATE_CONNECT_TIMEOUT_MS'),
			responseMs: positive(env, 'ISE_MIGRATE_RESPONSE_TIMEOUT_MS'),
		}),
		...definedOnly(input.timeouts ?? {}),
	};

	const tenantId = input.tenant?.trim() || undefined;
	return {
		cloud,
		armEndpoint: arm ?? base.armEndpoint,
		authorityHost: authority ?? base.authorityHost,
		scope: base.scope,
		portal: base.portal,
		...(tenantId ? {tenantId} : {}),
		...(extra.length ? {ca: [...rootCertificates, ...extra]} : {}),
		retry,
		timeouts,
		concurrency: parseConcurrency(input.concurrency ?? env['ISE_MIGRATE_CONCURRENCY']),
		authorityOverridden: authority !== undefined,
		armOverridden: arm !== undefined,
		warnings,
	};
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
	const n = envNumber(env, name);
	if (n === 0) throw new AzureConfigError(`${name} must be more than 0 milliseconds.`);
	return n;
}

function definedOnly<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
