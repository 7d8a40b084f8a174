// A small builder for crafting inventories in analysis tests: sensible defaults, override what the case is about.
import type {
	ConnectionReference,
	Finding,
	IntegrationAccount,
	Inventory,
	Ise,
	Workflow,
} from '../../source/model/index.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const RG = 'rg-ise';

export function ise(over: Partial<Ise> = {}): Ise {
	const name = over.name ?? 'ise-prod';
	return {
		id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Logic/integrationServiceEnvironments/${name}`,
		name,
		subscriptionId: SUB,
		resourceGroup: RG,
		location: 'westeurope',
		sku: {name: 'Premium', capacity: 0},
		accessEndpoint: 'Internal',
		virtualNetworkAddressSpace: '10.1.0.0/16',
		subnets: ['a', 'b', 'c', 'd'].map((s, i) => ({
			id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ise-${s}`,
			name: `ise-${s}`,
			addressPrefix: `10.1.${i}.0/27`,
		})),
		outboundIps: {workflow: [], connector: []},
		accessEndpointIps: {workflow: [], connector: []},
		...over,
	};
}

/** A `$connections` entry; `kind` picks the API id form. */
export function conn(key: string, api: string, kind: 'ise' | 'managed' | 'custom' = 'managed'): ConnectionReference {
	const apiId =
		kind === 'ise'
			? `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Logic/integrationServiceEnvironments/ise-prod/managedApis/${api}`
			: kind === 'managed'
				? `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/${api}`
				: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/customApis/${api}`;
	return {
		key,
		apiId,
		connectionId: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/connections/${key}`,
		connectionName: key,
	};
}

export const triggers = {
	request: () => ({manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}}),
	recurrence: () => ({Recurrence: {type: 'Recurrence', recurrence: {frequency: 'Minute', interval: 5}}}),
	/** A trigger on a `$connections` key, of the given ApiConnection* type. */
	api: (key: string, type = 'ApiConnectionWebhook', name = 'When_an_event_arrives') => ({
		[name]: {
			type,
			inputs: {
				host: {connection: {name: `@parameters('$connections')['${key}']['connectionId']`}},
				path: '/subscriptions',
			},
		},
	}),
};

export function action(type: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {type, inputs: {}, runAfter: {}, ...extra};
}

export function workflow(
	name: string,
	parts: {triggers?: unknown; actions?: unknown; parameters?: unknown} = {},
	over: Partial<Workflow> = {},
): Workflow {
	const definition: Record<string, unknown> = {
		$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
		contentVersion: '1.0.0.0',
		parameters: parts.parameters ?? {$connections: {type: 'Object', defaultValue: {}}},
		triggers: parts.triggers ?? triggers.recurrence(),
		actions: parts.actions ?? {Compose: action('Compose', {inputs: 'hello'})},
		outputs: {},
	};
	return {
		id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Logic/workflows/${name}`,
		name,
		resourceGroup: RG,
		definition,
		parameters: {},
		connections: [],
		...over,
	};
}

export function integrationAccount(name: string, over: Partial<IntegrationAccount> = {}): IntegrationAccount {
	return {
		id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Logic/integrationAccounts/${name}`,
		name,
		resourceGroup: RG,
		sku: 'Standard',
		maps: [],
		schemas: [],
		...over,
	};
}

export function inventory(over: Partial<Inventory> = {}): Inventory {
	return {
		source: {kind: 'snapshot', label: 'test inventory'},
		ise: ise(),
		managedApis: [],
		workflows: [],
		integrationAccounts: [],
		...over,
	};
}

export function byId(findings: readonly Finding[], id: string): Finding | undefined {
	return findings.find((f) => f.id === id);
}

/** The option with this id, failing loudly so a test reads as a statement about the finding. */
export function optionOf(finding: Finding | undefined, id: string) {
	const option = finding?.options.find((o) => o.id === id);
	if (!option) throw new Error(`no option ${id} on ${finding?.id ?? 'missing finding'}`);
	return option;
}
