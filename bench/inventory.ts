// Reading an ISE's inventory from the fake ARM with a fixed latency per request, against the time the
// requests would take if every one of them overlapped perfectly: (requests ÷ concurrency) × latency.
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {resolveAzureConfig} from '../source/azure/config.js';
import {signIn} from '../source/azure/credentials.js';
import {SUBSCRIPTION_ID} from '../source/sources/demo/shared.js';
import {listIses, loadInventory} from '../source/sources/azure.js';
import {APP, T_CONTOSO} from '../test/fakes/azure/estate.js';

export interface InventoryResult {
	workflows: number;
	latencyMs: number;
	concurrency: number;
	requests: number;
	maxInFlight: number;
	/** The second read of the same ISE in the same process: connections open and code warm, so only the overlap counts. */
	ms: number;
	/** The first read, with new connections and cold code. */
	coldMs: number;
	floorMs: number;
}

function ask<T>(child: ChildProcess, message?: string): Promise<T> {
	return new Promise((resolve, reject) => {
		child.once('message', (m) => resolve(m as T));
		child.once('exit', (code) => reject(new Error(`the fake ARM exited (${code})`)));
		if (message) child.send(message);
	});
}

export async function measureInventory(workflows: number, latencyMs: number, concurrency = 8): Promise<InventoryResult> {
	const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-arm.js');
	const child = fork(script, [String(workflows), String(latencyMs)], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
	try {
		const fake = await ask<{armUrl: string; authorityUrl: string; ca: string}>(child);
		const env = {ISE_MIGRATE_ARM_ENDPOINT: fake.armUrl, ISE_MIGRATE_AUTHORITY_HOST: fake.authorityUrl};
		const config = resolveAzureConfig({env, ca: fake.ca, concurrency});
		const session = await signIn(config, 'env', {env: {...env, AZURE_TENANT_ID: T_CONTOSO, AZURE_CLIENT_ID: APP.clientId, AZURE_CLIENT_SECRET: APP.secret}});
		const [ise] = await listIses(session, {subscriptionId: SUBSCRIPTION_ID, tenantId: T_CONTOSO});
		if (!ise) throw new Error('the fake ARM lists no ISE');
		const read = async () => {
			await ask(child, 'reset');
			const start = performance.now();
			const load = await loadInventory(session, ise, {concurrency});
			const ms = performance.now() - start;
			if (load.failures.length > 0 || load.inventory.workflows.length !== workflows) {
				throw new Error(`inventory read ${load.inventory.workflows.length} of ${workflows} workflows; ${load.failures.map((f) => f.message).join('; ')}`);
			}
			return {ms, ...(await ask<{requests: number; maxInFlight: number}>(child, 'count'))};
		};
		const cold = await read();
		const {ms, requests, maxInFlight} = await read();
		return {workflows, latencyMs, concurrency, requests, maxInFlight, ms, coldMs: cold.ms, floorMs: (requests / concurrency) * latencyMs};
	} finally {
		child.send('close');
		await new Promise((r) => child.once('exit', r));
	}
}
