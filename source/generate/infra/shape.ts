// What the Standard infrastructure consists of for a plan: the decisions the template and the networking guide
// share, derived in one place so the two documents never disagree.
import type {Plan} from '../../model/index.js';
import {networkLayout, type NetworkLayout} from './net.js';

export interface InfraShape {
	apps: number;
	/** The app is reachable only through a private endpoint. */
	appPrivateEndpoint: boolean;
	/**
	 * Runtime storage reachable only through private endpoints: whenever inbound is private (an app hidden in the
	 * network should not keep its state on a public account) and whenever a NAT gateway is used, because with a NAT
	 * gateway storage must be reached over private or service endpoints (infra.md §3 [C]).
	 */
	storagePrivate: boolean;
	privateEndpointSubnet: boolean;
	natGateway: boolean;
	accessRestrictions: boolean;
	cmk: boolean;
	/** Private endpoints in the private-endpoint subnet. */
	privateEndpoints: number;
	/** The planned prefix length, widened when the endpoints would not fit (Azure keeps 5 addresses of every subnet). */
	privateEndpointPrefixLength: number;
	/** Default burst limit: 20, but no more than half the usable addresses of one integration subnet. */
	maxBurst: number;
	layout: NetworkLayout;
}

/** Azure reserves five addresses in every subnet. */
export const RESERVED_PER_SUBNET = 5;

export function infraShape(plan: Plan): InfraShape {
	const apps = Math.max(1, Math.floor(plan.hosting.apps || 1));
	const appPrivateEndpoint = plan.inbound === 'private-endpoint';
	const natGateway = plan.outbound.natGateway;
	const storagePrivate = appPrivateEndpoint || natGateway;
	const privateEndpointSubnet = appPrivateEndpoint || storagePrivate;
	const privateEndpoints = apps * ((storagePrivate ? STORAGE_SERVICES.length : 0) + (appPrivateEndpoint ? 1 : 0));
	let privateEndpointPrefixLength = Math.min(29, Math.max(16, Math.floor(plan.subnets.privateEndpointPrefixLength || 28)));
	while (2 ** (32 - privateEndpointPrefixLength) - RESERVED_PER_SUBNET < privateEndpoints) privateEndpointPrefixLength--;
	const instances = Math.max(1, Math.floor(plan.hosting.instances || 1));
	const usable = 2 ** (32 - plan.subnets.integrationPrefixLength) - RESERVED_PER_SUBNET;
	const maxBurst = Math.max(instances, Math.min(20, Math.floor(usable / 2)));
	return {
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
		layout: networkLayout(plan, {privateEndpointSubnet, privateEndpointPrefixLength, apps}),
	};
}

export const STORAGE_SERVICES = ['blob', 'file', 'queue', 'table'] as const;
export type StorageService = (typeof STORAGE_SERVICES)[number];

/** Built-in role "Key Vault Crypto Service Encryption User" (infra.md §4, [S]: consistent across sources, not read from the built-in roles page). */
export const CRYPTO_SERVICE_ENCRYPTION_USER = 'e147488a-f6f5-4113-8e2d-b22465e65bf6';

export function vaultName(keyVaultId: string): string {
	return /\/vaults\/([^/]+)/i.exec(keyVaultId)?.[1] ?? keyVaultId;
}
