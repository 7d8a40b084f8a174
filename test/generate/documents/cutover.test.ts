// Parallel-run safety and a complete cut-over: every migrated workflow is deployed disabled (FlowState) in the
// template, the app settings and local.settings.json, unless the admin decides otherwise per workflow; cutover.md
// disables each ISE original before it enables the new workflow, hands callers their new URL, re-grants identities,
// authorises connections, links the integration account, keeps the run history, and says how to go back.
import {describe, expect, test} from 'vitest';
import {SWITCH_RISK, triggerOf} from '../../../source/analysis/triggers.js';
import {checkTemplate} from '../infra/arm-check.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {sample} from './sample.js';

const decidedBlockers = (f: {severity: string; recommended: string}) => (f.severity === 'blocker' ? f.recommended : undefined);
const lines = (text: string) => text.split('\n');
const indexOf = (text: string, pattern: RegExp) => lines(text).findIndex((l) => pattern.test(l));

describe('every workflow is deployed disabled unless decided otherwise', () => {
	const s = sample((f) => (f.id === 'workflow:shipping-quote-calculator:flow-state' ? 'enabled' : decidedBlockers(f)));
	const included = s.preview.plan.workflows.filter((w) => w.include);
	const template = JSON.parse(s.file('infra/azuredeploy.json'));
	const parameters = JSON.parse(s.file('infra/azuredeploy.parameters.json')).parameters;
	const local = JSON.parse(s.file('local.settings.json')).Values;

	test('a start-up finding per workflow, in one group, recommending disabled', () => {
		const flow = s.migration.findings.filter((f) => f.id.endsWith(':flow-state'));
		expect(flow.map((f) => f.workflows![0]).sort()).toEqual(s.migration.inventory.workflows.map((w) => w.name).sort());
		expect(new Set(flow.map((f) => f.group?.key))).toEqual(new Set(['workflow:flow-state']));
		for (const f of flow) expect(f.recommended).toBe('disabled');
		// A polling trigger's finding says what running beside the ISE original would do.
		expect(flow.find((f) => f.subject.key === 'partner-catalog-sftp')!.detail).toMatch(/starts when new or changed items appear.*beside its ISE original.*processed again/);
	});

	test('the template writes Workflows.<folder>.FlowState for every workflow from its workflowStates parameter', () => {
		expect(parameters.workflowStates.value).toEqual(Object.fromEntries(included.map((w) => [w.folder, w.folder === 'shipping-quote-calculator' ? 'Enabled' : 'Disabled'])));
		const site = template.resources.find((r: {type: string}) => r.type === 'Microsoft.Web/sites');
		const settings = new Map(site.properties.siteConfig.appSettings.map((x: {name: string; value: string}) => [x.name, x.value]));
		for (const w of included) expect(settings.get(`Workflows.${w.folder}.FlowState`)).toBe(`[parameters('workflowStates')['${w.folder}']]`);
		// Evaluated as Azure would: the deployed value of each setting.
		const deployed = checkTemplate(template, {parameterValues: {gatewayId_db2_as400: 'x', gatewayId_sap_ecc_prd: 'x', gatewayId_sql_contoso_orders: 'x'}});
		const app = deployed.resources.find((r) => r.type === 'Microsoft.Web/sites')!;
		const values = Object.fromEntries((app.body.properties as {siteConfig: {appSettings: {name: string; value: string}[]}}).siteConfig.appSettings.map((x) => [x.name, x.value]));
		expect(values['Workflows.order-intake-sql.FlowState']).toBe('Disabled');
		expect(values['Workflows.shipping-quote-calculator.FlowState']).toBe('Enabled');
	});

	test('the app-settings list and local.settings.json carry the same states', () => {
		for (const w of included) expect(local[`Workflows.${w.folder}.FlowState`]).toBe(w.flowState);
		expect(s.file('migration/report.md')).toMatch(/`Workflows\.order-intake-sql\.FlowState` = `Disabled`/);
		expect(s.file('migration/report.md')).toMatch(/\| shipping-quote-calculator \| shipping-quote-calculator \| \*\*enabled\*\* \|/);
	});

	test('the caveat is said where it bites: a later app-settings deployment without the key enables the workflow', () => {
		expect(s.file('infra/README.md')).toMatch(/one without these keys .* enables every workflow at once/);
		expect(s.file('migration/cutover.md')).toMatch(/one without a `Workflows\.<workflow>\.FlowState` key enables that workflow at once/);
		expect(parameters.workflowStates).toBeDefined();
		expect(template.parameters.workflowStates.metadata.description).toMatch(/a workflow whose key is missing runs/);
	});

	test('a workflow left out gets no FlowState and no switch step', () => {
		const out = sample((f) => (f.id === 'workflow:customer-sync-erp:limits' ? 'exclude' : undefined));
		expect(JSON.parse(out.file('infra/azuredeploy.parameters.json')).parameters.workflowStates.value['customer-sync-erp']).toBeUndefined();
		expect(out.file('migration/cutover.md')).not.toContain('customer-sync-erp');
	});
});

describe('the switch: no item processed twice', () => {
	const s = sample(decidedBlockers);
	const cutover = s.file('migration/cutover.md');
	const report = JSON.parse(s.file('migration/report.json'));

	test('each workflow that starts by itself is enabled only after its ISE original is disabled and its runs have ended', () => {
		let checked = 0;
		for (const w of report.workflows.filter((x: {included: boolean}) => x.included)) {
			const enable = indexOf(cutover, new RegExp(`Workflows\\.${w.folder}\\.FlowState=Enabled`));
			expect(enable, w.folder).toBeGreaterThan(0);
			if (!SWITCH_RISK[w.trigger.kind as keyof typeof SWITCH_RISK].startsByItself) continue;
			const disable = indexOf(cutover, new RegExp(`workflows/${w.name}/disable\\?`));
			const runs = indexOf(cutover, new RegExp(`workflows/${w.name}/runs\\?`));
			expect(disable, w.folder).toBeGreaterThan(0);
			expect(runs, w.folder).toBeGreaterThan(disable);
			expect(enable, w.folder).toBeGreaterThan(runs);
			checked++;
		}
		expect(checked).toBeGreaterThanOrEqual(12);
	});

	test('workflows called by others are switched on before those that call them, whose ISE originals are disabled later', () => {
		// order-fulfilment-servicebus calls sap-order-create by name in the new app.
		expect(indexOf(cutover, /Workflows\.sap-order-create\.FlowState=Enabled/)).toBeLessThan(indexOf(cutover, /Workflows\.order-fulfilment-servicebus\.FlowState=Enabled/));
		expect(indexOf(cutover, /workflows\/sap-order-create\/disable\?/)).toBeGreaterThan(indexOf(cutover, /workflows\/order-fulfilment-servicebus\/disable\?/));
	});

	test('each switch has a way back, and the whole cut-over a rollback', () => {
		expect(cutover).toMatch(/Way back: `az logicapp config appsettings set .*Workflows\.partner-catalog-sftp\.FlowState=Disabled"`, wait for its runs to end, then `az rest --method post --url ".*workflows\/partner-catalog-sftp\/enable\?api-version=2016-06-01"`/);
		expect(cutover).toMatch(/## \d+\. Rollback/);
	});

	test('the report says which triggers would reprocess or skip items when switched', () => {
		const md = s.file('migration/report.md');
		const table = md.slice(md.indexOf('### What each trigger does when it is switched'));
		expect(table).toMatch(/\| partner-catalog-sftp \| when new or changed items appear .*\| .*may be processed again, and items added while neither runs may be skipped.* \| \[U\] \|/);
		expect(table).toMatch(/\| shipment-tracking-eventhub \| when events arrive in an event stream.*skipping those in between.*reprocessing them/);
		expect(table).toMatch(/\| order-intake-sql \| when called over HTTP .*\| Nothing is reprocessed or skipped/);
		const json = report.workflows.find((w: {name: string}) => w.name === 'daily-sales-report');
		expect(json.trigger).toMatchObject({kind: 'recurrence', certainty: 'U'});
	});
});

describe('a complete cut-over', () => {
	const s = sample(decidedBlockers);
	const cutover = s.file('migration/cutover.md');

	test('request triggers: callers are told, with the command that gives the new URL and the one that shows the old', () => {
		const block = cutover.slice(cutover.indexOf('### order-intake-sql'), cutover.indexOf('### sap-order-create'));
		expect(block).toMatch(/b2b-as2-x12-inbound calls it by name in the new app\. Anyone outside that calls the ISE URL must get the new one/);
		expect(block).toMatch(/New URL: `az rest --method post --url ".*\/providers\/Microsoft\.Web\/sites\/\$APP\/hostruntime\/runtime\/webhooks\/workflow\/api\/management\/workflows\/order-intake-sql\/triggers\/manual\/listCallbackUrl\?api-version=2023-12-01" --query value -o tsv`/);
		expect(block).toMatch(/Old URL: `az rest --method post --url ".*\/Microsoft\.Logic\/workflows\/order-intake-sql\/triggers\/manual\/listCallbackUrl\?api-version=2016-06-01"/);
	});

	test('identities, connections, the integration account and the run history', () => {
		expect(cutover).toMatch(/Grant the app's identity every role the ISE workflows' identities held/);
		expect(cutover).toMatch(/az role assignment create --assignee "\$PRINCIPAL"/);
		const authorise = cutover.split('\n').find((l) => /authorise each managed API connection the template creates: /.test(l))!;
		expect(authorise).toContain('office365-invoices (office365)');
		expect(authorise).toContain('db2-as400 (db2, through the data gateway)');
		expect(cutover).toMatch(/Create a non-ISE integration account .*WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL/);
		expect(cutover).toMatch(/Run history stays in the ISE: the new app starts with none/);
	});

	test('the customer-managed key is set up by the template: the list has the admin check and verify it, not configure it again', () => {
		expect(cutover).not.toMatch(/Configure the runtime storage account with the customer-managed key/);
		expect(cutover).toMatch(
			/^\d+\. \[ \] The template encrypts the runtime storage with the customer-managed key `ise-storage-cmk` of `kv-contoso-ise-cmk`: check first that the vault has soft delete and purge protection .*verify that the storage account's Encryption blade shows that key\.$/m,
		);
		const storage = JSON.parse(s.file('infra/azuredeploy.json')).resources.find((r: {type: string}) => r.type === 'Microsoft.Storage/storageAccounts');
		expect(storage.properties.encryption.keySource).toBe('Microsoft.Keyvault');
	});

	test('the steps are numbered in one run, the sections in order', () => {
		const numbers = lines(cutover)
			.map((l) => /^(\d+)\. \[ \]/.exec(l)?.[1])
			.filter((n): n is string => n !== undefined)
			.map(Number);
		expect(numbers).toEqual(numbers.map((_, i) => i + 1));
		const sections = lines(cutover).filter((l) => l.startsWith('## ')).map((l) => l.replace(/^## \d+\. /, ''));
		expect(sections.slice(0, 5)).toEqual([
			'Blockers first',
			'Build the hosting and the network',
			'Open the paths to every system',
			'Settings, connections and identities',
			'Deploy the project and test it: every workflow still disabled',
		]);
	});
});

describe('triggerOf()', () => {
	test.each([
		[{manual: {type: 'Request', kind: 'Http'}}, 'request'],
		[{manual: {type: 'Request', description: 'Placeholder: the ftp trigger was excluded'}}, 'placeholder'],
		[{t: {type: 'Recurrence', recurrence: {frequency: 'Day', interval: 1}}}, 'recurrence'],
		[{t: {type: 'ApiConnectionWebhook'}}, 'webhook'],
		[{t: {type: 'ServiceProvider', inputs: {serviceProviderConfiguration: {operationId: 'receiveQueueMessages'}}}}, 'queue'],
		[{t: {type: 'ServiceProvider', inputs: {serviceProviderConfiguration: {operationId: 'receiveEvents'}}}}, 'stream'],
		[{t: {type: 'ServiceProvider', inputs: {serviceProviderConfiguration: {operationId: 'whenABlobIsAddedOrModified'}}}}, 'watermark'],
		[{t: {type: 'ApiConnection', inputs: {path: '/datasets/default/triggers/onupdatedfile'}}}, 'watermark'],
		[{}, 'none'],
	])('%j is %s', (triggers, kind) => {
		expect(triggerOf({triggers}).kind).toBe(kind);
	});
});

describe('steps that sign in with a user-assigned identity', () => {
	const UAI = '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-orders';
	// The sample with one HTTP step signing in with a named identity, one naming it by a parameter, one with the app's own.
	const inventory = contosoInventory();
	const [first, second] = inventory.workflows;
	const withAuth = (wf: typeof first, name: string, authentication: Record<string, unknown>) => {
		(wf!.definition.actions as Record<string, unknown>)[name] = {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: 'https://api.contoso.internal/x', authentication}};
	};
	withAuth(first, 'Call_with_uai', {type: 'ManagedServiceIdentity', identity: UAI, audience: 'api://orders'});
	withAuth(first, 'Call_with_app', {type: 'ManagedServiceIdentity', audience: 'api://orders'});
	withAuth(second, 'Call_by_parameter', {type: 'ManagedServiceIdentity', identity: "@parameters('identityId')"});
	const s = sample(decidedBlockers, inventory);
	const template = JSON.parse(s.file('infra/azuredeploy.json'));
	const cutover = s.file('migration/cutover.md');

	test('the app carries the identity a step names, beside its own, so the step keeps its roles', () => {
		const site = template.resources.find((r: {type: string}) => r.type === 'Microsoft.Web/sites');
		expect(site.identity).toEqual({type: 'SystemAssigned, UserAssigned', userAssignedIdentities: {[UAI]: {}}});
		expect(s.file('infra/README.md')).toMatch(/carries the user-assigned identity workflow steps or connections sign in with.*`uai-orders`.*Managed Identity Operator/);
	});

	test('cutover.md says which steps keep their identity, and which name it by an expression and need it added by hand', () => {
		expect(cutover).toMatch(new RegExp(`user-assigned identity keep it.*\`uai-orders\` beside its own \\(${first!.name} › Call_with_uai\\)`));
		expect(cutover).toMatch(new RegExp(`name their identity by an expression.*${second!.name} › Call_by_parameter: @parameters\\('identityId'\\)`));
		// Only the step with no identity named is listed for the app's own identity's roles.
		const system = lines(cutover).find((l) => l.includes('The app has a new system-assigned identity'))!;
		expect(system).toContain('Call_with_app');
		expect(system).not.toContain('Call_with_uai');
		// report.json keeps both lists per workflow.
		const report = JSON.parse(s.file('migration/report.json'));
		const w = report.workflows.find((x: {name: string}) => x.name === first!.name);
		expect(w.identitySteps).toContain('Call_with_app');
		expect(w.userAssignedIdentitySteps).toEqual([{step: 'Call_with_uai', identity: UAI}]);
	});
});
