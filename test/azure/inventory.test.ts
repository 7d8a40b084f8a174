// Subscriptions, ISE discovery and the complete inventory, read by the real @azure/arm-* clients from
// the fake ARM — including paging, throttling, server errors, dropped sockets, 403 and tenant mismatch.
import {afterEach, describe, expect, test} from 'vitest';
import {describeAzureError, formatAzureError, isCancellation} from '../../source/azure/errors.js';
import {parseApiId} from '../../source/model/index.js';
import {
	filterSubscriptions,
	listIses,
	listSubscriptions,
	listTenants,
	loadInventory,
	noIseHelp,
	retryFailed,
	type InventoryProgress,
	type IseSummary,
} from '../../source/sources/azure.js';
import {faults} from '../fakes/azure/index.js';
import {
	SAMPLE_ISE_ID,
	SAMPLE_ISE_WORKFLOWS,
	SECRET_MARKER,
	SUB_EMPTY,
	SUB_FABRIKAM,
	SUB_PROD,
	T_CONTOSO,
	T_FABRIKAM,
} from '../fakes/azure/estate.js';
import {armRequests, harness, type Harness} from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

const prod = {subscriptionId: SUB_PROD, tenantId: T_CONTOSO, displayName: 'Contoso Production'};

async function sampleIse(hh: Harness, session: Awaited<ReturnType<Harness['session']>>): Promise<IseSummary> {
	const ises = await listIses(session, prod);
	const ise = ises.find(i => i.name === 'contoso-ise');
	if (!ise) throw new Error('sample ISE missing');
	hh.fake.requests.length = 0;
	return ise;
}

describe('tenants and subscriptions', () => {
	test('lists every tenant, and each tenant’s subscriptions with a token of that tenant', async () => {
		h = await harness();
		const session = await h.session();
		const tenants = await listTenants(session);
		expect(tenants.map(t => t.displayName)).toEqual(['Contoso', 'Fabrikam']);

		const listing = await listSubscriptions(session);
		expect(listing.failures).toEqual([]);
		expect(listing.subscriptions.map(s => [s.displayName, s.tenantId, s.tenantName])).toEqual([
			['Contoso Production', T_CONTOSO, 'Contoso'],
			['Contoso Sandbox', T_CONTOSO, 'Contoso'],
			['Fabrikam Integration', T_FABRIKAM, 'Fabrikam'],
		]);
		const subsCalls = armRequests(h.fake, '/subscriptions').filter(r => r.path === '/subscriptions');
		expect(new Set(subsCalls.map(r => r.tokenTenant))).toEqual(new Set([T_CONTOSO, T_FABRIKAM]));
	});

	test('type-to-filter matches name, id or tenant, all words', () => {
		const subs = [
			{subscriptionId: SUB_PROD, displayName: 'Contoso Production', tenantId: T_CONTOSO, tenantName: 'Contoso'},
			{subscriptionId: SUB_EMPTY, displayName: 'Contoso Sandbox', tenantId: T_CONTOSO, tenantName: 'Contoso'},
			{subscriptionId: SUB_FABRIKAM, displayName: 'Fabrikam Integration', tenantId: T_FABRIKAM, tenantName: 'Fabrikam'},
		];
		expect(filterSubscriptions(subs, 'prod').map(s => s.displayName)).toEqual(['Contoso Production']);
		expect(filterSubscriptions(subs, 'FABRIKAM').map(s => s.displayName)).toEqual(['Fabrikam Integration']);
		expect(filterSubscriptions(subs, 'contoso sand').map(s => s.displayName)).toEqual(['Contoso Sandbox']);
		expect(filterSubscriptions(subs, 'b2b2b2b2').map(s => s.displayName)).toEqual(['Fabrikam Integration']);
		expect(filterSubscriptions(subs, '  ')).toHaveLength(3);
	});
});

describe('ISE discovery', () => {
	test('lists ISEs with name, resource group, location, SKU, capacity, access endpoint and state', async () => {
		h = await harness();
		const session = await h.session();
		const ises = await listIses(session, prod);
		expect(ises.map(i => [i.name, i.resourceGroup, i.location, i.sku.name, i.sku.capacity, i.accessEndpoint, i.state])).toEqual([
			['contoso-ise', 'rg-ise-network', 'westeurope', 'Premium', 2, 'Internal', 'Enabled'],
			['old-ise', 'rg-legacy', 'westeurope', 'Developer', 0, 'External', 'Disabled'],
		]);
	});

	test('an empty subscription is an empty list, and the help explains the retirement and the offline paths', async () => {
		h = await harness();
		const session = await h.session();
		expect(await listIses(session, {subscriptionId: SUB_EMPTY, tenantId: T_CONTOSO})).toEqual([]);
		const help = noIseHelp('Contoso Sandbox').join('\n');
		expect(help).toContain('Contoso Sandbox');
		expect(help).toMatch(/retired.*2024/);
		expect(help).toContain('--from <folder>');
		expect(help).toContain('--from <snapshot.json>');
	});

	test('a token from the wrong tenant becomes a message naming the tenant that owns the subscription', async () => {
		h = await harness();
		const session = await h.session();
		await listTenants(session); // learns the tenant names
		const error = await listIses(session, {subscriptionId: SUB_FABRIKAM, tenantId: T_CONTOSO}).catch((e: unknown) => e);
		const problem = describeAzureError(error);
		expect(problem.kind).toBe('tenant');
		expect(problem.tenantId).toBe(T_FABRIKAM);
		expect(problem.message).toContain(`Fabrikam (${T_FABRIKAM})`);
		expect(problem.hint).toContain(`--tenant ${T_FABRIKAM}`);
		// Asking with the subscription's own tenant works.
		const ok = await listIses(session, {subscriptionId: SUB_FABRIKAM, tenantId: T_FABRIKAM});
		expect(ok.map(i => i.name)).toEqual(['fabrikam-ise']);
	});
});

describe('inventory', () => {
	test('reads the ISE, its connectors and SKUs, its workflows in any resource group, and its integration accounts', async () => {
		h = await harness({pageSize: 2});
		const session = await h.session();
		const ise = await sampleIse(h, session);
		const progress: InventoryProgress[] = [];
		const {inventory, failures} = await loadInventory(session, ise, {onProgress: p => progress.push(p)});
		expect(failures).toEqual([]);
		expect(inventory.issues).toBeUndefined();
		expect(inventory.source.kind).toBe('azure');
		expect(inventory.source.label).toBe('Contoso Production / contoso-ise');

		// The ISE, not flattened by the SDK.
		const i = inventory.ise;
		expect(i.id).toBe(SAMPLE_ISE_ID);
		expect(i.sku).toEqual({name: 'Premium', capacity: 2});
		expect(i.subnets.map(s => s.name)).toEqual(['ise-a', 'ise-b', 'ise-c', 'ise-d']);
		expect(i.outboundIps.workflow).toEqual(['20.50.1.10', '20.50.1.11']);
		expect(i.accessEndpointIps.connector).toEqual(['10.20.1.5']);
		expect(i.encryption?.keyName).toBe('ise-cmk');
		expect(i.identity?.type).toBe('SystemAssigned');
		expect(i.skuOptions?.find(s => s.name === 'Premium')?.maxCapacity).toBe(10);

		// Connectors: flattened model, names of connection parameters only.
		expect(inventory.managedApis.map(a => a.name)).toEqual(['servicebus', 'sftpwithssh', 'sql']);
		expect(inventory.managedApis.find(a => a.name === 'sql')).toMatchObject({displayName: 'SQL Server', connectionParameterNames: ['database', 'password', 'server', 'username']});

		// Workflows: exactly those whose ISE id matches, whatever its case or resource group.
		expect(inventory.workflows.map(w => w.name)).toEqual([...SAMPLE_ISE_WORKFLOWS].sort());
		const order = inventory.workflows.find(w => w.name === 'order-intake')!;
		expect(order.resourceGroup).toBe('rg-orders');
		expect(order.connections.map(c => [c.key, parseApiId(c.apiId).kind, parseApiId(c.apiId).name, c.connectionName])).toEqual([
			['servicebus', 'ise', 'servicebus', 'sb-orders'],
			['sql', 'ise', 'sql', 'sql-orders'],
		]);
		expect(Object.keys((order.definition['actions'] as object) ?? {})).toContain('Call_sql');
		expect(order.parameters['region']).toEqual({type: 'String', value: 'westeurope'});
		expect(order.parameters['apiKey']).toEqual({type: 'SecureString'});
		expect(order.parameters['$connections']).toBeUndefined();
		expect(JSON.stringify(inventory)).not.toContain(SECRET_MARKER);
		expect(inventory.workflows.find(w => w.name === 'invoice-sync')!.connections[0]!.apiId).toMatch(/Microsoft\.Web\/locations\/westeurope\/managedApis\/office365$/);
		expect(inventory.workflows.find(w => w.name === 'edi-receive')!.integrationAccountId).toMatch(/integrationAccounts\/contoso-ia$/);

		// Integration accounts in the ISE only, with map and schema names.
		expect(inventory.integrationAccounts).toHaveLength(1);
		expect(inventory.integrationAccounts[0]).toMatchObject({
			name: 'contoso-ia',
			resourceGroup: 'rg-b2b',
			sku: 'Standard',
			maps: [{name: 'OrderToInvoice', type: 'Xslt'}, {name: 'ShipNotice', type: 'Liquid'}],
			schemas: [{name: 'Invoice', type: 'Xml'}, {name: 'Order', type: 'Xml'}],
			partners: ['Contoso', 'Northwind'],
			agreements: [{name: 'contoso-northwind-x12', type: 'X12'}],
		});

		// Paging: the subscription's 8 workflows came in pages of 2, every nextLink kept its api-version.
		const pages = armRequests(h.fake, '/providers/Microsoft.Logic/workflows').filter(r => r.path.endsWith('/workflows'));
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages.slice(1).every(r => r.query['$skiptoken'] !== undefined)).toBe(true);
		expect(h.fake.requests.filter(r => r.service === 'arm').every(r => r.status === 200 && r.query['api-version'])).toBe(true);

		// Progress counted up to the end.
		const last = progress.at(-1)!;
		expect(last.done).toBe(last.total);
		expect(last.failed).toBe(0);
		expect(last.workflows).toBe(5);
		expect(last.integrationAccounts).toBe(1);
	});

	test('workflows whose list entry lacks $connections values are read one by one', async () => {
		h = await harness({workflowListOmitsParameters: true});
		const session = await h.session();
		const ise = await sampleIse(h, session);
		const {inventory, failures} = await loadInventory(session, ise);
		expect(failures).toEqual([]);
		expect(inventory.workflows.find(w => w.name === 'sftp-drop')!.connections.map(c => c.key)).toEqual(['sftpwithssh']);
		const gets = armRequests(h.fake, '/workflows/').map(r => r.path.split('/').pop());
		// Only the ones that declare $connections needed a get.
		expect(gets.sort()).toEqual(['invoice-sync', 'order-intake', 'sftp-drop']);
	});

	test('concurrency is bounded', async () => {
		h = await harness({workflowListOmitsParameters: true, latencyMs: 15});
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.stats.maxInFlight = 0;
		const narrow = await loadInventory(session, ise, {concurrency: 2});
		expect(narrow.failures).toEqual([]);
		expect(h.fake.stats.maxInFlight).toBe(2);
		h.fake.stats.maxInFlight = 0;
		await loadInventory(session, ise, {concurrency: 8});
		expect(h.fake.stats.maxInFlight).toBeGreaterThan(2);
	});

	test('429 with Retry-After is waited out, even beyond maxRetryDelayInMs', async () => {
		h = await harness();
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.addFault(faults.throttle('/providers/Microsoft.Logic/workflows', {ms: 150}));
		h.fake.addFault(faults.throttle('/managedApis', {seconds: 0}));
		const started = Date.now();
		const {inventory, failures} = await loadInventory(session, ise);
		expect(failures).toEqual([]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(inventory.workflows).toHaveLength(5);
		expect(inventory.managedApis).toHaveLength(3);
		expect(armRequests(h.fake, '/managedApis').map(r => r.status)).toEqual([429, 200]);
	});

	test('5xx then success, and a reset socket, are retried transparently', async () => {
		h = await harness();
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.addFault(faults.serverError('/skus', 503));
		h.fake.addFault(faults.serverError('/integrationAccounts/contoso-ia/maps', 500));
		h.fake.addFault(faults.socketReset('/providers/Microsoft.Logic/workflows'));
		const {inventory, failures} = await loadInventory(session, ise);
		expect(failures).toEqual([]);
		expect(inventory.ise.skuOptions).toHaveLength(2);
		expect(inventory.integrationAccounts[0]!.maps).toHaveLength(2);
		expect(inventory.workflows).toHaveLength(5);
		expect(armRequests(h.fake, '/skus').map(r => r.status)).toEqual([503, 200]);
		expect(armRequests(h.fake, '/providers/Microsoft.Logic/workflows')[0]!.faulted).toBe(true);
	});

	test('403 fails only that item, names the Reader role and scope, and retrying the failed items completes the inventory', async () => {
		h = await harness();
		const session = await h.session();
		const ise = await sampleIse(h, session);
		const scope = `/subscriptions/${SUB_PROD}`;
		h.fake.addFault(faults.forbidden('/providers/Microsoft.Logic/integrationAccounts', {scope, action: 'Microsoft.Logic/integrationAccounts/read'}));
		const first = await loadInventory(session, ise);
		expect(first.failures).toHaveLength(1);
		const failure = first.failures[0]!;
		expect(failure.item.kind).toBe('integrationAccountList');
		expect(failure.problem.kind).toBe('forbidden');
		expect(failure.message).toContain('Reader');
		expect(failure.message).toContain(scope);
		expect(first.inventory.workflows).toHaveLength(5);
		expect(first.inventory.integrationAccounts).toEqual([]);
		expect(first.inventory.issues).toEqual([{where: failure.label, message: failure.message}]);

		h.fake.clearFaults();
		h.fake.requests.length = 0;
		const second = await retryFailed(session, ise, first);
		expect(second.failures).toEqual([]);
		expect(second.inventory.issues).toBeUndefined();
		expect(second.inventory.integrationAccounts.map(a => a.name)).toEqual(['contoso-ia']);
		expect(second.inventory.workflows).toHaveLength(5);
		// Only the failed list (and the accounts it revealed) was read again, not the workflows or connectors.
		expect(armRequests(h.fake, '/workflows')).toEqual([]);
		expect(armRequests(h.fake, '/managedApis')).toEqual([]);
		expect(armRequests(h.fake, '/integrationAccounts').length).toBeGreaterThan(1);
	});

	test('a workflow that keeps failing is listed on its own; the rest of the inventory is complete', async () => {
		h = await harness({workflowListOmitsParameters: true});
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.addFault({...faults.serverError('/workflows/order-intake', 503), times: Infinity});
		const first = await loadInventory(session, ise);
		expect(first.failures.map(f => f.label)).toEqual(['workflow order-intake (rg-orders)']);
		expect(first.failures[0]!.problem.transient).toBe(true);
		expect(first.inventory.workflows.map(w => w.name)).not.toContain('order-intake');
		expect(first.inventory.workflows).toHaveLength(4);

		h.fake.clearFaults();
		h.fake.requests.length = 0;
		const second = await retryFailed(session, ise, first);
		expect(second.failures).toEqual([]);
		expect(second.inventory.workflows.map(w => w.name)).toEqual([...SAMPLE_ISE_WORKFLOWS].sort());
		// Only that workflow is read again, then the API connections it uses (unknown until now).
		const [workflow, ...connections] = armRequests(h.fake, '/providers/').map(r => r.path.split('/').pop());
		expect([workflow, ...connections.sort()]).toEqual(['order-intake', 'sb-orders', 'sql-orders']);
	});

	test('cancelling stops the load', async () => {
		h = await harness({latencyMs: 30});
		const session = await h.session();
		const ise = await sampleIse(h, session);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 40);
		const error = await loadInventory(session, ise, {signal: controller.signal}).catch((e: unknown) => e);
		expect(isCancellation(error)).toBe(true);
		expect(formatAzureError(error)).toBe('Cancelled.');
	});
});
