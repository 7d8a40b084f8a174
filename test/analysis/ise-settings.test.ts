// CMK, outbound IPs and subnets: the ISE-level settings that carry over to infrastructure choices.
import {describe, expect, it} from 'vitest';
import {cmkFindings} from '../../source/analysis/rules/cmk.js';
import {outboundIpFindings} from '../../source/analysis/rules/outbound-ip.js';
import {subnetFindings} from '../../source/analysis/rules/subnets.js';
import {inventory, ise, optionOf} from './builder.js';
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
		expect(optionOf(f, 'nat').effects).toEqual([{type: 'outbound', natGateway: true}]);
		expect(optionOf(f, 'no-nat').effects).toEqual([{type: 'outbound', natGateway: false}]);
		expect(f.recommended).toBe('nat');
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
		expect(findings[0]!.detail).toMatch(/^The Standard app needs/);
	});
});
