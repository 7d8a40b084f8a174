// plan(): the inventory's facts with every finding's chosen option applied. Options carry declarative
// effects, so this file knows nothing about individual rules.
import type {Decisions, Effect, Finding, Inventory} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {applicationOrder, baseConnectorChoices, chosenOption, closedReason, optionValue, unresolvedBlockers} from '../model/decisions.js';
import {resolveOperations, type OperationIndex} from '../analysis/operations.js';
import {hostingFrom, settleHosting} from './hosting.js';
import {groupBy} from '../model/text.js';
import {appNameFor, uniqueSafeNames} from './names.js';

export {chosenOption, unresolvedBlockers} from '../model/decisions.js';

function basePlan(inv: Inventory, operations: OperationIndex, findings: Finding[], decisions: Decisions): Plan {
	const folders = uniqueSafeNames(inv.workflows.map((w) => w.name));
	const trustedIps = [...new Set([...inv.ise.outboundIps.workflow, ...inv.ise.outboundIps.connector])];
	return {
		inventory: inv,
		operations,
		iseName: inv.ise.name,
		appName: appNameFor(inv.ise.name),
		location: inv.ise.location,
		hosting: {kind: 'ws', plan: inv.ise.sku.name === 'Premium' ? 'WS2' : 'WS1', instances: 1, apps: 1},
		inbound: inv.ise.accessEndpoint === 'Internal' ? 'private-endpoint' : 'public-restricted',
		outbound: {natGateway: trustedIps.length > 0, trustedIps},
		subnets: {integrationPrefixLength: 26, privateEndpointPrefixLength: 28},
		storageCmk: {enabled: Boolean(inv.ise.encryption), key: inv.ise.encryption},
		connectors: {},
		connectorOverrides: {},
		customConnectors: {},
		reach: {},
		integrationAccount: inv.integrationAccounts.length > 0 ? 'account' : 'none',
		// Deployed disabled unless the admin says otherwise: a deployed workflow starts at once, beside its ISE original.
		workflows: inv.workflows.map((w, i) => ({name: w.name, folder: folders[i]!, kind: 'Stateful', include: true, flowState: 'Disabled'})),
		todos: [],
		findings,
		decisions,
		unresolved: unresolvedBlockers(findings, decisions),
	};
}

function apply(plan: Plan, effect: Effect, finding: Finding, workflowsByName: ReadonlyMap<string, Plan['workflows']>): void {
	switch (effect.type) {
		case 'hosting':
			plan.hosting = hostingFrom(effect, plan, optionValue(finding, plan.decisions));
			break;
		case 'inbound':
			plan.inbound = effect.mode;
			break;
		case 'outbound':
			plan.outbound = {...plan.outbound, natGateway: effect.natGateway};
			break;
		case 'storage-cmk':
			plan.storageCmk = {enabled: effect.enabled, key: effect.key ?? plan.storageCmk.key};
			break;
		case 'subnets':
			plan.subnets = {
				integrationPrefixLength: effect.integrationPrefixLength,
				privateEndpointPrefixLength: effect.privateEndpointPrefixLength,
			};
			break;
		case 'connector':
			if (effect.workflow) {
				(plan.connectorOverrides[effect.workflow] ??= {})[effect.api] = effect.target;
			} else {
				plan.connectors[effect.api] = effect.target;
			}
			break;
		case 'custom-connector':
			plan.customConnectors[effect.api] = effect.target;
			break;
		case 'integration-account':
			plan.integrationAccount = effect.mode;
			break;
		case 'workflow':
			for (const w of workflowsByName.get(effect.workflow) ?? []) {
				if (effect.include !== undefined) w.include = effect.include;
				if (effect.kind) w.kind = effect.kind;
				if (effect.flowState) w.flowState = effect.flowState;
			}
			break;
		case 'location':
			// The region typed for a source that does not say it; without a value the region stays unknown (never made up).
			plan.location = optionValue(finding, plan.decisions) ?? plan.location;
			break;
		case 'reach':
			plan.reach[effect.connection.toLowerCase()] = effect.via;
			break;
		case 'acknowledge':
			if (effect.todo) plan.todos.push({findingId: finding.id, text: effect.todo, ...(effect.workflow ? {workflow: effect.workflow} : {})});
			break;
	}
}

/** `operations` comes from analysis (analyzeInventory); resolved again only when a caller has none. */
export function plan(inventory: Inventory, findings: Finding[], decisions: Decisions, operations: OperationIndex = resolveOperations(inventory)): Plan {
	const p = basePlan(inventory, operations, findings, decisions);
	// Per-workflow effects must win over connector-wide ones whatever order the findings come in,
	// so workflow-scoped connector effects are kept in their own map (connectorOverrides).
	// Blockers resolve specific conflicts (e.g. webhooks behind a private endpoint) and their options say they
	// override the general choices, so they are applied last (applicationOrder).
	// Findings that only matter under some connector choice are judged against the choices of the others first;
	// a closed one contributes nothing (no cut-over task for a question that never arose).
	const ordered = applicationOrder(findings);
	const choices = baseConnectorChoices(ordered, decisions);
	// Looked up by name: scanning every workflow for every workflow effect was quadratic on a large estate.
	const workflowsByName = groupBy(p.workflows, (w) => w.name);
	for (const finding of ordered) {
		if (closedReason(finding, choices)) continue;
		const option = chosenOption(finding, decisions);
		if (!option) continue;
		for (const effect of option.effects) apply(p, effect, finding, workflowsByName);
	}
	settleHosting(p);
	return p;
}

/** The target for one API in one workflow: a per-workflow override, else the connector-wide choice. */
export function connectorTarget(p: Plan, workflow: string, api: string) {
	return p.connectorOverrides[workflow]?.[api] ?? p.connectors[api] ?? 'managed';
}
