// `ise-migrate snapshot --subscription S --ise NAME [-o FILE]`: sign in, read the ISE's complete
// inventory and write it as a snapshot file that `--from FILE` later opens offline. The inventory
// carries no secret values (secure parameters and connection parameter values are dropped on read).
import path from 'node:path';
import {removeStaleTemps, writeFileAtomic} from '../atomic-file.js';
import {AzureConfigError, resolveAzureConfig, type RetrySettings} from '../azure/config.js';
import {AUTH_METHOD_LABELS, parseAuthChoice, signIn, type DeviceCodePrompt} from '../azure/credentials.js';
import {describeAzureError, formatAzureError, isCancellation} from '../azure/errors.js';
import {loadInventory, resolveIse, resolveSubscription, retryFailed, type InventoryLoad} from '../sources/azure.js';
import {serializeSnapshot} from '../sources/snapshot.js';
import {reportFailure, UsageError, type Io} from './io.js';

export interface SnapshotFlags {
	subscription?: string;
	ise?: string;
	/** Output file; `-` writes to stdout; default `<ise>.snapshot.json` in the current folder. */
	out?: string;
	auth?: string;
	cloud?: string;
	tenant?: string;
	concurrency?: number | string;
	/** Write the snapshot even if some items could not be read (they are listed in its issues). */
	allowPartial?: boolean;
	json?: boolean;
}

export interface SnapshotDeps {
	env?: NodeJS.ProcessEnv;
	/** Extra CA (PEM) to trust, for in-process tests; a spawned CLI uses NODE_EXTRA_CA_CERTS. */
	ca?: string;
	retry?: Partial<RetrySettings>;
	signal?: AbortSignal;
	cwd?: string;
}

export async function runSnapshot(flags: SnapshotFlags, io: Io, deps: SnapshotDeps = {}): Promise<number> {
	if (!flags.subscription) throw new UsageError('snapshot needs --subscription <id or name>');
	if (!flags.ise) throw new UsageError('snapshot needs --ise <name or resource id>');
	const choice = parseAuthChoice(flags.auth ?? 'auto');
	if (!choice) throw new UsageError(`--auth must be one of auto, cli, device, browser, env, msi (got '${flags.auth}')`);
	const env = deps.env ?? process.env;

	let config;
	try {
		config = resolveAzureConfig({cloud: flags.cloud, tenant: flags.tenant, concurrency: flags.concurrency, env, ca: deps.ca, retry: deps.retry});
	} catch (e) {
		if (e instanceof AzureConfigError) throw new UsageError(e.message);
		throw e;
	}
	for (const w of config.warnings) io.stderr(`warning: ${w}\n`);

	// Progress for a person on stderr; with --json only the device code (the sign-in needs it) is printed there:
	// everything else is in the JSON on stdout.
	const log = (text: string) => void (flags.json ? undefined : io.stderr(`${text}\n`));
	const fail = (e: unknown, action?: string) => {
		if (isCancellation(e) || deps.signal?.aborted) return reportFailure(io, {code: 'cancelled', message: 'Cancelled.', exitCode: 130}, flags);
		const problem = describeAzureError(e, {action, env, tenantId: config.tenantId});
		const message = formatAzureError(e, {action, env, tenantId: config.tenantId});
		return reportFailure(io, {code: 'azure', message, exitCode: 1, details: {problem: problem.kind}}, flags);
	};

	let session;
	try {
		session = await signIn(config, choice, {
			env,
			signal: deps.signal,
			onDeviceCode: (p: DeviceCodePrompt) => io.stderr(`${p.message}${p.tenantId ? ` (tenant ${p.tenantId})` : ''}\n`),
		});
	} catch (e) {
		return fail(e);
	}
	log(`Signed in with ${AUTH_METHOD_LABELS[session.method]}${session.account ? ` as ${session.account}` : ''}${session.homeTenantId ? ` (tenant ${session.homeTenantId})` : ''}.`);

	let load: InventoryLoad;
	let iseName: string;
	let subscriptionName: string;
	try {
		const {subscription} = await resolveSubscription(session, flags.subscription, {signal: deps.signal});
		subscriptionName = subscription.displayName;
		const ise = await resolveIse(session, subscription, flags.ise, {signal: deps.signal});
		iseName = ise.name;
		let lastReport = Date.now();
		const onProgress = (p: {done: number; total: number; failed: number; workflows: number}) => {
			const now = Date.now();
			if (now - lastReport < 1000) return;
			lastReport = now;
			log(`  read ${p.done}/${p.total} items, ${p.workflows} workflow(s) found${p.failed ? `, ${p.failed} failed` : ''}…`);
		};
		load = await loadInventory(session, ise, {signal: deps.signal, onProgress});
		if (load.failures.length) {
			log(`${load.failures.length} item(s) failed; retrying them once…`);
			load = await retryFailed(session, ise, load, {signal: deps.signal, onProgress});
		}
	} catch (e) {
		return fail(e);
	}

	const {inventory, failures} = load;
	if (failures.length) {
		for (const f of failures) log(`  ✗ ${f.label}: ${f.message}`);
		if (!flags.allowPartial) {
			return reportFailure(
				io,
				{
					code: 'partial-inventory',
					message: `Nothing was written: ${failures.length} item(s) could not be read. Fix the cause and run again, or pass --allow-partial to write what was read (the gaps are listed in the snapshot's issues).`,
					exitCode: 1,
					details: {failures: failures.map(f => ({item: f.label, message: f.message}))},
				},
				flags,
			);
		}
	}

	const text = serializeSnapshot(inventory);
	const target = flags.out === '-' ? undefined : path.resolve(deps.cwd ?? process.cwd(), flags.out ?? `${iseName}.snapshot.json`);
	if (target) {
		try {
			await writeFileAtomic(target, text);
			// A snapshot killed earlier left its temp beside the file: it goes now that the whole file is there.
			await removeStaleTemps(target);
		} catch (e) {
			return reportFailure(io, {code: 'write', message: `could not write ${target}: ${(e as Error).message}`, exitCode: 1}, flags);
		}
	} else {
		io.stdout(text);
	}
	const counts = {
		workflows: inventory.workflows.length,
		connectors: inventory.managedApis.length,
		integrationAccounts: inventory.integrationAccounts.length,
	};
	const summary = `Snapshot of ISE ${iseName} (${subscriptionName}): ${counts.workflows} workflow(s), ${counts.connectors} ISE connector(s), ${counts.integrationAccounts} integration account(s)${failures.length ? `, ${failures.length} item(s) missing` : ''}`;
	if (target) {
		if (flags.json) io.stdout(`${JSON.stringify({ok: true, file: target, ise: iseName, subscription: subscriptionName, ...counts, failures: failures.map(f => ({item: f.label, message: f.message}))}, null, 2)}\n`);
		else io.stdout(`${summary} → ${target}\nOpen it later with: ise-migrate --from ${/\s/.test(target) ? `"${target}"` : target}\n`);
	} else {
		log(summary);
	}
	return 0;
}
