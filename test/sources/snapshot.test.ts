import {describe, expect, it} from 'vitest';
import {parseSnapshot, serializeSnapshot, SnapshotError} from '../../source/sources/snapshot.js';
import {inventory} from '../helpers/inventory.js';

function expectError(text: string, pattern: RegExp) {
	let error: unknown;
	try {
		parseSnapshot(text, 'snap.json');
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(SnapshotError);
	expect((error as Error).message).toMatch(pattern);
	expect((error as Error).message).not.toMatch(/\n\s+at /);
}

describe('snapshot format v1', () => {
	it('round-trips an inventory', () => {
		const inv = inventory();
		const text = serializeSnapshot(inv);
		expect(JSON.parse(text).formatVersion).toBe(1);
		expect(parseSnapshot(text)).toEqual(inv);
	});

	it('keeps every fact of a connection: how it signs in, with which identity and set', () => {
		const inv = inventory();
		const wf = inv.workflows[0]!;
		const uai = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-x';
		inv.workflows = [{...wf, connections: [{key: 'kv', apiId: '/a', connectionId: '/c', connectionName: 'kv', authType: 'managedIdentityAuth', parameterSet: 'managedIdentityAuth', identity: uai, audience: 'https://vault.azure.net', gatewayId: '/g', values: {vaultName: 'kv-1'}}]}];
		expect(parseSnapshot(serializeSnapshot(inv))).toEqual(inv);
	});

	it('names the exact path of the first problem', () => {
		const inv = inventory();
		inv.workflows = [0, 1, 2, 3].map((i) => ({...inv.workflows[0]!, name: `wf${i}`}));
		const doc = JSON.parse(serializeSnapshot(inv));
		doc.workflows[3].definition = 'oops';
		expectError(JSON.stringify(doc), /snap\.json: workflows\[3\]\.definition: expected object, got string/);
	});

	it('reports a missing field and a bad enum value with their paths', () => {
		const doc = JSON.parse(serializeSnapshot(inventory()));
		delete doc.ise.name;
		expectError(JSON.stringify(doc), /ise\.name: missing/);
		const doc2 = JSON.parse(serializeSnapshot(inventory()));
		doc2.ise.accessEndpoint = 'Public';
		expectError(JSON.stringify(doc2), /ise\.accessEndpoint: expected one of "Internal", "External", "NotSpecified", got "Public"/);
	});

	it('gives line and column for broken JSON, and accepts a BOM and comments', () => {
		expectError('{\n  "formatVersion": 1,\n  "ise": {,\n}', /line 3, column \d+/);
		const text = `\uFEFF// captured by hand\n${serializeSnapshot(inventory())}`;
		expect(parseSnapshot(text).ise.name).toBe('test-ise');
	});

	it('refuses other format versions and plain JSON with a way forward', () => {
		const doc = JSON.parse(serializeSnapshot(inventory()));
		doc.formatVersion = 2;
		expectError(JSON.stringify(doc), /format 2 is not supported.*format 1/);
		expectError('{"hello": 1}', /not an ise-migrate snapshot/);
	});
});
