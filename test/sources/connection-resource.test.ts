// How an API connection says it signs in: on the connection resource (parameter set, `parameterValueType`) and on the
// workflow's `$connections` entry (`connectionProperties.authentication`), as Learn's managed identity templates write them.
import {describe, expect, test} from 'vitest';
import {connectionFacts, entryAuthentication} from '../../source/sources/connection-resource.js';
import {signsInWithManagedIdentity} from '../../source/model/index.js';

describe('managed identity connections', () => {
	test('a single-authentication connection with alternative values signs in with managed identity and keeps those values', () => {
		const facts = connectionFacts({parameterValueType: 'Alternative', alternativeParameterValues: {vaultName: 'kv-orders'}});
		expect(facts).toMatchObject({authType: 'ManagedServiceIdentity', values: {vaultName: 'kv-orders'}});
		expect(signsInWithManagedIdentity(facts)).toBe(true);
	});

	test('a multi-authentication connection says which set it uses; a key-based one is not taken for managed identity', () => {
		expect(signsInWithManagedIdentity(connectionFacts({parameterValueSet: {name: 'managedIdentityAuth', values: {namespaceEndpoint: {value: 'sb://x.servicebus.windows.net/'}}}}))).toBe(true);
		expect(signsInWithManagedIdentity(connectionFacts({parameterValueSet: {name: 'keyBasedAuth', values: {}}}))).toBe(false);
		expect(signsInWithManagedIdentity(connectionFacts({parameterValues: {connectionString: 'Endpoint=sb://x/;SharedAccessKey=k'}}))).toBe(false);
	});

	test("the workflow's own entry says so too", () => {
		expect(entryAuthentication({connectionProperties: {authentication: {type: 'ManagedServiceIdentity'}}})).toEqual({authType: 'ManagedServiceIdentity'});
		expect(entryAuthentication({connectionProperties: {authentication: {type: 'Raw'}}})).toEqual({});
		expect(entryAuthentication({connectionId: '/x'})).toEqual({});
	});

	test('a user-assigned identity and an audience on the entry are kept; the set a multi-authentication resource uses too', () => {
		const uai = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-playbooks';
		expect(entryAuthentication({connectionProperties: {authentication: {type: 'ManagedServiceIdentity', identity: uai, audience: 'https://vault.azure.net'}}})).toEqual({
			authType: 'ManagedServiceIdentity',
			identity: uai,
			audience: 'https://vault.azure.net',
		});
		expect(connectionFacts({parameterValueSet: {name: 'managedIdentityAuth', values: {}}})).toMatchObject({parameterSet: 'managedIdentityAuth'});
		expect(connectionFacts({parameterValueType: 'Alternative'}).parameterSet).toBeUndefined();
	});
});
