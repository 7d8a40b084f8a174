// How each API connection's system is reached once the steps leave the ISE. An ISE connector ran inside the ISE's
// network; a managed connector in Standard runs in shared Azure infrastructure and reaches a private system only
// through an on-premises data gateway, or a public endpoint that allows the region's AzureConnectors addresses
// (infra-ase-gateway.md §3–4). One finding per connection whose steps stay on a managed connector: those that go
// through a gateway today (or need one: SQL Server with Windows authentication), and those whose steps cannot convert.
import type {CatalogEntry} from '../catalog/index.js';
import type {OperationIndex} from '../operations.js';
import {REACH_OPTION, type ConnectionReference, type Effect, type Finding, type FindingGroupSpec, type FindingOption, type Inventory} from '../../model/index.js';
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

/** The subject key of a connection's findings: `connection:<resource group>/<name>`, short and stable. */
function subjectKey(ref: ConnectionReference): string {
	const rg = /\/resourceGroups\/([^/]+)/i.exec(ref.connectionId ?? '')?.[1];
	return `connection:${rg ? `${rg}/` : ''}${ref.connectionName || ref.key}`.toLowerCase();
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
	/** `workflow/step` of every step that uses the connection, whether it could convert to built-in, and why not. */
	steps: {workflow: string; step: string; convertible: boolean; reason?: string}[];
	/** The connection is an ISE connector's: its steps ran inside the ISE's network. */
	wasIse: boolean;
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
			use = {ref: c.ref, api: c.api.name, entry: o.entry, steps: [], workflows: new Set(), wasIse: c.api.kind === 'ise'};
			byKey.set(reachKey(c.ref), use);
		}
		use.steps.push({
			workflow: o.workflow.name,
			step: o.name,
			convertible: Boolean(o.assessment?.convertible),
			...(o.assessment?.reason ? {reason: o.assessment.reason} : {}),
		});
		use.workflows.add(o.workflow.name);
	}
	return [...byKey.values()].sort((a, b) => reachKey(a.ref).localeCompare(reachKey(b.ref)));
}

// Connections that ask the same question show as one row, decided at once (each keeps its own effects).
const GROUPS: Record<'gateway' | 'outside-network', FindingGroupSpec> = {
	gateway: {
		key: 'connector:gateway',
		title: 'Connections through an on-premises data gateway',
		detail: 'These connections reach their systems through an on-premises data gateway today (or need one, like Windows authentication to SQL Server). Each can stay on its managed connector through the gateway, or convert where a built-in connector exists.',
		options: [
			{id: REACH_OPTION.gateway, label: 'Keep them on their managed connectors through the gateway', consequence: 'The new API connections name the gateway resource; credentials are entered once after deployment.'},
			{id: REACH_OPTION.convert, label: 'Convert them to built-in where possible', consequence: "The steps run inside the app; its network must route to the systems, and Windows authentication must be replaced."},
		],
		recommended: REACH_OPTION.gateway,
	},
	'outside-network': {
		key: 'connector:outside-network',
		title: 'Connections that no longer run inside your network',
		detail: 'Steps of these ISE connectors stay on managed connectors, which run outside your network. Each system must be reachable through an on-premises data gateway (for the connectors that support one) or a public endpoint open to the region\'s managed connectors.',
		options: [
			{id: REACH_OPTION.gateway, label: 'Through an on-premises data gateway where the connector supports one', consequence: 'Install and register a data gateway; the new API connections name it. The others need a public endpoint.'},
			{id: REACH_OPTION.public, label: 'Public endpoints open to managed connectors', consequence: "Each system's firewall allows the region's AzureConnectors service tag."},
		],
		recommended: REACH_OPTION.gateway,
	},
};

/** A warning about one connection, keyed by the connection so its decision survives a new inventory. */
function connectionFinding(ref: ConnectionReference, aspect: 'gateway' | 'outside-network', rest: Pick<Finding, 'title' | 'detail' | 'workflows' | 'options' | 'recommended'>): Finding {
	return makeFinding({
		kind: 'connector',
		aspect,
		group: GROUPS[aspect],
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'connector', key: subjectKey(ref), name: `connection ${ref.connectionName || ref.key}`},
		...rest,
	});
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
				`The steps run inside the app and reach ${systems} through its virtual network: that network must route to it (VPN or ExpressRoute)` +
				(windows ? ', and the connection must use SQL or Microsoft Entra authentication, because the built-in connector has no Windows authentication.' : '.'),
			effects: connectorEffects(use, 'builtin'),
		});
	}
	return connectionFinding(ref, 'gateway', {
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

// Host names of Azure services that answer on public endpoints: there a data gateway adds nothing.
const AZURE_PUBLIC_HOST = /\.(database\.windows\.net|core\.windows\.net|servicebus\.windows\.net|vault\.azure\.net|documents\.azure\.com|azure-api\.net)$/i;

/** Where a managed connector's steps should reach a system the ISE reached privately, when nothing is known yet. */
function recommendedVia(use: ConnectionUse): 'gateway' | 'public' {
	if (!GATEWAY_CONNECTORS.has(use.api)) return 'public';
	const hosts = Object.entries(use.ref.values ?? {})
		.filter(([k]) => /server|host/i.test(k))
		.map(([, v]) => String(v));
	return hosts.length > 0 && hosts.every((h) => AZURE_PUBLIC_HOST.test(h.replace(/[:,]\d+$/, ''))) ? 'public' : 'gateway';
}

/**
 * A connection of an ISE connector whose steps stay on the managed connector (they cannot convert): it no longer
 * runs inside the network, so the systems it reached privately are out of reach until a gateway or a public endpoint
 * lets it in.
 */
function outsideFinding(use: ConnectionUse, region: string): Finding {
	const {ref, api, entry} = use;
	const name = entry?.displayName ?? api;
	const conn = ref.connectionName || ref.key;
	const systems = systemsOf(ref) || `the ${name} endpoint this connection points at`;
	const staying = use.steps.filter((s) => !s.convertible);
	const workflows = [...new Set(staying.map((s) => s.workflow))].sort();
	const reasons = [...new Set(staying.map((s) => s.reason).filter((r): r is string => Boolean(r)))];
	// The exact regional tag name (AzureConnectors.WestEurope) is in networking.md; the region is enough here.
	const tag = `the AzureConnectors service tag of ${region || 'the app\'s region'}`;
	const gateway = GATEWAY_CONNECTORS.has(api);
	const options: FindingOption[] = [];
	if (gateway) {
		options.push({
			id: REACH_OPTION.gateway,
			label: 'Reach it through an on-premises data gateway',
			consequence:
				`Install the on-premises data gateway on a Windows machine that reaches ${systems}, register it in Azure as a Microsoft.Web/connectionGateways resource ` +
				'(the gateway admin does this; a service principal cannot), and the new API connection names it in its gateway parameter — the infrastructure template sets that. ' +
				'The gateway only makes outbound connections: no firewall opening towards your network is needed.',
			effects: [{type: 'reach', connection: reachKey(ref), via: 'gateway'}],
		});
	}
	options.push({
		id: REACH_OPTION.public,
		label: 'Give it a public endpoint open to managed connectors',
		consequence:
			`${systems} must accept calls from the internet addresses of the region's managed connectors: its firewall allows ${tag}. ` +
			'Neither the NAT gateway nor the app\'s addresses apply to managed connectors. An Azure Storage account in the same region cannot be reached this way through its IP rules.',
		effects: [{type: 'reach', connection: reachKey(ref), via: 'public'}],
	});
	const recommended = gateway ? recommendedVia(use) : 'public';
	return connectionFinding(ref, 'outside-network', {
		title: `${conn} (${name}) no longer runs inside your network`,
		detail:
			`In the ISE, ${conn} was an ISE connector running inside the ISE's network, so it reached ${systems} directly. ` +
			`${staying.length === 1 ? `Its step ${staying[0]!.workflow}/${staying[0]!.step} stays` : `${staying.length} of its steps (${nameList(staying.map((s) => `${s.workflow}/${s.step}`))}) stay`} on the managed ${name} connector` +
			`${reasons.length > 0 ? ` (${reasons.slice(0, 2).join('; ')})` : ''}, which runs in shared Azure infrastructure outside your network: a private or on-premises ${systems} is out of its reach. ` +
			(gateway ? 'It can reach it through an on-premises data gateway, or through a public endpoint.' : `The managed ${name} connector has no data gateway support: only a public endpoint works.`),
		workflows,
		options,
		recommended,
	});
}

export function reachFindings(inv: Inventory, ops: OperationIndex): Finding[] {
	const out: Finding[] = [];
	for (const use of uses(ops)) {
		if (gatewayBound(use.api, use.ref) && GATEWAY_CONNECTORS.has(use.api)) out.push(gatewayFinding(use));
		// B2B connectors only talk to the integration account: nothing of the customer's network to reach.
		else if (use.wasIse && use.entry?.target !== 'builtin-b2b' && use.steps.some((s) => !s.convertible)) out.push(outsideFinding(use, inv.ise.location));
	}
	return out;
}
