// Plans to generate infrastructure for: the bundled Contoso ISE through the real pipeline with various decisions,
// inventories varied the way real ISEs differ (External, Developer, no CMK, no recorded IPs, many scale units), both
// hosting families (Workflow Standard, and App Service Environment v3 new or existing), and hand-made plans for
// combinations the analysis would not recommend.
import {analyze} from '../../../source/analysis/index.js';
import {generate} from '../../../source/generate/index.js';
import {plan} from '../../../source/generate/plan.js';
import type {InfraContext} from '../../../source/generate/infra.js';
import type {Decisions, Effect, Finding, Inventory} from '../../../source/model/index.js';
import type {Plan} from '../../../source/generate/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';

export interface Variant {
	label: string;
	plan: Plan;
	ctx: InfraContext;
	/** The generated project's files (networking.md reads the reach model of this conversion). */
	files: Map<string, string>;
	/** connections.json of the generated project: what the app will ask for at run time. */
	connectionsJson: {managedApiConnections: Record<string, {connectionRuntimeUrl: string; connection: {id: string}}>};
}

/** Decide the finding of `kind` with the option whose effects satisfy `pick`, read from analyze() output. */
export function decide(findings: Finding[], decisions: Decisions, match: (f: Finding) => boolean, pick: (e: Effect) => boolean): Decisions {
	const finding = findings.find(match);
	if (!finding) throw new Error('no such finding');
	const option = finding.options.find((o) => o.effects.some(pick));
	if (!option) throw new Error(`finding ${finding.id} has no such option`);
	return {...decisions, [finding.id]: {findingId: finding.id, optionId: option.id, decidedAt: '2026-01-01T00:00:00Z'}};
}

function fromPipeline(label: string, inv: Inventory, decide?: (findings: Finding[]) => Decisions): Variant {
	const findings = analyze(inv);
	const p = plan(inv, findings, decide ? decide(findings) : {});
	return withProject(label, p);
}

function withProject(label: string, p: Plan): Variant {
	const files = generate(p, {generatedAt: '2026-01-01T00:00:00Z', toolVersion: 'test'});
	const connectionsJson = JSON.parse(files.get('connections.json') as string) as Variant['connectionsJson'];
	const local = JSON.parse(files.get('local.settings.json') as string) as {Values: Record<string, string>};
	const managedConnections = Object.entries(connectionsJson.managedApiConnections).map(([name, c]) => ({
		name: c.connection.id.split('/').pop() ?? name,
		api: ((c as unknown as {api: {id: string}}).api.id.split('/').pop() ?? '').toLowerCase(),
		kind: /\/customApis\//i.test((c as unknown as {api: {id: string}}).api.id) ? 'custom' : 'managed',
	}));
	const appSettings = Object.keys(local.Values).map((name) => ({name, secret: /key|password|secret|connectionstring/i.test(name)}));
	return {label, plan: p, ctx: {managedConnections, appSettings}, files, connectionsJson};
}

const byKind = (kind: string) => (f: Finding) => f.kind === kind && !f.id.endsWith(':webhooks');

/** Decide the finding of `kind` with an option named by id (and the value it takes, if any). */
export function decideOption(findings: Finding[], decisions: Decisions, kind: string, optionId: string, value?: string): Decisions {
	const finding = findings.find(byKind(kind));
	if (!finding?.options.some((o) => o.id === optionId)) throw new Error(`no option ${optionId} of ${kind}`);
	return {...decisions, [finding.id]: {findingId: finding.id, optionId, ...(value ? {value} : {}), decidedAt: '2026-01-01T00:00:00Z'}};
}

/** The sample's hosting decided as Workflow Standard (its recommendation is ASE v3: Internal endpoint, a file share). */
const onWs = (f: Finding[], d: Decisions = {}) => decideOption(f, d, 'sku', 'balanced');

export const EXISTING_ASE_ID = '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg-contoso-network/providers/Microsoft.Web/hostingEnvironments/ase-contoso-shared';
/** Values the admin gives parameters that have no default (an existing ASE's id, a subnet of its network). */
export const REQUIRED_PARAMETER_VALUES: Record<string, string> = {
	aseResourceId: EXISTING_ASE_ID,
	privateEndpointSubnetResourceId: '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg-contoso-network/providers/Microsoft.Network/virtualNetworks/vnet-ase/subnets/snet-endpoints',
};

/** The bundled sample with every recommendation: a new internal ASE v3, NAT gateway, storage CMK. */
export function contosoVariant(): Variant {
	return fromPipeline('contoso, recommendations (new internal ASE v3)', contosoInventory());
}

/** The bundled sample on Workflow Standard, every other recommendation kept: private endpoint, NAT gateway, storage CMK. */
export function contosoWsVariant(): Variant {
	return fromPipeline('contoso on Workflow Standard, recommendations otherwise', contosoInventory(), (f) => onWs(f));
}

export function variants(): Variant[] {
	const out: Variant[] = [];
	out.push(contosoVariant());
	out.push(contosoWsVariant());
	out.push(
		fromPipeline('contoso WS, public-restricted, no NAT, Microsoft-managed keys, /27', contosoInventory(), (f) => {
			let d: Decisions = onWs(f);
			d = decide(f, d, byKind('endpoint'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			d = decide(f, d, byKind('outbound-ip'), (e) => e.type === 'outbound' && !e.natGateway);
			d = decide(f, d, byKind('cmk'), (e) => e.type === 'storage-cmk' && !e.enabled);
			d = decide(f, d, byKind('subnets'), (e) => e.type === 'subnets' && e.integrationPrefixLength === 27);
			return d;
		}),
	);
	// plan() applies the endpoint finding after the webhook blocker, so both are decided for the public endpoint to hold.
	out.push(
		fromPipeline('contoso WS, webhooks keep a public endpoint (NAT and CMK kept)', contosoInventory(), (f) => {
			let d = decide(f, onWs(f), (x) => x.id.endsWith(':webhooks'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			d = decide(f, d, byKind('endpoint'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			return d;
		}),
	);
	out.push(
		fromPipeline('contoso WS, private endpoint without NAT', contosoInventory(), (f) =>
			decide(f, onWs(f), byKind('outbound-ip'), (e) => e.type === 'outbound' && !e.natGateway),
		),
	);
	// App Service Environment v3: external (public inbound), an existing one given by id, and one with no id yet.
	out.push(
		fromPipeline('contoso on a new external ASE v3: public-restricted, no NAT, Microsoft-managed keys', contosoInventory(), (f) => {
			let d = decide(f, {}, (x) => x.id.endsWith(':webhooks'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			d = decide(f, d, byKind('endpoint'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			d = decide(f, d, byKind('outbound-ip'), (e) => e.type === 'outbound' && !e.natGateway);
			return decide(f, d, byKind('cmk'), (e) => e.type === 'storage-cmk' && !e.enabled);
		}),
	);
	out.push(fromPipeline('contoso on an existing ASE v3 (id given), private storage', contosoInventory(), (f) => decideOption(f, {}, 'sku', 'ase-existing', EXISTING_ASE_ID)));
	out.push(
		fromPipeline('contoso on an existing ASE v3 (no id yet), public storage: no VNet at all', contosoInventory(), (f) => {
			let d = decideOption(f, {}, 'sku', 'ase-existing');
			d = decide(f, d, (x) => x.id.endsWith(':webhooks'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			d = decide(f, d, byKind('endpoint'), (e) => e.type === 'inbound' && e.mode === 'public-restricted');
			return decide(f, d, byKind('outbound-ip'), (e) => e.type === 'outbound' && !e.natGateway);
		}),
	);

	const external = contosoInventory();
	external.ise.accessEndpoint = 'External';
	external.ise.name = 'fabrikam-ise';
	external.ise.virtualNetworkAddressSpace = '10.100.0.0/16';
	external.ise.subnets = external.ise.subnets.map((s, i) => ({...s, addressPrefix: `10.100.${i}.0/27`}));
	out.push(fromPipeline('External ISE in 10.100.0.0/16', external));

	const developer = contosoInventory();
	developer.ise.sku = {name: 'Developer', capacity: 0};
	delete developer.ise.encryption;
	developer.ise.outboundIps = {workflow: [], connector: []};
	developer.ise.accessEndpoint = 'External';
	out.push(fromPipeline('Developer ISE, no CMK, no recorded IPs', developer));

	const big = contosoInventory();
	big.ise.sku = {name: 'Premium', capacity: 10};
	out.push(fromPipeline('Premium with 10 scale units on a new ASE (larger Isolated v2 size)', big));
	const bigWs = contosoInventory();
	bigWs.ise.sku = {name: 'Premium', capacity: 10};
	out.push(fromPipeline('Premium with 10 scale units on Workflow Standard (several apps)', bigWs, (f) => onWs(f)));

	// Hand-made plans: combinations analysis does not recommend but an admin can reach.
	const base = contosoWsVariant().plan;
	out.push(withProject('crafted: public, NAT, no CMK', {...base, inbound: 'public', outbound: {...base.outbound, natGateway: true}, storageCmk: {enabled: false}}));
	out.push(
		withProject('crafted: public, no NAT, no CMK, no workflow kept (no connections)', {
			...base,
			inbound: 'public',
			outbound: {natGateway: false, trustedIps: []},
			storageCmk: {enabled: false},
			workflows: base.workflows.map((w) => ({...w, include: false})),
		}),
	);
	out.push(
		withProject('crafted: three apps, /28 integration, /28 private endpoints (too small for 15)', {
			...base,
			hosting: {kind: 'ws', plan: 'WS1', instances: 1, apps: 3},
			subnets: {integrationPrefixLength: 28, privateEndpointPrefixLength: 28},
		}),
	);
	const unknownIse = {...base.inventory.ise, location: '', virtualNetworkAddressSpace: undefined, subnets: base.inventory.ise.subnets.map((x) => ({id: x.id, name: x.name}))};
	out.push(withProject('crafted: region and ISE address ranges unknown', {...base, location: '', inventory: {...base.inventory, ise: unknownIse}}));
	return out;
}
