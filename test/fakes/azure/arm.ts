// Fake Azure Resource Manager: a generic read-only resource store that answers raw ARM JSON,
// pages lists with nextLink, and accepts only bearer tokens the fake Entra issued — for the
// right audience and, under /subscriptions/{id}, for the subscription's own tenant.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {applyFault, sendJson, type FakeDirectory} from './state.js';
import type {ArmResource, FakeRequest, FakeSubscription, TokenClaims} from './types.js';

export interface ArmOptions {
	subscriptions: FakeSubscription[];
	resources: ArmResource[];
	/** Extra list answers keyed by path (case-insensitive), e.g. an ISE's `/skus`. */
	lists: Record<string, unknown[]>;
	pageSize: number;
	/** Token audiences ARM accepts (no trailing slash). */
	audiences: string[];
	/** Leave `properties.parameters` out of workflow lists, so clients must `get` each workflow. */
	workflowListOmitsParameters: boolean;
	/** Delay every answer, so concurrent requests overlap measurably. */
	latencyMs: number;
	stats: {inFlight: number; maxInFlight: number};
}

function armError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): number {
	sendJson(res, status, {error: {code, message}}, headers);
	return status;
}

const norm = (p: string) => p.replace(/\/+$/, '').toLowerCase();

/** The collection paths a resource is listed under: its parent, and the subscription-wide list for top-level types. */
function collectionsOf(id: string): string[] {
	const segs = id.split('/').filter(Boolean);
	const out = ['/' + segs.slice(0, -1).join('/')];
	// /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}
	if (segs.length === 8 && segs[2]?.toLowerCase() === 'resourcegroups' && segs[4]?.toLowerCase() === 'providers') {
		out.push(`/subscriptions/${segs[1]}/providers/${segs[5]}/${segs[6]}`);
	}
	return out.map(norm);
}

export function armHandler(dir: FakeDirectory, baseUrl: () => string, options: ArmOptions) {
	const byId = new Map<string, ArmResource>();
	const byCollection = new Map<string, ArmResource[]>();
	for (const r of options.resources) {
		byId.set(norm(r.id), r);
		for (const c of collectionsOf(r.id)) {
			const list = byCollection.get(c) ?? [];
			list.push(r);
			byCollection.set(c, list);
		}
	}
	const lists = new Map(Object.entries(options.lists).map(([k, v]) => [norm(k), v]));

	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'https://fake');
		const method = req.method ?? 'GET';
		const record: FakeRequest = {service: 'arm', method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, faulted: false};
		dir.requests.push(record);
		const {stats} = options;
		stats.inFlight += 1;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		res.on('close', () => {
			stats.inFlight -= 1;
		});
		if (options.latencyMs) await new Promise(r => setTimeout(r, options.latencyMs));
		const fault = dir.takeFault('arm', method, url.pathname);
		if (fault) {
			record.faulted = true;
			record.status = await applyFault(fault, req, res);
			return;
		}
		record.status = route(req, url, method, res, record);
	};

	function authenticate(req: IncomingMessage, res: ServerResponse, record: FakeRequest): TokenClaims | number {
		const header = req.headers.authorization ?? '';
		const m = /^Bearer (.+)$/.exec(header);
		if (!m) return armError(res, 401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
		const claims = dir.tokens.get(m[1]!);
		if (!claims) return armError(res, 401, 'InvalidAuthenticationToken', 'The access token is invalid.');
		record.tokenTenant = claims.tid;
		record.tokenAudience = claims.aud;
		const aud = claims.aud.replace(/\/$/, '');
		if (!options.audiences.includes(aud)) {
			return armError(res, 401, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences ${options.audiences.map(a => `'${a}'`).join(',')}.`);
		}
		return claims;
	}

	function page(res: ServerResponse, url: URL, items: unknown[]): number {
		const skip = Number(url.searchParams.get('$skiptoken') ?? '0') || 0;
		const slice = items.slice(skip, skip + options.pageSize);
		const body: {value: unknown[]; nextLink?: string} = {value: slice};
		if (skip + options.pageSize < items.length) {
			const next = new URL(url.pathname, baseUrl());
			next.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
			next.searchParams.set('$skiptoken', String(skip + options.pageSize));
			body.nextLink = next.toString();
		}
		sendJson(res, 200, body);
		return 200;
	}

	function subscriptionJson(s: FakeSubscription) {
		return {
			id: `/subscriptions/${s.subscriptionId}`,
			authorizationSource: 'RoleBased',
			managedByTenants: [],
			subscriptionId: s.subscriptionId,
			tenantId: s.tenantId,
			displayName: s.displayName,
			state: s.state ?? 'Enabled',
			subscriptionPolicies: {locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off'},
		};
	}

	function withoutParameters(r: ArmResource): ArmResource {
		if (!options.workflowListOmitsParameters || !/^microsoft\.logic\/workflows$/i.test(r.type)) return r;
		const props = {...(r['properties'] as Record<string, unknown> | undefined)};
		delete props['parameters'];
		return {...r, properties: props};
	}

	function route(req: IncomingMessage, url: URL, method: string, res: ServerResponse, record: FakeRequest): number {
		if (!url.searchParams.get('api-version')) {
			return armError(res, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
		}
		const auth = authenticate(req, res, record);
		if (typeof auth === 'number') return auth;
		if (method !== 'GET') return armError(res, 405, 'MethodNotAllowed', 'The fake ARM is read-only.');
		const path = norm(url.pathname);
		const segs = path.split('/').filter(Boolean);

		if (path === '/tenants') {
			const ids = auth.upn
				? dir.userTenants(dir.users.find(u => u.oid === auth.oid)!)
				: dir.clientTenants(dir.clients.find(c => c.clientId === auth.appid)!);
			const tenants = ids.map(id => dir.tenant(id)).filter(t => t !== undefined);
			return page(res, url, tenants.map(t => ({
				id: `/tenants/${t.tenantId}`,
				tenantId: t.tenantId,
				tenantCategory: t.tenantId === auth.tid ? 'Home' : 'ProjectedBy',
				displayName: t.displayName,
				defaultDomain: t.defaultDomain,
				domains: t.defaultDomain ? [t.defaultDomain] : [],
			})));
		}
		if (path === '/subscriptions') {
			return page(res, url, options.subscriptions.filter(s => s.tenantId === auth.tid).map(subscriptionJson));
		}
		if (segs[0] !== 'subscriptions' || !segs[1]) return armError(res, 404, 'NotFound', `No route for ${url.pathname}`);

		const sub = options.subscriptions.find(s => s.subscriptionId.toLowerCase() === segs[1]);
		if (!sub) return armError(res, 404, 'SubscriptionNotFound', `The subscription '${segs[1]}' could not be found.`);
		if (sub.tenantId !== auth.tid) {
			return armError(res, 401, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer 'https://sts.windows.net/${auth.tid}/'. It must match the tenant 'https://sts.windows.net/${sub.tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${sub.tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`);
		}
		if (segs.length === 2) {
			sendJson(res, 200, subscriptionJson(sub));
			return 200;
		}
		const resource = byId.get(path);
		if (resource) {
			sendJson(res, 200, resource);
			return 200;
		}
		const extra = lists.get(path);
		if (extra) return page(res, url, extra);
		const collection = byCollection.get(path);
		if (collection) return page(res, url, collection.map(withoutParameters));
		// An empty collection is a normal answer for a known resource type; a missing single resource is 404.
		const last = segs.at(-1) ?? '';
		const looksLikeCollection = /^(integrationserviceenvironments|workflows|integrationaccounts|managedapis|skus|maps|schemas|partners|agreements|connections)$/.test(last);
		if (looksLikeCollection) return page(res, url, []);
		return armError(res, 404, 'ResourceNotFound', `The Resource '${url.pathname}' was not found.`);
	}
}
