// Outbound addresses: downstream firewalls trust the ISE's outgoing IPs today. A Standard app has no fixed outbound
// IP of its own; a NAT gateway on the integration subnet gives it one. The finding names the destinations the
// workflows call, since those are the firewalls whose owners must be asked.
import {B2B_APIS, catalogEntry} from '../catalog/index.js';
import {resolveOperations, type OperationIndex} from '../operations.js';
import {isRecord, walkOperations} from '../walk.js';
import {OUTBOUND_OPTION, type Finding, type Inventory, type Workflow} from '../../model/index.js';
import {nameList} from './workflow.js';
import {iseSubject, makeFinding} from '../finding.js';

export interface OutboundDestination {
	/** What the admin would recognise: a host name, a connection, a function app. */
	name: string;
	/** Which of the ISE's IP sets the destination sees today. */
	via: 'workflow' | 'connector';
	workflows: string[];
}

function paramValue(wf: Workflow, name: string): unknown {
	const resource = wf.parameters?.[name];
	if (resource && resource.value !== undefined) return resource.value;
	const def = isRecord(wf.definition) && isRecord(wf.definition.parameters) ? wf.definition.parameters[name] : undefined;
	return isRecord(def) ? def.defaultValue : undefined;
}

/** The host an HTTP action calls, when the URI is literal or starts with a parameter holding a literal URL. */
function hostOf(wf: Workflow, uri: unknown): string | undefined {
	if (typeof uri !== 'string') return undefined;
	let text = uri.trim();
	// `@parameters('x')` or `@{parameters('x')}/rest`: the parameter's value is the base URL.
	const m = /^@\{?parameters\('([^']+)'\)\}?/.exec(text);
	if (m) {
		const v = paramValue(wf, m[1]!);
		if (typeof v !== 'string') return undefined;
		text = v + text.slice(m[0].length);
	}
	const host = /^https?:\/\/([^/:?#@{}]+)/i.exec(text)?.[1];
	return host && !host.includes('@') ? host.toLowerCase() : undefined;
}

/** Every system the workflows call from the ISE's addresses, grouped by name. */
export function outboundDestinations(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): OutboundDestination[] {
	const found = new Map<string, OutboundDestination>();
	// Workflows already listed per destination: a shared connector is used by thousands of workflows, and searching
	// the list for each of them was quadratic.
	const listed = new Map<string, Set<string>>();
	const add = (name: string, via: OutboundDestination['via'], wf: string) => {
		const key = `${via}|${name.toLowerCase()}`;
		const d = found.get(key) ?? {name, via, workflows: []};
		const seen = listed.get(key) ?? new Set<string>();
		if (!seen.has(wf)) d.workflows.push(wf);
		seen.add(wf);
		found.set(key, d);
		listed.set(key, seen);
	};
	for (const wf of inv.workflows) {
		for (const v of walkOperations(wf.definition)) {
			const type = typeof v.op.type === 'string' ? v.op.type.toLowerCase() : '';
			if (type !== 'http' && type !== 'httpwebhook') continue;
			const inputs = isRecord(v.op.inputs) ? v.op.inputs : {};
			const uri = type === 'http' ? inputs.uri : isRecord(inputs.subscribe) ? inputs.subscribe.uri : undefined;
			add(hostOf(wf, uri) ?? `the address ${wf.name}/${v.name} computes at run time`, 'workflow', wf.name);
		}
		for (const o of ops.ofWorkflow(wf.name)) {
			const inputs = isRecord(o.op.inputs) ? o.op.inputs : {};
			if (o.via !== 'connection') {
				const id = isRecord(inputs.function) ? inputs.function.id : isRecord(inputs.api) ? inputs.api.id : undefined;
				const resource = typeof id === 'string' ? /\/(?:sites|service)\/([^/]+)/i.exec(id)?.[1] : undefined;
				add(`${o.entry?.displayName ?? o.via} ${resource ?? '(resource not named)'}`, 'workflow', wf.name);
				continue;
			}
			const conn = o.connection;
			// Only ISE connectors left from the ISE's connector IPs; multi-tenant ones already use the region's ranges.
			if (!conn || conn.api.kind !== 'ise' || B2B_APIS.has(conn.api.name)) continue;
			const display = catalogEntry(conn.api.name)?.displayName ?? conn.api.name;
			add(`${display}: ${conn.ref.displayName || conn.ref.connectionName || conn.ref.key}`, 'connector', wf.name);
		}
	}
	return [...found.values()].sort((a, b) => (a.via === b.via ? a.name.localeCompare(b.name) : a.via === 'workflow' ? -1 : 1));
}

export function outboundIpFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const {workflow, connector} = inv.ise.outboundIps;
	if (workflow.length === 0 && connector.length === 0) return [];
	const subject = iseSubject(inv.ise.name);
	const name = subject.name;
	const today: string[] = [];
	if (workflow.length > 0) today.push(`workflow IPs ${nameList(workflow, 8)} (HTTP actions and built-in operations)`);
	if (connector.length > 0) today.push(`connector IPs ${nameList(connector, 8)} (ISE-hosted connectors)`);
	const destinations = outboundDestinations(inv, ops);
	const viaWorkflow = destinations.filter((d) => d.via === 'workflow').map((d) => d.name);
	const viaConnector = destinations.filter((d) => d.via === 'connector').map((d) => d.name);
	const where: string[] = [];
	if (viaWorkflow.length > 0) where.push(`from the workflow IPs: ${nameList(viaWorkflow, 20)}`);
	if (viaConnector.length > 0) where.push(`from the connector IPs: ${nameList(viaConnector, 20)}`);
	return [
		makeFinding({
			kind: 'outbound-ip',
			severity: 'warning',
			certainty: 'S',
			subject,
			title: 'Outbound IP addresses change',
			detail:
				`Firewalls of the systems ${name} calls trust its ${today.join(' and ')}; none of these addresses move to Standard. ` +
				(where.length > 0
					? `The workflows call, ${where.join('; ')}. Any of them that allow-lists these addresses must add the new one. `
					: 'Destinations that allow-list them must add the new address. ') +
				'Traffic from HTTP actions and built-in connectors, including ISE connectors that become built-in, leaves from the app. ' +
				'Connectors that stay managed (multi-tenant) leave from the region’s AzureConnectors service tag ranges instead, so their destinations must allow those.',
			options: [
				{
					id: OUTBOUND_OPTION.nat,
					label: 'NAT gateway with a static public IP',
					consequence:
						'The integration subnet (on App Service Environment v3: the ASE subnet) gets a NAT gateway with one static IP and all app traffic is routed through the network; ' +
						'you hand that IP to the owners of the systems the app reaches over the internet (networking.md and cutover.md name them, by the path each takes). The app’s storage must then be reached over private or service endpoints.',
					// Which firewall allows what is the reach model's to say (generate/reach.ts), per destination and path.
					effects: [{type: 'outbound', natGateway: true}],
				},
				{
					id: OUTBOUND_OPTION.noNat,
					label: 'No NAT gateway',
					consequence:
						'On a Workflow Standard plan traffic leaves from the shared outbound addresses of the app’s scale unit, which are many and can change; ' +
						'firewalls that allow-listed the ISE’s IPs must allow all of them, or open up. On App Service Environment v3 it leaves from the ASE’s own default outbound addresses.',
					effects: [{type: 'outbound', natGateway: false}],
				},
			],
			recommended: OUTBOUND_OPTION.nat,
		}),
	];
}
