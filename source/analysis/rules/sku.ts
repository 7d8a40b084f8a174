// Sizing: ISE SKU and scale units → a Workflow Standard plan. Microsoft publishes no mapping, so every number here
// is our own estimate (certainty U) and is presented as a starting point to load-test.
import {SIZING_OPTION, type Finding, type FindingOption, type Inventory, type WsPlan} from '../../model/index.js';
import {iseSubject, makeFinding} from '../finding.js';

// ISE throughput from the limits page (domain.md §1), in action executions per minute.
const DEVELOPER_RATE = 500;
const PREMIUM_BASE_RATE = 4000;
const PREMIUM_UNIT_RATE = 2000;

// Our assumption of what one always-ready instance of each plan sustains; not a Microsoft figure.
const ASSUMED_RATE: Record<WsPlan, number> = {WS1: 1000, WS2: 2000, WS3: 4000};
// Beyond this many instances we suggest more apps, to limit the blast radius and storage contention of one app.
const MAX_INSTANCES_PER_APP = 4;

interface Sizing {
	plan: WsPlan;
	instances: number;
	apps: number;
}

/** Spreads a throughput over instances of one plan, at least `min` instances, split over apps when large. */
function spread(plan: WsPlan, rate: number, min: number, extra = 0): Sizing {
	const total = Math.max(min, Math.ceil(rate / ASSUMED_RATE[plan])) + extra;
	const apps = Math.ceil(total / MAX_INSTANCES_PER_APP);
	return {plan, instances: Math.ceil(total / apps), apps};
}

function describe(s: Sizing): string {
	const inst = `${s.instances} always-ready instance${s.instances === 1 ? '' : 's'}`;
	return s.apps === 1 ? `${s.plan}, ${inst}` : `${s.apps} apps, each ${s.plan} with ${inst}`;
}

function option(id: string, s: Sizing, note: string, nonProduction = false): FindingOption {
	const split =
		s.apps > 1 ? ` The workflows are split across ${s.apps} Standard apps, each on its own plan.` : '';
	return {
		id,
		label: describe(s) + (nonProduction ? ' (non-production)' : ''),
		consequence: `${note}${split} ${s.apps > 1 ? 'Each' : 'The'} plan still scales out on demand beyond these instances.`,
		effects: [{type: 'hosting', plan: s.plan, instances: s.instances, apps: s.apps}],
	};
}

export function skuFindings(inv: Inventory): Finding[] {
	const {ise} = inv;
	const name = ise.name || 'the ISE';
	const count = inv.workflows.length;
	const workflows = `${count} workflow${count === 1 ? '' : 's'}`;
	const caveat =
		'No official mapping from ISE units to Workflow Standard plans exists; the sizes below are our estimate, a starting point to load-test.';
	const base = {
		kind: 'sku' as const,
		severity: 'warning' as const,
		certainty: 'U' as const,
		subject: iseSubject(ise.name),
		title: 'Hosting plan for the Standard app (a starting point to load-test)',
	};

	if (ise.sku.name === 'Developer') {
		const dev = {plan: 'WS1', instances: 1, apps: 1} as const;
		return [
			makeFinding({
				...base,
				detail:
					`${name} is a Developer ISE (about ${DEVELOPER_RATE} action executions a minute, no SLA) hosting ${workflows}. ` +
					caveat,
				options: [
					option(SIZING_OPTION.dev, dev, 'The cheapest plan, matching a Developer ISE: fine for test and development, not for production.', true),
					option(
						SIZING_OPTION.headroom,
						{plan: 'WS2', instances: 1, apps: 1},
						'Twice the CPU and memory of WS1, for workflows that were slow or memory-hungry on the Developer ISE.',
					),
				],
				recommended: SIZING_OPTION.dev,
			}),
		];
	}

	const units = Math.max(0, Math.floor(ise.sku.capacity || 0));
	const rate = PREMIUM_BASE_RATE + units * PREMIUM_UNIT_RATE;
	const assumed =
		ise.sku.name === 'Premium' ? '' : ' The source does not state the SKU, so it is treated as Premium.';
	const scale =
		units === 0 ? 'no extra scale units' : `${units} extra scale unit${units === 1 ? '' : 's'}`;
	const detail =
		`${name} is a Premium ISE with ${scale} (about ${rate.toLocaleString('en-US')} action executions a minute) hosting ${workflows}.` +
		`${assumed} ${caveat}`;

	if (units === 0) {
		return [
			makeFinding({
				...base,
				detail,
				options: [
					option(SIZING_OPTION.lean, {plan: 'WS2', instances: 1, apps: 1}, 'Lowest cost for this load, but a single instance gives no redundancy during restarts.'),
					option(SIZING_OPTION.balanced, {plan: 'WS2', instances: 2, apps: 1}, 'Two instances keep the workflows running while one restarts; our estimate for a base Premium unit.'),
					option(SIZING_OPTION.headroom, {plan: 'WS3', instances: 2, apps: 1}, 'Double the CPU and memory of WS2, for CPU-heavy maps, inline code or large messages.'),
				],
				recommended: SIZING_OPTION.balanced,
			}),
		];
	}

	return [
		makeFinding({
			...base,
			detail,
			options: [
				option(SIZING_OPTION.lean, spread('WS2', rate, 2), 'More, smaller instances: cheaper per instance, but heavy runs have less memory to work with.'),
				option(SIZING_OPTION.balanced, spread('WS3', rate, 2), 'Our estimate for this many scale units.'),
				option(SIZING_OPTION.headroom, spread('WS3', rate, 2, 1), 'One instance more than our estimate, for peaks the ISE absorbed.'),
			],
			recommended: SIZING_OPTION.balanced,
		}),
	];
}
