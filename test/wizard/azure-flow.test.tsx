// The live-Azure sub-flow as a pure reducer: which screen follows which, what Esc does, and what work is due.
import {describe, expect, it} from 'vitest';
import type {InventoryLoad, IseSummary, SubscriptionListing} from '../../source/sources/azure.js';
import {azureIdle, azureReducer, stepOfPhase, workKey, workOf, type AzureFlowEvent, type AzureFlowState} from '../../source/wizard/azure-flow.js';
import {inventory} from '../helpers/inventory.js';

const T = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const ISE_ID = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Logic/integrationServiceEnvironments/ise-a';

const listing: SubscriptionListing = {
	subscriptions: [
		{subscriptionId: 's1', displayName: 'Production', tenantId: T, tenantName: 'Contoso'},
		{subscriptionId: 's2', displayName: 'Sandbox', tenantId: T, tenantName: 'Contoso'},
	],
	tenants: [{tenantId: T, displayName: 'Contoso'}, {tenantId: T2, displayName: 'Fabrikam'}],
	failures: [],
	needsSignIn: [{tenantId: T2, displayName: 'Fabrikam'}],
};

const ise = (id = ISE_ID): IseSummary => {
	const inv = inventory();
	return {id, name: id.split('/').pop()!, subscriptionId: 's1', tenantId: T, resourceGroup: 'rg', location: 'westeurope', sku: {name: 'Premium', capacity: 1}, accessEndpoint: 'Internal', ise: {...inv.ise, id}};
};

const load = (failed: number): InventoryLoad => ({
	inventory: inventory(),
	failures: Array.from({length: failed}, (_, i) => ({
		item: {kind: 'workflow' as const, id: `/w/${i}`, name: `w${i}`, resourceGroup: 'rg'},
		label: `workflow w${i} (rg)`,
		message: 'Access denied.',
		problem: {kind: 'forbidden' as const, message: 'Access denied.', transient: false},
	})),
});

const run = (events: AzureFlowEvent[], from: AzureFlowState = azureIdle) => events.reduce(azureReducer, from);
const signedIn = {method: 'device' as const, account: 'a@contoso.example', tenantId: T, skipped: []};

describe('the Azure sub-flow', () => {
	it('asks for the method unless one was given, and lists subscriptions once signed in', () => {
		expect(run([{type: 'start'}]).phase).toBe('method');
		const s = run([{type: 'start', choice: 'env'}]);
		expect(s.phase).toBe('signing-in');
		expect(workOf(s)).toEqual({kind: 'sign-in', choice: 'env'});
		const after = run([{type: 'attempt', method: 'env'}, {type: 'signed-in', who: {...signedIn, method: 'env'}}], s);
		expect(after.phase).toBe('subscriptions');
		expect(workOf(after)).toEqual({kind: 'subscriptions'});
		const listed = azureReducer(after, {type: 'subscriptions', listing});
		expect(workOf(listed)).toBeUndefined();
		// The home tenant gets its name from the listing.
		expect(listed.signedIn?.tenantName).toBe('Contoso');
		expect(stepOfPhase(listed.phase)).toBe('start');
	});

	it('filters by typed text, and Esc clears the filter before it signs out', () => {
		let s = run([{type: 'start', signedIn}, {type: 'subscriptions', listing}]);
		s = run([{type: 'type', text: 'p'}, {type: 'type', text: 'r'}, {type: 'type', text: 'x'}, {type: 'erase'}], s);
		expect(s.query).toBe('pr');
		s = azureReducer(s, {type: 'back'});
		expect(s).toMatchObject({phase: 'subscriptions', query: ''});
		s = azureReducer(s, {type: 'back'});
		expect(s.phase).toBe('method');
		expect(s.signedIn).toBeUndefined();
		expect(s.listing).toBeUndefined();
		expect(azureReducer(s, {type: 'back'}).phase).toBe('off');
	});

	it('signs in to a further tenant as work of its own; Esc cancels it, a failure leaves the list usable', () => {
		const listed = run([{type: 'start', signedIn}, {type: 'subscriptions', listing}]);
		const s = azureReducer(listed, {type: 'sign-in-tenant', tenant: listing.needsSignIn[0]!});
		const work = workOf(s)!;
		expect(work).toEqual({kind: 'subscriptions', tenant: listing.needsSignIn[0]});
		expect(workKey(work)).not.toBe(workKey({kind: 'subscriptions'}));
		// Typing is ignored while its device code is shown.
		expect(azureReducer(s, {type: 'type', text: 'z'}).query).toBe('');
		const cancelled = azureReducer(s, {type: 'back'});
		expect(cancelled).toMatchObject({phase: 'subscriptions', tenant: undefined, message: {kind: 'info', text: 'Sign-in to tenant Fabrikam cancelled.'}});
		expect(workOf(cancelled)).toBeUndefined();
		const failed = azureReducer(s, {type: 'failed', error: 'Tenant Fabrikam: declined.'});
		expect(failed).toMatchObject({phase: 'subscriptions', error: undefined, message: {kind: 'error', text: 'Tenant Fabrikam: declined.'}});
		expect(failed.listing).toBe(listing);
	});

	it('Esc during sign-in returns to the method list, saying it was cancelled', () => {
		const s = run([{type: 'start', choice: 'device'}, {type: 'device-code', prompt: {userCode: 'ABC', verificationUri: 'https://x/devicelogin', message: ''}}]);
		expect(s.prompt?.userCode).toBe('ABC');
		const back = azureReducer(s, {type: 'back'});
		expect(back).toMatchObject({phase: 'method', prompt: undefined, message: {text: 'Sign-in cancelled.'}});
		expect(workOf(back)).toBeUndefined();
	});

	it('a failed step waits for the retry key, then runs the same work again', () => {
		const s = run([{type: 'start', signedIn}, {type: 'subscriptions', listing}, {type: 'choose-subscription', subscription: listing.subscriptions[0]!}]);
		expect(s.phase).toBe('ises');
		expect(stepOfPhase(s.phase)).toBe('ise');
		const work = workOf(s)!;
		const failed = azureReducer(s, {type: 'failed', error: 'Tenant Contoso: Access denied.'});
		expect(workOf(failed)).toBeUndefined();
		expect(workOf(azureReducer(failed, {type: 'retry'}))).toEqual(work);
	});

	it('reads the chosen ISE; failures wait for retry or continue, and a retry reads only them', () => {
		let s = run([{type: 'start', signedIn}, {type: 'subscriptions', listing}, {type: 'choose-subscription', subscription: listing.subscriptions[0]!}, {type: 'ises', ises: [ise()]}]);
		expect(s.phase).toBe('ises');
		s = azureReducer(s, {type: 'choose-ise', ise: ise()});
		expect(workOf(s)?.kind).toBe('inventory');
		s = azureReducer(s, {type: 'progress', progress: {done: 1, total: 4, failed: 0, workflows: 2, integrationAccounts: 0}});
		expect(s.progress?.workflows).toBe(2);
		s = azureReducer(s, {type: 'loaded', load: load(2)});
		expect(s.phase).toBe('failures');
		expect(workOf(s)).toBeUndefined();
		s = azureReducer(s, {type: 'retry'});
		expect(workOf(s)).toMatchObject({kind: 'retry', load: {failures: [{}, {}]}});
		// Even when the retry itself fails outright, the retry key retries the failed items, not the whole read.
		s = azureReducer(s, {type: 'failed', error: 'network'});
		s = azureReducer(s, {type: 'retry'});
		expect(workOf(s)?.kind).toBe('retry');
		// Esc goes back to the ISE list, which is kept.
		const back = azureReducer(azureReducer(s, {type: 'loaded', load: load(1)}), {type: 'back'});
		expect(back).toMatchObject({phase: 'ises', load: undefined, ise: undefined});
		expect(back.ises).toHaveLength(1);
		expect(workOf(back)).toBeUndefined();
		// Esc while reading cancels the read.
		const cancelled = azureReducer(azureReducer(back, {type: 'choose-ise', ise: ise()}), {type: 'back'});
		expect(cancelled.message?.text).toMatch(/cancelled/);
	});

	it('a saved session goes from sign-in straight to its ISE, or says it is gone and shows the list', () => {
		const target = {subscriptionId: 's1', subscriptionName: 'Production', tenantId: T, iseId: ISE_ID.toUpperCase(), cloud: 'AzureCloud'};
		let s = run([{type: 'start', target, choice: 'env'}, {type: 'signed-in', who: signedIn}]);
		expect(s.phase).toBe('ises');
		expect(workOf(s)).toEqual({kind: 'ises', subscription: {subscriptionId: 's1', displayName: 'Production', tenantId: T}});
		const found = azureReducer(s, {type: 'ises', ises: [ise('/other/ise-b'), ise()]});
		expect(found.phase).toBe('loading');
		expect(found.ise?.id).toBe(ISE_ID);
		s = azureReducer(s, {type: 'ises', ises: [ise('/subscriptions/s1/x/ise-b')]});
		expect(s).toMatchObject({phase: 'ises', target: undefined, message: {kind: 'error'}});
		expect(s.message?.text).toContain(ISE_ID.toUpperCase().split('/').pop());
		// Back from there lists the subscriptions, which a resumed session never read.
		const back = azureReducer(s, {type: 'back'});
		expect(back.phase).toBe('subscriptions');
		expect(workOf(back)).toEqual({kind: 'subscriptions'});
	});
});
