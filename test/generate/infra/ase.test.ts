// The App Service Environment v3 path of the infrastructure template: a new internal ASE (the sample's
// recommendation), a new external one, an existing one given by id, and one whose id is still to give. Each is
// evaluated and checked against the infra.md checklist extended for ASE resources (arm-check.ts).
import {describe, expect, test} from 'vitest';
import {infraTemplate} from '../../../source/generate/infra.js';
import {Opaque, cidrRange} from './arm-eval.js';
import {checkTemplate, type CheckResult} from './arm-check.js';
import {EXISTING_ASE_ID, REQUIRED_PARAMETER_VALUES, variants, type Variant} from './variants.js';

const ALL = variants();
const byLabel = (part: string): Variant => {
	const v = ALL.find((x) => x.label.includes(part));
	if (!v) throw new Error(`no variant ${part}`);
	return v;
};
const get = (o: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), o);
const ofType = (r: CheckResult, type: string) => r.resources.filter((x) => x.type === type);

function build(v: Variant) {
	const out = infraTemplate(v.plan, v.ctx);
	const needed = Object.fromEntries(Object.entries(out.template.parameters).filter(([, d]) => !('defaultValue' in d)).map(([n]) => [n, REQUIRED_PARAMETER_VALUES[n]]));
	return {out, r: checkTemplate(out.template, {parameterValues: needed})};
}

describe('a new internal App Service Environment (the sample: Internal endpoint, a file share)', () => {
	const v = byLabel('recommendations (new internal ASE v3)');
	const {out, r} = build(v);

	test('the sample recommends it and the template passes the checklist', () => {
		expect(v.plan.hosting).toMatchObject({kind: 'ase', plan: 'I2v2', instances: 2, ase: {source: 'new', name: 'contoso-ase', internal: true, subnetPrefixLength: 24}});
		expect(r.problems).toEqual([]);
	});

	test('the ASE: kind ASEv3, internal load balancer, in its own empty /24 subnet delegated to Microsoft.Web/hostingEnvironments', () => {
		const [ase, ...more] = ofType(r, 'Microsoft.Web/hostingEnvironments');
		expect(more).toEqual([]);
		expect(ase!.body.kind).toBe('ASEV3');
		expect(ase!.name).toBe('contoso-ase');
		expect(get(ase!.body, 'properties.internalLoadBalancingMode')).toBe('Web, Publishing');
		const vnet = ofType(r, 'Microsoft.Network/virtualNetworks')[0]!;
		const subnets = get(vnet.body, 'properties.subnets') as {name: string; properties: Record<string, unknown>}[];
		const aseSubnet = subnets.find((s) => get(ase!.body, 'properties.virtualNetwork.id') === `${vnet.id}/subnets/${s.name}`)!;
		expect(get(aseSubnet, 'properties.delegations')).toEqual([{name: 'Microsoft.Web.hostingEnvironments', properties: {serviceName: 'Microsoft.Web/hostingEnvironments'}}]);
		expect(cidrRange(String(aseSubnet.properties.addressPrefix)).length).toBe(24);
		// No subnet delegated to Microsoft.Web/serverFarms: nothing uses VNet integration.
		expect(JSON.stringify(subnets)).not.toContain('Microsoft.Web/serverFarms');
	});

	test('its NSG lets Azure Load Balancer probe port 80 and the network reach 80/443, and nothing from the internet', () => {
		const nsg = ofType(r, 'Microsoft.Network/networkSecurityGroups')[0]!;
		const rules = get(nsg.body, 'properties.securityRules') as {properties: Record<string, unknown>}[];
		expect(rules.map((x) => x.properties.sourceAddressPrefix)).toEqual(['AzureLoadBalancer', 'VirtualNetwork']);
		expect(rules[0]!.properties.destinationPortRange).toBe('80');
	});

	test('an Isolated v2 plan in the ASE and the app in it, with no VNet integration, private endpoint or content share', () => {
		const plan = ofType(r, 'Microsoft.Web/serverfarms')[0]!;
		const ase = ofType(r, 'Microsoft.Web/hostingEnvironments')[0]!;
		expect(plan.body.sku).toEqual({name: 'I2v2', tier: 'IsolatedV2', capacity: 2});
		expect(get(plan.body, 'properties.hostingEnvironmentProfile.id')).toBe(ase.id);
		expect(get(plan.body, 'properties.maximumElasticWorkerCount')).toBeUndefined();
		const site = ofType(r, 'Microsoft.Web/sites')[0]!;
		expect(get(site.body, 'properties.hostingEnvironmentProfile.id')).toBe(ase.id);
		for (const key of ['virtualNetworkSubnetId', 'vnetRouteAllEnabled', 'vnetContentShareEnabled', 'publicNetworkAccess']) expect(get(site.body, `properties.${key}`), key).toBeUndefined();
		expect(get(site.body, 'properties.siteConfig.alwaysOn')).toBe(true);
		const settings = (get(site.body, 'properties.siteConfig.appSettings') as {name: string}[]).map((s) => s.name);
		expect(settings).toContain('AzureWebJobsStorage');
		expect(settings).not.toContain('WEBSITE_CONTENTSHARE');
		expect(ofType(r, 'Microsoft.Storage/storageAccounts/fileServices/shares')).toEqual([]);
		const sitePes = ofType(r, 'Microsoft.Network/privateEndpoints').filter((pe) => JSON.stringify(pe.body).includes('"sites"'));
		expect(sitePes).toEqual([]);
		expect(ofType(r, 'Microsoft.Network/privateDnsZones').map((z) => z.name)).not.toContain('privatelink.azurewebsites.net');
	});

	test('the ILB private zone <ase>.appserviceenvironment.net answers *, @ and *.scm with the load balancer address', () => {
		const zone = ofType(r, 'Microsoft.Network/privateDnsZones').find((z) => z.name === 'contoso-ase.appserviceenvironment.net');
		expect(zone).toBeDefined();
		const records = ofType(r, 'Microsoft.Network/privateDnsZones/A').filter((a) => a.name.startsWith(`${zone!.name}/`));
		expect(records.map((a) => a.name.split('/')[1]).sort()).toEqual(['*', '*.scm', '@']);
		for (const a of records) {
			const ip = get((get(a.body, 'properties.aRecords') as unknown[])[0], 'ipv4Address');
			expect(ip).toBeInstanceOf(Opaque);
			expect((ip as Opaque).what).toMatch(/hostingenvironments\/contoso-ase\/configurations\/networking.*internalInboundIpAddresses/i);
		}
		expect(ofType(r, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks').map((l) => l.name)).toContain(`${zone!.name}/link-vnet-contoso-standard`);
		expect(r.outputs.aseInternalInboundIp).toBeInstanceOf(Opaque);
	});

	test('the NAT gateway sits on the ASE subnet; storage is private in the private-endpoint subnet', () => {
		const nat = ofType(r, 'Microsoft.Network/natGateways')[0]!;
		const vnet = ofType(r, 'Microsoft.Network/virtualNetworks')[0]!;
		const subnets = get(vnet.body, 'properties.subnets') as {name: string; properties: Record<string, unknown>}[];
		expect(subnets.find((s) => s.name === 'snet-ase')?.properties.natGateway).toEqual({id: nat.id});
		const pes = ofType(r, 'Microsoft.Network/privateEndpoints');
		expect(pes.map((pe) => (get(pe.body, 'properties.privateLinkServiceConnections') as {properties: {groupIds: string[]}}[])[0]!.properties.groupIds[0]).sort()).toEqual(['blob', 'file', 'queue', 'table']);
		for (const pe of pes) expect(get(pe.body, 'properties.subnet.id')).toBe(`${vnet.id}/subnets/snet-private-endpoints`);
	});

	test('the readme and parameters describe the ASE path', () => {
		expect(out.readme).toMatch(/App Service Environment v3 `contoso-ase`/);
		expect(out.readme).toMatch(/no VNet integration and no private endpoint/);
		expect(out.readme).toMatch(/about an hour/);
		expect(Object.keys(out.parameters.parameters)).toEqual(expect.arrayContaining(['isolatedSku', 'instanceCount', 'aseName', 'aseSubnetPrefixLength']));
		expect(Object.keys(out.parameters.parameters)).not.toContain('workflowStandardSku');
	});

	test('a larger size and more instances are parameters the checklist still accepts', () => {
		const result = checkTemplate(out.template, {parameterValues: {isolatedSku: 'I3v2', instanceCount: 5, zoneRedundant: true}});
		expect(result.problems).toEqual([]);
		expect(result.resources.find((x) => x.type === 'Microsoft.Web/serverfarms')!.body.sku).toEqual({name: 'I3v2', tier: 'IsolatedV2', capacity: 5});
		expect(checkTemplate(out.template, {parameterValues: {aseSubnetPrefixLength: 28}}).problems.join('\n')).toMatch(/above maxValue/);
	});
});

describe('a new external App Service Environment', () => {
	const v = byLabel('new external ASE');
	const {r} = build(v);

	test('passes the checklist: load balancer None, HTTPS from the internet, access restrictions, no private zone', () => {
		expect(r.problems).toEqual([]);
		expect(v.plan.hosting).toMatchObject({kind: 'ase', ase: {source: 'new', internal: false}});
		expect(get(ofType(r, 'Microsoft.Web/hostingEnvironments')[0]!.body, 'properties.internalLoadBalancingMode')).toBe('None');
		const rules = get(ofType(r, 'Microsoft.Network/networkSecurityGroups')[0]!.body, 'properties.securityRules') as {properties: Record<string, unknown>}[];
		expect(rules.map((x) => x.properties.sourceAddressPrefix)).toContain('Internet');
		expect(ofType(r, 'Microsoft.Network/privateDnsZones')).toEqual([]);
		expect(get(ofType(r, 'Microsoft.Web/sites')[0]!.body, 'properties.siteConfig.ipSecurityRestrictions')).toBeDefined();
		expect(get(ofType(r, 'Microsoft.Storage/storageAccounts')[0]!.body, 'properties.publicNetworkAccess')).toBe('Enabled');
	});
});

describe('an existing App Service Environment', () => {
	const given = byLabel('existing ASE v3 (id given)');
	const {out, r} = build(given);

	test('is referenced, not created: no ASE, VNet or NAT gateway in the template; plan and app are placed in it', () => {
		expect(r.problems).toEqual([]);
		for (const type of ['Microsoft.Web/hostingEnvironments', 'Microsoft.Network/virtualNetworks', 'Microsoft.Network/natGateways', 'Microsoft.Network/networkSecurityGroups']) {
			expect(ofType(r, type), type).toEqual([]);
		}
		expect(out.template.parameters.aseResourceId!.defaultValue).toBe(EXISTING_ASE_ID);
		expect(get(ofType(r, 'Microsoft.Web/serverfarms')[0]!.body, 'properties.hostingEnvironmentProfile.id')).toBe(EXISTING_ASE_ID);
		expect(get(ofType(r, 'Microsoft.Web/sites')[0]!.body, 'properties.hostingEnvironmentProfile.id')).toBe(EXISTING_ASE_ID);
	});

	test('private storage goes into the subnet the admin names, its zones linked to that subnet\'s VNet', () => {
		const subnet = REQUIRED_PARAMETER_VALUES.privateEndpointSubnetResourceId!;
		for (const pe of ofType(r, 'Microsoft.Network/privateEndpoints')) expect(get(pe.body, 'properties.subnet.id')).toBe(subnet);
		const links = ofType(r, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks');
		expect(links).toHaveLength(4);
		for (const l of links) expect(get(l.body, 'properties.virtualNetwork.id')).toBe(subnet.split('/subnets/')[0]);
		expect(out.parameters.parameters.privateEndpointSubnetResourceId!.value).toBe('');
		expect(out.readme).toMatch(/attach a NAT gateway to the ASE's subnet yourself/);
	});

	test('without an id yet, the template asks for one and refuses an empty one', () => {
		const v = byLabel('existing ASE v3 (no id yet)');
		const t = infraTemplate(v.plan, v.ctx);
		expect('defaultValue' in t.template.parameters.aseResourceId!).toBe(false);
		expect(t.parameters.parameters.aseResourceId!.value).toBe('');
		expect(checkTemplate(t.template, {parameterValues: {aseResourceId: ''}}).problems.join('\n')).toMatch(/aseResourceId shorter than minLength/);
		expect(checkTemplate(t.template, {parameterValues: {aseResourceId: 'ase-contoso-shared'}}).problems.join('\n')).toMatch(/aseResourceId: 'ase-contoso-shared' is not a resource id/);
		const ok = checkTemplate(t.template, {parameterValues: {aseResourceId: EXISTING_ASE_ID}});
		expect(ok.problems).toEqual([]);
		// Public storage and no private endpoints: nothing of the network is in the template.
		expect(ok.resources.filter((x) => x.type.startsWith('Microsoft.Network/'))).toEqual([]);
		expect(t.readme).toMatch(/Set `aseResourceId`/);
	});
});
