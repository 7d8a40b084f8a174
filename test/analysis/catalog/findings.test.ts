// Connector findings as the admin reads them: one per API, one per step that cannot convert, pre-flight checks
// for known export failures, custom connectors, and stable ids.
import {describe, expect, test} from 'vitest';
import {connectorFindings} from '../../../source/analysis/rules/connectors.js';
import {customConnectorFindings} from '../../../source/analysis/rules/custom-connectors.js';
import {convertWorkflow} from '../../../source/generate/convert/index.js';
import {connectorTarget, plan} from '../../../source/generate/plan.js';
import type {Finding, Workflow} from '../../../source/model/index.js';
import {inventory} from '../../helpers/inventory.js';
import {apiOp, conn, dbl, sgl, workflow} from '../../generate/convert/build.js';

const sqlV2 = `/v2/datasets/${dbl('default')},${dbl('default')}`;
const byId = (fs: Finding[], id: string) => fs.find((f) => f.id === id);

const orders = workflow(
	'orders',
	{
		actions: {
			Load: apiOp('sql', 'post', `${sqlV2}/procedures/${dbl('[dbo].[Load]')}`, {runAfter: {}}),
			// Ordered rows: the built-in getRows documents no key for $orderby, so this one stays managed.
			Lookup: apiOp('sql', 'get', `${sqlV2}/tables/${dbl('[dbo].[Orders]')}/items`, {queries: {$filter: "Region eq 'EU'", $orderby: 'Id'}, runAfter: {}}),
		},
	},
	[conn('sql', 'sql', 'sql-orders')],
);
const billing = workflow('billing', {actions: {Bill: apiOp('db', 'post', `${sqlV2}/procedures/${dbl('[dbo].[Bill]')}`, {runAfter: {}})}}, [conn('db', 'sql', 'sql-orders')]);

describe('one finding per connector', () => {
	const findings = connectorFindings(inventory({workflows: [orders, billing]}));
	const sql = byId(findings, 'connector:sql')!;

	test('built-in is recommended where it exists, with builtin / managed / exclude options and their effects', () => {
		expect(sql).toMatchObject({kind: 'connector', area: 'connectors', recommended: 'builtin', subject: {type: 'connector', key: 'sql'}});
		expect(sql.options.map((o) => o.id)).toEqual(['builtin', 'managed', 'exclude']);
		expect(sql.options.map((o) => o.effects)).toEqual([
			[{type: 'connector', api: 'sql', target: 'builtin'}],
			[{type: 'connector', api: 'sql', target: 'managed'}],
			[{type: 'connector', api: 'sql', target: 'exclude'}],
		]);
		for (const o of sql.options) expect(o.consequence.length).toBeGreaterThan(40);
	});

	test('title and detail name the workflows and how many operations convert', () => {
		expect(sql.workflows).toEqual(['billing', 'orders']);
		expect(sql.title).toContain('2 of 3');
		// The admin sees how sure each mapping is: both converting steps are stored procedures, a [C] row.
		expect(sql.title).toContain('([C] 2)');
		expect(sql.detail).toMatch(/'Execute stored procedure \(V2\)' → executeStoredProcedure \[C\] ×2/);
		expect(sql.detail).toMatch(/stay on the managed connector.*'Get rows \(V2\)' → getRows \[C\]/);
		expect(sql.detail).toMatch(/no opt-out|Unlike Microsoft's exporter/);
		expect(sql.detail).toContain("'billing'");
		expect(sql.detail).toContain("'orders'");
		// One step stays managed, so the admin is warned.
		expect(sql.severity).toBe('warning');
	});

	test('the step that cannot convert gets its own warning, saying it stays managed and why', () => {
		const op = byId(findings, 'connector:sql:op:orders/Lookup')!;
		expect(op.severity).toBe('warning');
		expect(op.title).toContain('cannot convert to built-in');
		expect(op.detail).toContain("'$orderby'");
		expect(op.detail).toMatch(/maps 'Get rows \(V2\)' to built-in 'getRows' with certainty \[C\]/);
		expect(op.options.find((o) => o.id === 'managed-in-workflow')?.effects).toEqual([{type: 'connector', api: 'sql', target: 'managed', workflow: 'orders'}]);
		expect(byId(findings, 'connector:sql:op:orders/Load')).toBeUndefined();
	});

	test('a connector with no built-in version offers no built-in option; its webhook trigger needs public inbound', () => {
		const wf = workflow(
			'mail',
			{
				triggers: {On_mail: apiOp('o365', 'get', '/Mail/OnNewEmail', {}, 'ApiConnectionWebhook')},
				actions: {Reply: apiOp('o365', 'post', '/v2/Mail', {runAfter: {}})},
			},
			[conn('o365', 'office365', 'o365', 'managed')],
		);
		const f = byId(connectorFindings(inventory({workflows: [wf]})), 'connector:office365')!;
		expect(f.options.map((o) => o.id)).toEqual(['managed', 'exclude']);
		expect(f.recommended).toBe('managed');
		expect(f.detail).toMatch(/public inbound/);
		expect(f.severity).toBe('warning');
	});

	test('an unknown connector is a warning, not a crash, and stays managed', () => {
		const wf = workflow('odd', {actions: {X: apiOp('z', 'post', '/do', {runAfter: {}})}}, [conn('z', 'zzz-connector')]);
		const f = byId(connectorFindings(inventory({workflows: [wf]})), 'connector:zzz-connector')!;
		expect(f).toMatchObject({severity: 'warning', certainty: 'U', recommended: 'managed'});
		expect(f.options.some((o) => o.id === 'builtin')).toBe(false);
		// It is unknown to this tool, not to Azure: the title says which.
		expect(f.title).toBe("Connector 'zzz-connector': no built-in version known to this tool");
	});

	test('B2B connectors: X12 Decode converts unless later steps read its undocumented output, which the finding names', () => {
		const read = workflow(
			'edi',
			{
				actions: {
					Decode: apiOp('x12', 'post', '/decode', {body: '@triggerBody()', runAfter: {}}),
					Each: {type: 'Foreach', foreach: "@body('Decode')?['GoodMessages']", actions: {}, runAfter: {Decode: ['Succeeded']}},
				},
			},
			[conn('x12', 'x12')],
		);
		const fs = connectorFindings(inventory({workflows: [read]}));
		expect(byId(fs, 'connector:x12')).toMatchObject({recommended: 'managed'});
		// Nothing of X12 would convert here, so the built-in choice (which would change nothing) is not offered.
		expect(byId(fs, 'connector:x12')!.options.map((o) => o.id)).toEqual(['managed', 'exclude']);
		const op = byId(fs, 'connector:x12:op:edi/Decode')!;
		expect(op.detail).toMatch(/documents no outputs for the built-in X12 Decode/);
		expect(op.detail).toContain("body('Decode')?['GoodMessages']");
		const unread = workflow('edi2', {actions: {Decode: apiOp('x12', 'post', '/decode', {body: '@triggerBody()', runAfter: {}})}}, [conn('x12', 'x12')]);
		expect(byId(connectorFindings(inventory({workflows: [unread]})), 'connector:x12')).toMatchObject({recommended: 'builtin'});
	});

	test('B2B findings count the steps that convert: X12 Decode does, so the text never says none can', () => {
		const decode = (reads: boolean, n: number) => ({
			[`Decode${n}`]: apiOp('x12', 'post', '/decode', {body: '@triggerBody()', runAfter: {}}),
			...(reads ? {[`Each${n}`]: {type: 'Foreach', foreach: `@body('Decode${n}')?['GoodMessages']`, actions: {}, runAfter: {[`Decode${n}`]: ['Succeeded']}}} : {}),
		});
		const x12 = (wf: Workflow) => byId(connectorFindings(inventory({workflows: [wf]})), 'connector:x12')!;
		// One Decode converts, the other's output is read later and stays managed.
		const some = x12(workflow('edi', {actions: {...decode(false, 1), ...decode(true, 2)}}, [conn('x12', 'x12')]));
		expect(some.title).toMatch(/^X12: 1 of 2 steps can convert to built-in \(\[/);
		expect(some.detail).toMatch(/1 of 2 operations convert with confidence .*'Decode X12 message' → x12Decode/);
		expect(some.options.find((o) => o.id === 'builtin')?.consequence).toMatch(/^1 of 2 X12 steps become built-in B2B actions.* 1 step cannot be converted with confidence and stays/);
		for (const text of [some.title, some.detail, ...some.options.map((o) => o.consequence)]) {
			expect(text).not.toMatch(/no built-in conversion|none can be converted|every step stays managed/);
		}
		// Neither converts: only then does the text say none.
		const none = x12(workflow('edi', {actions: {...decode(true, 1), ...decode(true, 2)}}, [conn('x12', 'x12')]));
		expect(none.title).toBe('X12: none of its 2 steps can convert to built-in');
		expect(none.detail).toContain('None of its 2 operations converts with confidence.');
		expect(none.options.map((o) => o.id)).toEqual(['managed', 'exclude']);
	});

	test('a connector none of whose steps converts offers no built-in choice, which would change nothing', () => {
		const wf = workflow('edi', {actions: {Decode: apiOp('as2', 'post', '/decode', {runAfter: {}})}}, [conn('as2', 'as2')]);
		const fs = connectorFindings(inventory({workflows: [wf]}));
		expect(byId(fs, 'connector:as2')).toMatchObject({recommended: 'managed', title: 'AS2: its only step cannot convert to built-in'});
		expect(byId(fs, 'connector:as2')!.options.map((o) => o.id)).toEqual(['managed', 'exclude']);
		// Not "0 of 1 steps can convert": a connector with a built-in target whose steps all stay says so plainly.
		const db2 = workflow('stock', {actions: {Read: apiOp('db2', 'get', "/datasets/default/tables/@{encodeURIComponent('STOCK')}/items", {runAfter: {}})}}, [conn('db2', 'db2')]);
		expect(byId(connectorFindings(inventory({workflows: [db2]})), 'connector:db2')?.title).toBe('IBM DB2: its only step cannot convert to built-in');
		// The step's own finding says why, and only matters if AS2 ever moved to built-in in that workflow.
		const step = byId(fs, 'connector:as2:op:edi/Decode')!;
		expect(step.detail).toMatch(/not by their JSON names/);
		expect(step.relevantWhen).toMatchObject({api: 'as2', workflow: 'edi', target: 'builtin'});
	});
});

describe('per-workflow connector choices', () => {
	const wfs = [orders, billing, workflow('audit', {actions: {Log: apiOp('sql', 'get', `${sqlV2}/tables/${dbl('Audit')}/items`, {queries: {$top: 10}, runAfter: {}})}}, [conn('sql', 'sql', 'sql-audit')])];
	const inv = inventory({workflows: wfs});
	const findings = connectorFindings(inv);

	test('a shared connector gets one choice per workflow that has steps to convert, after every connector-wide finding', () => {
		const ids = findings.map((f) => f.id);
		expect(ids.filter((id) => id.includes('@'))).toEqual(['connector:sql@billing', 'connector:sql@orders']);
		// 'audit' has no step that converts: built-in or managed would give the same project, so no choice is offered.
		expect(ids).not.toContain('connector:sql@audit');
		const lastWide = Math.max(...ids.map((id, i) => (id.includes('@') ? -1 : i)));
		expect(ids.indexOf('connector:sql@billing')).toBeGreaterThan(lastWide);
		const f = byId(findings, 'connector:sql@orders')!;
		expect(f).toMatchObject({kind: 'connector', area: 'connectors', severity: 'info', workflows: ['orders'], recommended: 'inherit'});
		expect(f.title).toContain('1 of 2');
		expect(f.options.map((o) => o.id)).toEqual(['inherit', 'builtin', 'managed', 'exclude']);
		for (const target of ['builtin', 'managed', 'exclude'] as const) {
			expect(f.options.find((o) => o.id === target)?.effects).toEqual([{type: 'connector', api: 'sql', target, workflow: 'orders'}]);
		}
	});

	test('the default follows the connector-wide decision, whatever it becomes; an explicit choice overrides it for one workflow', () => {
		const decide = (id: string, optionId: string) => ({[id]: {findingId: id, optionId, decidedAt: '2024-01-01T00:00:00.000Z'}});
		const byDefault = plan(inv, findings, {});
		expect(connectorTarget(byDefault, 'orders', 'sql')).toBe('builtin');
		const wideManaged = plan(inv, findings, decide('connector:sql', 'managed'));
		expect(connectorTarget(wideManaged, 'orders', 'sql')).toBe('managed');
		expect(connectorTarget(wideManaged, 'billing', 'sql')).toBe('managed');
		const oneManaged = plan(inv, findings, decide('connector:sql@orders', 'managed'));
		expect(connectorTarget(oneManaged, 'orders', 'sql')).toBe('managed');
		expect(connectorTarget(oneManaged, 'billing', 'sql')).toBe('builtin');
		const oneBuiltin = plan(inv, findings, {...decide('connector:sql', 'managed'), ...decide('connector:sql@billing', 'builtin')});
		expect(connectorTarget(oneBuiltin, 'billing', 'sql')).toBe('builtin');
		expect(connectorTarget(oneBuiltin, 'orders', 'sql')).toBe('managed');
	});

	test('the connector-wide finding points at the per-workflow choices', () => {
		expect(byId(findings, 'connector:sql')!.detail).toMatch(/'SQL Server in …' entries further down \(2 workflows\)/);
	});

	test('no per-workflow choice for a connector used by one workflow, or one with nothing to convert', () => {
		const one = connectorFindings(inventory({workflows: [orders]}));
		expect(one.some((f) => f.id.includes('@'))).toBe(false);
		const edi = (name: string) => workflow(name, {actions: {Decode: apiOp('x12', 'post', '/decode', {runAfter: {}})}}, [conn('x12', 'x12')]);
		expect(connectorFindings(inventory({workflows: [edi('a'), edi('b')]})).some((f) => f.id.includes('@'))).toBe(false);
	});
});

describe('a message is settled by the connector that received it', () => {
	// The lock token is kept in a variable, so no step's output can be named as its source.
	const settleFromVariable = (extra: Record<string, unknown> = {}) =>
		workflow(
			'settle-var',
			{
				triggers: {On: apiOp('sb', 'get', `/${dbl('q')}/messages/head/peek`, {queries: {queueType: 'Main', sessionId: 'None'}})},
				actions: {
					...extra,
					Init: {type: 'InitializeVariable', inputs: {variables: [{name: 'lock', type: 'string', value: "@triggerBody()?['LockToken']"}]}, runAfter: {}},
					Complete: apiOp('sb', 'delete', `/${dbl('q')}/messages/complete`, {queries: {lockToken: "@variables('lock')", queueType: 'Main'}, runAfter: {Init: ['Succeeded']}}),
				},
			},
			[conn('sb', 'servicebus')],
		);
	const kinds = (wf: Workflow) => {
		const d = convertWorkflow(wf, () => 'builtin').definition as Record<string, any>;
		return {trigger: d.triggers.On.type, complete: d.actions.Complete.type};
	};

	test('a complete whose lock token comes from a variable stays managed while its trigger does, and says why', () => {
		// The headers read keeps the trigger managed; the complete must not move to built-in without it.
		const wf = settleFromVariable({Keep: {type: 'Compose', inputs: "@triggerOutputs()?['headers']", runAfter: {}}});
		expect(kinds(wf)).toEqual({trigger: 'ApiConnection', complete: 'ApiConnection'});
		const step = byId(connectorFindings(inventory({workflows: [wf]})), 'connector:servicebus:op:settle-var/Complete')!;
		expect(step.detail).toMatch(/cannot be traced to the step that received it/);
		expect(step.detail).toMatch(/comes from a variable/);
	});

	test('nor does a receiver move to built-in alone, leaving the untraced complete managed', () => {
		const wf = settleFromVariable();
		expect(kinds(wf)).toEqual({trigger: 'ApiConnection', complete: 'ApiConnection'});
		const trigger = byId(connectorFindings(inventory({workflows: [wf]})), 'connector:servicebus:op:settle-var/On')!;
		expect(trigger.detail).toContain("works on the same messages as 'Complete'");
		// Its own catalog row is named, not "no catalog mapping".
		expect(trigger.detail).toMatch(/the catalog maps 'When a message is received in a queue \(peek-lock\)' to built-in 'peekLockQueueMessagesV2'/);
	});
});

describe('pre-flight checks for known export failures', () => {
	test('Azure Queues V1 path and missing visibility timeout', () => {
		const wf = workflow(
			'jobs',
			{
				actions: {
					Put: apiOp('q', 'post', `/${sgl('jobs')}/messages`, {body: 'x', runAfter: {}}),
					Get: apiOp('q', 'get', `/v2/storageAccounts/${dbl('a')}/queues/${dbl('jobs')}/messages`, {runAfter: {}}),
					GetOk: apiOp('q', 'get', `/v2/storageAccounts/${dbl('a')}/queues/${dbl('jobs')}/messages`, {queries: {visibilitytimeout: '30'}, runAfter: {}}),
				},
			},
			[conn('q', 'azurequeues')],
		);
		const fs = connectorFindings(inventory({workflows: [wf]}));
		const put = byId(fs, 'workflow:jobs/Put:azure-queues')!;
		expect(put).toMatchObject({kind: 'workflow', area: 'workflows', severity: 'warning'});
		expect(put.detail).toMatch(/V1 queue path/);
		expect(put.detail).toContain('LogicAppsUX#2489');
		expect(byId(fs, 'workflow:jobs/Get:azure-queues')!.detail).toMatch(/no visibility timeout/);
		expect(byId(fs, 'workflow:jobs/GetOk:azure-queues')).toBeUndefined();
		expect(put.options.find((o) => o.id === 'keep-managed')?.effects).toEqual([{type: 'connector', api: 'azurequeues', target: 'managed', workflow: 'jobs'}]);
	});

	test('the Service Bus trigger becoming an array names the expressions that read the trigger body', () => {
		const wf = workflow(
			'sb',
			{
				triggers: {On_msg: apiOp('sb', 'get', `/${dbl('in')}/messages/head`, {queries: {queueType: 'Main'}})},
				actions: {
					Parse: {type: 'ParseJson', inputs: {content: "@base64ToString(triggerBody()?['ContentData'])", schema: {}}, runAfter: {}},
					Log: {type: 'Compose', inputs: "@triggerBody()?['Properties']?['source']", runAfter: {}},
				},
			},
			[conn('sb', 'servicebus')],
		);
		const f = byId(connectorFindings(inventory({workflows: [wf]})), 'workflow:sb/On_msg:servicebus-trigger-array')!;
		expect(f.severity).toBe('warning');
		expect(f.detail).toContain("base64ToString(triggerBody()?['ContentData'])");
		expect(f.detail).toContain("triggerBody()?['Properties']?['source']");
		expect(f.detail).toContain('LogicAppsUX#4846');
	});

	test('Table "Get entities" inside a For each', () => {
		const wf = workflow(
			'tables',
			{
				actions: {
					Each: {
						type: 'Foreach',
						foreach: '@createArray(1,2)',
						actions: {Get_entities: apiOp('t', 'get', `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities`, {runAfter: {}})},
						runAfter: {},
					},
					Top: apiOp('t', 'get', `/v2/storageAccounts/${dbl('a')}/tables/${sgl('orders')}/entities`, {runAfter: {}}),
				},
			},
			[conn('t', 'azuretables')],
		);
		const fs = connectorFindings(inventory({workflows: [wf]}));
		expect(byId(fs, 'workflow:tables/Get_entities:tables-in-foreach')?.title).toContain("'Each'");
		expect(byId(fs, 'workflow:tables/Top:tables-in-foreach')).toBeUndefined();
	});
});

describe('custom connectors', () => {
	const crm = (name: string) =>
		workflow(name, {actions: {Call: apiOp('crm', 'post', '/orders', {runAfter: {}})}}, [conn('crm', 'contoso-crm', 'crm', 'custom')]);

	test('one finding per custom connector with apim / http / custom-builtin / exclude; HTTP recommended for light use', () => {
		const fs = customConnectorFindings(inventory({workflows: [crm('a')]}));
		expect(fs).toHaveLength(1);
		const f = fs[0]!;
		expect(f).toMatchObject({id: 'custom-connector:contoso-crm', kind: 'custom-connector', area: 'connectors', recommended: 'http'});
		expect(f.options.map((o) => o.id)).toEqual(['apim', 'http', 'custom-builtin', 'exclude']);
		expect(f.options.find((o) => o.id === 'apim')?.effects).toEqual([{type: 'custom-connector', api: 'contoso-crm', target: 'apim'}]);
		expect(f.detail).toMatch(/why HTTP is recommended/);
		// Custom connectors are not reported as ordinary connectors.
		expect(connectorFindings(inventory({workflows: [crm('a')]})).some((x) => x.id.startsWith('connector:contoso-crm'))).toBe(false);
	});

	test('no finding without custom connectors', () => {
		expect(customConnectorFindings(inventory({workflows: [orders, billing]}))).toEqual([]);
	});

	test('API Management is recommended when many workflows share the connector', () => {
		const f = customConnectorFindings(inventory({workflows: [crm('a'), crm('b'), crm('c')]}))[0]!;
		expect(f.recommended).toBe('apim');
		expect(f.workflows).toEqual(['a', 'b', 'c']);
	});
});

describe('robustness and stable ids', () => {
	test('ids do not depend on the order of workflows or on the run', () => {
		const ids = (wfs: Workflow[]) => connectorFindings(inventory({workflows: wfs})).map((f) => f.id).sort();
		expect(ids([orders, billing])).toEqual(ids([billing, orders]));
		expect(ids([orders, billing])).toEqual(ids([orders, billing]));
	});

	test('broken definitions and unresolvable connections never crash the rules', () => {
		const broken: Workflow[] = [
			{...orders, name: 'nodef', definition: null as unknown as Workflow['definition']},
			{...orders, name: 'noconns', connections: undefined as unknown as Workflow['connections']},
			workflow('dyn', {actions: {S: {type: 'ApiConnection', inputs: {host: {connection: {name: "@parameters('$connections')[variables('k')]['connectionId']"}}, method: 'post', path: '/x'}, runAfter: {}}}}, []),
			workflow('weird', {actions: {S: {type: 'ApiConnection', inputs: 'not-an-object', runAfter: {}}}}, [conn('sql', 'sql')]),
		];
		const fs = connectorFindings(inventory({workflows: broken}));
		expect(byId(fs, 'connector:unresolved:op:dyn/S')?.severity).toBe('warning');
		expect(() => customConnectorFindings(inventory({workflows: broken}))).not.toThrow();
	});
});

describe('templates that keep ARM expressions', () => {
	test('the API and the connection name are recovered from ARM-expression ids', async () => {
		const {apiOfConnection, connectionResourceName} = await import('../../../source/analysis/catalog/index.js');
		const ref = {
			key: 'sql',
			apiId: "[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('location'), 'sql')]",
			connectionId: "[resourceId('Microsoft.Web/connections', parameters('sqlConnectionName'))]",
			connectionName: "[parameters('sqlConnectionName')]",
		};
		expect(apiOfConnection(ref)).toMatchObject({kind: 'managed', name: 'sql'});
		// A concat() whose last literal is the path to the API, after a parameter: the API, not `sql')]` or 'location'.
		const concat = "[concat(subscription().id, '/providers/Microsoft.Web/locations/', parameters('location'), '/managedApis/sql')]";
		expect(apiOfConnection({...ref, apiId: concat})).toEqual({kind: 'managed', name: 'sql'});
		expect(connectionResourceName(ref)).toBe('sqlConnectionName');
		expect(connectionResourceName({...ref, connectionName: ''})).toBe('sqlConnectionName');
	});

	test('a Service Bus trigger that stays managed raises no array warning', () => {
		const wf = workflow(
			'sess',
			{
				triggers: {On_msg: apiOp('sb', 'get', `/${sgl('in')}/messages/head/peek`, {queries: {queueType: 'Main', sessionId: 'None'}})},
				// A managed message field with no built-in counterpart keeps the trigger managed.
				actions: {Log: {type: 'Compose', inputs: "@triggerBody()?['ContentTransferEncoding']", runAfter: {}}},
			},
			[conn('sb', 'servicebus')],
		);
		const fs = connectorFindings(inventory({workflows: [wf]}));
		expect(byId(fs, 'connector:servicebus:op:sess/On_msg')).toBeDefined();
		expect(byId(fs, 'workflow:sess/On_msg:servicebus-trigger-array')).toBeUndefined();
	});
});
