// AS2 / X12 / EDIFACT. Standard has built-in B2B actions that use a linked integration account [S], but their
// input and output shapes could not be confirmed from a primary source, so no operation converts automatically.
import type {CatalogEntry, OperationMapping} from '../types.js';

// X12 and EDIFACT encode resolve the agreement by name or by the partners' identities (generated SDK paths).
const EDI_ENCODE = ['/encode', '/encode/resolvebyname', '/encode/resolvebyidentities'];

function b2bOps(api: string, actionPrefix: string, encodePaths: string[] = ['/encode']): OperationMapping[] {
	return (['encode', 'decode'] as const).map((verb) => ({
		id: `${api}.${verb}`,
		label: `${verb === 'encode' ? 'Encode' : 'Decode'} ${actionPrefix} message`,
		kind: 'action' as const,
		method: 'post',
		paths: verb === 'encode' ? encodePaths : ['/decode'],
		// Not a service provider operation: the built-in equivalent is an action type of its own.
		operationId: `${actionPrefix}${verb === 'encode' ? 'Encode' : 'Decode'}`,
		certainty: 'U' as const,
		params: [],
		note: `the built-in ${actionPrefix} ${verb} action's inputs and outputs are unverified; rebuild it in the designer`,
	}));
}

const common = {
	target: 'builtin-b2b' as const,
	certainty: 'S' as const,
	notes: [
		'Built-in B2B actions need the integration account linked to the Standard app (WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL) or the artifacts in the project.',
	],
};

export const as2: CatalogEntry = {api: 'as2', aliases: [], displayName: 'AS2', ...common, operations: b2bOps('as2', 'AS2')};
export const x12: CatalogEntry = {api: 'x12', aliases: [], displayName: 'X12', ...common, operations: b2bOps('x12', 'X12', EDI_ENCODE)};
export const edifact: CatalogEntry = {api: 'edifact', aliases: [], displayName: 'EDIFACT', ...common, operations: b2bOps('edifact', 'Edifact', EDI_ENCODE)};
