// Address arithmetic and the network shape both the template and the networking guide describe. The template
// computes the same subnets with ARM's cidrSubnet() so an edited address space still yields a valid layout; this
// file mirrors that layout so the guide can print concrete ranges.
import type {Plan} from '../plan-types.js';

export interface Cidr {
	/** Network address as an unsigned 32-bit number. */
	base: number;
	length: number;
}

export function parseIpv4(text: string): number | undefined {
	const parts = text.trim().split('.');
	if (parts.length !== 4) return undefined;
	let n = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const octet = Number(part);
		if (octet > 255) return undefined;
		n = n * 256 + octet;
	}
	return n;
}

export function formatIpv4(n: number): string {
	return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** A CIDR (`10.0.0.0/24`) or a bare address (a /32); undefined for anything else, IPv6 included. */
export function parseCidr(text: string): Cidr | undefined {
	const [ip, len] = text.trim().split('/');
	const addr = parseIpv4(ip ?? '');
	if (addr === undefined) return undefined;
	const length = len === undefined ? 32 : Number(len);
	if (!Number.isInteger(length) || length < 0 || length > 32) return undefined;
	const size = 2 ** (32 - length);
	return {base: Math.floor(addr / size) * size, length};
}

export function formatCidr(c: Cidr): string {
	return `${formatIpv4(c.base)}/${c.length}`;
}

export function cidrSize(c: Cidr): number {
	return 2 ** (32 - c.length);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
	return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}

/** The `index`-th block of length `length` inside `network` (what ARM's cidrSubnet() returns). */
export function subnetOf(network: Cidr, length: number, index: number): Cidr {
	return {base: network.base + index * 2 ** (32 - length), length};
}

/** The ISE's address ranges: its VNet space (one or several, comma or space separated), subnets and private access IPs. */
export function iseRanges(plan: Plan): Cidr[] {
	const ise = plan.inventory.ise;
	const texts = [
		...(ise.virtualNetworkAddressSpace ?? '').split(/[\s,;]+/),
		...ise.subnets.map((s) => s.addressPrefix ?? ''),
		...ise.accessEndpointIps.workflow,
		...ise.accessEndpointIps.connector,
	];
	return texts.map((t) => (t ? parseCidr(t) : undefined)).filter((c): c is Cidr => c !== undefined);
}

export interface NetworkLayout {
	/** Proposed address space of the new VNet (a template parameter default). */
	addressSpace: string;
	/**
	 * The subnets the app's compute uses, in the lower half: one integration subnet per app on Workflow Standard
	 * (each app has its own plan, and a plan needs its own delegated subnet), or the one subnet of a new ASE.
	 */
	integrationSubnets: string[];
	privateEndpointSubnet?: string;
}

/**
 * The VNet's lower half holds the integration subnets, the upper half the private-endpoint subnet, so the two
 * never overlap whatever prefix lengths the admin picks. The space itself avoids every ISE range: during
 * cut-over the ISE still runs in its VNet, and a peered or routed network cannot carry overlapping ranges.
 */
export function networkLayout(plan: Plan, shape: {privateEndpointSubnet: boolean; privateEndpointPrefixLength: number; appSubnets: number[]}): NetworkLayout {
	// All app subnets have one length (integration subnets of one plan size, or the single ASE subnet).
	const intLen = shape.appSubnets[0] ?? 32;
	const peLen = shape.privateEndpointPrefixLength;
	const half = Math.max(shape.appSubnets.length * 2 ** (32 - intLen), shape.privateEndpointSubnet ? 2 ** (32 - peLen) : 0, 1);
	const length = Math.min(24, 32 - Math.ceil(Math.log2(2 * half)));
	const taken = iseRanges(plan);
	const candidates: Cidr[] = [];
	for (let second = 100; second < 256; second++) candidates.push({base: (10 * 256 + second) * 65536, length});
	for (let second = 16; second < 32; second++) candidates.push({base: (172 * 256 + second) * 65536, length});
	const space = candidates.find((c) => !taken.some((t) => overlaps(c, t))) ?? candidates[0]!;
	const lower = subnetOf(space, length + 1, 0);
	const upper = subnetOf(space, length + 1, 1);
	return {
		addressSpace: formatCidr(space),
		integrationSubnets: shape.appSubnets.map((_, i) => formatCidr(subnetOf(lower, intLen, i))),
		...(shape.privateEndpointSubnet ? {privateEndpointSubnet: formatCidr(subnetOf(upper, peLen, 0))} : {}),
	};
}

// Service tag region suffixes (AzureConnectors.WestEurope …) are the region's display name without spaces; the
// ARM location name is lower-case, so the mapping has to be listed. Unknown regions fall back to a lookup command.
const REGION_TAGS: Record<string, string> = {
	australiacentral: 'AustraliaCentral',
	australiaeast: 'AustraliaEast',
	australiasoutheast: 'AustraliaSoutheast',
	brazilsouth: 'BrazilSouth',
	canadacentral: 'CanadaCentral',
	canadaeast: 'CanadaEast',
	centralindia: 'CentralIndia',
	centralus: 'CentralUS',
	eastasia: 'EastAsia',
	eastus: 'EastUS',
	eastus2: 'EastUS2',
	francecentral: 'FranceCentral',
	germanywestcentral: 'GermanyWestCentral',
	japaneast: 'JapanEast',
	japanwest: 'JapanWest',
	koreacentral: 'KoreaCentral',
	northcentralus: 'NorthCentralUS',
	northeurope: 'NorthEurope',
	norwayeast: 'NorwayEast',
	southafricanorth: 'SouthAfricaNorth',
	southcentralus: 'SouthCentralUS',
	southeastasia: 'SoutheastAsia',
	southindia: 'SouthIndia',
	swedencentral: 'SwedenCentral',
	switzerlandnorth: 'SwitzerlandNorth',
	uaenorth: 'UAENorth',
	uksouth: 'UKSouth',
	ukwest: 'UKWest',
	westcentralus: 'WestCentralUS',
	westeurope: 'WestEurope',
	westindia: 'WestIndia',
	westus: 'WestUS',
	westus2: 'WestUS2',
	westus3: 'WestUS3',
};

/** `AzureConnectors.WestEurope`, or undefined when the region is not in our list. */
export function regionalTag(service: string, location: string): string | undefined {
	const suffix = REGION_TAGS[location.toLowerCase().replace(/\s+/g, '')];
	return suffix ? `${service}.${suffix}` : undefined;
}
