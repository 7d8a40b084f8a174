// The sign-in methods as data: names, labels, which are available here and the automatic order. No SDK is
// loaded here, so the CLI can check --auth and the wizard can show the method list before @azure/identity loads.

export type AuthMethod = 'cli' | 'device' | 'browser' | 'env' | 'msi';
export type AuthChoice = AuthMethod | 'auto';

export const AUTH_METHODS: readonly AuthMethod[] = ['cli', 'device', 'browser', 'env', 'msi'];

export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
	cli: 'Azure CLI (reuse az login)',
	device: 'Device code (any browser, any machine)',
	browser: 'Browser on this machine',
	env: 'Service principal (AZURE_* variables)',
	msi: 'Managed identity (running in Azure)',
};

export function parseAuthChoice(value: string): AuthChoice | undefined {
	const v = value.trim().toLowerCase();
	const aliases: Record<string, AuthChoice> = {
		auto: 'auto',
		cli: 'cli',
		az: 'cli',
		device: 'device',
		'device-code': 'device',
		devicecode: 'device',
		browser: 'browser',
		interactive: 'browser',
		env: 'env',
		environment: 'env',
		sp: 'env',
		msi: 'msi',
		'managed-identity': 'msi',
	};
	return aliases[v];
}

/** Interactive methods ask a person for every new tenant; the others get tenant tokens silently. */
export function isInteractive(method: AuthMethod): boolean {
	return method === 'device' || method === 'browser';
}

export interface MethodAvailability {
	method: AuthMethod;
	available: boolean;
	/** Why it is (un)available, in words for the sign-in screen. */
	reason: string;
}

function hasServicePrincipal(env: NodeJS.ProcessEnv): boolean {
	return Boolean(env['AZURE_CLIENT_ID'] && env['AZURE_TENANT_ID'] && (env['AZURE_CLIENT_SECRET'] || env['AZURE_CLIENT_CERTIFICATE_PATH']));
}

export function hasManagedIdentity(env: NodeJS.ProcessEnv): boolean {
	return Boolean(env['IDENTITY_ENDPOINT'] || env['MSI_ENDPOINT']);
}

function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
	if (platform === 'win32' || platform === 'darwin') return !env['SSH_CONNECTION'];
	return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

export function methodAvailability(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): MethodAvailability[] {
	return [
		hasServicePrincipal(env)
			? {method: 'env', available: true, reason: `AZURE_CLIENT_ID ${env['AZURE_CLIENT_ID']} in tenant ${env['AZURE_TENANT_ID']}`}
			: {method: 'env', available: false, reason: 'set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)'},
		hasManagedIdentity(env)
			? {method: 'msi', available: true, reason: 'a managed identity endpoint is present'}
			: {method: 'msi', available: false, reason: 'only when running in Azure (no IDENTITY_ENDPOINT / MSI_ENDPOINT)'},
		{method: 'cli', available: true, reason: 'uses the account of `az login`'},
		hasDisplay(env, platform)
			? {method: 'browser', available: true, reason: 'opens a browser on this machine'}
			: {method: 'browser', available: false, reason: 'no display here; use device code instead'},
		{method: 'device', available: true, reason: 'shows a code to enter at the sign-in page from any device'},
	];
}

/**
 * The automatic order: a configured service principal first (it is what automation sets up on purpose),
 * then the managed identity when running in Azure, then an existing `az login`, then device code,
 * which works everywhere including SSH sessions. The browser is never opened without being asked for.
 */
export function autoOrder(env: NodeJS.ProcessEnv = process.env): AuthMethod[] {
	const order: AuthMethod[] = [];
	if (hasServicePrincipal(env)) order.push('env');
	if (hasManagedIdentity(env)) order.push('msi');
	order.push('cli', 'device');
	return order;
}
