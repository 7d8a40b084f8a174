// CMK, outbound IPs and subnets: the ISE-level settings that carry over to infrastructure choices.
import {describe, expect, it} from 'vitest';
import {cmkFindings} from '../../source/analysis/rules/cmk.js';
import {outboundIpFindings} from '../../source/analysis/rules/outbound-ip.js';
import {subnetFindings} from '../../source/analysis/rules/subnets.js';
import {action, conn, inventory, ise, optionOf, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

const key = {
	keyVaultId: '/subscriptions/s/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-ise',
	keyName: 'ise-key',
	keyVersion: 'abc123',
};

describe('cmk rule', () => {
	it('offers storage encryption with the same key, labelled as our inference', () => {
		const findings = cmkFindings(
			inventory({ise: ise({encryption: key, identity: {type: 'SystemAssigned'}})}),
		);
		expectWellFormed(findings);
		expect(findings).toHaveLength(1);
		const f = findings[0]!;
		expect(f.area).toBe('security');
		expect(f.certainty).toBe('U');
		expect(f.detail).toMatch(/inference/);
		expect(f.detail).toContain('kv-ise');
		expect(f.detail).toContain('ise-key');
		expect(f.detail).toContain('westeurope');
		expect(optionOf(f, f.recommended).effects).toEqual([{type: 'storage-cmk', enabled: true, key}]);
		const msKeys = optionOf(f, 'microsoft-managed');
		expect(msKeys.effects).toEqual([{type: 'storage-cmk', enabled: false}]);
		expect(msKeys.consequence).toMatch(/Microsoft/);
	});

	it('says nothing when the ISE has no customer-managed key', () => {
		expect(cmkFindings(inventory())).toEqual([]);
	});
});

describe('outbound-ip rule', () => {
	it('lists the IPs firewalls trust today and offers a NAT gateway', () => {
		const findings = outboundIpFindings(
			inventory({ise: ise({outboundIps: {workflow: ['20.1.1.1', '20.1.1.2'], connector: ['40.2.2.2']}})}),
		);
		expectWellFormed(findings);
		const f = findings[0]!;
		expect(f.area).toBe('network');
		for (const ip of ['20.1.1.1', '20.1.1.2', '40.2.2.2']) expect(f.detail).toContain(ip);
		expect(f.detail).toMatch(/AzureConnectors/);
		expect(optionOf(f, 'nat').effects[0]).toEqual({type: 'outbound', natGateway: true});
		expect(optionOf(f, 'no-nat').effects[0]).toEqual({type: 'outbound', natGateway: false});
		expect(f.recommended).toBe('nat');
	});

	it('names the destinations whose firewalls see those IPs today, and leaves the instructions to the reach model', () => {
		const api = (key: string) => ({
			type: 'ApiConnection',
			inputs: {host: {connection: {name: `@parameters('$connections')['${key}']['connectionId']`}}, method: 'post', path: '/x'},
			runAfter: {},
		});
		const partner = workflow(
			'partner',
			{
				parameters: {partnerUrl: {type: 'String', defaultValue: 'https://test.partner.example/in'}},
				actions: {
					Post: action('Http', {inputs: {method: 'POST', uri: "@{parameters('partnerUrl')}/orders"}}),
					Ping: action('Http', {inputs: {method: 'GET', uri: 'https://status.example.org:8443/ping'}}),
					Guess: action('Http', {inputs: {method: 'GET', uri: "@variables('target')"}}),
					Fn: action('Function', {inputs: {function: {id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/func-app/functions/Check'}}}),
					Db: api('sql'),
					Mail: api('o365'),
					Edi: api('x12'),
				},
			},
			{
				// The resource's own value wins over the definition's default.
				parameters: {partnerUrl: {type: 'String', value: 'https://prod.partner.example/in'}},
				connections: [{...conn('sql', 'sql', 'ise'), displayName: 'Orders DB (sql-prod)'}, conn('o365', 'office365', 'managed'), conn('x12', 'x12', 'ise')],
			},
		);
		const f = outboundIpFindings(inventory({ise: ise({outboundIps: {workflow: ['20.1.1.1'], connector: ['40.2.2.2']}}), workflows: [partner]}))[0]!;
		expect(f.detail).toMatch(/workflow IPs: .*prod\.partner\.example/);
		expect(f.detail).toContain('status.example.org');
		expect(f.detail).toContain('partner/Guess computes at run time');
		expect(f.detail).toContain('Azure Functions func-app');
		expect(f.detail).toMatch(/connector IPs: SQL Server: Orders DB \(sql-prod\)/);
		// Multi-tenant connectors never used the ISE's addresses; B2B connectors call only the integration account.
		expect(f.detail).not.toContain('test.partner.example');
		expect(f.detail).not.toMatch(/Office 365|X12:/);
		// Which firewall allows what is said per destination and path by the reach model (networking.md, cutover.md),
		// never as one list for the NAT IP: a managed connector or a gateway does not call from it.
		for (const option of f.options) expect(option.effects.filter((e) => e.type === 'acknowledge')).toEqual([]);
	});

	it('says nothing when no outbound IPs are known', () => {
		expect(outboundIpFindings(inventory())).toEqual([]);
	});
});

describe('subnets rule', () => {
	it('gives the ISE network as context and offers /26 or /27 integration subnets', () => {
		const findings = subnetFindings(inventory());
		expectWellFormed(findings);
		const f = findings[0]!;
		expect(f.severity).toBe('info');
		expect(f.detail).toContain('10.1.0.0/16');
		expect(f.detail).toContain('ise-a');
		expect(f.detail).toContain('Microsoft.Web/serverFarms');
		const prefixes = f.options.map((o) => o.effects[0]).map((e) => (e?.type === 'subnets' ? e.integrationPrefixLength : 0));
		expect(prefixes.sort()).toEqual([26, 27]);
		const rec = optionOf(f, f.recommended).effects[0];
		expect(rec).toEqual({type: 'subnets', integrationPrefixLength: 26, privateEndpointPrefixLength: 28});
	});

	it('still advises on subnets when the source knows nothing of the ISE network', () => {
		const findings = subnetFindings(inventory({ise: ise({subnets: [], virtualNetworkAddressSpace: undefined})}));
		expectWellFormed(findings);
		expect(findings[0]!.detail).toMatch(/^On a Workflow Standard plan the Standard app needs/);
		expect(findings[0]!.detail).toMatch(/On App Service Environment v3 .* no integration subnet is used/);
	});
});
