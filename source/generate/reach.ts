// How each system a workflow talks to through a connection is reached after migration: from inside the app (a
// built-in connector, through its VNet integration), by a managed connector from the region's AzureConnectors
// addresses (a public endpoint that allows that service tag), by a managed connector through an on-premises data
// gateway, or not at all (the connector was left out). Computed once per generation from the plan (the admin's
// reach decisions) and what the conversion actually wrote; networking.md, cutover.md, the report and the
// infrastructure template all read this one model. Pure.
import {GATEWAY_CONNECTORS, reachKey, systemsOf} from '../analysis/rules/reach.js';
import {catalogEntry} from '../analysis/catalog/index.js';
import {parseApiId, type ConnectionReference, type Plan, type Workflow} from '../model/index.js';
import {regionalTag} from './infra/net.js';
import {connectionIdentity, type ConvertedWorkflow} from './convert/index.js';

export type ReachPath = 'app' | 'service-tag' | 'gateway' | 'none';

export interface Destination {
	/** The connection's name in connections.json (and of its Microsoft.Web/connections resource when managed). */
	connection: string;
	/** The connection's key in the plan's reach decisions (its lower-case resource id). */
	key: string;
	api: string;
	/** The connector's name for people. */
	connector: string;
	/** Where it points (`server sql01, database Orders`), empty when the source does not say. */
	systems: string;
	workflows: string[];
	path: ReachPath;
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

export interface ReachModel {
	region: string;
	/** `AzureConnectors.<Region>`, or the generic tag when the region is unknown. */
	connectorTag: string;
	destinations: Destination[];
}

function managedPath(plan: Plan, ref: ConnectionReference): 'gateway' | 'service-tag' {
	const chosen = plan.reach[reachKey(ref)];
	if (chosen) return chosen === 'gateway' ? 'gateway' : 'service-tag';
	return ref.gatewayId ? 'gateway' : 'service-tag';
}

/** The reach of every connection the included workflows use, once converted. */
export function reachModel(plan: Plan, converted: readonly {workflow: Workflow; result: ConvertedWorkflow}[]): ReachModel {
	const region = plan.location || plan.inventory.ise.location || '';
	const byKey = new Map<string, Destination>();
	const add = (ref: ConnectionReference, workflow: string, connection: string, path: ReachPath) => {
		const api = parseApiId(ref.apiId);
		const id = `${reachKey(ref) || connection}|${path}`;
		const existing = byKey.get(id);
		if (existing) {
			if (!existing.workflows.includes(workflow)) existing.workflows.push(workflow);
			return;
		}
		byKey.set(id, {
			connection,
			key: reachKey(ref),
			api: api.name,
			connector: catalogEntry(api.name)?.displayName ?? api.name,
			systems: systemsOf(ref),
			workflows: [workflow],
			path,
			wasIse: api.kind === 'ise',
			decided: Boolean(plan.reach[reachKey(ref)]),
			gatewayCapable: GATEWAY_CONNECTORS.has(api.name),
			...(ref.gatewayId ? {gatewayId: ref.gatewayId} : {}),
			values: {...(ref.values ?? {})},
		});
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
			if (builtin) add(ref, workflow.name, builtin[0], 'app');
			if (managed) add(ref, workflow.name, managed[0], managedPath(plan, ref));
			if (!builtin && !managed) add(ref, workflow.name, ref.connectionName || ref.key, 'none');
		}
	}
	const order: Record<ReachPath, number> = {gateway: 0, 'service-tag': 1, app: 2, none: 3};
	const destinations = [...byKey.values()]
		.map((d) => ({...d, workflows: d.workflows.sort()}))
		.sort((a, b) => order[a.path] - order[b.path] || a.connection.localeCompare(b.connection));
	return {region, connectorTag: regionalTag('AzureConnectors', region) ?? 'AzureConnectors.<Region>', destinations};
}

/** The managed connections the template creates, with what each needs: its known values and, when chosen, its gateway. */
export function managedConnectionSettings(model: ReachModel): Map<string, {values: Record<string, string | number | boolean>; gateway?: {id?: string}}> {
	const out = new Map<string, {values: Record<string, string | number | boolean>; gateway?: {id?: string}}>();
	for (const d of model.destinations) {
		if (d.path !== 'gateway' && d.path !== 'service-tag') continue;
		out.set(d.connection.toLowerCase(), {values: d.values, ...(d.path === 'gateway' ? {gateway: d.gatewayId ? {id: d.gatewayId} : {}} : {})});
	}
	return out;
}

/** The infrastructure template's parameter holding the data gateway resource a connection goes through. */
export function gatewayParameter(connection: string): string {
	return `gatewayId_${connection.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
