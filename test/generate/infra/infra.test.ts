import {describe, expect, test} from 'vitest';
import {infraShape, infraTemplate} from '../../../source/generate/infra.js';
import {Opaque, cidrRange} from './arm-eval.js';
import {checkTemplate, type CheckResult, type Resource} from './arm-check.js';
import {REQUIRED_PARAMETER_VALUES, variants, type Variant} from './variants.js';

const ALL = variants();
const built = ALL.map((v) => ({v, out: infraTemplate(v.plan, v.ctx)}));
/** The admin's values for parameters without a default (an existing ASE's id and network). */
const required = (template: {parameters: Record<string, {defaultValue?: unknown}>}) =>
	Object.fromEntries(Object.entries(template.parameters).filter(([, d]) => !('defaultValue' in d)).map(([name]) => [name, REQUIRED_PARAMETER_VALUES[name]]));
const checked = new Map(built.map(({v, out}) => [v.label, checkTemplate(out.template, {parameterValues: required(out.template)})]));

const get = (o: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), o);
const ofType = (r: CheckResult, type: string) => r.resources.filter((x) => x.type === type);
const settingsOf = (site: Resource) =>
	new Map((get(site.body, 'properties.siteConfig.appSettings') as {name: string; value: unknown}[]).map((s) => [s.name, s.value]));
const overlaps = (a: string, b: string) => {
	const x = cidrRange(a);
	const y = cidrRange(b);
	return x.start <= y.end && y.start <= x.end;
};

describe.each(built.map(({v, out}) => ({label: v.label, v, out})))('$label', ({v, out}) => {
	const r = checked.get(v.label)!;
	const p = v.plan;

	test('passes every item of the infra.md checklist', () => {
		expect(r.problems).toEqual([]);
		expect(r.resources.length).toBeGreaterThan(5);
	});

	test('the parameters file gives every parameter its default, and the template passes with it', () => {
		const params = out.parameters.parameters;
		// Expression defaults ([resourceGroup().location]) cannot live in a parameters file; every other default does.
		const literalDefaults = Object.entries(out.template.parameters).filter(([, def]) => 'defaultValue' in def && !(typeof def.defaultValue === 'string' && def.defaultValue.startsWith('[')));
		const needed = Object.keys(required(out.template));
		expect(Object.keys(params).sort()).toEqual([...literalDefaults.map(([name]) => name), ...needed].sort());
		for (const [name, def] of literalDefaults) expect(params[name]!.value, name).toEqual(def.defaultValue);
		// A parameter without a default is in the file, empty: deploying it unfilled fails on its name, not half-way.
		for (const name of needed) expect(params[name]!.value, name).toBe('');
		const values = Object.fromEntries(Object.entries(params).map(([k, x]) => [k, x.value]));
		if (needed.length > 0) expect(checkTemplate(out.template, {parameterValues: values}).problems.join('\n')).toMatch(/shorter than minLength/);
		expect(checkTemplate(out.template, {parameterValues: {...values, ...required(out.template)}}).problems).toEqual([]);
		expect(out.parameters.$schema).toMatch(/deploymentParameters\.json#$/);
		// The project's app settings are listed by name with empty values: names may say "password", values never hold one.
		const {appSettingValues, ...rest} = params;
		expect(JSON.stringify(rest)).not.toMatch(/AccountKey=|SharedAccessKey=|sig=|password/i);
		for (const [name, value] of Object.entries((appSettingValues?.value ?? {}) as Record<string, unknown>)) expect(value, name).toBe('');
	});

	test('every app setting the project reads is set on the app, from the appSettingValues parameter', () => {
		const expected = (v.ctx.appSettings ?? []).filter((s) => !s.name.endsWith('_connectionKey')).map((s) => s.name);
		for (const site of ofType(r, 'Microsoft.Web/sites')) {
			const names = new Set(settingsOf(site).keys());
			expect(expected.filter((n) => !names.has(n))).toEqual([]);
		}
	});

	test('every managed connection the project reads exists, with the app setting connections.json names', () => {
		const sites = ofType(r, 'Microsoft.Web/sites');
		const connections = ofType(r, 'Microsoft.Web/connections');
		const entries = Object.values(v.connectionsJson.managedApiConnections);
		expect(connections.length).toBe(v.ctx.managedConnections.filter((c) => c.kind === 'managed').length);
		for (const entry of entries) {
			const name = entry.connection.id.split('/').pop()!;
			const setting = /@appsetting\('([^']+)'\)/.exec(entry.connectionRuntimeUrl)?.[1];
			expect(setting, name).toBeTruthy();
			expect(connections.map((c) => c.name)).toContain(name);
			for (const site of sites) {
				const value = settingsOf(site).get(setting!);
				expect(value, `${site.name} ${setting}`).toBeInstanceOf(Opaque);
				expect((value as Opaque).what.toLowerCase()).toContain(`/microsoft.web/connections/${name.toLowerCase()}`);
			}
		}
		expect(ofType(r, 'Microsoft.Web/connections/accessPolicies')).toHaveLength(connections.length * sites.length);
	});

	test('the readme says what it deploys, how to deploy and what to check, without secrets', () => {
		expect(out.readme).toContain('az deployment group create');
		expect(out.readme).toContain(p.iseName);
		if (r.parameters.vnetAddressPrefix !== undefined) expect(out.readme).toContain(r.parameters.vnetAddressPrefix as string);
		expect(out.readme).toMatch(/## What to check/);
		expect(out.readme).toMatch(/\[U\]/);
		expect(out.readme).not.toMatch(/AccountKey=|SharedAccessKey=/);
		if (p.storageCmk.enabled) expect(out.readme).toContain('purge protection');
		// The template attaches the NAT gateway, except to an existing ASE's subnet, which the readme leaves to the admin.
		if (infraShape(p).natGateway) expect(out.readme).toContain('natPublicIp');
		else if (p.outbound.natGateway) expect(out.readme).toMatch(/attach a NAT gateway to the ASE's subnet yourself/);
	});
});

// The Workflow Standard path: VNet integration, integration subnets, elastic plans (ASE v3 has its own file).
describe.each(built.filter(({v}) => v.plan.hosting.kind === 'ws').map(({v, out}) => ({label: v.label, v, out})))('$label (Workflow Standard)', ({v, out}) => {
	const r = checked.get(v.label)!;
	const p = v.plan;

	test('hosting follows the plan: one Workflow Standard plan and one app per planned app', () => {
		const plans = ofType(r, 'Microsoft.Web/serverfarms');
		const sites = ofType(r, 'Microsoft.Web/sites');
		expect(plans).toHaveLength(p.hosting.apps);
		expect(sites).toHaveLength(p.hosting.apps);
		for (const plan of plans) {
			expect(get(plan.body, 'sku.name')).toBe(p.hosting.plan);
			expect(get(plan.body, 'sku.capacity')).toBe(p.hosting.instances);
		}
		for (const site of sites) {
			expect(get(site.body, 'properties.siteConfig.minimumElasticInstanceCount')).toBe(p.hosting.instances);
			expect(get(site.body, 'identity.type')).toBe('SystemAssigned');
		}
		if (p.hosting.apps === 1) expect(sites[0]!.name).toBe(p.appName);
		else expect(sites.map((s) => s.name)).toEqual(Array.from({length: p.hosting.apps}, (_, i) => `${p.appName}-${i + 1}`));
	});

	test('inbound follows the plan', () => {
		const sites = ofType(r, 'Microsoft.Web/sites');
		const sitePes = ofType(r, 'Microsoft.Network/privateEndpoints').filter((pe) => JSON.stringify(pe.body).includes('"sites"'));
		const restricted = sites.map((s) => get(s.body, 'properties.siteConfig.ipSecurityRestrictions'));
		if (p.inbound === 'private-endpoint') {
			expect(sites.every((s) => get(s.body, 'properties.publicNetworkAccess') === 'Disabled')).toBe(true);
			expect(sitePes).toHaveLength(sites.length);
			expect(ofType(r, 'Microsoft.Network/privateDnsZones').map((z) => z.name)).toContain('privatelink.azurewebsites.net');
		} else {
			expect(sites.every((s) => get(s.body, 'properties.publicNetworkAccess') === 'Enabled')).toBe(true);
			expect(sitePes).toHaveLength(0);
			expect(ofType(r, 'Microsoft.Network/privateDnsZones').map((z) => z.name)).not.toContain('privatelink.azurewebsites.net');
		}
		if (p.inbound === 'public-restricted') {
			for (const rules of restricted) {
				const tags = (rules as {tag?: string; ipAddress: string}[]).filter((x) => x.tag === 'ServiceTag').map((x) => x.ipAddress);
				expect(tags).toEqual(expect.arrayContaining(['LogicAppsManagement', 'AzureConnectors']));
			}
		} else {
			expect(restricted.every((x) => x === undefined)).toBe(true);
		}
	});

	test('outbound follows the plan: a NAT gateway with a static IP on every integration subnet, or none', () => {
		const nats = ofType(r, 'Microsoft.Network/natGateways');
		const vnet = ofType(r, 'Microsoft.Network/virtualNetworks')[0]!;
		const subnets = get(vnet.body, 'properties.subnets') as {name: string; properties: Record<string, unknown>}[];
		const integration = subnets.filter((s) => Array.isArray(s.properties.delegations) && s.properties.delegations.length > 0);
		expect(integration).toHaveLength(p.hosting.apps);
		if (p.outbound.natGateway) {
			expect(nats).toHaveLength(1);
			expect(integration.every((s) => get(s, 'properties.natGateway.id') === nats[0]!.id)).toBe(true);
			expect(r.outputs.natPublicIp).toBeInstanceOf(Opaque);
			for (const site of ofType(r, 'Microsoft.Web/sites')) expect(get(site.body, 'properties.vnetRouteAllEnabled')).toBe(true);
		} else {
			expect(nats).toHaveLength(0);
			expect(ofType(r, 'Microsoft.Network/publicIPAddresses')).toHaveLength(0);
			expect(r.outputs.natPublicIp).toBeUndefined();
		}
	});

	test('subnets take the planned sizes inside a new address space that avoids every ISE range', () => {
		const ise = p.inventory.ise;
		const space = r.parameters.vnetAddressPrefix as string;
		const iseRanges = [ise.virtualNetworkAddressSpace, ...ise.subnets.map((s) => s.addressPrefix)].filter((x): x is string => Boolean(x));
		for (const range of iseRanges) expect(overlaps(space, range), `${space} vs ${range}`).toBe(false);
		const vnet = ofType(r, 'Microsoft.Network/virtualNetworks')[0]!;
		const subnets = get(vnet.body, 'properties.subnets') as {name: string; properties: {addressPrefix: string; delegations?: unknown[]}}[];
		const endpoints = ofType(r, 'Microsoft.Network/privateEndpoints').length;
		for (const s of subnets) {
			const length = cidrRange(s.properties.addressPrefix).length;
			if (s.properties.delegations) {
				expect(length).toBe(p.subnets.integrationPrefixLength);
			} else if (2 ** (32 - p.subnets.privateEndpointPrefixLength) - 5 >= endpoints) {
				expect(length).toBe(p.subnets.privateEndpointPrefixLength);
			} else {
				// The planned size cannot hold every endpoint: the next size that can is used, and the readme says so.
				expect(2 ** (32 - length) - 5).toBeGreaterThanOrEqual(endpoints);
				expect(2 ** (32 - (length + 1)) - 5).toBeLessThan(endpoints);
				expect(out.readme).toContain(`rather than the planned /${p.subnets.privateEndpointPrefixLength}`);
			}
		}
		const hasPeSubnet = subnets.some((s) => !s.properties.delegations);
		expect(hasPeSubnet).toBe(p.inbound === 'private-endpoint' || p.outbound.natGateway);
	});

	test('storage encryption follows the CMK decision', () => {
		const accounts = ofType(r, 'Microsoft.Storage/storageAccounts');
		expect(accounts).toHaveLength(p.hosting.apps);
		for (const st of accounts) {
			const enc = get(st.body, 'properties.encryption');
			expect(get(enc, 'services.queue.keyType')).toBe('Account');
			if (p.storageCmk.enabled && p.storageCmk.key) {
				const key = p.storageCmk.key;
				const vault = key.keyVaultId.split('/').pop()!;
				expect(get(enc, 'keySource')).toBe('Microsoft.Keyvault');
				expect(get(enc, 'keyvaultproperties.keyname')).toBe(key.keyName);
				expect(get(enc, 'keyvaultproperties.keyvaulturi')).toBe(`https://${vault}.vault.azure.net/`);
				expect(get(enc, 'requireInfrastructureEncryption')).toBe(true);
				const grant = ofType(r, 'Microsoft.Resources/deployments')[0]!;
				expect(grant.body.resourceGroup).toBe(key.keyVaultId.split('/')[4]);
				expect(grant.body.subscriptionId).toBe(key.keyVaultId.split('/')[2]);
			} else {
				expect(get(enc, 'keySource')).toBe('Microsoft.Storage');
				expect(ofType(r, 'Microsoft.ManagedIdentity/userAssignedIdentities')).toHaveLength(0);
				expect(ofType(r, 'Microsoft.Resources/deployments')).toHaveLength(0);
			}
			const priv = p.inbound === 'private-endpoint' || p.outbound.natGateway;
			expect(get(st.body, 'properties.publicNetworkAccess')).toBe(priv ? 'Disabled' : 'Enabled');
		}
	});

});

describe('parameters change the deployment as documented', () => {
	const contoso = built[0]!;

	test('another address space moves every subnet with it', () => {
		const result = checkTemplate(contoso.out.template, {parameterValues: {vnetAddressPrefix: '172.20.8.0/22'}});
		expect(result.problems).toEqual([]);
		const vnet = result.resources.find((x) => x.type === 'Microsoft.Network/virtualNetworks')!;
		for (const s of get(vnet.body, 'properties.subnets') as {properties: {addressPrefix: string}}[]) {
			expect(overlaps('172.20.8.0/22', s.properties.addressPrefix)).toBe(true);
		}
	});

	test('an address space too small for the subnets is caught rather than deployed', () => {
		const result = checkTemplate(contoso.out.template, {parameterValues: {vnetAddressPrefix: '10.1.0.0/27'}});
		expect(result.problems.join('\n')).toMatch(/cidrSubnet/);
	});

	test('callers listed in allowedCallerCidrs become allow rules after the service tags', () => {
		const restricted = built.find(({v}) => v.plan.inbound === 'public-restricted')!;
		const result = checkTemplate(restricted.out.template, {parameterValues: {allowedCallerCidrs: ['192.0.2.0/24', '198.51.100.7/32']}});
		expect(result.problems).toEqual([]);
		const site = result.resources.find((x) => x.type === 'Microsoft.Web/sites')!;
		const rules = get(site.body, 'properties.siteConfig.ipSecurityRestrictions') as {ipAddress: string; priority: number}[];
		expect(rules.map((x) => x.ipAddress)).toEqual(expect.arrayContaining(['192.0.2.0/24', '198.51.100.7/32']));
		expect(new Set(rules.map((x) => x.priority)).size).toBe(rules.length);
	});

	test('the key vault role can be left to the admin', () => {
		const result = checkTemplate(contoso.out.template, {parameterValues: {cmkAssignRole: false}});
		expect(result.problems).toEqual([]);
		const grant = result.resources.find((x) => x.type === 'Microsoft.Resources/deployments')!;
		expect(grant.body.condition).toBe(false);
	});
});

describe('connections that cannot be created are left out and named', () => {
	test('custom and unresolved connections get no Microsoft.Web/connections resource', () => {
		const v: Variant = ALL[0]!;
		const out = infraTemplate(v.plan, {
			managedConnections: [
				{name: 'sql-orders', api: 'sql', kind: 'managed'},
				{name: 'contoso-erp', api: 'contoso-erp', kind: 'custom'},
				{name: 'unresolved-x', api: 'unknown'},
			],
		});
		const r = checkTemplate(out.template);
		expect(r.problems).toEqual([]);
		expect(r.resources.filter((x) => x.type === 'Microsoft.Web/connections').map((x) => x.name)).toEqual(['sql-orders']);
		expect(out.readme).toContain('`contoso-erp`');
		expect(out.readme).toContain('`unresolved-x`');
	});
});

test('generation is pure and repeatable', () => {
	const v = ALL[0]!;
	expect(JSON.stringify(infraTemplate(v.plan, v.ctx))).toBe(JSON.stringify(infraTemplate(v.plan, v.ctx)));
});
