// The hosting effect: where the Standard app runs. A Workflow Standard plan carries its size, instances and apps;
// an App Service Environment v3 also carries which ASE (a new one, or an existing one whose id the admin gave as the
// option's value) and its load-balancer mode, which follows the inbound decision once every effect is applied.
import {parseAseId, type Effect} from '../model/index.js';
import type {Hosting, Plan} from './plan-types.js';

/** ASE names are at most 36 characters (Learn: create an ASE from a template). */
export const ASE_NAME_MAX = 36;
/** Microsoft recommends a /24 ASE subnet (room to scale to the limit); /27 is the minimum. */
export const ASE_SUBNET_PREFIX = 24;

export function aseNameFor(appName: string): string {
	const base = appName.replace(/-standard$/, '').slice(0, ASE_NAME_MAX - 4).replace(/-+$/, '');
	return `${base || 'logicapps'}-ase`;
}

/** The hosting an effect gives; `value` is the decision's value (an existing ASE's resource id). */
export function hostingFrom(effect: Extract<Effect, {type: 'hosting'}>, plan: Plan, value: string | undefined): Hosting {
	if (effect.kind === 'ws') return {kind: 'ws', plan: effect.plan, instances: effect.instances, apps: effect.apps};
	const internal = plan.inbound === 'private-endpoint';
	if (effect.ase === 'new') {
		return {kind: 'ase', plan: effect.plan, instances: effect.instances, apps: 1, ase: {source: 'new', name: aseNameFor(plan.appName), internal, subnetPrefixLength: ASE_SUBNET_PREFIX}};
	}
	const parsed = value ? parseAseId(value) : undefined;
	return {
		kind: 'ase',
		plan: effect.plan,
		instances: effect.instances,
		apps: 1,
		ase: parsed ? {source: 'existing', id: value!.trim().replace(/\/+$/, ''), name: parsed.name, internal} : {source: 'existing', internal},
	};
}

/**
 * Once every effect is applied: an ASE's load balancer is internal exactly when inbound access is private (the
 * default for an Internal ISE; a webhook blocker that keeps a public endpoint makes it external).
 */
export function settleHosting(plan: Plan): void {
	if (plan.hosting.kind !== 'ase') return;
	plan.hosting = {...plan.hosting, ase: {...plan.hosting.ase, internal: plan.inbound === 'private-endpoint'}};
}
