// Crafted ISE workflows for converter and finding tests: written the way the Consumption designer writes them.
import type {ConnectionReference, Workflow} from '../../../source/model/index.js';
import {SUB, workflow as baseWorkflow} from '../../helpers/inventory.js';

export {SUB};

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

/** A workflow of the shared test inventory with these triggers (a Request trigger by default), actions and connections. */
export function workflow(
	name: string,
	parts: {triggers?: Record<string, unknown>; actions: Record<string, unknown>},
	connections: ConnectionReference[],
): Workflow {
	const base = baseWorkflow(name, {connections});
	return {
		...base,
		definition: {
			...base.definition,
			parameters: {$connections: {defaultValue: {}, type: 'Object'}},
			triggers: parts.triggers ?? base.definition.triggers,
			actions: parts.actions,
		},
	};
}

/** Everything as the Standard runtime would see it: a JSON text. */
export const text = (v: unknown) => JSON.stringify(v);
