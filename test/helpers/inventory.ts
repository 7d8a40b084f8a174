// A small, valid inventory for tests of the core pieces (the sample ISE is tested on its own).
import type {Finding, Inventory, Workflow} from '../../source/model/index.js';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const ISE_ID = `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Logic/integrationServiceEnvironments/test-ise`;

export function workflow(name: string, extra: Partial<Workflow> = {}): Workflow {
	return {
		id: `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Logic/workflows/${name}`,
		name,
		resourceGroup: 'rg-int',
		definition: {
			$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
			contentVersion: '1.0.0.0',
			parameters: {},
			triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
			actions: {Respond: {type: 'Response', inputs: {statusCode: 200}, runAfter: {}}},
			outputs: {},
		},
		parameters: {},
		connections: [],
		...extra,
	};
}

export function inventory(extra: Partial<Inventory> = {}): Inventory {
	return {
		source: {kind: 'demo', label: 'test'},
		ise: {
			id: ISE_ID,
			name: 'test-ise',
			subscriptionId: SUB,
			resourceGroup: 'rg-int',
			location: 'westeurope',
			sku: {name: 'Premium', capacity: 1},
			accessEndpoint: 'Internal',
			subnets: [],
			outboundIps: {workflow: ['20.1.1.1'], connector: ['20.1.1.2']},
			accessEndpointIps: {workflow: [], connector: []},
		},
		managedApis: [],
		workflows: [workflow('orders')],
		integrationAccounts: [],
		...extra,
	};
}

export function finding(id: string, extra: Partial<Finding> = {}): Finding {
	return {
		id,
		kind: 'workflow',
		area: 'workflows',
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'workflow', key: id, name: id},
		title: `finding ${id}`,
		detail: 'detail',
		options: [
			{id: 'a', label: 'A', consequence: 'a happens', effects: [{type: 'acknowledge', todo: `todo ${id}`}]},
			{id: 'b', label: 'B', consequence: 'b happens', effects: [{type: 'workflow', workflow: 'orders', include: false}]},
		],
		recommended: 'a',
		...extra,
	};
}
