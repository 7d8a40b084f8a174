// The checklist helper must itself fail on the mistakes it exists to catch: each test breaks one thing in a
// template that passes and expects the matching checklist item to complain.
import {describe, expect, test} from 'vitest';
import {infraTemplate} from '../../../source/generate/infra.js';
import {checkTemplate} from './arm-check.js';
import {EXISTING_ASE_ID, REQUIRED_PARAMETER_VALUES, contosoVariant, contosoWsVariant, decideOption} from './variants.js';
import {analyze} from '../../../source/analysis/index.js';
import {plan} from '../../../source/generate/plan.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';

// Tests break templates by hand, anywhere in the JSON: typing every path would only hide the intent.
type Obj = Record<string, any>;

// The Workflow Standard template of the sample (private endpoint, NAT gateway, CMK).
const contoso = contosoWsVariant();
const good = infraTemplate(contoso.plan, contoso.ctx).template as unknown as Obj;

function breakIn(template: Obj, change: (t: Obj) => void, parameterValues?: Record<string, unknown>): string {
	const t = structuredClone(template);
	change(t);
	return checkTemplate(t, {parameterValues}).problems.join('\n');
}
const broken = (change: (t: Obj) => void) => breakIn(good, change);

const byType = (t: Obj, type: string): Obj[] => (t.resources as Obj[]).filter((r) => r.type === type);
const site = (t: Obj) => byType(t, 'Microsoft.Web/sites')[0]!;
const settings = (t: Obj) => site(t).properties.siteConfig.appSettings as {name: string; value: unknown}[];
const vnet = (t: Obj) => byType(t, 'Microsoft.Network/virtualNetworks')[0]!;

test('the unmodified template passes', () => {
	expect(checkTemplate(good).problems).toEqual([]);
});

describe('each checklist item catches its mistake', () => {
	test('A1: wrong $schema', () => {
		expect(broken((t) => (t.$schema = 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#'))).toMatch(/A1 \$schema/);
	});
	test('A2: unbalanced expression', () => {
		expect(broken((t) => (t.variables.planName1 = "[format('{0}-plan', variables('siteName1')]"))).toMatch(/A2/);
	});
	test('A2: undeclared parameter', () => {
		expect(broken((t) => (site(t).location = "[parameters('region')]"))).toMatch(/parameters\('region'\) is not declared/);
	});
	test('A2: unknown function', () => {
		expect(broken((t) => (site(t).location = "[regionOf(parameters('location'))]"))).toMatch(/unknown or unsupported function/);
	});
	test('A: a parameter nobody reads', () => {
		expect(broken((t) => (t.parameters.unused = {type: 'string', defaultValue: 'x'}))).toMatch(/parameter unused is never used/);
	});
	test('B: 2024-05-01 is not a private DNS apiVersion', () => {
		expect(broken((t) => byType(t, 'Microsoft.Network/privateDnsZones').forEach((z) => (z.apiVersion = '2024-05-01')))).toMatch(/B Microsoft.Network\/privateDnsZones apiVersion 2024-05-01/);
	});
	test('B: site-level vnetRouteAllEnabled with 2024-11-01', () => {
		expect(broken((t) => (site(t).apiVersion = '2024-11-01'))).toMatch(/need apiVersion <= 2024-04-01/);
	});
	test('B: unknown resource type', () => {
		expect(broken((t) => t.resources.push({type: 'Microsoft.Web/staticSites', apiVersion: '2023-12-01', name: 'x', location: 'westeurope'}))).toMatch(/B unknown resource type/);
	});
	test('C: the app kind must include workflowapp', () => {
		expect(broken((t) => (site(t).kind = 'functionapp'))).toMatch(/kind functionapp/);
	});
	test('C: the runtime settings', () => {
		expect(broken((t) => settings(t).forEach((s) => s.name === 'FUNCTIONS_EXTENSION_VERSION' && (s.value = '~3')))).toMatch(/FUNCTIONS_EXTENSION_VERSION ~3/);
		expect(broken((t) => settings(t).forEach((s) => s.name === 'FUNCTIONS_WORKER_RUNTIME' && (s.value = 'dotnet-isolated')))).toMatch(/FUNCTIONS_WORKER_RUNTIME dotnet-isolated/);
		expect(broken((t) => (site(t).properties.siteConfig.appSettings = settings(t).filter((s) => s.name !== 'APP_KIND')))).toMatch(/APP_KIND/);
	});
	test('C: the integration subnet must be delegated to Microsoft.Web/serverFarms', () => {
		expect(broken((t) => vnet(t).properties.subnets.forEach((s: Obj) => delete s.properties.delegations))).toMatch(/not delegated to Microsoft.Web\/serverFarms/);
	});
	test('C: the private-endpoint subnet must not be delegated', () => {
		expect(
			broken((t) => {
				const pe = vnet(t).properties.subnets.find((s: Obj) => !s.properties.delegations);
				pe.properties.delegations = [{name: 'x', properties: {serviceName: 'Microsoft.Web/serverFarms'}}];
			}),
		).toMatch(/its subnet has a delegation/);
	});
	test('C: a DNS zone that does not match the endpoint group', () => {
		expect(broken((t) => (t.variables.storageDnsZone_blob = "[format('privatelink.blobs.{0}', environment().suffixes.storage)]"))).toMatch(/does not match group 'blob'/);
	});
	test('C: zone link registration and location', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Network/privateDnsZones/virtualNetworkLinks')[0]!.properties.registrationEnabled = true))).toMatch(/registrationEnabled/);
		expect(broken((t) => (byType(t, 'Microsoft.Network/privateDnsZones')[0]!.location = 'westeurope'))).toMatch(/location must be global/);
	});
	test('C: a dynamic public IP cannot back a NAT gateway', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Network/publicIPAddresses')[0]!.properties.publicIPAllocationMethod = 'Dynamic'))).toMatch(/must be Static/);
	});
	test('C: storage CMK identity type uses the Storage enum (no space)', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Storage/storageAccounts')[0]!.identity.type = 'SystemAssigned, UserAssigned'))).toMatch(/Storage enum, no space/);
	});
	test('C: queues and tables need keyType Account for the CMK', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Storage/storageAccounts')[0]!.properties.encryption.services.table.keyType = 'Service'))).toMatch(/table keyType must be Account/);
	});
	test('C: connections are V2 with exactly one authentication shape', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Web/connections')[0]!.kind = 'V1'))).toMatch(/kind must be V2/);
		expect(broken((t) => (byType(t, 'Microsoft.Web/connections')[0]!.properties.parameterValueSet = {name: 'managedIdentityAuth', values: {}}))).toMatch(/exactly one of parameterValues/);
	});
	test('C: subnets must hold what is put in them', () => {
		expect(broken((t) => (t.parameters.privateEndpointSubnetPrefixLength.defaultValue = 29))).toMatch(/private endpoints do not fit/);
		expect(broken((t) => (t.parameters.maximumElasticWorkerCount.defaultValue = 80))).toMatch(/more than its integration subnet has addresses/);
	});
	test('D1: resourceId of something not declared', () => {
		expect(broken((t) => site(t).dependsOn.push("[resourceId('Microsoft.Web/serverfarms', 'elsewhere')]"))).toMatch(/D1 resourceId\('Microsoft.Web\/serverfarms', 'elsewhere'\)/);
	});
	test('D1: a child resourceId with the wrong number of names', () => {
		expect(broken((t) => (site(t).properties.virtualNetworkSubnetId = "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'snet-integration')]"))).toMatch(/needs 2/);
	});
	test('D2: a dependency cycle', () => {
		expect(broken((t) => site(t).dependsOn.push("[resourceId('Microsoft.Web/connections/accessPolicies', 'sql-contoso-orders', variables('siteName1'))]"))).toMatch(/D2 dependency cycle/);
	});
	test('D3: the site must wait for its content share and storage DNS', () => {
		expect(broken((t) => (site(t).dependsOn = site(t).dependsOn.filter((d: string) => !d.includes('shares'))))).toMatch(/does not depend on its content share/);
		expect(broken((t) => (site(t).dependsOn = site(t).dependsOn.filter((d: string) => !d.includes('privateDnsZoneGroups'))))).toMatch(/does not depend on zone group/);
	});
	test('D3: storage with a CMK must wait for the key vault role', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Storage/storageAccounts')[0]!.dependsOn.pop()))).toMatch(/Crypto Service Encryption User/);
	});
	test('D4: child names need one segment per type level', () => {
		expect(broken((t) => (byType(t, 'Microsoft.Web/connections/accessPolicies')[0]!.name = 'as2-contoso-b2b'))).toMatch(/D4/);
	});
	test('D5: listKeys must read a declared storage account', () => {
		expect(
			broken((t) => settings(t).forEach((s) => s.name === 'AzureWebJobsStorage' && (s.value = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'other'), '2023-05-01').keys[0].value]"))),
		).toMatch(/D5|D1/);
	});
	test('D6: duplicate resources', () => {
		expect(broken((t) => t.resources.push(structuredClone(byType(t, 'Microsoft.Web/serverfarms')[0]!)))).toMatch(/D6 duplicate/);
	});
	test('E: private storage needs all four endpoints', () => {
		expect(broken((t) => (t.resources = t.resources.filter((r: Obj) => !(r.type.startsWith('Microsoft.Network/privateEndpoints') && String(r.name).includes('storagePe1_queue')))))).toMatch(/no 'queue' private endpoint/);
	});
	test('E: a private app needs its sites endpoint', () => {
		expect(broken((t) => (t.resources = t.resources.filter((r: Obj) => !String(r.name).includes('sitePe1'))))).toMatch(/public access disabled without a 'sites' private endpoint/);
	});
	test('E: a NAT gateway needs Route All', () => {
		expect(
			broken((t) => {
				site(t).properties.vnetRouteAllEnabled = false;
				site(t).properties.siteConfig.vnetRouteAllEnabled = false;
			}),
		).toMatch(/NAT gateway needs Route All/);
	});
	test('E: each managed connection needs an access policy for the app', () => {
		expect(broken((t) => (t.resources = t.resources.filter((r: Obj) => !(r.type === 'Microsoft.Web/connections/accessPolicies' && String(r.name).includes('sql-contoso-orders')))))).toMatch(/no access policy/);
	});
	test('no secrets: a literal storage key or password', () => {
		expect(broken((t) => settings(t).forEach((s) => s.name === 'AzureWebJobsStorage' && (s.value = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc123==')))).toMatch(/secret literal|literal value/);
		expect(broken((t) => settings(t).push({name: 'sftp_password', value: 'hunter2'}))).toMatch(/literal value/);
	});
});

describe('the App Service Environment v3 items catch their mistakes', () => {
	// The sample's recommendation: a new internal ASE with NAT and private storage.
	const aseVariant = contosoVariant();
	const ase = infraTemplate(aseVariant.plan, aseVariant.ctx).template as unknown as Obj;
	const brokenAse = (change: (t: Obj) => void) => breakIn(ase, change);
	const environment = (t: Obj) => byType(t, 'Microsoft.Web/hostingEnvironments')[0]!;
	const aseSubnet = (t: Obj) => vnet(t).properties.subnets.find((s: Obj) => s.name === "[variables('aseSubnetName')]");
	const aseSite = (t: Obj) => byType(t, 'Microsoft.Web/sites')[0]!;

	test('the unmodified ASE template passes', () => {
		expect(checkTemplate(ase).problems).toEqual([]);
	});
	test('kind ASEv3 and no ASE v2-only properties', () => {
		expect(brokenAse((t) => (environment(t).kind = 'ASEV2'))).toMatch(/kind ASEV2 \(ASEv3\)/);
		expect(brokenAse((t) => (environment(t).properties.dnsSuffix = 'contoso.internal'))).toMatch(/dnsSuffix is not supported on create for ASE v3/);
		expect(brokenAse((t) => (environment(t).properties.internalLoadBalancingMode = 3.5))).toMatch(/internalLoadBalancingMode 3.5/);
	});
	test('virtualNetwork.id is the subnet, delegated to Microsoft.Web/hostingEnvironments, at least /27, left empty', () => {
		expect(brokenAse((t) => (environment(t).properties.virtualNetwork.id = "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"))).toMatch(/must be a declared subnet/);
		expect(brokenAse((t) => (aseSubnet(t).properties.delegations = [{name: 'x', properties: {serviceName: 'Microsoft.Web/serverFarms'}}]))).toMatch(/not delegated to Microsoft.Web\/hostingEnvironments/);
		expect(breakIn(ase, () => {}, {aseSubnetPrefixLength: 27, instanceCount: 100})).toMatch(/100 plan instances do not fit/);
		expect(
			brokenAse((t) => byType(t, 'Microsoft.Network/privateEndpoints').forEach((pe) => (pe.properties.subnet.id = "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), variables('aseSubnetName'))]"))),
		).toMatch(/the ASE subnet must stay empty/);
	});
	test('the NSG lets Azure Load Balancer reach port 80', () => {
		expect(brokenAse((t) => (byType(t, 'Microsoft.Network/networkSecurityGroups')[0]!.properties.securityRules.shift()))).toMatch(/does not allow AzureLoadBalancer on TCP 80/);
	});
	test('an internal ASE needs its zone with *, @ and *.scm, each waiting for the ASE', () => {
		expect(brokenAse((t) => (t.resources = t.resources.filter((r: Obj) => !(r.type === 'Microsoft.Network/privateDnsZones/A' && String(r.name).includes('*.scm')))))).toMatch(/has no '\*\.scm' record/);
		expect(brokenAse((t) => byType(t, 'Microsoft.Network/privateDnsZones/A').forEach((a) => (a.dependsOn = a.dependsOn.slice(0, 1))))).toMatch(/does not depend on the ASE/);
	});
	test('an Isolated v2 plan lives in a declared ASE, with an Isolated v2 size and no elastic settings', () => {
		const plan = (t: Obj) => byType(t, 'Microsoft.Web/serverfarms')[0]!;
		expect(brokenAse((t) => delete plan(t).properties.hostingEnvironmentProfile)).toMatch(/needs hostingEnvironmentProfile.id/);
		expect(brokenAse((t) => (plan(t).sku.name = 'WS2'))).toMatch(/sku WS2 is not an Isolated v2 size/);
		expect(brokenAse((t) => (plan(t).properties.maximumElasticWorkerCount = 20))).toMatch(/elastic settings on an Isolated v2 plan/);
		expect(brokenAse((t) => (plan(t).dependsOn = []))).toMatch(/does not depend on its App Service Environment/);
	});
	test('an app in an ASE has no VNet integration and sits in its plan\'s ASE', () => {
		expect(
			brokenAse((t) => (aseSite(t).properties.virtualNetworkSubnetId = "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), variables('privateEndpointSubnetName'))]")),
		).toMatch(/an app in an App Service Environment has no VNet integration/);
		expect(brokenAse((t) => (aseSite(t).properties.vnetRouteAllEnabled = true))).toMatch(/vnetRouteAllEnabled does not apply/);
		expect(brokenAse((t) => delete aseSite(t).properties.hostingEnvironmentProfile)).toMatch(/differs from its plan's App Service Environment/);
	});
	test('a NAT gateway may sit on the ASE subnet, nowhere else but an integration subnet', () => {
		expect(brokenAse((t) => (vnet(t).properties.subnets.find((s: Obj) => !s.properties.delegations).properties.natGateway = aseSubnet(t).properties.natGateway))).toMatch(
			/NAT gateway on a subnet that is neither/,
		);
	});
	test('an existing ASE and subnet are given as resource ids', () => {
		const inv = contosoInventory();
		const f = analyze(inv);
		const p = plan(inv, f, decideOption(f, {}, 'sku', 'ase-existing', EXISTING_ASE_ID));
		const t = infraTemplate(p, contoso.ctx).template as unknown as Obj;
		const values = {privateEndpointSubnetResourceId: REQUIRED_PARAMETER_VALUES.privateEndpointSubnetResourceId};
		expect(breakIn(t, () => {}, values)).toBe('');
		expect(breakIn(t, () => {}, {privateEndpointSubnetResourceId: 'snet-endpoints'})).toMatch(/is not a resource id/);
		expect(breakIn(t, (x) => byType(x, 'Microsoft.Web/serverfarms').forEach((pl) => (pl.properties.hostingEnvironmentProfile.id = "[resourceId('Microsoft.Web/hostingEnvironments', 'ase-missing')]")), values)).toMatch(
			/resolves to no declared resource|needs hostingEnvironmentProfile/,
		);
	});
});

