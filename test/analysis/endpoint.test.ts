import {describe, expect, it} from 'vitest';
import {endpointFindings} from '../../source/analysis/rules/endpoint.js';
import {action, byId, conn, inventory, ise, optionOf, triggers, workflow} from './builder.js';
import {expectWellFormed} from './shape.js';

const eventGrid = workflow('on-blob-event', {triggers: triggers.api('eg', 'ApiConnectionWebhook')}, {connections: [conn('eg', 'azureeventgrid')]});
const mail = workflow('on-mail', {triggers: triggers.api('o365', 'ApiConnectionNotification', 'When_a_new_email_arrives')}, {connections: [conn('o365', 'office365')]});
const timer = workflow('nightly');

function webhookBlocker(findings: ReturnType<typeof endpointFindings>) {
	return findings.find((f) => f.severity === 'blocker');
}

describe('endpoint rule', () => {
	it('maps an Internal ISE to a private endpoint, with restricted public access as the alternative', () => {
		const findings = endpointFindings(inventory({ise: ise({accessEndpoint: 'Internal'}), workflows: [timer]}));
		expectWellFormed(findings);
		expect(findings).toHaveLength(1);
		const f = findings[0]!;
		expect(f.area).toBe('network');
		expect(f.options.map((o) => o.id).sort()).toEqual(['private-endpoint', 'public-restricted']);
		expect(optionOf(f, f.recommended).effects).toEqual([{type: 'inbound', mode: 'private-endpoint'}]);
	});

	it('maps an External ISE to a restricted public endpoint and still offers public and private', () => {
		const [f] = endpointFindings(inventory({ise: ise({accessEndpoint: 'External'})}));
		expectWellFormed([f!]);
		expect(optionOf(f, f!.recommended).effects).toEqual([{type: 'inbound', mode: 'public-restricted'}]);
		expect(optionOf(f, 'public').effects).toEqual([{type: 'inbound', mode: 'public'}]);
		expect(optionOf(f, 'private-endpoint').effects).toEqual([{type: 'inbound', mode: 'private-endpoint'}]);
	});

	it('blocks an Internal ISE whose workflows wait for callbacks from outside services, naming them', () => {
		const findings = endpointFindings(inventory({workflows: [eventGrid, mail, timer]}));
		expectWellFormed(findings);
		const blocker = webhookBlocker(findings);
		expect(blocker).toBeDefined();
		expect(blocker!.workflows?.sort()).toEqual(['on-blob-event', 'on-mail']);
		expect(blocker!.detail).toMatch(/Event Grid/);
		expect(blocker!.detail).toMatch(/Office 365/);
		expect(blocker!.detail).not.toMatch(/nightly/);
		expect(optionOf(blocker, 'public-restricted').effects).toEqual([{type: 'inbound', mode: 'public-restricted'}]);
		expect(optionOf(blocker, 'exclude').effects).toEqual(
			expect.arrayContaining([
				{type: 'workflow', workflow: 'on-blob-event', include: false},
				{type: 'workflow', workflow: 'on-mail', include: false},
			]),
		);
		expect(optionOf(blocker, 'exclude').effects).toHaveLength(2);
		const convert = optionOf(blocker, 'convert').effects[0];
		expect(convert?.type).toBe('acknowledge');
		expect(convert?.type === 'acknowledge' && convert.todo).toMatch(/on-blob-event/);
		// The inbound choice itself warns that these callbacks break behind a private endpoint.
		const choice = findings.find((f) => f.severity !== 'blocker')!;
		expect(optionOf(choice, 'private-endpoint').consequence).toMatch(/on-blob-event/);
	});

	it('raises no webhook blocker for an External ISE', () => {
		const findings = endpointFindings(inventory({ise: ise({accessEndpoint: 'External'}), workflows: [eventGrid, mail]}));
		expect(webhookBlocker(findings)).toBeUndefined();
		expect(findings).toHaveLength(1);
	});

	it('ignores polling triggers of the same services', () => {
		const poll = workflow('sp-poll', {triggers: triggers.api('sp', 'ApiConnection')}, {connections: [conn('sp', 'sharepointonline')]});
		expect(webhookBlocker(endpointFindings(inventory({workflows: [poll]})))).toBeUndefined();
	});

	it('treats SAP as a webhook only when it is the multi-tenant connector', () => {
		const sapIse = workflow('sap-ise', {triggers: triggers.api('sap', 'ApiConnectionWebhook')}, {connections: [conn('sap', 'sap', 'ise')]});
		const sapManaged = workflow('sap-mt', {triggers: triggers.api('sap', 'ApiConnectionWebhook')}, {connections: [conn('sap', 'sap', 'managed')]});
		expect(webhookBlocker(endpointFindings(inventory({workflows: [sapIse]})))).toBeUndefined();
		expect(webhookBlocker(endpointFindings(inventory({workflows: [sapIse, sapManaged]})))?.workflows).toEqual(['sap-mt']);
	});

	it('finds a webhook action nested in a scope, such as an approval email', () => {
		const approval = workflow(
			'approve-order',
			{
				triggers: triggers.request(),
				actions: {
					Scope: action('Scope', {
						actions: {
							Send_approval_email: {
								type: 'ApiConnectionWebhook',
								inputs: {host: {connection: {name: "@parameters('$connections')['o365']['connectionId']"}}},
							},
						},
					}),
				},
			},
			{connections: [conn('o365', 'office365')]},
		);
		const blocker = webhookBlocker(endpointFindings(inventory({workflows: [approval]})));
		expect(blocker?.workflows).toEqual(['approve-order']);
		expect(blocker?.detail).toMatch(/Send_approval_email/);
	});
});
