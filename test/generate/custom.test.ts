import {describe, expect, it} from 'vitest';
import {rewriteCustomConnectorSteps} from '../../source/generate/custom.js';
import {resolveOperations} from '../../source/analysis/operations.js';
import {SUB, workflow} from '../helpers/inventory.js';

const customApi = `/subscriptions/${SUB}/resourceGroups/rg-int/providers/Microsoft.Web/customApis/contoso-erp`;

function erpWorkflow() {
	const wf = workflow('erp-sync');
	wf.connections = [{key: 'erp', apiId: customApi, connectionId: '/x/connections/erp', connectionName: 'erp'}];
	wf.definition.actions = {
		Get_customers: {
			type: 'ApiConnection',
			inputs: {host: {connection: {name: "@parameters('$connections')['erp']['connectionId']"}}, method: 'get', path: '/api/customers', queries: {since: '@{utcNow()}'}},
			runAfter: {},
		},
		Scope: {type: 'Scope', actions: {Ack: {type: 'ApiConnection', inputs: {host: {connection: {name: "@parameters('$connections')['erp']['connectionId']"}}, method: 'post', path: '/api/ack', body: {ok: true}}, runAfter: {}}}, runAfter: {Get_customers: ['Succeeded']}},
	};
	return wf;
}

describe('custom connector steps', () => {
	it('become HTTP actions to an app-setting base URL when the admin chose HTTP', () => {
		const input = erpWorkflow();
		const before = JSON.stringify(input);
		const r = rewriteCustomConnectorSteps(input, {'contoso-erp': 'http'}, resolveOperations({workflows: [input]}).all);
		expect(JSON.stringify(input)).toBe(before);
		const actions = r.workflow.definition.actions as Record<string, any>;
		expect(actions.Get_customers).toMatchObject({type: 'Http', inputs: {method: 'GET', uri: "@{appsetting('contoso_erp_baseUrl')}/api/customers", queries: {since: '@{utcNow()}'}}, runAfter: {}});
		expect(actions.Scope.actions.Ack).toMatchObject({type: 'Http', inputs: {method: 'POST', body: {ok: true}}});
		expect(r.workflow.connections).toEqual([]);
		expect(r.appSettings.map((s) => s.name)).toEqual(['contoso_erp_baseUrl']);
		expect(r.notes).toHaveLength(2);
	});

	it('adds the API Management key header for APIM and leaves other choices alone', () => {
		const apim = rewriteCustomConnectorSteps(erpWorkflow(), {'contoso-erp': 'apim'}, resolveOperations({workflows: [erpWorkflow()]}).all);
		const get = (apim.workflow.definition.actions as Record<string, any>).Get_customers;
		expect(get.inputs.headers['Ocp-Apim-Subscription-Key']).toBe("@appsetting('contoso_erp_apimSubscriptionKey')");
		expect(apim.appSettings.find((s) => s.name.endsWith('SubscriptionKey'))?.secret).toBe(true);
		const kept = rewriteCustomConnectorSteps(erpWorkflow(), {'contoso-erp': 'custom-builtin'}, resolveOperations({workflows: [erpWorkflow()]}).all);
		expect((kept.workflow.definition.actions as Record<string, any>).Get_customers.type).toBe('ApiConnection');
		expect(kept.workflow.connections).toHaveLength(1);
	});
});
