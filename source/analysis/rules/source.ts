// What the source could not read or resolve: each becomes a warning, because the analysis is incomplete there.
import {ACKNOWLEDGE_OPTION, type Finding, type FindingGroupSpec, type Inventory} from '../../model/index.js';
import {makeFinding} from '../finding.js';

// Two issues at the same place must not share an id, and the id must survive re-runs: hash the message.
function shortHash(text: string): string {
	let h = 5381;
	for (let i = 0; i < text.length; i++) h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
	return h.toString(36);
}

function shortWhere(where: string): string {
	const parts = where.split(/[\\/]/).filter(Boolean);
	return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : where;
}

const SOURCE_GROUP: FindingGroupSpec = {
	key: 'source',
	title: 'Parts of the source that could not be read',
	detail: 'Whatever these parts describe is missing from the analysis and may be missing from the generated project; each says where and why.',
	options: [{id: ACKNOWLEDGE_OPTION.acknowledge, label: 'Noted; check them by hand', consequence: 'Migration goes on without them; a cut-over task per part reminds you to check it.'}],
	recommended: ACKNOWLEDGE_OPTION.acknowledge,
};

export function sourceFindings(inv: Inventory): Finding[] {
	return (inv.issues ?? []).map((issue) => (makeFinding({
		kind: 'source',
		aspect: `${shortHash(issue.message)}`,
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'source', key: issue.where, name: shortWhere(issue.where) || 'source'},
		title: `Could not read ${shortWhere(issue.where) || 'part of the source'}`,
		detail:
			`${issue.where}: ${issue.message.replace(/[.\s]+$/, '')}. ` +
			'Whatever this part describes is missing from the analysis and may be missing from the generated project.',
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
