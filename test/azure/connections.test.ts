// The API connections (Microsoft.Web/connections) of the ISE's workflows, read with the real @azure/arm-logic client's
// pipeline from the fake ARM: their API, parameter names, non-secret values and data gateway — never a secret.
import {afterEach, describe, expect, test} from 'vitest';
import {listIses, loadInventory, retryFailed, type IseSummary} from '../../source/sources/azure.js';
import {parseSnapshot, serializeSnapshot} from '../../source/sources/snapshot.js';
import {managedIdentitySignIn} from '../../source/model/index.js';
import {faults} from '../fakes/azure/index.js';
import {SAMPLE_GATEWAY_ID, SAMPLE_ISE_ID, SECRET_MARKER, SUB_PROD, T_CONTOSO, connectionResource, sampleEstate, workflowResource} from '../fakes/azure/estate.js';
import {armRequests, harness, type Harness} from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

async function sampleIse(hh: Harness, session: Awaited<ReturnType<Harness['session']>>): Promise<IseSummary> {
	const ise = (await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO, displayName: 'Contoso Production'})).find((i) => i.name === 'contoso-ise')!;
	hh.fake.requests.length = 0;
	return ise;
}

const connectionsOf = (inv: Awaited<ReturnType<typeof loadInventory>>['inventory'], workflow: string) => inv.workflows.find((w) => w.name === workflow)!.connections;

describe('API connections of the ISE workflows', () => {
	test('are read once each: server, database, authentication and gateway kept, secrets never', async () => {
		h = await harness();
		const session = await h.session();
		const {inventory, failures} = await loadInventory(session, await sampleIse(h, session));
		expect(failures).toEqual([]);
		const sql = connectionsOf(inventory, 'order-intake').find((c) => c.key === 'sql')!;
		expect(sql).toMatchObject({
			displayName: 'Orders database',
			values: {server: 'sql-prod.contoso.local', database: 'Orders', authType: 'windows'},
			gatewayId: SAMPLE_GATEWAY_ID,
			authType: 'windows',
		});
		expect(sql.parameterNames?.sort()).toEqual(['authType', 'database', 'gateway', 'password', 'server', 'username']);
		expect(sql.values).not.toHaveProperty('username');
		expect(connectionsOf(inventory, 'sftp-drop')[0]!.values).toEqual({hostName: 'sftp.partner.example', portNumber: 22});
		expect(connectionsOf(inventory, 'order-intake').find((c) => c.key === 'servicebus')!.values).toBeUndefined();
		expect(JSON.stringify(inventory)).not.toContain(SECRET_MARKER);
		// A snapshot keeps what was read; one taken before connections were read still loads.
		expect(connectionsOf(parseSnapshot(serializeSnapshot(inventory)), 'order-intake')).toEqual(connectionsOf(inventory, 'order-intake'));
		const old = JSON.parse(serializeSnapshot(inventory));
		for (const w of old.workflows) for (const c of w.connections) for (const k of ['values', 'gatewayId', 'authType']) delete c[k];
		expect(connectionsOf(parseSnapshot(JSON.stringify(old)), 'order-intake').find((c) => c.key === 'sql')!.gatewayId).toBeUndefined();
		const gets = armRequests(h.fake, '/providers/Microsoft.Web/connections/');
		expect(gets.map((r) => r.path.split('/').pop()).sort()).toEqual(['o365', 'sb-orders', 'sftp-partner', 'sql-orders']);
		expect(gets.every((r) => r.query['api-version'] === '2016-06-01' && r.status === 200)).toBe(true);
	});

	test("a connection the workflow signs in to with its managed identity says so, and keeps the values it holds as alternatives", async () => {
		const api = `${SAMPLE_ISE_ID}/managedApis/servicebus`;
		h = await harness({
			resources: [
				...sampleEstate().resources!,
				workflowResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'events-out', ise: SAMPLE_ISE_ID, connections: {servicebus: {apiId: api, connectionName: 'sb-events', managedIdentity: true}}}),
				connectionResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'sb-events', apiId: api, alternativeParameterValues: {namespaceEndpoint: 'sb://contoso-events.servicebus.windows.net/'}}),
			],
		});
		const session = await h.session();
		const {inventory, failures} = await loadInventory(session, await sampleIse(h, session));
		expect(failures).toEqual([]);
		expect(connectionsOf(inventory, 'events-out')[0]).toMatchObject({authType: 'ManagedServiceIdentity', values: {namespaceEndpoint: 'sb://contoso-events.servicebus.windows.net/'}});
		// The keyed one beside it is not taken for one.
		expect(connectionsOf(inventory, 'order-intake').find((c) => c.key === 'servicebus')!.authType).toBeUndefined();
	});

	test('a playbook connection on a user-assigned identity keeps the identity, its audience and the parameter set it uses', async () => {
		const api = `/subscriptions/${SUB_PROD}/providers/Microsoft.Web/locations/westeurope/managedApis/azuresentinel`;
		const uai = `/subscriptions/${SUB_PROD}/resourceGroups/rg-sec/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-playbooks`;
		h = await harness({
			resources: [
				...sampleEstate().resources!,
				workflowResource({
					subscriptionId: SUB_PROD,
					resourceGroup: 'rg-orders',
					name: 'incident-closer',
					ise: SAMPLE_ISE_ID,
					connections: {azuresentinel: {apiId: api, connectionName: 'sentinel', managedIdentity: {identity: uai, audience: 'https://management.core.windows.net/'}}},
				}),
				connectionResource({subscriptionId: SUB_PROD, resourceGroup: 'rg-orders', name: 'sentinel', apiId: api, parameterValueSet: {name: 'managedIdentityAuth', values: {}}}),
			],
		});
		const session = await h.session();
		const {inventory, failures} = await loadInventory(session, await sampleIse(h, session));
		expect(failures).toEqual([]);
		const [ref] = connectionsOf(inventory, 'incident-closer');
		expect(ref).toMatchObject({authType: 'managedIdentityAuth', parameterSet: 'managedIdentityAuth', identity: uai, audience: 'https://management.core.windows.net/'});
		expect(managedIdentitySignIn(ref!)).toEqual({identity: uai, audience: 'https://management.core.windows.net/', parameterSet: 'managedIdentityAuth'});
	});

	test('a 403 on one connection fails only that item, and retrying reads just it', async () => {
		h = await harness();
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.addFault({...faults.forbidden('/connections/sql-orders', {scope: '/subscriptions/x', action: 'Microsoft.Web/connections/read'}), times: Infinity});
		const first = await loadInventory(session, ise);
		expect(first.failures.map((f) => f.label)).toEqual(['API connection sql-orders (rg-orders)']);
		expect(first.failures[0]!.problem.kind).toBe('forbidden');
		expect(connectionsOf(first.inventory, 'order-intake').find((c) => c.key === 'sql')!.values).toBeUndefined();
		expect(connectionsOf(first.inventory, 'sftp-drop')[0]!.values).toBeDefined();

		h.fake.clearFaults();
		h.fake.requests.length = 0;
		const second = await retryFailed(session, ise, first);
		expect(second.failures).toEqual([]);
		expect(connectionsOf(second.inventory, 'order-intake').find((c) => c.key === 'sql')!.gatewayId).toBe(SAMPLE_GATEWAY_ID);
		expect(armRequests(h.fake, '/providers/').map((r) => r.path.split('/').pop())).toEqual(['sql-orders']);
	});

	test('throttling on a connection is waited out; a connection that no longer exists is an issue, not a failure', async () => {
		h = await harness();
		const session = await h.session();
		const ise = await sampleIse(h, session);
		h.fake.addFault(faults.throttle('/connections/sftp-partner', {ms: 20}));
		h.fake.addFault({path: '/connections/o365', status: 404, body: {error: {code: 'ResourceNotFound', message: 'gone'}}});
		const {inventory, failures} = await loadInventory(session, ise);
		expect(failures).toEqual([]);
		expect(connectionsOf(inventory, 'sftp-drop')[0]!.values).toEqual({hostName: 'sftp.partner.example', portNumber: 22});
		expect(inventory.issues).toEqual([{where: 'API connection o365 (rg-orders)', message: expect.stringMatching(/does not exist/)}]);
	});
});
