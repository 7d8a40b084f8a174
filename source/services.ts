// The real services the wizard and headless commands use: the only place that wires sources, the store and
// the disk together. Tests build the same object with a temp store.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {AppServices, AzureService} from './app.js';
import type {DiskPort, MigrationDeps, OpenedSource, SessionRepository, SourcePort} from './migration/index.js';
import {resolveAzureConfig, type RetrySettings} from './azure/config.js';
import {formatAzureError} from './azure/errors.js';
import {AUTH_METHOD_LABELS, autoOrder, methodAvailability, type AuthChoice} from './azure/methods.js';
import {isOwnFolder, write} from './generate/write.js';
import {filterSubscriptions, noIseHelp} from './sources/azure-text.js';
import {contosoInventory} from './sources/demo/contoso.js';
import type {SessionStore} from './store/sessions.js';
import {releaseMemory} from './runtime-memory.js';
import {TOOL_VERSION} from './version.js';

export function loadDemo(): OpenedSource {
	return {inventory: contosoInventory(), source: {kind: 'demo'}};
}

// Loaded on first use: the wizard's first frame and `generate --demo` do not wait for the file readers, and
// the Azure SDK (@azure/identity, @azure/arm-*) loads with the first sign-in.
const fromPath = () => import('./sources/from-path.js');
const credentials = () => import('./azure/credentials.js');
const arm = () => import('./sources/azure.js');

export async function openPath(p: string, onProgress: (text: string) => void = () => undefined, signal?: AbortSignal): Promise<OpenedSource> {
	const {openSource} = await fromPath();
	const result = await openSource(p, {
		// Going back or quitting while a large folder is read stops the reading, not just its result.
		...(signal ? {signal} : {}),
		onProgress: (x) => onProgress(`Read ${x.filesRead} file${x.filesRead === 1 ? '' : 's'}, found ${x.resourcesFound} resource${x.resourcesFound === 1 ? '' : 's'}…`),
	});
	const skipped = result.skipped ?? [];
	const isSnapshot = result.kind === 'snapshot';
	return {
		inventory: result.inventory,
		source: {kind: isSnapshot ? 'snapshot' : 'templates', path: path.resolve(p)},
		skipped,
		notice: skipped.length > 0 ? `${skipped.length} file${skipped.length === 1 ? ' was' : 's were'} not read (all are listed in the report): ${skipped.slice(0, 3).map((s) => `${s.file} (${s.reason})`).join('; ')}${skipped.length > 3 ? '…' : ''}` : undefined,
	};
}

/** The real sources: the bundled sample, snapshot files and ARM template folders. */
export const sourcePort: SourcePort = {demo: loadDemo, path: openPath};

/** The real output folder: checked before confirming, written by the one writer. */
export const diskPort: DiskPort = {check: (dir) => checkDir(dir), write};

/** What the headless commands use: the real ports, a store opened only when a command needs it. */
export function headlessDeps(store: () => SessionRepository): Omit<MigrationDeps, 'store'> & {store: () => SessionRepository} {
	return {store, sources: sourcePort, disk: diskPort, now: () => new Date().toISOString(), toolVersion: TOOL_VERSION, releaseMemory};
}

export interface AzureOptions {
	/** --auth: sign in this way without asking (auto, cli, device, browser, env, msi). */
	auth?: AuthChoice;
	cloud?: string;
	tenant?: string;
	concurrency?: number;
	/** Environment for sign-in and endpoints (default process.env): AZURE_*, ISE_MIGRATE_*, NODE_EXTRA_CA_CERTS. */
	env?: NodeJS.ProcessEnv;
	/** Extra CA (PEM) to trust in-process (tests); a spawned CLI uses NODE_EXTRA_CA_CERTS. */
	ca?: string;
	retry?: Partial<RetrySettings>;
	platform?: NodeJS.Platform;
}

/** The live-Azure service the wizard drives: the real sign-in and ARM readers, configured once from flags and env. */
export function azureServices(options: AzureOptions = {}): AzureService {
	const env = options.env ?? process.env;
	const config = (input: {tenant?: string; cloud?: string} = {}) =>
		resolveAzureConfig({cloud: input.cloud ?? options.cloud, tenant: input.tenant ?? options.tenant, concurrency: options.concurrency, env, ca: options.ca, retry: options.retry});
	let warnings: string[] = [];
	try {
		warnings = config().warnings;
	} catch {
		// A bad --cloud or --concurrency is reported by the CLI before the wizard starts, and by signIn here.
	}
	return {
		preset: options.auth,
		labels: AUTH_METHOD_LABELS,
		warnings,
		methods: () => ({availability: methodAvailability(env, options.platform), auto: autoOrder(env)}),
		signIn: async (choice, input) =>
			(await credentials()).signIn(config({tenant: input.tenant, cloud: input.cloud}), choice, {env, signal: input.signal, onAttempt: input.onAttempt, onDeviceCode: input.onDeviceCode}),
		listSubscriptions: async (...args) => (await arm()).listSubscriptions(...args),
		filterSubscriptions,
		listIses: async (...args) => (await arm()).listIses(...args),
		loadInventory: async (...args) => (await arm()).loadInventory(...args),
		retryFailed: async (...args) => (await arm()).retryFailed(...args),
		noIseHelp,
		describe: (error, ctx = {}) => formatAzureError(error, {env, ...ctx}),
		tenantFor: (method) => options.tenant ?? (method === 'env' ? env['AZURE_TENANT_ID'] : undefined),
	};
}

/**
 * Tab completion for the path prompt: entries of the typed folder that start with the typed name (folders,
 * shown with a trailing slash, and .json files), and the longest completion they share.
 */
export async function suggestPaths(partial: string, cwd: string): Promise<{completion: string; matches: string[]}> {
	const endsWithSep = partial === '' || partial.endsWith('/') || partial.endsWith(path.sep);
	const dirPart = endsWithSep ? partial : path.dirname(partial) === '.' && !partial.startsWith('.') ? '' : `${path.dirname(partial)}/`;
	const prefix = endsWithSep ? '' : path.basename(partial);
	const dir = path.resolve(cwd, dirPart || '.');
	let entries: import('node:fs').Dirent[];
	try {
		entries = await fs.readdir(dir, {withFileTypes: true});
	} catch {
		return {completion: partial, matches: []};
	}
	const names = entries
		.filter((e) => e.name.startsWith(prefix) && (prefix.startsWith('.') || !e.name.startsWith('.')))
		.filter((e) => e.isDirectory() || e.name.toLowerCase().endsWith('.json'))
		.map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
		.sort();
	if (names.length === 0) return {completion: partial, matches: []};
	let common = names[0]!;
	for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
	const completion = `${dirPart}${common.length > prefix.length ? common : prefix}`;
	return {completion, matches: names.length === 1 ? [] : names};
}

/** Why write() would refuse this folder, checked before the admin confirms. */
export async function checkDir(dir: string): Promise<string | undefined> {
	try {
		const st = await fs.stat(dir);
		if (!st.isDirectory()) return `${dir} exists and is not a folder: choose another output folder.`;
		const entries = await fs.readdir(dir);
		if (!isOwnFolder(entries)) {
			return `${dir} is not empty and was not written by ise-migrate: choose a new or empty folder.`;
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return (error as Error).message;
	}
	return undefined;
}

/** `azure`: live sign-in in the wizard, with the --auth/--cloud/--tenant/--concurrency flags; without it the Azure entry shows a note. */
/** `store`: the session store (the CLI opens it; tests pass one in a temp folder). */
export function realServices(options: {store: SessionStore; cwd?: string; azure?: AzureOptions}): AppServices {
	const cwd = options.cwd ?? process.cwd();
	return {
		store: options.store,
		sources: sourcePort,
		disk: diskPort,
		suggestPaths: (partial: string) => suggestPaths(partial, cwd),
		cwd,
		toolVersion: TOOL_VERSION,
		now: () => new Date().toISOString(),
		...(options.azure
			? {azure: azureServices(options.azure)}
			: {azureNote: 'live sign-in is not set up here: capture a snapshot with `ise-migrate snapshot`, then open it'}),
	};
}
