import {describe, expect, it} from 'vitest';
import {integrationAccountFindings} from '../../source/analysis/rules/integration-account.js';
import {action, conn, integrationAccount, inventory, ise, optionOf, triggers, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

const mapsOnly = integrationAccount('ia-maps', {maps: [{name: 'OrderToInvoice', type: 'Xslt'}], schemas: [{name: 'Order', type: 'Xml'}]});
const transform = workflow(
	'transform',
	{triggers: triggers.request(), actions: {Transform: action('Xslt', {inputs: {content: '@triggerBody()', integrationAccount: {map: {name: 'OrderToInvoice'}}}})}},
	{integrationAccountId: mapsOnly.id},
);

describe('integration-account rule', () => {
	it('recommends project artifacts when only maps and schemas are used', () => {
		const findings = integrationAccountFindings(inventory({integrationAccounts: [mapsOnly], workflows: [transform, workflow('other')]}));
		expectWellFormed(findings);
		expect(findings).toHaveLength(1);
		const f = findings[0]!;
		expect(f.area).toBe('connectors');
		expect(f.workflows).toEqual(['transform']);
		expect(f.recommended).toBe('artifacts');
		expect(optionOf(f, 'artifacts').effects).toEqual([{type: 'integration-account', mode: 'artifacts'}]);
		expect(optionOf(f, 'artifacts').consequence).toMatch(/partners|agreements/i);
		const account = optionOf(f, 'account');
		expect(account.effects).toEqual([{type: 'integration-account', mode: 'account'}]);
		expect(account.consequence).toContain('WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL');
		expect(account.label).toMatch(/Standard/);
	});

	it('recommends an account when workflows use AS2 or X12, and names them', () => {
		const b2b = workflow('edi-in', {triggers: triggers.api('x12', 'ApiConnection')}, {connections: [conn('x12', 'x12')]});
		const [f] = integrationAccountFindings(inventory({integrationAccounts: [mapsOnly], workflows: [b2b, transform]}));
		expect(f!.recommended).toBe('account');
		expect(f!.detail).toContain('edi-in');
		expect(optionOf(f, 'artifacts').consequence).toContain('edi-in');
	});

	it('recommends an account when the account holds agreements', () => {
		const edi = integrationAccount('ia-edi', {partners: ['Contoso', 'Fabrikam'], agreements: [{name: 'c-f', type: 'AS2'}]});
		const [f] = integrationAccountFindings(inventory({integrationAccounts: [edi]}));
		expect(f!.recommended).toBe('account');
		expect(f!.detail).toMatch(/AS2/);
	});

	it('suggests a Free or Basic account for a Developer ISE', () => {
		const [f] = integrationAccountFindings(
			inventory({ise: ise({sku: {name: 'Developer', capacity: 0}}), integrationAccounts: [mapsOnly]}),
		);
		expect(optionOf(f, 'account').label).toMatch(/Free|Basic/);
	});

	it('reports an account workflows point at even when the source did not list it', () => {
		const wf = workflow('uses-missing', {}, {integrationAccountId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Logic/integrationAccounts/ia-gone'});
		const [f] = integrationAccountFindings(inventory({workflows: [wf]}));
		expectWellFormed([f!]);
		expect(f!.detail).toContain('ia-gone');
	});

	it('says nothing without integration accounts or their use', () => {
		expect(integrationAccountFindings(inventory({workflows: [workflow('plain')]}))).toEqual([]);
	});

	it('keeps the same id whatever order the accounts come in', () => {
		const other = integrationAccount('ia-b');
		const a = integrationAccountFindings(inventory({integrationAccounts: [mapsOnly, other]}))[0]!.id;
		const b = integrationAccountFindings(inventory({integrationAccounts: [other, mapsOnly]}))[0]!.id;
		expect(a).toBe(b);
	});
});
