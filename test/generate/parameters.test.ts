import {describe, expect, it} from 'vitest';
import {buildParameters} from '../../source/generate/parameters.js';
import {workflow} from '../helpers/inventory.js';

describe('buildParameters()', () => {
	it('moves definition parameters to parameters.json and secure ones behind app settings', () => {
		const wf = workflow('orders');
		wf.definition.parameters = {
			$connections: {type: 'Object', defaultValue: {}},
			region: {type: 'String', defaultValue: 'eu'},
			apiKey: {type: 'securestring'},
		};
		wf.parameters = {region: {value: 'west'}};
		const r = buildParameters([{workflow: wf, folder: 'orders', definition: wf.definition}]);
		expect(r.parameters.region).toEqual({type: 'String', value: 'west'});
		expect(r.parameters.apiKey).toEqual({type: 'String', value: "@appsetting('orders_apiKey')"});
		expect(r.appSettings.map((s) => [s.name, s.secret])).toEqual([['orders_apiKey', true]]);
		expect(r.definitions.get('orders')!.parameters).toBeUndefined();
		expect(JSON.stringify(r.parameters)).not.toContain('$connections');
	});

	it('renames a parameter two workflows give different values, and rewrites references', () => {
		const a = workflow('a');
		const b = workflow('b');
		for (const [wf, v] of [[a, 'x'], [b, 'y']] as const) {
			wf.definition.parameters = {env: {type: 'String', defaultValue: v}};
			wf.definition.actions = {C: {type: 'Compose', inputs: "@parameters('env')"}};
		}
		const r = buildParameters([a, b].map((w) => ({workflow: w, folder: w.name, definition: w.definition})));
		expect(r.parameters).toEqual({a_env: {type: 'String', value: 'x'}, b_env: {type: 'String', value: 'y'}});
		expect(JSON.stringify(r.definitions.get('b'))).toContain("parameters('b_env')");
	});
});

describe('parameters a definition reads without declaring them', () => {
	// A hand-written template can read a template parameter as if the workflow had it (ARM never passes it in).
	it('declares each once, empty, for the admin to fill, and says why; declared ones and $connections are left alone', () => {
		const wf = workflow('jobs');
		wf.definition.parameters = {$connections: {type: 'Object', defaultValue: {}}, region: {type: 'String', defaultValue: 'eu'}};
		wf.definition.actions = {
			Create_job: {type: 'Compose', inputs: "@{parameters('automationAccountName')}/@{parameters('region')}/@{parameters('$connections')}", runAfter: {}},
			Get_output: {type: 'Compose', inputs: {account: "@parameters('automationAccountName')", rg: "@parameters('it''s')"}, runAfter: {}},
		};
		const r = buildParameters([{workflow: wf, folder: 'jobs', definition: wf.definition}]);
		expect(r.parameters).toEqual({region: {type: 'String', value: 'eu'}, automationAccountName: {type: 'String', value: ''}, "it's": {type: 'String', value: ''}});
		expect(r.toFill.map((f) => [f.workflow, f.name])).toEqual([['jobs', 'automationAccountName'], ['jobs', "it's"]]);
		expect(r.toFill[0]!.why).toMatch(/reads it without declaring it/);
	});

	it('leaves a read that differs from a declared name only in case to the project check', () => {
		const wf = workflow('c');
		wf.definition.parameters = {Region: {type: 'String', defaultValue: 'eu'}};
		wf.definition.actions = {C: {type: 'Compose', inputs: "@parameters('region')", runAfter: {}}};
		expect(Object.keys(buildParameters([{workflow: wf, folder: 'c', definition: wf.definition}]).parameters)).toEqual(['Region']);
	});
});

describe('ARM template expressions left in a definition', () => {
	it('become app parameters to fill instead of invalid workflow strings', () => {
		const wf = workflow('proc');
		wf.definition.actions = {
			Run: {type: 'ApiConnection', inputs: {path: "[parameters('sqlProcedure')]", body: {x: "[concat('a', parameters('b'))]"}}, runAfter: {}},
			Keyed: {type: 'Http', inputs: {method: 'GET', uri: 'https://x', headers: {'x-key': "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2019-06-01').keys[0].value]"}}, runAfter: {}},
			Table: {type: 'Compose', inputs: '[dbo].[Orders]', runAfter: {}},
		};
		const r = buildParameters([{workflow: wf, folder: 'proc', definition: wf.definition}]);
		const text = JSON.stringify(r.definitions.get('proc'));
		expect(text).toContain(`"path":"@parameters('sqlProcedure')"`);
		expect(text).toContain(`"x":"@parameters('proc_Run_x')"`);
		expect(text).toContain(`"x-key":"@parameters('proc_Keyed_x_key')"`);
		// Text that only looks bracketed is ordinary workflow content.
		expect(text).toContain('"inputs":"[dbo].[Orders]"');
		expect(text).not.toMatch(/"\[(?!dbo)/);
		expect(r.parameters.sqlProcedure).toEqual({type: 'String', value: ''});
		expect(r.parameters.proc_Run_x).toEqual({type: 'String', value: ''});
		// What read keys at deployment is a secret: an app setting, not a value in parameters.json.
		expect(r.parameters.proc_Keyed_x_key).toEqual({type: 'String', value: "@appsetting('proc_Keyed_x_key')"});
		expect(r.appSettings.map((s) => s.name)).toEqual(['proc_Keyed_x_key']);
		expect(r.toFill.map((f) => f.name)).toEqual(['sqlProcedure', 'proc_Run_x']);
		expect(r.toFill[1]!.why).toContain("[concat('a', parameters('b'))]");
	});

	it('a parameter value that is a template expression is left empty to fill, never copied', () => {
		const wf = workflow('p');
		wf.definition.parameters = {target: {type: 'String', defaultValue: "[parameters('target')]"}, conf: {type: 'Object'}, plain: {type: 'String', defaultValue: 'x'}};
		wf.parameters = {conf: {value: {url: "[reference('x').url]", retries: 3}}};
		const r = buildParameters([{workflow: wf, folder: 'p', definition: wf.definition}]);
		expect(r.parameters).toEqual({target: {type: 'String', value: ''}, conf: {type: 'Object', value: {url: '', retries: 3}}, plain: {type: 'String', value: 'x'}});
		expect(r.toFill.map((f) => f.name).sort()).toEqual(['conf', 'target']);
	});
});
