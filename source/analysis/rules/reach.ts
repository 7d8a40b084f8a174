// How each API connection's system is reached once the steps leave the ISE. An ISE connector ran inside the ISE's
// network; a managed connector in Standard runs in shared Azure infrastructure and reaches a private system only
// through an on-premises data gateway, or a public endpoint that allows the region's AzureConnectors addresses
// (infra-ase-gateway.md §3–4). One finding per connection whose steps stay on a managed connector: those that go
// through a gateway today (or need one: SQL Server with Windows authentication), and those whose steps cannot convert.
import type {CatalogEntry} from '../catalog/index.js';
import type {OperationIndex} from '../operations.js';
import {REACH_OPTION, type ConnectionReference, type Effect, type Finding, type FindingOption, type Inventory} from '../../model/index.js';
import {makeFinding} from '../finding.js';
import {nameList} from './workflow.js';

/** Managed connectors that can reach their system through an on-premises data gateway (Learn: logic-apps-gateway-connection) [C]. */
export const GATEWAY_CONNECTORS = new Set([
	'sql',
	'db2',
	'informix',
	'mq',
	'mysql',
	'oracle',
	'postgresql',
	'sap',
	'sharepointonline',
	'teradata',
	'filesystem',
	'biztalk',
	'impala',
	'webcontents',
]);

/** The key a connection is decided under (a `reach` effect): its resource id, lower-case. */
export function reachKey(ref: ConnectionReference): string {
	return (ref.connectionId ?? '').trim().toLowerCase();
}

/** Does the connection go through (or need) an on-premises data gateway? Windows authentication to SQL Server does. */
export function gatewayBound(api: string, ref: ConnectionReference): boolean {
	return Boolean(ref.gatewayId) || (api === 'sql' && /windows/i.test(ref.authType ?? ''));
}

/** What the connection points at, in the admin's words: `server sql-prod, database Orders`. */
export function systemsOf(ref: ConnectionReference): string {
	const v = ref.values ?? {};
	const pick = (...names: string[]) => {
		for (const [k, x] of Object.entries(v)) if (names.includes(k.toLowerCase())) return String(x);
		return undefined;
	};
	const parts = [
		['server', pick('server', 'servername', 'serveraddress', 'host', 'hostname', 'sshhostaddress', 'applicationserverhost', 'messageserverhost')],
		['database', pick('database', 'databasename')],
		['queue manager', pick('queuemanager', 'queuemanagername')],
		['account', pick('account', 'accountname', 'storageaccount')],
		['folder', pick('rootfolder')],
		['namespace', pick('namespaceendpoint', 'fullyqualifiednamespace')],
	].filter((p): p is [string, string] => p[1] !== undefined);
	return parts.map(([what, value]) => `${what} ${value}`).join(', ');
}

interface ConnectionUse {
	ref: ConnectionReference;
	api: string;
	entry: CatalogEntry | undefined;
	/** `workflow/step` of every step that uses the connection, and whether it could convert to built-in. */
	steps: {workflow: string; step: string; convertible: boolean}[];
	workflows: Set<string>;
}

/** The steps of each connection, from the operation records (one per step, resolved and assessed once). */
function uses(ops: OperationIndex): ConnectionUse[] {
	const byKey = new Map<string, ConnectionUse>();
	for (const o of ops.all) {
		const c = o.connection;
		if (o.via !== 'connection' || !c || !reachKey(c.ref) || !c.api.name || c.api.kind === 'custom' || c.api.kind === 'unknown') continue;
		let use = byKey.get(reachKey(c.ref));
		if (!use) {
			use = {ref: c.ref, api: c.api.name, entry: o.entry, steps: [], workflows: new Set()};
			byKey.set(reachKey(c.ref), use);
		}
		use.steps.push({workflow: o.workflow.name, step: o.name, convertible: Boolean(o.assessment?.convertible)});
		use.workflows.add(o.workflow.name);
	}
	return [...byKey.values()].sort((a, b) => reachKey(a.ref).localeCompare(reachKey(b.ref)));
}

const connectorEffects = (use: ConnectionUse, target: 'builtin' | 'managed'): Effect[] =>
	[...use.workflows].sort().map((workflow) => ({type: 'connector', api: use.api, target, workflow}));

function gatewayName(id: string | undefined): string | undefined {
	return id?.split('/').filter(Boolean).pop();
}

function gatewayFinding(use: ConnectionUse): Finding {
	const {ref, api, entry} = use;
	const name = entry?.displayName ?? api;
	const conn = ref.connectionName || ref.key;
	const systems = systemsOf(ref) || `the ${name} system`;
	const windows = /windows/i.test(ref.authType ?? '');
	const gw = gatewayName(ref.gatewayId);
	const workflows = [...use.workflows].sort();
	const canConvert = entry?.target === 'builtin' && use.steps.some((s) => s.convertible);
	const options: FindingOption[] = [
		{
			id: REACH_OPTION.gateway,
			label: `Keep ${name} on the managed connector through the data gateway`,
			consequence:
				`Its ${use.steps.length === 1 ? 'step stays' : `${use.steps.length} steps stay`} on the managed ${name} connector in ${nameList(workflows)}; the new API connection references ` +
				`${gw ? `the gateway resource ${gw}` : 'your data gateway resource'} (the infrastructure template sets it), and you enter the credentials once after deployment.`,
			effects: [...connectorEffects(use, 'managed'), {type: 'reach', connection: reachKey(ref), via: 'gateway'}],
		},
	];
	if (canConvert) {
		options.push({
			id: REACH_OPTION.convert,
			label: `Convert to the built-in ${name} connector instead`,
			consequence:
				`The steps run inside the app and reach ${systems} through its VNet integration: that network must route to it (VPN or ExpressRoute)` +
				(windows ? ', and the connection must use SQL or Microsoft Entra authentication, because the built-in connector has no Windows authentication.' : '.'),
			effects: connectorEffects(use, 'builtin'),
		});
	}
	return makeFinding({
		kind: 'connector',
		aspect: 'gateway',
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'connector', key: `connection:${reachKey(ref)}`, name: `connection ${conn}`},
		title: `${conn} (${name}) reaches ${systems} through an on-premises data gateway`,
		detail:
			`${nameList(workflows)} use${workflows.length === 1 ? 's' : ''} the API connection ${conn} to ${systems}` +
			(ref.gatewayId ? `, which goes through the on-premises data gateway ${gw}` : '') +
			(windows ? `${ref.gatewayId ? ' and' : ','} signs in with Windows authentication, which only the managed SQL Server connector supports, through a data gateway` : '') +
			'. In Standard the managed connector keeps working through the gateway: the gateway stays installed where it is, the new API connection names the same gateway resource ' +
			'(same Microsoft Entra tenant; any region or subscription for the app), and the gateway keeps using only outbound connections. ' +
			(canConvert ? `The built-in ${name} connector runs inside the app instead and needs no gateway, but only if the app's network reaches ${systems}.` : `There is no built-in ${name} operation these steps could use.`),
		workflows,
		options,
		recommended: REACH_OPTION.gateway,
	});
}

export function reachFindings(_inv: Inventory, ops: OperationIndex): Finding[] {
	const out: Finding[] = [];
	for (const use of uses(ops)) {
		if (gatewayBound(use.api, use.ref) && GATEWAY_CONNECTORS.has(use.api)) out.push(gatewayFinding(use));
	}
	return out;
}
