// How each system the workflows talk to is reached after migration: from inside the app (a built-in connector or an
// HTTP, Function or API Management call, leaving through the app's network: its subnet towards private systems, the
// NAT gateway's IP or the ASE's outbound addresses towards the internet), by a managed connector from the region's
// AzureConnectors addresses (a public endpoint that allows that service tag), by a managed connector through an
// on-premises data gateway, or not at all (left out of the migration). Computed once per generation from the plan
// (the admin's reach decisions) and what the conversion actually wrote; networking.md, cutover.md, the report and the
// infrastructure template all read this one model, and `allowRule` is the one place that says what a destination's
// firewall must allow. Pure.
import {GATEWAY_CONNECTORS, reachKey, systemsOf} from '../analysis/rules/reach.js';
import {outboundDestinations} from '../analysis/rules/outbound-ip.js';
import {restrictOperations} from '../analysis/operations.js';
import {catalogEntry} from '../analysis/catalog/index.js';
import {parseApiId, type ConnectionReference, type Workflow} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {groupBy} from '../model/text.js';
import {regionalTag} from './infra/net.js';
import {infraShape} from './infra/shape.js';
import {computeSubnets, egressText} from './networking/hosting.js';
import {connectionIdentity, type ConvertedWorkflow} from './convert/index.js';

export type ReachPath = 'app' | 'service-tag' | 'gateway' | 'none';

/** Whether a destination answers inside the customer's network, on the internet, or the source does not tell. */
export type Network = 'private' | 'public' | 'unknown';

export interface Destination {
	/** A connection: its name in connections.json (and of its Microsoft.Web/connections resource when managed). A call: the host or service called. */
	connection: string;
	/** Reached through an API connection, or called directly by HTTP, Function or API Management steps. */
	via: 'connection' | 'call';
	/** The connection's key in the plan's reach decisions (its lower-case resource id); empty for a call. */
	key: string;
	/** API name; `http` for a call. */
	api: string;
	/** The connector's name for people (`SQL Server`), or `HTTP` for a call. */
	connector: string;
	/** Where it points (`server sql01, database Orders`), empty when the source does not say. */
	systems: string;
	workflows: string[];
	path: ReachPath;
	/** Where it answers, judged from its host name (a private name or address, a public Azure endpoint, or neither). */
	network: Network;
	/** It was an ISE connector: it ran inside the ISE's network. */
	wasIse: boolean;
	/** Set by a reach decision (a finding), rather than following from the conversion alone. */
	decided: boolean;
	/** The managed connector could use a data gateway (whether or not it does). */
	gatewayCapable: boolean;
	/** The gateway resource the ISE connection used, when the source says. */
	gatewayId?: string;
	/** Non-secret parameter values of the ISE connection: a new managed connection carries them. */
	values: Record<string, string | number | boolean>;
}

/** Where the app's own calls come from, as a destination's firewall sees them. */
export interface AppEgress {
	/** Towards the internet: the NAT gateway's IP, the ASE's outbound addresses, or the app's possible outbound addresses. */
	public: string;
	/** Towards the customer's network (VPN, ExpressRoute, peering): the subnet the app runs in or is integrated with. */
	private: string;
}

export interface ReachModel {
	region: string;
	/** `AzureConnectors.<Region>` for a region we know the tag of, else the global `AzureConnectors` tag. */
	connectorTag: string;
	egress: AppEgress;
	/** Every destination of the included workflows; `none` ones (left out) are for the report only. */
	destinations: Destination[];
}

/** What a destination's firewall must allow for the path its calls take: the one wording every document uses. */
export interface AllowRule {
	/** The addresses to allow, or undefined when no firewall of the system changes (a data gateway connects outbound). */
	allow?: string;
	/** The whole instruction, as a sentence fragment after the destination's name. */
	text: string;
}

// Host names and addresses that only resolve or route inside a network.
const PRIVATE_HOST = /(^|\.)(corp|local|internal|intranet|lan|home|localdomain)(\.|$)|^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)|^[a-z0-9-]+$|^\\\\/i;
// Azure services that answer on public endpoints.
const AZURE_PUBLIC_HOST = /\.(database\.windows\.net|core\.windows\.net|servicebus\.windows\.net|vault\.azure\.net|documents\.azure\.com|azure-api\.net|azurewebsites\.net|azure-devices\.net|blob\.core\.windows\.net)$/i;

// Azure Storage services: their IP rules do not apply to requests from the same region.
const AZURE_STORAGE = new Set(['azureblob', 'azurefile', 'azurequeues', 'azuretables']);

/** Where a host answers, from its name alone. */
export function networkOf(host: string | undefined): Network {
	const h = (host ?? '').trim().replace(/[:,]\d+$/, '');
	if (!h) return 'unknown';
	if (PRIVATE_HOST.test(h)) return 'private';
	if (AZURE_PUBLIC_HOST.test(h)) return 'public';
	return 'unknown';
}

function hostOfValues(values: Record<string, string | number | boolean>): string | undefined {
	for (const [k, v] of Object.entries(values)) if (/server|host|rootfolder|namespace/i.test(k) && typeof v === 'string') return v;
	return undefined;
}

function managedPath(plan: Plan, ref: ConnectionReference): 'gateway' | 'service-tag' {
	const chosen = plan.reach[reachKey(ref)];
	if (chosen) return chosen === 'gateway' ? 'gateway' : 'service-tag';
	return ref.gatewayId ? 'gateway' : 'service-tag';
}

/** Where the app's own calls come from after migration (the hosting and NAT decisions). */
export function appEgress(plan: Plan): AppEgress {
	const shape = infraShape(plan);
	return {public: egressText(plan, shape), private: computeSubnets(plan, shape)};
}

/** The reach of every connection and call the included workflows use, once converted. */
export function reachModel(plan: Plan, converted: readonly {workflow: Workflow; result: ConvertedWorkflow}[]): ReachModel {
	const region = plan.location || '';
	const byKey = new Map<string, Destination>();
	// Workflows per destination as a set: a connector shared by thousands of workflows must not be searched each time.
	const users = new Map<string, Set<string>>();
	const add = (id: string, make: () => Destination, workflow: string) => {
		if (!byKey.has(id)) {
			byKey.set(id, make());
			users.set(id, new Set());
		}
		users.get(id)!.add(workflow);
	};
	const connection = (ref: ConnectionReference, connection: string, path: ReachPath): Destination => {
		const api = parseApiId(ref.apiId);
		const values = {...(ref.values ?? {})};
		return {
			connection,
			via: 'connection',
			key: reachKey(ref),
			api: api.name,
			connector: catalogEntry(api.name)?.displayName ?? api.name,
			systems: systemsOf(ref),
			workflows: [],
			path,
			network: networkOf(hostOfValues(values)),
			wasIse: api.kind === 'ise',
			decided: Boolean(plan.reach[reachKey(ref)]),
			gatewayCapable: GATEWAY_CONNECTORS.has(api.name),
			...(ref.gatewayId ? {gatewayId: ref.gatewayId} : {}),
			values,
		};
	};
	for (const {workflow, result} of converted) {
		for (const ref of Array.isArray(workflow.connections) ? workflow.connections : []) {
			const api = parseApiId(ref.apiId);
			if (api.kind === 'custom' || api.kind === 'unknown') continue;
			// B2B connectors only talk to the integration account: no system of the customer's to reach.
			if (catalogEntry(api.name)?.target === 'builtin-b2b') continue;
			const identity = connectionIdentity(workflow, ref);
			const builtin = Object.entries(result.serviceProviderConnections).find(([, c]) => c.source === identity || c.source?.startsWith(`${identity}|`));
			const managed = Object.entries(result.managedConnections).find(([, c]) => c.source === identity);
			const id = (path: ReachPath, name: string) => `${reachKey(ref) || name}|${path}`;
			if (builtin) add(id('app', builtin[0]), () => connection(ref, builtin[0], 'app'), workflow.name);
			if (managed) {
				const path = managedPath(plan, ref);
				add(id(path, managed[0]), () => connection(ref, managed[0], path), workflow.name);
			}
			const name = ref.connectionName || ref.key;
			if (!builtin && !managed) add(id('none', name), () => connection(ref, name, 'none'), workflow.name);
		}
	}
	// HTTP, Function and API Management calls of the workflows that move: they leave from the app, as built-in steps do.
	const moving = new Set(plan.workflows.filter((w) => w.include).map((w) => w.name));
	const workflows = plan.inventory.workflows.filter((w) => moving.has(w.name));
	const calls = outboundDestinations({...plan.inventory, workflows}, restrictOperations(plan.operations, workflows));
	for (const call of calls.filter((c) => c.via === 'workflow')) {
		for (const wf of call.workflows) {
			add(
				`call|${call.name.toLowerCase()}`,
				() => ({
					connection: call.name,
					via: 'call',
					key: '',
					api: 'http',
					connector: 'HTTP',
					systems: '',
					workflows: [],
					path: 'app',
					network: networkOf(call.name),
					wasIse: false,
					decided: false,
					gatewayCapable: false,
					values: {},
				}),
				wf,
			);
		}
	}
	const order: Record<ReachPath, number> = {gateway: 0, 'service-tag': 1, app: 2, none: 3};
	const destinations = [...byKey]
		.map(([id, d]) => ({...d, workflows: [...users.get(id)!].sort()}))
		.sort((a, b) => order[a.path] - order[b.path] || Number(a.via === 'call') - Number(b.via === 'call') || a.connection.localeCompare(b.connection));
	return {region, connectorTag: regionalTag('AzureConnectors', region) ?? 'AzureConnectors', egress: appEgress(plan), destinations};
}

/** Destinations the documents give instructions for: everything that moves (left-out ones are in the report only). */
export function reachable(model: ReachModel): Destination[] {
	return model.destinations.filter((d) => d.path !== 'none');
}

/**
 * Whether a destination's firewall changes at all: a managed connector that was multi-tenant in the ISE already
 * called from the AzureConnectors ranges, so nothing changes for it; every other moving destination changes.
 */
export function firewallChanges(d: Destination): boolean {
	if (d.path === 'none' || d.path === 'gateway') return false;
	if (d.path === 'service-tag') return d.wasIse;
	return true;
}

/** What the destination's firewall must allow after migration, for the path its calls take. */
export function allowRule(d: Destination, model: ReachModel): AllowRule {
	switch (d.path) {
		case 'gateway':
			return {text: 'no firewall opening towards it: the on-premises data gateway, installed where it reaches the system, connects outbound only'};
		case 'service-tag':
			if (d.network === 'private') {
				return {
					allow: `\`${model.connectorTag}\``,
					text:
						`not reachable as it stands: it answers only inside your network, and the managed connector calls from the internet, from \`${model.connectorTag}\`. ` +
						`Publish it on a public endpoint whose firewall allows \`${model.connectorTag}\`, or convert its steps to built-in so they run in the app`,
				};
			}
			if (AZURE_STORAGE.has(d.api)) {
				return {
					allow: `\`${model.connectorTag}\``,
					text:
						`a public endpoint the managed connector reaches from \`${model.connectorTag}\`: an account in another region allows that tag in its firewall; ` +
						"in the app's region IP rules cannot admit managed connectors [C], so there the account must accept all networks, or its steps convert to built-in",
				};
			}
			return {allow: `\`${model.connectorTag}\``, text: `a public endpoint whose firewall allows \`${model.connectorTag}\` (the managed connector calls from there, not from the app)`};
		case 'app':
			if (AZURE_STORAGE.has(d.api)) {
				return {
					allow: `${model.egress.private} or ${model.egress.public}`,
					text:
						`a private endpoint or a virtual network rule for ${model.egress.private} if the account is in the app's region (Azure Storage ignores IP rules for requests from its own region [C]), ` +
						`else its firewall allowing ${model.egress.public}`,
				};
			}
			if (d.network === 'private') return {allow: model.egress.private, text: `a route from ${model.egress.private}, and its firewall allowing that subnet`};
			if (d.network === 'public') return {allow: model.egress.public, text: `its firewall allowing ${model.egress.public}`};
			return {
				allow: `${model.egress.public} or ${model.egress.private}`,
				text: `its firewall allowing ${model.egress.public} if it is reached over the internet, or a route from ${model.egress.private} (and the firewall allowing it) if it is reached through your network`,
			};
		case 'none':
			return {text: 'nothing: it is left out of the migration'};
	}
}

/** Destinations grouped by the instruction allowRule gives them, in their order: one instruction names each group. */
export function byAllowRule(destinations: readonly Destination[], model: ReachModel): Map<string, Destination[]> {
	return groupBy(destinations, (d) => allowRule(d, model).text);
}

/** The managed connections the template creates, with what each needs: its known values and, when chosen, its gateway. */
export function managedConnectionSettings(model: ReachModel): Map<string, {values: Record<string, string | number | boolean>; gateway?: {id?: string}}> {
	const out = new Map<string, {values: Record<string, string | number | boolean>; gateway?: {id?: string}}>();
	for (const d of model.destinations) {
		if (d.via !== 'connection' || (d.path !== 'gateway' && d.path !== 'service-tag')) continue;
		out.set(d.connection.toLowerCase(), {values: d.values, ...(d.path === 'gateway' ? {gateway: d.gatewayId ? {id: d.gatewayId} : {}} : {})});
	}
	return out;
}

/** The infrastructure template's parameter holding the data gateway resource a connection goes through. */
export function gatewayParameter(connection: string): string {
	return `gatewayId_${connection.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
