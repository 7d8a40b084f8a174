// The App Service Environment v3 part of the template: the ASE (kind ASEv3) in its own delegated subnet with the
// NSG rules it needs, the private DNS zone of an internal (ILB) ASE, and the Isolated v2 plan placed in it. An
// existing ASE is referenced by the resource id the admin gave. Facts: ../shared/infra-ase-gateway.md §1 (Learn,
// "App Service Environment networking", "Create an ASE by using an ARM template"; the ASEv3 quickstart template).
import type {IsolatedPlan} from '../../model/index.js';
import type {Plan} from '../plan-types.js';
import {API_VERSIONS, literal, p, q, rid, v, x, type Json, type JsonObject} from './arm.js';
import type {InfraShape} from './shape.js';

/** Public and private DNS suffix of ASE v3 apps in the Azure public cloud (`<app>.<ase>.appserviceenvironment.net`). */
export const ASE_DNS_SUFFIX = 'appserviceenvironment.net';

/** An ASE's DNS zone (`<ase>.appserviceenvironment.net`): its apps answer at `<app>.` and `<app>.scm.` in it. */
export function aseZone(aseName: string): string {
	return `${aseName}.${ASE_DNS_SUFFIX}`;
}
export const ISOLATED_V2_SKUS: readonly IsolatedPlan[] = ['I1v2', 'I2v2', 'I3v2', 'I4v2', 'I5v2', 'I6v2'];
/** Learn: "internalLoadBalancingMode: Web, Publishing" for an internal ASE, "None" for an external one. */
export const ILB_MODE = {internal: 'Web, Publishing', external: 'None'} as const;

/** The ASE's resource id, as an expression body. */
export function aseIdOf(shape: InfraShape): string {
	return shape.ase?.create ? rid('Microsoft.Web/hostingEnvironments', p('aseName')) : p('aseResourceId');
}

/** Parameters of the ASE path (the plan's size and count, the ASE itself or the existing one's id). */
export function aseParameters(plan: Plan, shape: InfraShape): Record<string, JsonObject> {
	const h = plan.hosting;
	if (h.kind !== 'ase' || !shape.ase) return {};
	const parameters: Record<string, JsonObject> = {
		isolatedSku: {
			type: 'string',
			defaultValue: h.plan,
			allowedValues: [...ISOLATED_V2_SKUS],
			metadata: {description: 'Isolated v2 size: I1v2 = 2 vCPU/8 GB, I2v2 = 4/16, I3v2 = 8/32, I4v2 = 16/64, I5v2 = 32/128, I6v2 = 64/256. Our estimate from the ISE units: load-test it.'},
		},
		instanceCount: {
			type: 'int',
			defaultValue: Math.max(1, Math.floor(h.instances || 1)),
			minValue: 1,
			maxValue: 100,
			metadata: {description: 'Instances of the Isolated v2 plan. An ASE plan does not scale out by itself: add autoscale rules (Learn suggests keeping CPU around 50–70%). Each instance is billed.'},
		},
	};
	if (h.ase.source === 'new') {
		parameters.aseName = {
			type: 'string',
			defaultValue: literal(h.ase.name),
			minLength: 1,
			maxLength: 36,
			metadata: {description: `Name of the new App Service Environment (at most 36 characters); the apps are <app>.${aseZone('<aseName>')}.`},
		};
		parameters.aseSubnetPrefixLength = {
			type: 'int',
			defaultValue: h.ase.subnetPrefixLength,
			minValue: 16,
			maxValue: 27,
			metadata: {description: 'Prefix length of the ASE subnet: /24 recommended, /27 the minimum. The ASE uses 4–27 addresses itself, each plan instance one more; the size cannot change after creation.'},
		};
		if (shape.ase.internal) {
			parameters.aseDnsSuffix = {
				type: 'string',
				defaultValue: ASE_DNS_SUFFIX,
				metadata: {description: 'DNS suffix of ASE apps: the private zone is <aseName>.<suffix>. Other clouds use another suffix (read the ASE\'s dnsSuffix).'},
			};
		}
	} else {
		parameters.aseResourceId = {
			type: 'string',
			...(h.ase.id ? {defaultValue: literal(h.ase.id)} : {}),
			minLength: 1,
			metadata: {description: 'Resource id of the existing App Service Environment v3 the app is placed in (/subscriptions/…/providers/Microsoft.Web/hostingEnvironments/<name>).'},
		};
	}
	return parameters;
}

export function aseVariables(plan: Plan, shape: InfraShape): JsonObject {
	if (!shape.ase?.create) return {};
	const variables: JsonObject = {
		aseSubnetName: 'snet-ase',
		// The lower half of the VNet, where Workflow Standard puts its integration subnets.
		aseSubnetPrefix: x(`cidrSubnet(${v('integrationRange')}, ${p('aseSubnetPrefixLength')}, 0)`),
		aseNsgName: x(`format('nsg-{0}', ${p('aseName')})`),
	};
	if (shape.ase.internal) variables.aseDnsZoneName = x(`format('{0}.{1}', ${p('aseName')}, ${p('aseDnsSuffix')})`);
	return variables;
}

/**
 * Inbound rules of the ASE subnet (Learn, ASE networking [C]): Azure Load Balancer on TCP 80 is the minimum (the
 * internal health ping); the virtual network on 80 and 443 is recommended; an external ASE also takes HTTPS from the
 * internet (the app's access restrictions narrow it). ASE v3 needs no management rules.
 */
export function aseNsg(shape: InfraShape): JsonObject {
	const rule = (name: string, priority: number, source: string, ports: string[], description: string): Json => ({
		name,
		properties: {
			description,
			priority,
			direction: 'Inbound',
			access: 'Allow',
			protocol: 'Tcp',
			sourceAddressPrefix: source,
			sourcePortRange: '*',
			destinationAddressPrefix: x(v('aseSubnetPrefix')),
			...(ports.length === 1 ? {destinationPortRange: ports[0]!} : {destinationPortRanges: ports}),
		},
	});
	const rules: Json[] = [
		rule('AllowLoadBalancerHealth', 100, 'AzureLoadBalancer', ['80'], 'Required: Azure Load Balancer health checks of the ASE'),
		rule('AllowVirtualNetworkWeb', 110, 'VirtualNetwork', ['80', '443'], 'Callers in the network (peered VNets, VPN, ExpressRoute) reach the apps'),
	];
	if (!shape.ase?.internal) rules.push(rule('AllowInternetHttps', 120, 'Internet', ['443'], 'External ASE: callers on the internet (the app\'s access restrictions decide who)'));
	return {
		type: 'Microsoft.Network/networkSecurityGroups',
		apiVersion: API_VERSIONS.network,
		name: x(v('aseNsgName')),
		location: x(p('location')),
		properties: {securityRules: rules},
	};
}

/** The ASE's subnet: empty, delegated to Microsoft.Web/hostingEnvironments, with the NSG (and the NAT gateway). */
export function aseSubnet(natId: string | undefined): Json {
	return {
		name: x(v('aseSubnetName')),
		properties: {
			addressPrefix: x(v('aseSubnetPrefix')),
			delegations: [{name: 'Microsoft.Web.hostingEnvironments', properties: {serviceName: 'Microsoft.Web/hostingEnvironments'}}],
			networkSecurityGroup: {id: x(rid('Microsoft.Network/networkSecurityGroups', v('aseNsgName')))},
			...(natId ? {natGateway: {id: x(natId)}} : {}),
		},
	};
}

/**
 * The ASE itself (kind ASEv3). Only `virtualNetwork.id`, the subnet, is required; creation takes about an hour. Its
 * load balancer is not a parameter: the NSG rules and the private zone follow it, so it changes with the inbound
 * decision and a new generation, not by editing one value.
 */
export function aseEnvironment(vnetId: string, shape: InfraShape): JsonObject {
	return {
		type: 'Microsoft.Web/hostingEnvironments',
		apiVersion: API_VERSIONS.web,
		name: x(p('aseName')),
		location: x(p('location')),
		kind: 'ASEV3',
		dependsOn: [x(vnetId)],
		properties: {
			virtualNetwork: {id: x(rid('Microsoft.Network/virtualNetworks/subnets', p('vnetName'), v('aseSubnetName')))},
			internalLoadBalancingMode: shape.ase?.internal ? ILB_MODE.internal : ILB_MODE.external,
			zoneRedundant: x(p('zoneRedundant')),
			dedicatedHostCount: 0,
		},
	};
}

/** The internal load balancer's address, read from the ASE's networking configuration once it exists. */
export const ILB_ADDRESS = `reference(${rid('Microsoft.Web/hostingEnvironments/configurations', p('aseName'), q('networking'))}, '${API_VERSIONS.web}').internalInboundIpAddresses[0]`;

/**
 * The private zone of an internal ASE (Learn, ASE networking, DNS [C]): `<ase>.appserviceenvironment.net` with A
 * records `*`, `@` and `*.scm` to the ILB address, linked to the VNet.
 */
export function aseDns(vnetId: string): JsonObject[] {
	const zone = v('aseDnsZoneName');
	const zoneId = rid('Microsoft.Network/privateDnsZones', zone);
	const aseId = rid('Microsoft.Web/hostingEnvironments', p('aseName'));
	const record = (label: string): JsonObject => ({
		type: 'Microsoft.Network/privateDnsZones/A',
		apiVersion: API_VERSIONS.privateDns,
		name: x(`format('{0}/${label}', ${zone})`),
		dependsOn: [x(zoneId), x(aseId)],
		properties: {ttl: 3600, aRecords: [{ipv4Address: x(ILB_ADDRESS)}]},
	});
	return [
		{type: 'Microsoft.Network/privateDnsZones', apiVersion: API_VERSIONS.privateDns, name: x(zone), location: 'global', properties: {}},
		record('*'),
		record('@'),
		record('*.scm'),
		{
			type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
			apiVersion: API_VERSIONS.privateDns,
			name: x(`format('{0}/{1}', ${zone}, ${v('dnsLinkName')})`),
			location: 'global',
			dependsOn: [x(zoneId), x(vnetId)],
			properties: {registrationEnabled: false, virtualNetwork: {id: x(vnetId)}},
		},
	];
}

/** The Isolated v2 plan in the ASE: Windows (no `reserved`), no kind (as Microsoft's ASEv3 quickstart), no elastic scale. */
export function isolatedPlan(planVar: string, shape: InfraShape): JsonObject {
	return {
		type: 'Microsoft.Web/serverfarms',
		apiVersion: API_VERSIONS.web,
		name: x(v(planVar)),
		location: x(p('location')),
		...(shape.ase?.create ? {dependsOn: [x(aseIdOf(shape))]} : {}),
		sku: {name: x(p('isolatedSku')), tier: 'IsolatedV2', capacity: x(p('instanceCount'))},
		properties: {
			hostingEnvironmentProfile: {id: x(aseIdOf(shape))},
			zoneRedundant: x(p('zoneRedundant')),
			reserved: false,
		},
	};
}
