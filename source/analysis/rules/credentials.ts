// One finding per workflow whose definition holds credentials (HTTP authentication, secret headers, keys in URIs
// and queries, secret body fields): the generator moves them to app settings, and the admin must put the values
// there. The finding names the places, never a value.
import {WORKFLOW_OPTION, type Finding, type FindingGroupSpec, type Inventory, type Workflow} from '../../model/index.js';
import {isRecord} from '../../model/text.js';
import {findCredentials, holdsCredential} from '../credentials.js';
import {makeFinding} from '../finding.js';
import {nameList} from './workflow.js';

const GROUP: FindingGroupSpec = {
	key: 'workflow:credentials',
	title: 'Credentials written into workflow definitions',
	detail: 'These workflows hold credentials in their steps. None is copied: each becomes an app setting reference, listed empty for you to fill (and the credential to rotate).',
	options: [{id: WORKFLOW_OPTION.appSettings, label: 'Set the values in app settings', consequence: 'Each workflow reads its credentials from app settings; a cut-over task per workflow reminds you to set and rotate them.'}],
	recommended: WORKFLOW_OPTION.appSettings,
};

/** Parameters not declared secure whose value (given to the workflow, or by default) holds a credential. */
function parametersHolding(wf: Workflow): string[] {
	const declared = isRecord(wf.definition.parameters) ? wf.definition.parameters : {};
	return Object.entries(declared)
		.filter(([name, d]) => name !== '$connections' && isRecord(d) && !/^secure/i.test(String(d.type ?? '')))
		.filter(([name, d]) => holdsCredential(wf.parameters?.[name]?.value ?? (isRecord(d) ? d.defaultValue : undefined)))
		.map(([name]) => name);
}

function credentialFinding(wf: Workflow): Finding | undefined {
	const scan = findCredentials(wf.definition);
	const literal = scan.sites.filter((s) => s.settings.length > 0);
	const params = [...new Set([...scan.parameters, ...parametersHolding(wf)])].sort();
	if (literal.length === 0 && params.length === 0) return undefined;
	const places = literal.map((s) => `${s.operation}: ${s.what}`);
	const what = [
		...(literal.length > 0 ? [`${literal.length} credential${literal.length === 1 ? '' : 's'} written into the definition (${nameList(places, 6)})`] : []),
		...(params.length > 0 ? [`parameter${params.length === 1 ? '' : 's'} ${nameList(params.map((p) => `'${p}'`))} that hold or feed credentials`] : []),
	].join(' and ');
	const todo =
		`Put the credentials of ${wf.name} into their app settings (listed in migration/report.md, Key Vault references in Azure)` +
		(literal.length > 0 ? ` and rotate them: they were stored in the ISE workflow definition.` : '.');
	return makeFinding({
		kind: 'workflow',
		aspect: 'credentials',
		group: GROUP,
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'workflow', key: wf.name, name: wf.name},
		title: `${wf.name}: credentials move to app settings`,
		detail:
			`${wf.name} has ${what}. A Standard project is a folder of files that goes into source control, so no credential is copied: ` +
			'each becomes an @appsetting reference, listed empty in local.settings.json, in the report and in the infrastructure template. ' +
			'The steps fail with an authentication error until the values are set.',
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.appSettings,
				label: 'Set the values in app settings',
				consequence: 'The project reads each credential from its app setting; a cut-over task reminds you to set (and rotate) them.',
				effects: [{type: 'acknowledge', todo}],
			},
		],
		recommended: WORKFLOW_OPTION.appSettings,
	});
}

export function credentialFindings(inv: Inventory): Finding[] {
	return inv.workflows.flatMap((wf) => credentialFinding(wf) ?? []);
}
