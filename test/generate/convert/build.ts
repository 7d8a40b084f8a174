// Crafted ISE workflows for converter and finding tests: written the way the Consumption designer writes them.
import type {ConnectionReference, Workflow} from '../../../source/model/index.js';

export const SUB = '11111111-2222-3333-4444-555555555555';
const ISE = `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Logic/integrationServiceEnvironments/prod-ise`;

export const dbl = (v: string) => `@{encodeURIComponent(encodeURIComponent('${v}'))}`;
export const sgl = (v: string) => `@{encodeURIComponent('${v}')}`;

/** A `$connections` entry. `name` is the Microsoft.Web/connections resource name. */
export function conn(key: string, api: string, name = key, kind: 'ise' | 'managed' | 'custom' = 'ise'): ConnectionReference {
	const apiId =
		kind === 'ise'
			? `${ISE}/managedApis/${api}`
			: kind === 'managed'
				? `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/${api}`
				: `/subscriptions/${SUB}/resourceGroups/rg-apis/providers/Microsoft.Web/customApis/${api}`;
	return {key, apiId, connectionId: `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Web/connections/${name}`, connectionName: name};
}

export function apiOp(key: string, method: string, path: string, extra: Record<string, unknown> = {}, type = 'ApiConnection'): Record<string, unknown> {
	const {queries, body, headers, ...rest} = extra;
	return {
		type,
		inputs: {
			host: {connection: {name: `@parameters('$connections')['${key}']['connectionId']`}},
			method,
			path,
			...(queries !== undefined ? {queries} : {}),
			...(headers !== undefined ? {headers} : {}),
			...(body !== undefined ? {body} : {}),
		},
		...rest,
	};
}

export function workflow(
	name: string,
	parts: {triggers?: Record<string, unknown>; actions: Record<string, unknown>},
	connections: ConnectionReference[],
): Workflow {
	return {
		id: `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Logic/workflows/${name}`,
		name,
		resourceGroup: 'rg-int',
		definition: {
			$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
			contentVersion: '1.0.0.0',
			parameters: {$connections: {defaultValue: {}, type: 'Object'}},
			triggers: parts.triggers ?? {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
			actions: parts.actions,
			outputs: {},
		},
		parameters: {},
		connections,
	};
}

/** Everything as the Standard runtime would see it: a JSON text. */
export const text = (v: unknown) => JSON.stringify(v);
