// What every part of the ARM template shares: the apiVersions, the schema URLs, the JSON types and the helpers that
// write template expressions.

/** apiVersions: GA versions from infra-apiversions.json, the ones infra.md recommends. */
export const API_VERSIONS = {
	// 2023-12-01 still has site-level vnetRouteAllEnabled/vnetContentShareEnabled (2024-11-01 replaced them). The
	// App Service Environment (hostingEnvironments, kind ASEv3) uses it too: GA, and live in every region.
	web: '2023-12-01',
	connections: '2016-06-01',
	network: '2024-05-01',
	// Private DNS has its own, shorter list: 2024-05-01 is not valid there.
	privateDns: '2020-06-01',
	storage: '2023-05-01',
	identity: '2023-01-31',
	roleAssignments: '2022-04-01',
	// Not in infra-apiversions.json: needed to grant the key vault role in the vault's own resource group.
	deployments: '2022-09-01',
} as const;

export const DEPLOYMENT_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const DEPLOYMENT_PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
export type JsonObject = {[key: string]: Json};

// Expression helpers. Literals inside expressions double their single quotes; plain strings that start with `[`
// would be read as expressions, so they get ARM's `[[` escape.
export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const x = (body: string) => `[${body}]`;
export const p = (name: string) => `parameters('${name}')`;
export const v = (name: string) => `variables('${name}')`;
export const rid = (type: string, ...names: string[]) => `resourceId(${[q(type), ...names].join(', ')})`;
export const literal = (s: string) => (s.startsWith('[') ? `[${s}` : s);
