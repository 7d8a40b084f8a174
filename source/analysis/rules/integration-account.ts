// Integration accounts: ISE workflows used an account inside the same ISE. Standard either links to an ordinary
// account (app setting WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL) or carries maps and schemas in Artifacts/.
import {INTEGRATION_ACCOUNT_OPTION, type Finding, type Inventory, type Workflow} from '../../model/index.js';
import {B2B_APIS} from '../catalog/index.js';
import {resolveOperations, type OperationIndex} from '../operations.js';
import {walkOperations} from '../walk.js';
import {nameList} from './workflow.js';
import {makeFinding} from '../finding.js';

// Built-in operations that read maps or schemas from the linked account.
const ARTIFACT_TYPES = new Set(['xslt', 'xmlvalidation', 'flatfileencoding', 'flatfiledecoding', 'liquid']);
// Looking up partners or agreements needs an account whatever happens to maps.
const ACCOUNT_ONLY_TYPES = new Set(['integrationaccountartifactlookup']);

interface Usage {
	artifacts: boolean;
	b2b: boolean;
}

function usage(wf: Workflow, ops: OperationIndex): Usage {
	const b2bApi = ops.connectionsOf(wf.name).some((c) => B2B_APIS.has(c.api.name));
	let artifacts = false;
	let lookup = false;
	for (const v of walkOperations(wf.definition)) {
		const type = typeof v.op.type === 'string' ? v.op.type.toLowerCase() : '';
		if (ARTIFACT_TYPES.has(type)) artifacts = true;
		if (ACCOUNT_ONLY_TYPES.has(type)) lookup = true;
	}
	return {artifacts, b2b: b2bApi || lookup};
}

function tail(id: string): string {
	return id.split('/').filter(Boolean).pop() ?? id;
}

export function integrationAccountFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const accountIds = new Set(inv.integrationAccounts.map((a) => a.id.toLowerCase()));
	const names = inv.integrationAccounts.map((a) => a.name);
	for (const wf of inv.workflows) {
		if (wf.integrationAccountId && !accountIds.has(wf.integrationAccountId.toLowerCase())) {
			accountIds.add(wf.integrationAccountId.toLowerCase());
			names.push(tail(wf.integrationAccountId));
		}
	}
	const users: string[] = [];
	const b2bUsers: string[] = [];
	for (const wf of inv.workflows) {
		const u = usage(wf, ops);
		if (u.b2b) b2bUsers.push(wf.name);
		if (u.b2b || u.artifacts || wf.integrationAccountId) users.push(wf.name);
	}
	if (names.length === 0 && users.length === 0) return [];

	const maps = inv.integrationAccounts.reduce((n, a) => n + a.maps.length, 0);
	const schemas = inv.integrationAccounts.reduce((n, a) => n + a.schemas.length, 0);
	const partners = inv.integrationAccounts.reduce((n, a) => n + (a.partners?.length ?? 0), 0);
	const agreements = inv.integrationAccounts.flatMap((a) => a.agreements ?? []);
	const agreementTypes = [...new Set(agreements.map((a) => a.type).filter((t): t is string => !!t))];
	const b2b = b2bUsers.length > 0 || partners > 0 || agreements.length > 0;
	const tier = inv.ise.sku.name === 'Developer' ? 'Free (non-production) or Basic' : 'Standard';

	const sorted = [...new Set(names.map((n) => n.toLowerCase()))].sort();
	const key = sorted.length > 0 ? sorted.join('+') : 'unknown';
	const shown = names.length > 0 ? nameList([...new Set(names)]) : 'an integration account that is not in the inventory';
	const count = (n: number, what: string) => (n > 0 ? [`${n} ${what}${n === 1 ? '' : 's'}`] : []);
	const held = [
		...count(maps, 'map'),
		...count(schemas, 'schema'),
		...count(partners, 'partner'),
		...count(agreements.length, 'agreement').map((a) => (agreementTypes.length > 0 ? `${a} (${agreementTypes.join(', ')})` : a)),
	];
	const contents =
		inv.integrationAccounts.length === 0 ? ' is used' : held.length > 0 ? ` holds ${nameList(held)}` : ' holds no maps, schemas or agreements we could read';
	const usedBy = users.length > 0 ? `, used by ${nameList(users)}` : '';
	const b2bLine =
		b2bUsers.length > 0
			? ` ${nameList(b2bUsers)} ${b2bUsers.length === 1 ? 'uses' : 'use'} AS2, X12 or EDIFACT, which needs an account.`
			: b2b
				? ' Its partners and agreements only work from an account.'
				: '';

	return [
		makeFinding({
			kind: 'integration-account',
			severity: 'warning',
			certainty: 'C',
			subject: {type: 'integration-account', key, name: names.length > 0 ? [...new Set(names)].join(', ') : 'integration account'},
			title: 'Integration account outside the ISE',
			detail:
				`${shown}${contents}${usedBy}. An ISE integration account goes away with the ISE: ` +
				'a Standard app either links to an ordinary account or keeps maps and schemas in its own project.' +
				b2bLine,
			workflows: users.length > 0 ? users : undefined,
			options: [
				{
					id: INTEGRATION_ACCOUNT_OPTION.account,
					label: `Link a ${tier} integration account`,
					consequence:
						`You create a ${tier} integration account outside the ISE, copy the maps, schemas, partners and agreements into it, ` +
						'and the app links to it through the WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL app setting. It is billed on its own; the ISE included one.',
					effects: [{type: 'integration-account', mode: 'account'}],
				},
				{
					id: INTEGRATION_ACCOUNT_OPTION.artifacts,
					label: 'Keep maps and schemas in the project',
					consequence:
						'Maps and schemas go into Artifacts/Maps and Artifacts/Schemas and deploy with the app, at no extra cost. ' +
						'Partners, agreements and AS2/X12/EDIFACT operations still need an integration account' +
						(b2bUsers.length > 0 ? `, so ${nameList(b2bUsers)} would fail.` : '.'),
					effects: [{type: 'integration-account', mode: 'artifacts'}],
				},
			],
			recommended: b2b ? INTEGRATION_ACCOUNT_OPTION.account : INTEGRATION_ACCOUNT_OPTION.artifacts,
		}),
	];
}
