// What the Standard infrastructure consists of for a plan: the decisions the template and the networking guide
// share, derived in one place so the two documents never disagree.
import type {HostingKind, ManagedIdentitySignIn} from '../../model/index.js';
import type {Plan} from '../plan-types.js';
import {networkLayout, type NetworkLayout} from './net.js';

/** A managed API connection the project references, with what the reach model says it needs. */
export interface ManagedConnectionInput {
	name: string;
	api: string;
	kind?: string;
	/** Non-secret parameter values known from the ISE connection (server, database, authentication type…). */
	values?: Record<string, string | number | boolean>;
	/** It reaches its system through an on-premises data gateway: this one when known. */
	gateway?: {id?: string};
	/** It signs in with a managed identity, as the ISE connection did: created without consent. */
	managedIdentity?: ManagedIdentitySignIn;
}

/** What the template needs beyond the plan: the connections and app settings the generated project references. */
export interface InfraContext {
	/** Managed API connections the project's connections.json references (name = Microsoft.Web/connections name). */
	managedConnections: ManagedConnectionInput[];
	/** App settings the project references beyond the runtime's own (listed in the readme for the admin to set). */
	appSettings?: {name: string; secret: boolean; description?: string; value?: string}[];
	/** Resource ids of the user-assigned identities steps and connections sign in with: the app carries each beside its own. */
	userAssignedIdentities?: readonly string[];
}

/** App Service Environment v3 hosting, as the template builds it. */
export interface AseShape {
	/** The template creates the ASE, its subnet and NSG (and, when internal, its private DNS zone). */
	create: boolean;
	/** Internal load balancer (ILB): apps reachable only inside the network. */
	internal: boolean;
	/** Prefix length of the ASE subnet (new ASE only). */
	subnetPrefixLength: number;
}

export interface InfraShape {
	hosting: HostingKind;
	/** Set for App Service Environment v3 hosting. */
	ase?: AseShape;
	/** The template creates a virtual network (always on Workflow Standard; an existing ASE brings its own). */
	vnet: boolean;
	apps: number;
	/** The app is reachable only through a private endpoint (Workflow Standard; an internal ASE needs none). */
	appPrivateEndpoint: boolean;
	/**
	 * Runtime storage reachable only through private endpoints: whenever inbound is private (an app hidden in the
	 * network should not keep its state on a public account) and whenever a NAT gateway is used, because with a NAT
	 * gateway storage must be reached over private or service endpoints (infra.md §3 [C]). The same holds on an ASE.
	 */
	storagePrivate: boolean;
	privateEndpointSubnet: boolean;
	/** The template attaches a NAT gateway (to the integration subnets, or to a new ASE's subnet). */
	natGateway: boolean;
	accessRestrictions: boolean;
	cmk: boolean;
	/** Private endpoints in the private-endpoint subnet. */
	privateEndpoints: number;
	/** The planned prefix length, widened when the endpoints would not fit (Azure keeps 5 addresses of every subnet). */
	privateEndpointPrefixLength: number;
	/** Default burst limit: 20, but no more than half the usable addresses of one integration subnet (Workflow Standard). */
	maxBurst: number;
	layout: NetworkLayout;
}

/** Azure reserves five addresses in every subnet. */
export const RESERVED_PER_SUBNET = 5;

export function infraShape(plan: Plan): InfraShape {
	const h = plan.hosting;
	const apps = h.kind === 'ase' ? 1 : Math.max(1, Math.floor(h.apps || 1));
	const inboundPrivate = plan.inbound === 'private-endpoint';
	const ase: AseShape | undefined =
		h.kind === 'ase'
			? {create: h.ase.source === 'new', internal: h.ase.internal, subnetPrefixLength: h.ase.source === 'new' ? h.ase.subnetPrefixLength : 0}
			: undefined;
	// An internal ASE is itself the private entry point: no app private endpoint.
	const appPrivateEndpoint = !ase && inboundPrivate;
	// An existing ASE's subnet is not the template's to change: its NAT gateway is the admin's (networking.md says how).
	const natGateway = plan.outbound.natGateway && (!ase || ase.create);
	const storagePrivate = inboundPrivate || plan.outbound.natGateway;
	const privateEndpointSubnet = appPrivateEndpoint || storagePrivate;
	const privateEndpoints = apps * ((storagePrivate ? STORAGE_SERVICES.length : 0) + (appPrivateEndpoint ? 1 : 0));
	let privateEndpointPrefixLength = Math.min(29, Math.max(16, Math.floor(plan.subnets.privateEndpointPrefixLength || 28)));
	while (2 ** (32 - privateEndpointPrefixLength) - RESERVED_PER_SUBNET < privateEndpoints) privateEndpointPrefixLength--;
	const instances = Math.max(1, Math.floor(h.instances || 1));
	const usable = 2 ** (32 - plan.subnets.integrationPrefixLength) - RESERVED_PER_SUBNET;
	const maxBurst = Math.max(instances, Math.min(20, Math.floor(usable / 2)));
	// An existing ASE brings its VNet: private endpoints then go into a subnet of it that the admin names.
	const vnet = !ase || ase.create;
	const appSubnets = ase ? (ase.create ? [ase.subnetPrefixLength] : []) : Array.from({length: apps}, () => plan.subnets.integrationPrefixLength);
	return {
		hosting: h.kind,
		...(ase ? {ase} : {}),
		vnet,
		apps,
		appPrivateEndpoint,
		storagePrivate,
		privateEndpointSubnet,
		natGateway,
		accessRestrictions: plan.inbound === 'public-restricted',
		cmk: Boolean(plan.storageCmk.enabled && plan.storageCmk.key),
		privateEndpoints,
		privateEndpointPrefixLength,
		maxBurst,
		layout: networkLayout(plan, {privateEndpointSubnet: privateEndpointSubnet && vnet, privateEndpointPrefixLength, appSubnets}),
	};
}

export const STORAGE_SERVICES = ['blob', 'file', 'queue', 'table'] as const;
export type StorageService = (typeof STORAGE_SERVICES)[number];

/** Built-in role "Key Vault Crypto Service Encryption User" (infra.md §4, [S]: consistent across sources, not read from the built-in roles page). */
export const CRYPTO_SERVICE_ENCRYPTION_USER = 'e147488a-f6f5-4113-8e2d-b22465e65bf6';

export function vaultName(keyVaultId: string): string {
	return /\/vaults\/([^/]+)/i.exec(keyVaultId)?.[1] ?? keyVaultId;
}

/**
 * The connections an admin authorises after deployment, and those that sign in with a managed identity and need no
 * consent: the template, its readme, the report and the cut-over list all split them so.
 */
export function bySignIn<T extends Pick<ManagedConnectionInput, 'managedIdentity'>>(connections: readonly T[]): {consent: T[]; keyless: T[]} {
	return {consent: connections.filter((c) => !c.managedIdentity), keyless: connections.filter((c) => c.managedIdentity)};
}
