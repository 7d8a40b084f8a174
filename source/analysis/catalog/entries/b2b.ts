// AS2 / X12 / EDIFACT. Standard runs B2B encoding and decoding as built-in action types of their own (As2Decode,
// X12Decode, EdifactEncode… in the Standard workflow definition schema) that use the integration account linked to
// the app (WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL), with no connection. Only the X12 page of `13 - B2B Enterprise
// Integration` documents their JSON inputs (x12Decode: messageToDecode; x12Encode: messageToEncode, agreementName,
// senderIdentity/receiverIdentity {qualifier, value}); none documents their outputs, so a step whose results later steps
// read stays managed with those expressions named.
import {fromBody, fromQuery, p, req} from '../build.js';
import type {CatalogEntry, OperationMapping, ValueSource} from '../types.js';

const common = {
	target: 'builtin-b2b' as const,
	certainty: 'S' as const,
	notes: [
		'Built-in B2B actions need the integration account linked to the Standard app (WORKFLOW_INTEGRATION_ACCOUNT_CALLBACK_URL) or the artifacts in the project.',
	],
};

const undocumented = (api: string, label: string, verb: 'encode' | 'decode', paths: string[], actionType: string, what: string): OperationMapping => ({
	id: `${api}.${verb}`,
	label,
	kind: 'action',
	method: 'post',
	paths,
	operationId: actionType,
	actionType,
	certainty: 'U',
	undocumented: true,
	params: [],
	note: `${what}; rebuild the step in the designer`,
});

// The managed integration-account replication operations (MIC values, control numbers) have no built-in counterpart.
const replication = (api: string, rows: [string, string, 'get' | 'put', string][]): OperationMapping[] =>
	rows.map(([id, label, method, path]) => ({
		id: `${api}.${id}`,
		label,
		kind: method === 'get' ? 'trigger' : 'action',
		method,
		paths: [path],
		certainty: 'C',
		params: [],
		note: 'integration account replication has no built-in counterpart: it stays on the managed connector',
	}));

const AS2_INPUTS = 'Learn names the AS2 (v2) built-in inputs only by their designer labels (Message to encode / decode, AS2 from, AS2 to, Message headers), not by their JSON names';
const EDIFACT_INPUTS = 'Learn documents no JSON inputs for the EDIFACT built-in actions';

export const as2: CatalogEntry = {
	api: 'as2',
	aliases: [],
	displayName: 'AS2',
	...common,
	operations: [
		undocumented('as2', 'Encode to AS2 message', 'encode', ['/encode'], 'As2Encode', AS2_INPUTS),
		undocumented('as2', 'Decode AS2 message', 'decode', ['/decode'], 'As2Decode', AS2_INPUTS),
		...replication('as2', [
			['micTrigger', 'When a MIC value is created', 'get', '/triggers/onCreatedMicValues'],
			['mic', 'Add or update MIC contents', 'put', '/createOrUpdateMicValues'],
		]),
	],
};

const identity = (qualifier: string, value: string): ValueSource => ({
	from: {object: {qualifier: fromQuery(qualifier), value: fromQuery(value)}},
});

export const x12: CatalogEntry = {
	api: 'x12',
	aliases: [],
	displayName: 'X12',
	...common,
	operations: [
		{
			id: 'x12.decode',
			label: 'Decode X12 message',
			kind: 'action',
			method: 'post',
			paths: ['/decode'],
			operationId: 'x12Decode',
			actionType: 'X12Decode',
			certainty: 'S',
			params: [req('messageToDecode', fromBody())],
			output: {change: 'Learn documents no outputs for the built-in X12 Decode (the managed one returned GoodMessages, BadMessages, GeneratedAcks…)', certainty: 'U', undocumented: true},
			note: 'the built-in X12 Decode uses the X12 agreements of the integration account linked to the app',
		},
		{
			id: 'x12.encode',
			label: 'Encode to X12 message',
			kind: 'action',
			method: 'post',
			paths: ['/encode', '/encode/resolvebyname', '/encode/resolvebyidentities'],
			operationId: 'x12Encode',
			actionType: 'X12Encode',
			certainty: 'S',
			params: [
				req('messageToEncode', fromBody()),
				p('agreementName', fromQuery('agreementName')),
				p('senderIdentity', identity('senderQualifier', 'senderIdentity')),
				p('receiverIdentity', identity('receiverQualifier', 'receiverIdentity')),
			],
			output: {change: 'Learn documents no outputs for the built-in X12 Encode', certainty: 'U', undocumented: true},
			note: 'the built-in X12 Encode uses the X12 agreements of the integration account linked to the app',
		},
		...replication('x12', [
			['controlNumberTrigger', 'When a control number is modified', 'get', '/triggers/onmodifiedcontrolnumber'],
			['controlNumber', 'Add or update control numbers', 'put', '/controlnumbers'],
		]),
	],
};

export const edifact: CatalogEntry = {
	api: 'edifact',
	aliases: [],
	displayName: 'EDIFACT',
	...common,
	operations: [
		undocumented('edifact', 'Encode to EDIFACT message', 'encode', ['/encode', '/encode/resolvebyname', '/encode/resolvebyidentities'], 'EdifactEncode', EDIFACT_INPUTS),
		undocumented('edifact', 'Decode EDIFACT message', 'decode', ['/decode'], 'EdifactDecode', EDIFACT_INPUTS),
		...replication('edifact', [
			['controlNumberTrigger', 'When a control number is modified', 'get', '/triggers/onmodifiedcontrolnumber'],
			['controlNumber', 'Add or update control numbers', 'put', '/controlnumbers'],
		]),
	],
};

/** The B2B connectors (AS2, X12, EDIFACT): they talk only to the integration account, never to a partner's network. */
export const B2B_APIS: ReadonlySet<string> = new Set([as2, x12, edifact].map((e) => e.api));
