// Shapes shared by the fake Entra and fake ARM servers.

export interface FakeTenant {
	tenantId: string;
	displayName: string;
	defaultDomain?: string;
}

/** A person who signs in with device code (or whose `az login` the fake az reports). */
export interface FakeUser {
	oid: string;
	upn: string;
	homeTenantId: string;
	/** Tenants the user is a member or guest of (home tenant included automatically). */
	tenants?: string[];
}

/** An app registration: a service principal signing in with a secret or a certificate. */
export interface FakeClient {
	clientId: string;
	secret?: string;
	/** Accept any client assertion for this client (certificate sign-in). */
	certificate?: boolean;
	/** Tenants where the app has a service principal; all tenants when omitted. */
	tenants?: string[];
}

export interface FakeSubscription {
	subscriptionId: string;
	displayName: string;
	tenantId: string;
	state?: string;
}

/** A raw ARM resource as the REST API returns it (properties.… not flattened). */
export interface ArmResource {
	id: string;
	name: string;
	type: string;
	location?: string;
	[key: string]: unknown;
}

export interface FaultRule {
	/** Matched against the request path without the query: substring (case-insensitive) or RegExp. */
	path: string | RegExp;
	/** Only requests with this method (default any). */
	method?: string;
	/** Which server the rule applies to (default 'arm'). */
	service?: 'arm' | 'entra';
	/** How many matching requests to fault; default 1, Infinity for every one. */
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Destroy the socket without answering: the client sees ECONNRESET. */
	reset?: boolean;
	/** Wait before answering (or resetting). */
	delayMs?: number;
}

export interface FakeRequest {
	service: 'arm' | 'entra';
	method: string;
	/** Path without the query. */
	path: string;
	query: Record<string, string>;
	status: number;
	/** True when a fault rule answered instead of the normal handler. */
	faulted: boolean;
	/** For ARM: the tenant (tid) and audience of the bearer token presented, when it was one the fake issued. */
	tokenTenant?: string;
	tokenAudience?: string;
	/** For Entra token requests: the grant type and requested scope. */
	grantType?: string;
	scope?: string;
}

export interface TokenClaims {
	aud: string;
	tid: string;
	oid: string;
	iss: string;
	iat: number;
	nbf: number;
	exp: number;
	upn?: string;
	appid?: string;
	idtyp: 'user' | 'app';
}
