// No ARM template expression survives into a workflow: what the files decide is evaluated; a template parameter
// they give no value becomes a workflow parameter read where the value would have gone; what only Azure can
// evaluate (reference(), list*()) becomes an app parameter or app setting to fill in.
import {describe, expect, it} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {generate, plan} from '../../../source/generate/index.js';
import type {Inventory} from '../../../source/model/index.js';
import {buildInventory} from '../../../source/sources/templates/build.js';
import {liftText} from '../../../source/sources/templates/lift.js';
import {isTemplateExpression} from '../../../source/model/arm-expression.js';
import {fileText} from '../../../source/model/fileset.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function template(actions: Record<string, unknown>, extra: {parameters?: Record<string, unknown>; variables?: Record<string, unknown>; defParams?: Record<string, unknown>} = {}) {
	return {
		$schema: SCHEMA,
		contentVersion: '1.0.0.0',
		parameters: {
			proc: {type: 'string'},
			table: {type: 'string', defaultValue: 'Orders'},
			token: {type: 'securestring'},
			settings: {type: 'object'},
			...extra.parameters,
		},
		variables: {q: "'", ...extra.variables},
		resources: [
			{
				type: 'Microsoft.Logic/workflows',
				apiVersion: '2019-05-01',
				name: 'orders',
				location: 'westeurope',
				properties: {
					definition: {
						$schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
						contentVersion: '1.0.0.0',
						parameters: {...extra.defParams},
						triggers: {manual: {type: 'Request', kind: 'Http', inputs: {schema: {}}}},
						actions,
						outputs: {},
					},
				},
			},
		],
	};
}

function load(json: unknown): Inventory {
	return buildInventory([{file: 'azuredeploy.json', kind: 'template', json}], {label: 'test', name: 'test'}).inventory;
}

const compose = (inputs: unknown) => ({type: 'Compose', inputs, runAfter: {}});
const inputsOf = (inv: Inventory, action: string) => (inv.workflows[0]!.definition['actions'] as Record<string, {inputs: unknown}>)[action]!.inputs;

describe('template expressions in a workflow definition', () => {
	it('are evaluated where the files decide them', () => {
		const inv = load(template({A: compose("[concat('table ', parameters('table'))]"), B: compose('[[literal]')}));
		expect(inputsOf(inv, 'A')).toBe('table Orders');
		expect(inputsOf(inv, 'B')).toBe('[literal]');
	});

	it('read a workflow parameter in place of a template parameter the files give no value', () => {
		const inv = load(
			template({
				Text: compose("[concat('run ', parameters('proc'), ' now')]"),
				Embedded: compose("[concat('@{toUpper(', variables('q'), parameters('proc'), variables('q'), ')}')]"),
				Mixed: compose("[concat('@{concat(', variables('q'), 'dbo.', parameters('proc'), variables('q'), ', body(''X''))}')]"),
				Whole: compose("[parameters('settings')]"),
				Expression: compose("[concat('@equals(', parameters('proc'), ', 1)')]"),
			}),
		);
		expect(inputsOf(inv, 'Text')).toBe("run @{parameters('proc')} now");
		expect(inputsOf(inv, 'Embedded')).toBe("@{toUpper(parameters('proc'))}");
		expect(inputsOf(inv, 'Mixed')).toBe("@{concat(concat('dbo.', parameters('proc')), body('X'))}");
		expect(inputsOf(inv, 'Whole')).toBe("@parameters('settings')");
		expect(inputsOf(inv, 'Expression')).toBe("@equals(parameters('proc'), 1)");
		expect(inv.workflows[0]!.definition['parameters']).toMatchObject({proc: {type: 'String'}, settings: {type: 'Object'}});
		expect(inv.issues?.filter((i) => /template parameter '(proc|settings)'.*fill in/.test(i.message))).toHaveLength(2);
	});

	it('a secure template parameter is never read: it becomes a SecureString workflow parameter, so an app setting', () => {
		const inv = load(template({Call: {type: 'Http', runAfter: {}, inputs: {method: 'GET', uri: 'https://x', headers: {Authorization: "[concat('Bearer ', parameters('token'))]"}}}}));
		expect((inputsOf(inv, 'Call') as {headers: unknown}).headers).toEqual({Authorization: "Bearer @{parameters('token')}"});
		expect(inv.workflows[0]!.definition['parameters']).toMatchObject({token: {type: 'SecureString'}});
		const files = generate(plan(inv, analyze(inv), {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
		expect(JSON.parse(files.get('parameters.json')!).token).toEqual({type: 'String', value: "@appsetting('orders_token')"});
	});

	it("reuses a workflow parameter declared with the template parameter as its default, and drops that default", () => {
		const inv = load(
			template({A: compose("[concat('x', parameters('proc'))]")}, {defParams: {proc: {type: 'String', defaultValue: "[parameters('proc')]"}, table: {type: 'String', defaultValue: 'mine'}}}),
		);
		expect(inputsOf(inv, 'A')).toBe("x@{parameters('proc')}");
		expect(inv.workflows[0]!.definition['parameters']).toEqual({proc: {type: 'String'}, table: {type: 'String', defaultValue: 'mine'}});
	});

	it('a workflow parameter of the same name but another meaning is not taken over', () => {
		const inv = load(template({A: compose("[concat('x', parameters('proc'))]")}, {defParams: {proc: {type: 'Int', defaultValue: 3}}}));
		expect(inputsOf(inv, 'A')).toBe("x@{parameters('proc_template')}");
		expect(inv.workflows[0]!.definition['parameters']).toMatchObject({proc: {type: 'Int', defaultValue: 3}, proc_template: {type: 'String'}});
	});

	it('what only Azure can evaluate stays verbatim in the inventory, and the project gets an app parameter to fill instead', () => {
		const inv = load(
			template({
				Url: compose("[listCallbackUrl(resourceId('Microsoft.Logic/workflows/triggers', 'child', 'manual'), '2019-05-01').value]"),
				Lower: compose("[toLower(parameters('proc'))]"),
			}),
		);
		expect(inputsOf(inv, 'Url')).toMatch(/^\[listCallbackUrl/);
		expect(inputsOf(inv, 'Lower')).toBe("[toLower(parameters('proc'))]");
		const files = generate(plan(inv, analyze(inv), {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
		const wf = JSON.parse(fileText(files.get('orders/workflow.json'))).definition;
		expect(wf.actions.Url.inputs).toBe("@parameters('orders_Url_inputs')");
		expect(wf.actions.Lower.inputs).toBe("@parameters('orders_Lower_inputs')");
		expect(JSON.stringify(wf)).not.toMatch(/"\[/);
		const report = fileText(files.get('migration/report.md'));
		expect(report).toContain('## Parameters to fill in');
		expect(report).toMatch(/`orders_Lower_inputs` \(orders\): step Lower used the template expression \[toLower\(parameters\('proc'\)\)\]/);
		// A callback URL carries its signature: it is a secret, so it comes from an app setting.
		expect(JSON.parse(files.get('parameters.json')!).orders_Url_inputs).toEqual({type: 'String', value: "@appsetting('orders_Url_inputs')"});
		expect(JSON.parse(files.get('local.settings.json')!).Values.orders_Url_inputs).toBe('');
		expect(fileText(files.get('migration/cutover.md'))).toMatch(/Fill in the 1 empty app parameter of parameters.json/);
	});
});

describe('liftText()', () => {
	const S = (i: number) => `\uE000${i}\uE001`;
	const names = (i: number) => ['a', 'b'][i]!;
	it('puts each reference in its context', () => {
		const used = new Set<number>();
		expect(liftText(`x ${S(0)} y`, names, used)).toBe("x @{parameters('a')} y");
		expect(liftText(`@{concat('p${S(0)}', '${S(1)}')}`, names, used)).toBe("@{concat(concat('p', parameters('a')), parameters('b'))}");
		expect(liftText(`@body('${S(0)}')`, names, used)).toBeUndefined();
		expect(liftText(`@@{x} ${S(0)}`, names, used)).toBe("@@{x} @{parameters('a')}");
		expect([...used].sort()).toEqual([0, 1]);
	});
});

describe('isTemplateExpression()', () => {
	it('tells template expressions from bracketed text', () => {
		for (const t of ["[parameters('x')]", "[concat('a', 'b')]", "[reference('x').outputs]", "[variables('v')[0]]"]) expect(isTemplateExpression(t), t).toBe(true);
		for (const t of ['[dbo].[Orders]', '[1,2]', '[[x]', '[x]', 'plain', '["a"]']) expect(isTemplateExpression(t), t).toBe(false);
	});
});
