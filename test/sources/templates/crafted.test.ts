// Hand-made folders for each kind of real-world file the loader must take (or refuse with a reason).
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseApiId, type Inventory} from '../../../source/model/index.js';
import {SourceLoadError, openSource} from '../../../source/sources/from-path.js';
import {serializeSnapshot} from '../../../source/sources/snapshot.js';
import {loadFromPath} from '../../../source/sources/templates/load.js';

const dirs: string[] = [];
afterAll(async () => {
	await Promise.all(dirs.map(d => fs.rm(d, {recursive: true, force: true})));
});

/** A temp folder holding `files` (objects are written as JSON, strings as they are). */
async function folder(files: Record<string, unknown>): Promise<string> {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'ise-migrate-tpl-'));
	dirs.push(root);
	for (const [rel, content] of Object.entries(files)) {
		const file = path.join(root, rel);
		await fs.mkdir(path.dirname(file), {recursive: true});
		if (content instanceof Uint8Array) await fs.writeFile(file, content);
		else await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
	}
	return root;
}

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
const DEF_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const SUB = 'a1b2c3d4-1111-2222-3333-444455556666';

function definition(...keys: string[]) {
	return {
		$schema: DEF_SCHEMA,
		contentVersion: '1.0.0.0',
		parameters: {$connections: {type: 'Object', defaultValue: {}}},
		triggers: {manual: {type: 'Request', kind: 'Http', inputs: {}}},
		actions: Object.fromEntries(
			keys.map(k => [`Use_${k}`, {type: 'ApiConnection', inputs: {host: {connection: {name: `@parameters('$connections')['${k}']['connectionId']`}}, method: 'get', path: '/x'}}]),
		),
		outputs: {},
	};
}

/** A template with one connection and one workflow using it, names from parameters. */
function workflowTemplate(opts: {workflow?: string; api?: string; withDefaults?: boolean; type?: string; connType?: string} = {}) {
	const api = opts.api ?? 'sql';
	return {
		$schema: SCHEMA,
		contentVersion: '1.0.0.0',
		parameters: {
			workflowName: {type: 'string', ...(opts.withDefaults === false ? {} : {defaultValue: opts.workflow ?? 'orders'})},
			connName: {type: 'string', defaultValue: `${api}-conn`},
			location: {type: 'string', defaultValue: '[resourceGroup().location]'},
		},
		resources: [
			{
				type: opts.connType ?? 'Microsoft.Web/connections',
				apiVersion: '2016-06-01',
				name: "[parameters('connName')]",
				location: "[parameters('location')]",
				properties: {
					displayName: `${api} connection`,
					api: {id: `[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('location'), '${api}')]`},
					parameterValues: {password: 'do-not-keep-me', server: 'db.example.org'},
				},
			},
			{
				type: opts.type ?? 'Microsoft.Logic/workflows',
				apiVersion: '2019-05-01',
				name: "[parameters('workflowName')]",
				location: "[parameters('location')]",
				properties: {
					definition: definition(api),
					parameters: {
						$connections: {
							value: {
								[api]: {
									id: `[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('location'), '${api}')]`,
									connectionId: "[resourceId('Microsoft.Web/connections', parameters('connName'))]",
									connectionName: "[parameters('connName')]",
								},
							},
						},
					},
				},
			},
		],
	};
}

/** The object at a path inside test JSON, to edit a template in place. */
function dig(root: unknown, ...keys: (string | number)[]): Record<string, unknown> {
	let at: unknown = root;
	for (const k of keys) at = (at as Record<string | number, unknown>)[k];
	if (typeof at !== 'object' || at === null) throw new Error(`no object at ${keys.join('.')}`);
	return at as Record<string, unknown>;
}

const apiNames = (inv: Inventory) => inv.workflows.flatMap(w => w.connections.map(c => parseApiId(c.apiId).name));

describe('file encodings and syntax', () => {
	it('reads a UTF-8 BOM, comments and trailing commas, and UTF-16 with a BOM', async () => {
		const text = JSON.stringify(workflowTemplate(), null, 2);
		const withComments = `// exported by hand\n${text.replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0", /* block */')}`.replace(/\n}$/, ',\n}');
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(workflowTemplate({workflow: 'wide'})), 'utf16le')]);
		const root = await folder({'bom/azuredeploy.json': `\uFEFF${text}`, 'jsonc/azuredeploy.json': withComments, 'utf16/azuredeploy.json': new Uint8Array(utf16)});
		const {inventory, skipped} = await loadFromPath(root);
		expect(skipped).toEqual([]);
		expect(inventory.workflows.map(w => w.name).sort()).toEqual(['orders', 'orders', 'wide']);
	});

	it('lists non-JSON, broken JSON and unrelated JSON as skipped, with reasons', async () => {
		const root = await folder({
			'azuredeploy.json': workflowTemplate(),
			'README.md': '# notes',
			'main.bicep': 'resource x',
			'broken.json': '{\n  "resources": [\n    { "type": \n  ]\n}',
			'package.json': {name: 'x', version: '1.0.0', dependencies: {}},
			'empty.json': '',
			'storage.json': {$schema: SCHEMA, contentVersion: '1.0.0.0', resources: [{type: 'Microsoft.Storage/storageAccounts', name: 'sa', apiVersion: '2023-01-01'}]},
		});
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows).toHaveLength(1);
		const reason = (f: string) => skipped.find(s => s.file === f)?.reason;
		expect(reason('README.md')).toMatch(/not a \.json file/);
		expect(reason('main.bicep')).toMatch(/Bicep.*az bicep build/);
		expect(reason('broken.json')).toMatch(/not valid JSON.*line 4, column/);
		expect(reason('package.json')).toMatch(/not an ARM template.*keys: name, version/);
		expect(reason('empty.json')).toMatch(/empty/);
		expect(reason('storage.json')).toMatch(/no workflows.*Microsoft\.Storage\/storageAccounts/);
	});

	it('skips a Standard workflow definition (a built-in ServiceProvider step, even nested, and no kind) instead of migrating it', async () => {
		const sp = {type: 'ServiceProvider', inputs: {parameters: {}, serviceProviderConfiguration: {connectionName: 'serviceBus', operationId: 'sendMessage', serviceProviderId: '/serviceProviders/serviceBus'}}, runAfter: {}};
		const standard = {...definition(), actions: {Scope: {type: 'Scope', actions: {Condition: {type: 'If', expression: {}, actions: {}, else: {actions: {Send: sp}}}}, runAfter: {}}}};
		const root = await folder({'consumption.json': definition('A'), 'standard/workflow.json': standard, 'codeview.json': {definition: {...definition(), actions: {Send: sp}}, parameters: {}}});
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows).toHaveLength(1);
		for (const file of ['standard/workflow.json', 'codeview.json']) {
			expect(skipped.find(s => s.file === file)?.reason).toMatch(/Standard logic app workflow \(it uses built-in service provider operations, which only Standard runs\): already single-tenant/);
		}
	});

	it('skips a Standard workflow definition that reads app settings (appsetting() exists only in Standard), not one that only mentions the word', async () => {
		const http = (uri: string) => ({type: 'Http', inputs: {method: 'GET', uri}, runAfter: {}});
		const reads = {...definition(), actions: {Call: http("@appsetting('partner_api_url')")}};
		const interpolated = {...definition(), actions: {Call: http("https://@{appsetting('partner_host')}/orders")}};
		const mentions = {...definition(), actions: {Note: {type: 'Compose', inputs: ['set the appsetting( values before go-live', "@@appsetting('literal')", "@concat('read appsetting(x) in Standard')"], runAfter: {}}}};
		const root = await folder({'reads.json': reads, 'interpolated.json': {definition: interpolated, parameters: {}}, 'mentions.json': mentions});
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows).toHaveLength(1);
		for (const file of ['reads.json', 'interpolated.json']) {
			expect(skipped.find(s => s.file === file)?.reason).toMatch(/Standard logic app workflow \(it reads app settings with appsetting\(\), which only Standard has\): already single-tenant/);
		}
		expect(skipped.find(s => s.file === 'mentions.json')).toBeUndefined();
	});
});

describe('templates', () => {
	it('takes resource types in any case (MICROSOFT.LOGIC/WORKFLOWS, MICROSOFT.WEB/CONNECTIONS)', async () => {
		const t = workflowTemplate({type: 'MICROSOFT.LOGIC/WORKFLOWS', connType: 'MICROSOFT.WEB/CONNECTIONS', api: 'servicebus'});
		// Without an `id` in $connections the API must come from the connection resource.
		delete dig(t, 'resources', 1, 'properties', 'parameters', '$connections', 'value', 'servicebus')['id'];
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		expect(inventory.workflows).toHaveLength(1);
		const c = inventory.workflows[0]!.connections[0]!;
		expect(parseApiId(c.apiId).name).toBe('servicebus');
		expect(c.displayName).toBe('servicebus connection');
		expect(c.parameterNames).toEqual(['password', 'server']);
	});

	it('never keeps secret connection parameter values or secure parameter values; keeps where the system is', async () => {
		const t = workflowTemplate();
		dig(t, 'parameters')['apiKey'] = {type: 'securestring'};
		dig(t, 'resources', 1, 'properties', 'definition', 'actions')['Call'] = {type: 'Http', inputs: {method: 'GET', uri: 'https://x', headers: {key: "[parameters('apiKey')]"}}};
		const root = await folder({'t.json': t, 't.parameters.json': {$schema: PARAMS_SCHEMA, parameters: {apiKey: {value: 'sup3r-secret'}}}});
		const {inventory} = await loadFromPath(root);
		const text = serializeSnapshot(inventory);
		expect(text).not.toContain('do-not-keep-me');
		// The server a connection points at is not a secret, and the migration needs it (prefilled settings, networking).
		expect(inventory.workflows[0]!.connections[0]).toMatchObject({parameterNames: ['password', 'server'], values: {server: 'db.example.org'}});
		expect(text).not.toContain('sup3r-secret');
		expect(inventory.issues?.some(i => /apiKey.*secure/.test(i.message))).toBe(true);
	});

	it('applies X.parameters.json to X.json, parameters.json to template.json, and names the extra one it did not apply', async () => {
		const root = await folder({
			'a/logic.json': workflowTemplate({withDefaults: false}),
			'a/logic.parameters.json': {$schema: PARAMS_SCHEMA, parameters: {workflowName: {value: 'from-params'}}},
			'a/logic.parameters.dev.json': {$schema: PARAMS_SCHEMA, parameters: {workflowName: {value: 'from-dev'}}},
			'b/template.json': workflowTemplate({withDefaults: false}),
			'b/parameters.json': {parameters: {workflowName: {value: 'portal-export'}}},
			'c/orphan.parameters.json': {$schema: PARAMS_SCHEMA, parameters: {x: {value: 1}}},
		});
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows.map(w => w.name).sort()).toEqual(['from-params', 'portal-export']);
		expect(skipped.find(s => s.file === 'a/logic.parameters.dev.json')?.reason).toMatch(/only logic\.parameters\.json is applied/);
		expect(skipped.find(s => s.file === 'c/orphan.parameters.json')?.reason).toMatch(/no matching template \(expected orphan\.json/);
	});

	it('a single template file picks up the parameters file next to it', async () => {
		const root = await folder({
			'azuredeploy.json': workflowTemplate({withDefaults: false}),
			'azuredeploy.parameters.json': {$schema: PARAMS_SCHEMA, parameters: {workflowName: {value: 'next-door'}}},
		});
		const {inventory, stats} = await loadFromPath(path.join(root, 'azuredeploy.json'));
		expect(inventory.workflows.map(w => w.name)).toEqual(['next-door']);
		expect(stats.filesRead).toBe(2);
	});

	it('resolves connection names computed by expressions and ties them to their connection resources', async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {env: {type: 'string', defaultValue: 'PRD'}, loc: {type: 'string', defaultValue: 'westeurope'}},
			variables: {prefix: "[format('cn-{0}', toLower(parameters('env')))]", apis: ['sql', 'azureblob']},
			resources: [
				{
					type: 'Microsoft.Web/connections',
					name: "[concat(variables('prefix'), '-', variables('apis')[copyIndex()])]",
					copy: {name: 'conns', count: "[length(variables('apis'))]"},
					location: "[parameters('loc')]",
					properties: {api: {id: "[concat(subscription().id, '/providers/Microsoft.Web/locations/', parameters('loc'), '/managedApis/', variables('apis')[copyIndex()])]"}},
				},
				{
					type: 'Microsoft.Logic/workflows',
					name: "[concat('la-', toLower(parameters('env')), '-orders')]",
					location: "[parameters('loc')]",
					properties: {
						definition: definition('db', 'files'),
						parameters: {
							$connections: {
								value: {
									db: {connectionId: "[resourceId('Microsoft.Web/connections', concat(variables('prefix'), '-sql'))]"},
									files: {connectionName: "[concat(variables('prefix'), '-azureblob')]"},
								},
							},
						},
					},
				},
			],
		};
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		const w = inventory.workflows[0]!;
		expect(w.name).toBe('la-prd-orders');
		expect(w.location).toBe('westeurope');
		expect(w.connections.map(c => [c.key, c.connectionName, parseApiId(c.apiId).name, parseApiId(c.apiId).scope])).toEqual([
			['db', 'cn-prd-sql', 'sql', 'westeurope'],
			['files', 'cn-prd-azureblob', 'azureblob', 'westeurope'],
		]);
		expect(w.connections[1]!.connectionId).toMatch(/\/providers\/Microsoft\.Web\/connections\/cn-prd-azureblob$/);
	});

	it('reads nested deployments: outer-scoped ones with the parent parameters, inner-scoped with the values passed in, another resource group', async () => {
		const inner = workflowTemplate({withDefaults: false});
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {name: {type: 'string', defaultValue: 'outer-flow'}, otherRg: {type: 'string', defaultValue: 'rg-integration'}},
			resources: [
				{
					type: 'Microsoft.Resources/deployments',
					apiVersion: '2022-09-01',
					name: 'outerScoped',
					properties: {
						mode: 'Incremental',
						template: {
							$schema: SCHEMA,
							contentVersion: '1.0.0.0',
							resources: [{type: 'Microsoft.Logic/workflows', name: "[parameters('name')]", properties: {definition: definition()}}],
						},
					},
				},
				{
					type: 'Microsoft.Resources/deployments',
					apiVersion: '2022-09-01',
					name: 'innerScoped',
					resourceGroup: "[parameters('otherRg')]",
					properties: {
						mode: 'Incremental',
						expressionEvaluationOptions: {scope: 'inner'},
						parameters: {workflowName: {value: "[concat(parameters('name'), '-inner')]"}},
						template: inner,
					},
				},
				{type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'linked', properties: {templateLink: {uri: 'https://example.org/t.json'}}},
			],
		};
		const {inventory} = await loadFromPath(await folder({'main.json': t}));
		const byName = Object.fromEntries(inventory.workflows.map(w => [w.name, w]));
		expect(Object.keys(byName).sort()).toEqual(['outer-flow', 'outer-flow-inner']);
		expect(byName['outer-flow-inner']!.resourceGroup).toBe('rg-integration');
		expect(byName['outer-flow-inner']!.id).toMatch(/\/resourceGroups\/rg-integration\/providers\/Microsoft\.Logic\/workflows\/outer-flow-inner$/);
		expect(apiNames(inventory)).toEqual(['sql']);
		expect(byName['outer-flow-inner']!.origin).toBe('main.json › innerScoped');
		expect(inventory.issues?.some(i => /linked template.*example\.org/.test(i.message))).toBe(true);
	});

	it('reports no gaps of a file that holds nothing to migrate, except parts it could not read at all', async () => {
		// An App Service template beside the workflows: its parameters without values concern nothing migrated.
		const site = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {storageName: {type: 'string'}, planName: {type: 'string'}},
			resources: [
				{type: 'Microsoft.Web/serverfarms', apiVersion: '2022-03-01', name: "[parameters('planName')]", location: 'westeurope'},
				{type: 'Microsoft.Storage/storageAccounts', apiVersion: '2022-09-01', name: "[parameters('storageName')]", location: 'westeurope'},
				// …but a linked template it does not hold may be where the workflows are.
				{type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'more', properties: {templateLink: {uri: 'https://example.org/flows.json'}}},
			],
		};
		const {inventory, skipped} = await loadFromPath(await folder({'site.json': site, 'flows.json': workflowTemplate({withDefaults: false})}));
		expect(skipped.map(s => s.file)).toContain('site.json');
		const bySite = (inventory.issues ?? []).filter(i => i.where.startsWith('site.json'));
		expect(bySite.map(i => i.message)).toEqual([expect.stringMatching(/linked template.*example\.org\/flows\.json/)]);
		// The workflow's own file still reports its parameter without a value.
		expect(inventory.issues?.some(i => i.where.startsWith('flows.json') && /workflowName/.test(i.message))).toBe(true);
	});

	it("reads a connection the workflow signs in to with its managed identity, as Learn's templates write one", async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {},
			resources: [
				{
					type: 'Microsoft.Web/connections',
					apiVersion: '2016-06-01',
					name: 'sb-events',
					location: 'westeurope',
					kind: 'V1',
					properties: {
						api: {id: `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/servicebus`},
						parameterValueType: 'Alternative',
						alternativeParameterValues: {namespaceEndpoint: 'sb://contoso-events.servicebus.windows.net/'},
					},
				},
				{
					type: 'Microsoft.Logic/workflows',
					apiVersion: '2019-05-01',
					name: 'events-out',
					location: 'westeurope',
					properties: {
						definition: definition('servicebus'),
						parameters: {
							$connections: {
								value: {
									servicebus: {
										id: `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westeurope/managedApis/servicebus`,
										connectionId: "[resourceId('Microsoft.Web/connections', 'sb-events')]",
										connectionName: 'sb-events',
										connectionProperties: {authentication: {type: 'ManagedServiceIdentity'}},
									},
								},
							},
						},
					},
				},
			],
		};
		const {inventory} = await loadFromPath(await folder({'events.json': t}));
		expect(inventory.workflows[0]!.connections[0]).toMatchObject({authType: 'ManagedServiceIdentity', values: {namespaceEndpoint: 'sb://contoso-events.servicebus.windows.net/'}});
	});

	it('keeps two workflows with the same name from two folders apart', async () => {
		const root = await folder({'team-a/orders.json': workflowTemplate(), 'team-b/orders.json': workflowTemplate({api: 'ftp'})});
		const {inventory} = await loadFromPath(root);
		expect(inventory.workflows.map(w => w.name)).toEqual(['orders', 'orders']);
		expect(new Set(inventory.workflows.map(w => w.id)).size).toBe(2);
		expect(inventory.workflows.map(w => w.origin)).toEqual(['team-a/orders.json', 'team-b/orders.json']);
		expect(inventory.workflows.map(w => parseApiId(w.connections[0]!.apiId).name)).toEqual(['sql', 'ftp']);
	});

	it('records what it cannot resolve as an issue and keeps the text verbatim, without failing', async () => {
		const t = workflowTemplate();
		dig(t, 'resources', 1, 'properties', 'definition', 'actions')['Stamp'] = {type: 'Compose', inputs: "[reference('other').outputs.when.value]"};
		dig(t, 'resources', 1, 'properties', 'parameters', '$connections', 'value')['mystery'] = {
			id: "[myLib.apiId('x')]",
			connectionId: "[resourceId('Microsoft.Web/connections', 'mystery')]",
		};
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		const w = inventory.workflows[0]!;
		expect((w.definition['actions'] as Record<string, {inputs: unknown}>)['Stamp']!.inputs).toBe("[reference('other').outputs.when.value]");
		const mystery = w.connections.find(c => c.key === 'mystery')!;
		expect(mystery.apiId).toBe("[myLib.apiId('x')]");
		const messages = (inventory.issues ?? []).map(i => i.message).join('\n');
		expect(messages).toMatch(/reference\('other'\)/);
		expect(messages).toMatch(/mystery.*myLib\.apiId/);
	});

	it('a definition and parameters given as expressions are evaluated to the objects they stand for', async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			variables: {def: definition('sql'), params: {$connections: {value: {sql: {id: '[concat(subscription().id, \'/providers/Microsoft.Web/locations/eastus/managedApis/sql\')]', connectionId: 'c/sql'}}}}},
			resources: [{type: 'Microsoft.Logic/workflows', name: 'by-variable', properties: {definition: "[variables('def')]", parameters: "[variables('params')]"}}],
		};
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		const w = inventory.workflows[0]!;
		expect(Object.keys(w.definition['actions'] as object)).toEqual(['Use_sql']);
		expect(parseApiId(w.connections[0]!.apiId)).toEqual({kind: 'managed', name: 'sql', scope: 'eastus'});
		expect(inventory.issues?.some(i => /no definition/.test(i.message))).toBe(false);
	});

	it('copy loops over a parameter array expand one resource per element', async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {flows: {type: 'array', defaultValue: ['billing', 'shipping', 'returns']}},
			resources: [
				{
					type: 'Microsoft.Logic/workflows',
					name: "[parameters('flows')[copyIndex()]]",
					copy: {name: 'flows', count: "[length(parameters('flows'))]"},
					properties: {definition: definition()},
				},
			],
		};
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		expect(inventory.workflows.map(w => w.name)).toEqual(['billing', 'shipping', 'returns']);
	});
});

describe('resource-group exports and saved API answers', () => {
	const ISE_ID = `/subscriptions/${SUB}/resourceGroups/rg-ise/providers/Microsoft.Logic/integrationServiceEnvironments/ise-prod`;

	it('a resource-group export: real subscription and group recovered, ISE inferred from the ids, ISE connectors listed', async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			parameters: {
				workflows_orders_name: {defaultValue: 'orders', type: 'String'},
				workflows_invoices_name: {defaultValue: 'invoices', type: 'String'},
				connections_sql_name: {defaultValue: 'sql', type: 'String'},
				connections_sql_externalid: {defaultValue: `/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.Web/connections/sql`, type: 'String'},
				integrationServiceEnvironments_ise_prod_externalid: {defaultValue: ISE_ID, type: 'String'},
			},
			variables: {},
			resources: [
				{
					type: 'Microsoft.Web/connections',
					apiVersion: '2016-06-01',
					name: "[parameters('connections_sql_name')]",
					location: 'westeurope',
					properties: {displayName: 'orders-db', api: {id: `${ISE_ID}/managedApis/sql`}, parameterValues: {}},
				},
				...['orders', 'invoices'].map(n => ({
					type: 'Microsoft.Logic/workflows',
					apiVersion: '2017-07-01',
					name: `[parameters('workflows_${n}_name')]`,
					location: 'westeurope',
					properties: {
						state: 'Enabled',
						integrationServiceEnvironment: {id: "[parameters('integrationServiceEnvironments_ise_prod_externalid')]"},
						definition: definition('sql'),
						parameters: {
							$connections: {
								value: {sql: {connectionId: "[parameters('connections_sql_externalid')]", connectionName: 'sql', id: `${ISE_ID}/managedApis/sql`}},
							},
						},
					},
				})),
			],
		};
		const {inventory} = await loadFromPath(await folder({'ExportedTemplate-rg-apps/template.json': t}));
		expect(inventory.workflows.map(w => w.name)).toEqual(['orders', 'invoices']);
		const w = inventory.workflows[0]!;
		expect(w.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg-apps/providers/Microsoft.Logic/workflows/orders`);
		expect(w.resourceGroup).toBe('rg-apps');
		expect(w.state).toBe('Enabled');
		expect(w.location).toBe('westeurope');
		expect(w.connections[0]).toMatchObject({key: 'sql', connectionName: 'sql', displayName: 'orders-db'});
		expect(parseApiId(w.connections[0]!.apiId)).toEqual({kind: 'ise', name: 'sql', scope: 'ise-prod'});
		expect(inventory.ise).toMatchObject({id: ISE_ID, name: 'ise-prod', subscriptionId: SUB, resourceGroup: 'rg-ise', sku: {name: 'NotSpecified', capacity: 0}});
		expect(inventory.ise.tags?.['ise-migrate:inferred']).toBeDefined();
		expect(inventory.managedApis.map(a => a.name)).toEqual(['sql']);
		expect(inventory.issues?.some(i => /ise-prod.*not among them/.test(i.message))).toBe(true);
		expect(inventory.issues?.some(i => /placeholders stand in for the subscription|resource group rg-from-templates/.test(i.message))).toBe(false);
	});

	it('raw workflow resources as ARM returns them (one, a list, a {value} page), literal and unevaluated', async () => {
		const wf = (name: string, rg: string) => ({
			id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Logic/workflows/${name}`,
			name,
			type: 'Microsoft.Logic/workflows',
			location: 'northeurope',
			properties: {
				state: 'Disabled',
				integrationServiceEnvironment: {id: ISE_ID, name: 'ise-prod', type: 'Microsoft.Logic/integrationServiceEnvironments'},
				definition: {...definition('ftp'), actions: {...definition('ftp').actions, Literal: {type: 'Compose', inputs: '[1,2]'}}},
				parameters: {
					$connections: {value: {ftp: {id: `${ISE_ID}/managedApis/ftp`, connectionId: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Web/connections/ftp-1`, connectionName: 'ftp-1'}}},
					retries: {type: 'Int', value: 4},
				},
			},
		});
		const root = await folder({
			'one.json': wf('pull-files', 'rg-a'),
			'list.json': [wf('pull-files', 'rg-b')],
			'page.json': {value: [wf('push-files', 'rg-a')]},
		});
		const {inventory} = await loadFromPath(root);
		expect(inventory.workflows.map(w => `${w.resourceGroup}/${w.name}`)).toEqual(['rg-b/pull-files', 'rg-a/pull-files', 'rg-a/push-files']);
		const w = inventory.workflows[1]!;
		expect(w.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Logic/workflows/pull-files`);
		expect(w.state).toBe('Disabled');
		expect(w.parameters).toEqual({retries: {value: 4}});
		expect((w.definition['actions'] as Record<string, {inputs: unknown}>)['Literal']!.inputs).toBe('[1,2]');
		expect(inventory.ise.name).toBe('ise-prod');
		expect(inventory.managedApis).toEqual([{name: 'ftp'}]);
	});

	it('a bare workflow definition becomes a workflow named after its file, its connectors guessed from their keys', async () => {
		const root = await folder({'flows/invoice-intake.json': definition('sql_1', 'office365'), 'flows/Shipping/workflow.json': definition()});
		const {inventory} = await loadFromPath(root);
		expect(inventory.workflows.map(w => w.name).sort()).toEqual(['Shipping', 'invoice-intake']);
		const w = inventory.workflows.find(x => x.name === 'invoice-intake')!;
		expect(w.connections.map(c => [c.key, parseApiId(c.apiId).name])).toEqual([
			['sql_1', 'sql'],
			['office365', 'office365'],
		]);
		expect(inventory.issues?.some(i => /sql_1.*'sql' is assumed/.test(i.message))).toBe(true);
	});

	it("the designer's code view ({definition, parameters}) keeps its $connections", async () => {
		const root = await folder({
			'codeview.json': {
				definition: definition('azureblob'),
				parameters: {$connections: {value: {azureblob: {id: `/subscriptions/${SUB}/providers/Microsoft.Web/locations/westus/managedApis/azureblob`, connectionId: 'x/azureblob', connectionName: 'azureblob'}}}},
			},
		});
		const {inventory} = await loadFromPath(root);
		expect(inventory.workflows[0]!.name).toBe('codeview');
		expect(parseApiId(inventory.workflows[0]!.connections[0]!.apiId)).toEqual({kind: 'managed', name: 'azureblob', scope: 'westus'});
		expect(inventory.issues?.some(i => /is assumed/.test(i.message))).toBe(false);
	});

	it('integration accounts with maps, schemas, partners and agreements, nested or top-level', async () => {
		const t = {
			$schema: SCHEMA,
			contentVersion: '1.0.0.0',
			resources: [
				{
					type: 'Microsoft.Logic/integrationAccounts',
					name: 'ia-b2b',
					sku: {name: 'Standard'},
					properties: {},
					resources: [
						{type: 'maps', name: 'OrderToInvoice', properties: {mapType: 'Xslt'}},
						{type: 'Microsoft.Logic/integrationAccounts/schemas', name: 'ia-b2b/Order', properties: {schemaType: 'Xml'}},
					],
				},
				{type: 'Microsoft.Logic/integrationAccounts/partners', name: 'ia-b2b/Contoso', properties: {partnerType: 'B2B'}},
				{type: 'Microsoft.Logic/integrationAccounts/agreements', name: 'ia-b2b/Contoso-Fabrikam', properties: {agreementType: 'X12'}},
				{
					type: 'Microsoft.Logic/workflows',
					name: 'b2b-flow',
					properties: {definition: definition(), integrationAccount: {id: "[resourceId('Microsoft.Logic/integrationAccounts', 'ia-b2b')]"}},
				},
			],
		};
		const {inventory} = await loadFromPath(await folder({'t.json': t}));
		expect(inventory.integrationAccounts).toHaveLength(1);
		expect(inventory.integrationAccounts[0]).toMatchObject({
			name: 'ia-b2b',
			sku: 'Standard',
			maps: [{name: 'OrderToInvoice', type: 'Xslt'}],
			schemas: [{name: 'Order', type: 'Xml'}],
			partners: ['Contoso'],
			agreements: [{name: 'Contoso-Fabrikam', type: 'X12'}],
		});
		expect(inventory.workflows[0]!.integrationAccountId).toBe(inventory.integrationAccounts[0]!.id);
	});
});

describe('choosing the ISE, errors and progress', () => {
	const iseResource = (name: string, rg: string, sku: string) => ({
		id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Logic/integrationServiceEnvironments/${name}`,
		name,
		type: 'Microsoft.Logic/integrationServiceEnvironments',
		location: 'westeurope',
		sku: {name: sku, capacity: sku === 'Premium' ? 2 : 0},
		properties: {networkConfiguration: {accessEndpoint: {type: 'Internal'}, subnets: []}},
	});

	it('with several ISEs in the files, the one named is migrated and only its workflows come along', async () => {
		const flow = (name: string, iseName: string, rg: string) => ({
			id: `/subscriptions/${SUB}/resourceGroups/apps/providers/Microsoft.Logic/workflows/${name}`,
			name,
			type: 'Microsoft.Logic/workflows',
			properties: {definition: definition(), integrationServiceEnvironment: {id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Logic/integrationServiceEnvironments/${iseName}`}},
		});
		const root = await folder({
			'ises.json': [iseResource('ise-dev', 'rg-dev', 'Developer'), iseResource('ise-prd', 'rg-prd', 'Premium')],
			'flows.json': [flow('a', 'ise-dev', 'rg-dev'), flow('b', 'ise-prd', 'rg-prd'), flow('c', 'ISE-PRD', 'RG-PRD')],
		});
		const byDefault = await loadFromPath(root);
		expect(byDefault.inventory.ise.name).toBe('ise-prd');
		expect(byDefault.inventory.ise.sku).toEqual({name: 'Premium', capacity: 2});
		expect(byDefault.inventory.workflows.map(w => w.name)).toEqual(['b', 'c']);
		const chosen = await loadFromPath(root, {ise: 'ise-dev'});
		expect(chosen.inventory.workflows.map(w => w.name)).toEqual(['a']);
		await expect(loadFromPath(root, {ise: 'ise-test'})).rejects.toThrow(/No ISE named 'ise-test'.*ise-dev, ise-prd/);
	});

	it('says what is wrong and what to do: missing path, nothing usable, a broken single file', async () => {
		const err = await loadFromPath('/definitely/not/here').catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SourceLoadError);
		expect((err as Error).message).toMatch(/Nothing at \/definitely\/not\/here.*ARM template/);
		const empty = await folder({'package.json': {name: 'x'}, 'notes.txt': 'hello'});
		await expect(loadFromPath(empty)).rejects.toThrow(/No ARM templates.*package\.json: JSON, but not an ARM template/);
		const onlyStorage = await folder({'storage.json': {$schema: SCHEMA, contentVersion: '1.0.0.0', resources: [{type: 'Microsoft.Storage/storageAccounts', name: 'sa'}]}});
		await expect(loadFromPath(onlyStorage)).rejects.toThrow(/No workflows, ISE or integration accounts.*Microsoft\.Storage\/storageAccounts/);
		const broken = await folder({'t.json': '{"resources": [}'});
		await expect(loadFromPath(path.join(broken, 't.json'))).rejects.toThrow(/t\.json cannot be used: not valid JSON: .* at line 1, column 16/);
	});

	it('reports progress as files are read and stops when cancelled', async () => {
		const root = await folder({'a.json': workflowTemplate(), 'b/b.json': workflowTemplate({workflow: 'other'}), 'c.txt': 'x'});
		const seen: {filesRead: number; resourcesFound: number; file?: string}[] = [];
		const {stats} = await loadFromPath(root, {onProgress: p => seen.push(p)});
		expect(seen.map(p => p.filesRead)).toEqual([1, 2, 2]);
		expect(seen.map(p => p.file)).toEqual(['a.json', 'b/b.json', undefined]);
		expect(seen.at(-1)).toEqual({filesRead: 2, resourcesFound: 4});
		expect(stats).toEqual({filesRead: 2, resourcesFound: 4});
		const controller = new AbortController();
		const cancelled = loadFromPath(root, {signal: controller.signal, onProgress: () => controller.abort()});
		await expect(cancelled).rejects.toThrow(/abort/i);
	});
});

describe('openSource', () => {
	it('opens an ise-migrate snapshot as a snapshot and templates as templates', async () => {
		const root = await folder({'t.json': workflowTemplate()});
		const fromTemplates = await openSource(root);
		expect(fromTemplates.kind).toBe('templates');
		const snapDir = await folder({'estate.snapshot.json': `\uFEFF${serializeSnapshot(fromTemplates.inventory)}`});
		const snap = await openSource(path.join(snapDir, 'estate.snapshot.json'));
		expect(snap.kind).toBe('snapshot');
		await fs.copyFile(path.join(snapDir, 'estate.snapshot.json'), path.join(snapDir, 'estate.snapshot'));
		expect((await openSource(path.join(snapDir, 'estate.snapshot'))).kind).toBe('snapshot');
		expect(snap.inventory).toEqual(JSON.parse(JSON.stringify(fromTemplates.inventory)));
		// Inside a folder of templates a snapshot is not mixed in.
		const mixed = await folder({'t.json': workflowTemplate(), 'old.json': serializeSnapshot(fromTemplates.inventory)});
		const {skipped} = await openSource(mixed);
		expect(skipped.find(s => s.file === 'old.json')?.reason).toMatch(/snapshot: open it on its own/);
	});

	it('passes snapshot problems through with the exact path', async () => {
		const root = await folder({'bad.json': {formatVersion: 1, source: {kind: 'templates', label: 'x'}}});
		await expect(openSource(path.join(root, 'bad.json'))).rejects.toThrow(/bad\.json: ise: missing/);
	});
});
