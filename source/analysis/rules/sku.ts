// Hosting: where the Standard app runs and how big. Two families replace an ISE: a Workflow Standard plan (shared
// compute, elastic) or an App Service Environment v3 with an Isolated v2 plan (single-tenant compute in the
// customer's subnet, the closest successor to an ISE). The finding offers both with their consequences and leans to
// one from the ISE's facts. Microsoft publishes no mapping from ISE units to either, so every size here is our own
// estimate (certainty U), presented as a starting point to load-test.
import {ASE_ID_EXAMPLE, SIZING_OPTION, iseInferred, type Finding, type FindingOption, type Inventory, type IsolatedPlan, type WsPlan} from '../../model/index.js';
import {iseSubject, makeFinding} from '../finding.js';
import {resolveOperations, type OperationIndex} from '../operations.js';
import {nameList} from './workflow.js';

// ISE throughput from the limits page (domain.md §1), in action executions per minute.
const DEVELOPER_RATE = 500;
const PREMIUM_BASE_RATE = 4000;
const PREMIUM_UNIT_RATE = 2000;

// Our assumption: about 1,000 action executions a minute per vCPU of an always-ready instance; not a Microsoft
// figure. vCPUs: WS1–WS3 from the Logic Apps pricing page, I1v2–I6v2 from the ASE v3 version comparison [C].
const ASSUMED_RATE_PER_VCPU = 1000;
const WS_VCPU: Record<WsPlan, number> = {WS1: 1, WS2: 2, WS3: 4};
export const ISOLATED_SIZES: Record<IsolatedPlan, {vcpu: number; memoryGb: number}> = {
	I1v2: {vcpu: 2, memoryGb: 8},
	I2v2: {vcpu: 4, memoryGb: 16},
	I3v2: {vcpu: 8, memoryGb: 32},
	I4v2: {vcpu: 16, memoryGb: 64},
	I5v2: {vcpu: 32, memoryGb: 128},
	I6v2: {vcpu: 64, memoryGb: 256},
};
const ISOLATED_ORDER = Object.keys(ISOLATED_SIZES) as IsolatedPlan[];
// Beyond this many instances we suggest more apps (Workflow Standard) or a larger size (Isolated v2), to limit the
// blast radius and storage contention of one app.
const MAX_INSTANCES_PER_APP = 4;

// Tag names or values that say the ISE was kept isolated for a reason an auditor will ask about again.
const COMPLIANCE_TAG = /complian|regulat|isolat|classification|confidential|restricted|sensitive|pci|hipaa|sox\b|gdpr|fedramp|iso-?27001|nist|dora\b/i;

interface WsSizing {
	plan: WsPlan;
	instances: number;
	apps: number;
}

interface AseSizing {
	plan: IsolatedPlan;
	instances: number;
}

/** Spreads a throughput over instances of one plan, at least `min` instances, split over apps when large. */
function spread(plan: WsPlan, rate: number, min: number, extra = 0): WsSizing {
	const total = Math.max(min, Math.ceil(rate / (WS_VCPU[plan] * ASSUMED_RATE_PER_VCPU))) + extra;
	const apps = Math.ceil(total / MAX_INSTANCES_PER_APP);
	return {plan, instances: Math.ceil(total / apps), apps};
}

/** The smallest Isolated v2 size from `from` up that carries the throughput on at most four instances. */
function isolated(rate: number, min: number, from: IsolatedPlan): AseSizing {
	let i = ISOLATED_ORDER.indexOf(from);
	for (;;) {
		const plan = ISOLATED_ORDER[i]!;
		const instances = Math.max(min, Math.ceil(rate / (ISOLATED_SIZES[plan].vcpu * ASSUMED_RATE_PER_VCPU)));
		if (instances <= MAX_INSTANCES_PER_APP || i === ISOLATED_ORDER.length - 1) return {plan, instances};
		i++;
	}
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeWs(s: WsSizing): string {
	const inst = `${plural(s.instances, 'always-ready instance')}`;
	return s.apps === 1 ? `Workflow Standard ${s.plan}, ${inst}` : `Workflow Standard: ${s.apps} apps, each ${s.plan} with ${inst}`;
}

function wsOption(id: string, s: WsSizing, note: string, nonProduction = false): FindingOption {
	const split = s.apps > 1 ? ` The workflows are split across ${s.apps} Standard apps, each on its own plan.` : '';
	return {
		id,
		label: describeWs(s) + (nonProduction ? ' (non-production)' : ''),
		consequence:
			`${note}${split} Shared compute billed per instance hour; ${s.apps > 1 ? 'each' : 'the'} plan scales out on demand beyond these instances. ` +
			'Network through VNet integration and a private endpoint; File System steps stay on the managed connector (data gateway).',
		effects: [{type: 'hosting', kind: 'ws', plan: s.plan, instances: s.instances, apps: s.apps}],
	};
}

function aseOptions(s: AseSizing, internal: boolean): FindingOption[] {
	const size = `${s.plan} × ${plural(s.instances, 'instance')}`;
	// The load balancer follows the inbound decision (private → ILB), whose default follows the access endpoint.
	const lb = internal ? 'internal (ILB) while inbound access stays private, as for this ISE' : 'external while inbound access stays public, as for this ISE';
	const common =
		`Dedicated compute in your subnet; billed per Isolated v2 instance, no elastic scale-out (autoscale rules on the plan). ` +
		'No VNet integration or app private endpoint; File System steps become built-in.';
	return [
		{
			id: SIZING_OPTION.aseNew,
			label: `App Service Environment v3, new: ${size}`,
			consequence:
				`The template creates the ASE (kind ASEv3, about an hour to deploy) in its own /24 subnet, its load balancer ${lb}, ` +
				`and an Isolated v2 plan in it. ${common}`,
			effects: [{type: 'hosting', kind: 'ase', plan: s.plan, instances: s.instances, ase: 'new'}],
		},
		{
			id: SIZING_OPTION.aseExisting,
			label: `App Service Environment v3, existing (give its resource id): ${size}`,
			consequence:
				`The app and an Isolated v2 plan go into an ASE v3 you already run; its subnet, DNS and NAT gateway stay as they are. ${common}`,
			effects: [{type: 'hosting', kind: 'ase', plan: s.plan, instances: s.instances, ase: 'existing'}],
			input: {kind: 'ase-resource-id', prompt: 'Resource id of the App Service Environment v3', example: ASE_ID_EXAMPLE},
		},
	];
}

/**
 * Workflows that use an API (by name), from their resolved connections: the one parser also reads apiIds a template
 * writes as ARM expressions (`[concat(subscription().id, '/providers/…/managedApis/filesystem')]`).
 */
function workflowsUsing(inv: Inventory, ops: OperationIndex, api: string): string[] {
	return inv.workflows.filter((w) => ops.connectionsOf(w.name).some((c) => c.api.name === api)).map((w) => w.name);
}

function complianceTags(inv: Inventory): string[] {
	return Object.entries(inv.ise.tags ?? {})
		.filter(([k, v]) => COMPLIANCE_TAG.test(k) || COMPLIANCE_TAG.test(String(v)))
		.map(([k, v]) => `${k}=${v}`);
}

const FAMILIES =
	'Two hosting families replace it.\n' +
	'• Workflow Standard plan (WS1–WS3): shared multi-tenant compute. You pay per vCPU and memory hour of each instance, the always-ready ones and any the plan adds ' +
	'when it scales out on demand. Outbound traffic reaches your network through VNet integration, inbound through a private endpoint. ' +
	'The File System connector stays managed there and needs an on-premises data gateway.\n' +
	'• App Service Environment v3 with an Isolated v2 plan (I1v2–I6v2, 2–64 vCPU): single-tenant compute injected into a subnet of your network, with an internal (ILB) ' +
	'or external load balancer, the closest successor to an ISE. You pay per Isolated v2 instance with no stamp fee (an empty ASE is billed as one I1v2); the plan does not ' +
	'scale out by itself, so set autoscale rules. No VNet integration or app private endpoint is needed. Only here does the File System built-in connector run (no gateway), ' +
	'and only here can the host trust a private root CA (for example for IBM MQ over TLS).\n' +
	'Managed connectors run in Azure\'s shared infrastructure with either family.';

export function skuFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const {ise} = inv;
	const name = ise.name || 'the ISE';
	const count = inv.workflows.length;
	const workflows = plural(count, 'workflow');
	const caveat =
		'No official mapping from ISE units to either plan exists: the sizes are our estimate, a starting point to load-test.';
	const fileShares = workflowsUsing(inv, ops, 'filesystem');
	const mq = workflowsUsing(inv, ops, 'mq');
	const compliance = complianceTags(inv);
	const internal = ise.accessEndpoint !== 'External';

	const base = {
		kind: 'sku' as const,
		severity: 'warning' as const,
		certainty: 'U' as const,
		subject: iseSubject(ise.name),
		title: 'Hosting: Workflow Standard plan or App Service Environment v3 (sizes are a starting point to load-test)',
	};

	const facts: string[] = [];
	if (fileShares.length > 0) facts.push(`${nameList(fileShares)} ${fileShares.length === 1 ? 'uses' : 'use'} on-premises file shares (File System)`);
	if (mq.length > 0) facts.push(`${nameList(mq)} ${mq.length === 1 ? 'talks' : 'talk'} to IBM MQ (a private CA for its TLS needs ASE v3)`);
	if (compliance.length > 0) facts.push(`the ISE is tagged ${nameList(compliance)}`);
	const leansAse = ise.sku.name !== 'Developer' && ise.accessEndpoint === 'Internal' && (fileShares.length > 0 || compliance.length > 0);
	const why = leansAse
		? `Recommended: App Service Environment v3, because the ISE has an Internal endpoint and ${nameList(facts.filter((f) => !f.includes('IBM MQ')))}: isolation in your own network, as the ISE gave.`
		: ise.sku.name === 'Developer'
			? 'Recommended: WS1, the cheapest plan, for what a Developer ISE was for (test and development).'
			: `Recommended: a Workflow Standard plan${facts.length > 0 ? ` (${facts.join('; ')}: weigh ASE v3 for these)` : ''}; choose ASE v3 when the workloads must keep single-tenant compute in your network.`;

	let throughput: string;
	let wsOptions: FindingOption[];
	let ase: AseSizing;
	let recommendedWs: string;
	if (ise.sku.name === 'Developer') {
		throughput = `${name} is a Developer ISE (about ${DEVELOPER_RATE} action executions a minute, no SLA) hosting ${workflows}.`;
		wsOptions = [
			wsOption(SIZING_OPTION.dev, {plan: 'WS1', instances: 1, apps: 1}, 'The cheapest plan, matching a Developer ISE: fine for test and development, not for production.', true),
			wsOption(SIZING_OPTION.headroom, {plan: 'WS2', instances: 1, apps: 1}, 'Twice the CPU and memory of WS1, for workflows that were slow or memory-hungry on the Developer ISE.'),
		];
		ase = isolated(DEVELOPER_RATE, 1, 'I1v2');
		recommendedWs = SIZING_OPTION.dev;
	} else {
		const units = Math.max(0, Math.floor(ise.sku.capacity || 0));
		const rate = PREMIUM_BASE_RATE + units * PREMIUM_UNIT_RATE;
		const scale = units === 0 ? 'no extra scale units' : plural(units, 'extra scale unit');
		const noIse = iseInferred(ise);
		throughput = noIse
			? `The source holds no ISE resource (${noIse}), so nothing says how large it was or how much load ${workflows} carry. ` +
				`The sizes below are for the load of one base Premium unit (about ${rate.toLocaleString('en-US')} action executions a minute): choose from the load you know.`
			: ise.sku.name === 'Premium'
				? `${name} is a Premium ISE with ${scale} (about ${rate.toLocaleString('en-US')} action executions a minute) hosting ${workflows}.`
				: `The source does not state the SKU of ${name}; the sizes below are for a Premium ISE with ${scale} (about ${rate.toLocaleString('en-US')} action executions a minute) hosting ${workflows}.`;
		wsOptions =
			units === 0
				? [
						wsOption(SIZING_OPTION.lean, {plan: 'WS2', instances: 1, apps: 1}, 'Lowest cost for this load, but a single instance gives no redundancy during restarts.'),
						wsOption(SIZING_OPTION.balanced, {plan: 'WS2', instances: 2, apps: 1}, 'Two instances keep the workflows running while one restarts; our estimate for a base Premium unit.'),
						wsOption(SIZING_OPTION.headroom, {plan: 'WS3', instances: 2, apps: 1}, 'Double the CPU and memory of WS2, for CPU-heavy maps, inline code or large messages.'),
					]
				: [
						wsOption(SIZING_OPTION.lean, spread('WS2', rate, 2), 'More, smaller instances: cheaper per instance, but heavy runs have less memory to work with.'),
						wsOption(SIZING_OPTION.balanced, spread('WS3', rate, 2), 'Our estimate for this many scale units.'),
						wsOption(SIZING_OPTION.headroom, spread('WS3', rate, 2, 1), 'One instance more than our estimate, for peaks the ISE absorbed.'),
					];
		// Two instances at least, as for the WS estimate: one keeps running while the other restarts or is upgraded.
		ase = isolated(rate, 2, units === 0 ? 'I1v2' : 'I2v2');
		recommendedWs = SIZING_OPTION.balanced;
	}

	return [
		makeFinding({
			...base,
			detail: `${throughput} ${FAMILIES}\n${why} ${caveat}`,
			options: [...wsOptions, ...aseOptions(ase, internal)],
			recommended: leansAse ? SIZING_OPTION.aseNew : recommendedWs,
		}),
	];
}
