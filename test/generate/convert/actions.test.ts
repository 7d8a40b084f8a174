// Function and ApiManagement actions become their Standard form: the action names a connection, connections.json
// holds the target (merged by resource id across workflows), keys only as app setting references.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {walkOperations} from '../../../source/analysis/walk.js';
import {buildConnectionsJson, convertWorkflow, rewriteFunctionAndApiManagementActions} from '../../../source/generate/convert/index.js';
import {generate} from '../../../source/generate/index.js';
import {plan} from '../../../source/generate/plan.js';
import {write} from '../../../source/generate/write.js';
import {fileText, type Workflow} from '../../../source/model/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {CHECK_PROJECT, itCorpus} from '../../helpers/corpus.js';
import {SUB, text, workflow} from './build.js';

const FAKE_KEY = 'sk-FAKE-0f9e8d7c6b5a4321';
const FAKE_FN_KEY = 'fnkey-FAKE-a1b2c3d4e5';
const fnId = (app: string, fn: string, rg = 'rg-fn') => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Web/sites/${app}/functions/${fn}`;
const apiId = (svc: string, api: string) => `/subscriptions/${SUB}/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/${svc}/apis/${api}`;
const keep = () => 'managed' as const;

/** Function in a Scope, API Management in a Foreach inside it, both as the Consumption designer writes them. */
function orders(): Workflow {
	return workflow(
		'orders',
		{
			actions: {
				Validate: {
					type: 'Scope',
					runAfter: {},
					actions: {
						Check_address: {
							type: 'Function',
							runAfter: {},
							inputs: {function: {id: fnId('func-contoso', 'ValidateAddress')}, method: 'POST', body: "@triggerBody()?['shipTo']", headers: {'x-functions-key': FAKE_FN_KEY}},
						},
						Each_line: {
							type: 'Foreach',
							foreach: "@triggerBody()?['lines']",
							runAfter: {Check_address: ['Succeeded']},
							actions: {
								Get_rate: {
									type: 'ApiManagement',
									runAfter: {},
									inputs: {
										api: {id: apiId('apim-contoso', 'carrier-rates')},
										method: 'post',
										pathTemplate: {template: '/rates/{carrier}', parameters: {carrier: "@items('Each_line')?['carrier']"}},
										headers: {'Ocp-Apim-Subscription-Key': FAKE_KEY, 'x-trace': 'on'},
										body: "@items('Each_line')",
										subscriptionKey: FAKE_KEY,
										retryPolicy: {type: 'none'},
									},
								},
							},
						},
					},
				},
			},
		},
		[],
	);
}

/** The action named `name` anywhere in a definition. */
function opOf(definition: unknown, name: string): Record<string, unknown> {
	const v = [...walkOperations(definition)].find((x) => x.name === name);
	if (!v) throw new Error(`no action ${name}`);
	return v.op;
}

describe('Function and ApiManagement actions', () => {
	it('rewrites nested actions to name their connection and drops the ARM id from the action', () => {
		const wf = orders();
		const out = convertWorkflow(wf, keep);
		const fn = opOf(out.definition, 'Check_address');
		const fnName = Object.keys(out.functionConnections ?? {})[0]!;
		expect(fn).toEqual({type: 'Function', runAfter: {}, inputs: {function: {connectionName: fnName}, method: 'POST', body: "@triggerBody()?['shipTo']"}});
		expect(out.functionConnections?.[fnName]?.id).toBe(fnId('func-contoso', 'ValidateAddress'));

		const api = opOf(out.definition, 'Get_rate');
		const apiName = Object.keys(out.apiManagementConnections ?? {})[0]!;
		expect(api.type).toBe('ApiManagement');
		expect(api.runAfter).toEqual({});
		expect(api.inputs).toEqual({
			apiManagement: {connection: apiName},
			method: 'post',
			pathTemplate: {template: '/rates/{carrier}', parameters: {carrier: "@items('Each_line')?['carrier']"}},
			headers: {'x-trace': 'on'},
			body: "@items('Each_line')",
			retryPolicy: {type: 'none'},
		});
		expect(out.apiManagementConnections?.[apiName]?.id).toBe(apiId('apim-contoso', 'carrier-rates'));
		// Containers and their run order are untouched.
		expect(opOf(out.definition, 'Each_line').runAfter).toEqual({Check_address: ['Succeeded']});
		expect(out.counts.builtin).toBe(2);
		// The original workflow is not changed.
		expect(text(wf.definition)).toContain(FAKE_KEY);
	});

	it('writes functionConnections and apiManagementConnections with keys only as app setting references', () => {
		const out = convertWorkflow(orders(), keep);
		const cj = buildConnectionsJson([out]);
		const fnName = Object.keys(out.functionConnections ?? {})[0]!;
		const apiName = Object.keys(out.apiManagementConnections ?? {})[0]!;
		const fnEntry = cj.json.functionConnections?.[fnName] as Record<string, unknown>;
		expect(fnEntry.function).toEqual({id: fnId('func-contoso', 'ValidateAddress')});
		expect(fnEntry.triggerUrl).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);
		const auth = fnEntry.authentication as {type: string; name: string; value: string};
		expect([auth.type, auth.name]).toEqual(['QueryString', 'Code']);
		expect(auth.value).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);

		const apiEntry = cj.json.apiManagementConnections?.[apiName] as Record<string, unknown>;
		expect(apiEntry.apiId).toBe(apiId('apim-contoso', 'carrier-rates'));
		expect(apiEntry.baseUrl).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);
		expect(apiEntry.subscriptionKey).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);

		// Every referenced setting is listed, and the keys are flagged secret while URLs are not.
		const setting = (ref: unknown) => /'([^']+)'/.exec(String(ref))![1]!;
		const byName = new Map(cj.appSettings.map((s) => [s.name, s]));
		expect(byName.get(setting(auth.value))?.secret).toBe(true);
		expect(byName.get(setting(apiEntry.subscriptionKey))?.secret).toBe(true);
		expect(byName.get(setting(fnEntry.triggerUrl))?.secret).toBe(false);
		expect(byName.get(setting(apiEntry.baseUrl))?.secret).toBe(false);
	});

	it('lets no literal key survive: not in the workflow, connections.json, app settings or notes', () => {
		const out = convertWorkflow(orders(), keep);
		const cj = buildConnectionsJson([out]);
		const everything = text([out.definition, cj, out.notes]);
		expect(everything).not.toContain(FAKE_KEY);
		expect(everything).not.toContain(FAKE_FN_KEY);
		const notes = out.notes.filter((n) => n.operation === 'Get_rate').map((n) => n.message).join(' ');
		expect(notes).toMatch(/literal subscription key/);
	});

	it('merges one function or API called from several workflows into one entry, keeps different ones apart', () => {
		const call = (id: string) => ({type: 'Function', runAfter: {}, inputs: {function: {id}, method: 'GET'}});
		const a = workflow('a', {actions: {F: call(fnId('func-shared', 'Lookup'))}}, []);
		// Same function, id written with other casing by another template.
		const b = workflow('b', {actions: {F: call(fnId('func-shared', 'Lookup').replace('/resourceGroups/', '/resourcegroups/')), G: call(fnId('func-shared', 'Other'))}}, []);
		const c = workflow('c', {actions: {P: {type: 'ApiManagement', runAfter: {}, inputs: {api: {id: apiId('apim', 'orders')}, method: 'get', pathTemplate: {template: '/o', parameters: {}}}}}}, []);
		const d = workflow('d', {actions: {P: {type: 'ApiManagement', runAfter: {}, inputs: {api: {id: apiId('apim', 'orders')}, method: 'post', pathTemplate: {template: '/o', parameters: {}}}}}}, []);
		const converted = [a, b, c, d].map((w) => convertWorkflow(w, keep));
		const cj = buildConnectionsJson(converted);
		expect(Object.keys(cj.json.functionConnections ?? {})).toHaveLength(2);
		expect(Object.keys(cj.json.apiManagementConnections ?? {})).toHaveLength(1);
		expect(cj.conflicts).toEqual([]);
		// Both workflows point at the one entry.
		const ref = (w: (typeof converted)[number], n: string) => (opOf(w.definition, n).inputs as {function: {connectionName: string}}).function.connectionName;
		expect(ref(converted[0]!, 'F')).toBe(ref(converted[1]!, 'F'));
		expect(ref(converted[1]!, 'G')).not.toBe(ref(converted[1]!, 'F'));
		// One set of app settings per connection, not per workflow.
		expect(cj.appSettings.filter((s) => s.secret)).toHaveLength(3);
	});

	it('keeps two same-named functions of different resource groups apart, within a workflow or reported across workflows', () => {
		const call = (id: string) => ({type: 'Function', runAfter: {}, inputs: {function: {id}}});
		const one = workflow('one', {actions: {X: call(fnId('func', 'Run', 'rg-a')), Y: call(fnId('func', 'Run', 'rg-b'))}}, []);
		const out = convertWorkflow(one, keep);
		expect(Object.values(out.functionConnections ?? {}).map((c) => c.id).sort()).toEqual([fnId('func', 'Run', 'rg-a'), fnId('func', 'Run', 'rg-b')]);
		expect(text(buildConnectionsJson([out]).json)).toContain('rg-b');

		const two = [workflow('p', {actions: {X: call(fnId('func', 'Run', 'rg-a'))}}, []), workflow('q', {actions: {X: call(fnId('func', 'Run', 'rg-b'))}}, [])];
		expect(buildConnectionsJson(two.map((w) => convertWorkflow(w, keep))).conflicts).not.toEqual([]);
	});

	it('keeps an action whose Standard form is unconfirmed, says why, and still moves a literal key to an app setting', () => {
		const wf = workflow(
			'kept',
			{
				actions: {
					Msi_function: {type: 'Function', runAfter: {}, inputs: {function: {id: fnId('func', 'Secure')}, method: 'POST', authentication: {type: 'ManagedServiceIdentity'}}},
					Basic_api: {
						type: 'ApiManagement',
						runAfter: {},
						inputs: {api: {id: apiId('apim', 'legacy')}, method: 'get', pathTemplate: {template: '/x', parameters: {}}, subscriptionKey: FAKE_KEY, authentication: {type: 'Raw', value: '@parameters(\'tok\')'}},
					},
					Expr_id: {type: 'Function', runAfter: {}, inputs: {function: {id: "[resourceId('Microsoft.Web/sites/functions', 'app', 'fn')]"}}},
				},
			},
			[],
		);
		const out = convertWorkflow(wf, keep);
		expect(opOf(out.definition, 'Msi_function')).toEqual((wf.definition.actions as Record<string, unknown>).Msi_function);
		expect(opOf(out.definition, 'Expr_id')).toEqual((wf.definition.actions as Record<string, unknown>).Expr_id);
		const api = opOf(out.definition, 'Basic_api').inputs as Record<string, unknown>;
		expect(api.api).toEqual({id: apiId('apim', 'legacy')});
		expect(api.subscriptionKey).toMatch(/^@appsetting\('[A-Za-z0-9_]+'\)$/);
		expect(text(out.definition)).not.toContain(FAKE_KEY);
		expect(out.functionConnections).toEqual({});
		expect(out.apiManagementConnections).toEqual({});
		for (const name of ['Msi_function', 'Basic_api', 'Expr_id']) {
			expect(out.notes.find((n) => n.operation === name && /kept as it was/.test(n.message)), name).toBeDefined();
		}
		// The setting the kept action now reads is listed for the admin.
		const setting = /'([^']+)'/.exec(String(api.subscriptionKey))![1]!;
		expect(buildConnectionsJson([out]).appSettings.find((s) => s.name === setting)?.secret).toBe(true);
	});

	it('says where an expression-valued key came from without copying it into the connection', () => {
		const def = {
			actions: {Quote: {type: 'ApiManagement', runAfter: {}, inputs: {api: {id: apiId('apim', 'quotes')}, method: 'post', pathTemplate: {template: '/q', parameters: {}}, subscriptionKey: "@parameters('apimKey')"}}},
		};
		const r = rewriteFunctionAndApiManagementActions(def);
		expect(text(def)).not.toContain('apimKey');
		expect(r.notes.map((n) => n.message).join(' ')).toContain("parameters('apimKey')");
		expect(r.counts).toEqual({converted: 1, kept: 0});
	});
});

describe('the rewiring finding', () => {
	it('says Function and API Management actions are converted and what remains; batch still needs manual work', () => {
		const inv = contosoInventory();
		const findings = analyze(inv);
		const rewiring = findings.filter((f) => f.id.endsWith(':rewiring'));
		const fnOnly = rewiring.find((f) => /Azure Functions/.test(f.detail) && !/Batch|batch/.test(f.detail));
		expect(fnOnly?.detail).toMatch(/converted/);
		expect(fnOnly?.detail).toMatch(/app setting/);
		expect(fnOnly?.detail).toMatch(/VNet/);
		expect(fnOnly?.title).not.toMatch(/manual/);

		const batch = workflow('batcher', {actions: {Send: {type: 'SendToBatch', runAfter: {}, inputs: {batchName: 'b'}}}}, []);
		const f = analyze({...inv, workflows: [batch]}).find((x) => x.id === 'workflow:batcher:rewiring');
		expect(f?.title).toMatch(/manual/);
		expect(f?.detail).toMatch(/by hand/);
		expect(f?.detail).not.toMatch(/converted/);
	});
});

describe('the demo project', () => {
	const dirs: string[] = [];
	let demoProject: string | undefined;
	afterAll(() => {
		for (const d of dirs) fs.rmSync(d, {recursive: true, force: true});
	});

	it('generates Function and API Management connections that every such action finds', async () => {
		const inv = contosoInventory();
		const files = generate(plan(inv, analyze(inv), {}), {generatedAt: '2024-01-01T00:00:00.000Z', toolVersion: 'test'});
		const connections = JSON.parse(files.get('connections.json')!) as {functionConnections?: Record<string, unknown>; apiManagementConnections?: Record<string, unknown>};
		let fnCalls = 0;
		let apiCalls = 0;
		for (const [file, content] of files) {
			if (!file.endsWith('/workflow.json')) continue;
			for (const v of walkOperations(JSON.parse(fileText(content)).definition)) {
				const inputs = v.op.inputs as {function?: {connectionName?: string}; apiManagement?: {connection?: string}} | undefined;
				if (v.op.type === 'Function') {
					fnCalls++;
					expect(connections.functionConnections?.[inputs?.function?.connectionName ?? ''], `${file}/${v.name}`).toBeDefined();
				}
				if (v.op.type === 'ApiManagement') {
					apiCalls++;
					expect(connections.apiManagementConnections?.[inputs?.apiManagement?.connection ?? ''], `${file}/${v.name}`).toBeDefined();
				}
			}
		}
		expect(fnCalls).toBeGreaterThan(0);
		expect(apiCalls).toBeGreaterThan(0);
		const localSettings = files.get('local.settings.json')!;
		for (const ref of text(connections).matchAll(/@appsetting\('([^']+)'\)/g)) expect(localSettings).toContain(`"${ref[1]}"`);

		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ise-actions-'));
		dirs.push(dir);
		await write(files, dir);
		demoProject = dir;
	});

	itCorpus('the demo project passes check-project', () => {
		expect(demoProject, 'the test above writes it').toBeDefined();
		const r = spawnSync(process.execPath, [CHECK_PROJECT, demoProject!], {encoding: 'utf8'});
		expect(r.status, r.stdout).toBe(0);
	});
});
