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

describe('ARM template parameters left unresolved', () => {
	it('become app parameters to fill instead of invalid workflow strings', () => {
		const wf = workflow('proc');
		wf.definition.actions = {Run: {type: 'ApiConnection', inputs: {path: "[parameters('sqlProcedure')]", body: {x: "[concat('a', parameters('b'))]"}}, runAfter: {}}};
		const r = buildParameters([{workflow: wf, folder: 'proc', definition: wf.definition}]);
		const text = JSON.stringify(r.definitions.get('proc'));
		expect(text).toContain(`"path":"@parameters('sqlProcedure')"`);
		expect(r.parameters.sqlProcedure).toEqual({type: 'String', value: ''});
		expect(r.fromTemplate).toEqual([{workflow: 'proc', name: 'sqlProcedure'}]);
		// Anything more complex stays verbatim (the source finding already asks the admin to supply values).
		expect(text).toContain("[concat('a', parameters('b'))]");
	});
});
