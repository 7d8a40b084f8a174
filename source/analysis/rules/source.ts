// What the source could not read or resolve: each becomes a warning, because the analysis is incomplete there.
import {ACKNOWLEDGE_OPTION, REGION_EXAMPLE, REGION_OPTION, iseInferred, type Finding, type FindingGroupSpec, type Inventory} from '../../model/index.js';
import {iseSubject, makeFinding} from '../finding.js';

// Two issues at the same place must not share an id, and the id must survive re-runs: hash the message.
function shortHash(text: string): string {
	let h = 5381;
	for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
	return h.toString(36);
}

function clip(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function shortWhere(where: string): string {
	const parts = where.split(/[\\/]/).filter(Boolean);
	return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : where;
}

const SOURCE_GROUP: FindingGroupSpec = {
	key: 'source',
	title: 'Gaps in the source: parts not read, not resolved or assumed',
	detail:
		'The analysis goes only as far as the source does: what these parts describe may be missing from the generated project, or filled in by an assumption each one names. Each says where and why.',
	options: [{id: ACKNOWLEDGE_OPTION.acknowledge, label: 'Noted; check them by hand', consequence: 'Migration goes on without them; a cut-over task per part reminds you to check it.'}],
	recommended: ACKNOWLEDGE_OPTION.acknowledge,
};

/**
 * The source does not say which Azure region the ISE ran in (templates without a resolvable location): the region
 * the app goes to must come from the admin — a value typed in the wizard, `--location`, or a decisions file — never a
 * placeholder. Managed connections, the AzureConnectors service tag and the template's resources all depend on it.
 */
function regionFinding(inv: Inventory): Finding | undefined {
	if (inv.ise.location) return undefined;
	const noIse = iseInferred(inv.ise);
	return makeFinding({
		kind: 'source',
		aspect: 'region',
		severity: 'blocker',
		certainty: 'C',
		subject: iseSubject(inv.ise.name),
		title: 'The source does not say which Azure region to use',
		detail:
			`${noIse ? 'The files hold no ISE resource, and neither it nor' : 'Neither the ISE nor'} any workflow or connection in them names a region that resolves without a deployment. ` +
			"The Standard app, its managed API connections and the AzureConnectors service tag that firewalls allow all depend on the region, so it must be given: " +
			'type it here, or pass --location to ise-migrate generate.',
		options: [
			{
				id: REGION_OPTION.region,
				label: 'The app goes to this region',
				consequence:
					'The infrastructure template, the managed API connections, the networking guide (the AzureConnectors tag of the region) and local.settings.json use this region. ' +
					'Choose the region the ISE ran in unless you move on purpose: the systems it reached are closest there.',
				effects: [{type: 'location'}],
				input: {kind: 'azure-region', prompt: 'Azure region of the Standard app', example: REGION_EXAMPLE},
			},
		],
		recommended: REGION_OPTION.region,
	});
}

export function sourceFindings(inv: Inventory): Finding[] {
	const region = regionFinding(inv);
	return [...(region ? [region] : []), ...sourceIssueFindings(inv)];
}

function sourceIssueFindings(inv: Inventory): Finding[] {
	return (inv.issues ?? []).map((issue) => (makeFinding({
		kind: 'source',
		aspect: `${shortHash(issue.message)}`,
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'source', key: issue.where, name: shortWhere(issue.where) || 'source'},
		// The message names the gap: a title of its own keeps several gaps in one file apart in the list.
		title: `${shortWhere(issue.where) || 'Source'}: ${clip(issue.message, 80)}`,
		detail:
			`${issue.where}: ${issue.message.replace(/[.\s]+$/, '')}. ` +
			'The analysis goes only as far as the source does here: what this part describes may be missing from the generated project, or filled in by the assumption named.',
		options: [
			{
				id: ACKNOWLEDGE_OPTION.acknowledge,
				label: 'Noted; check it by hand',
				consequence: 'Migration goes on without it; a cut-over task reminds you to check this part yourself.',
				effects: [{type: 'acknowledge', todo: `Check by hand: ${issue.where}: ${issue.message}`}],
			},
		],
		recommended: ACKNOWLEDGE_OPTION.acknowledge,
		group: SOURCE_GROUP,
	})));
}
