// Every ApiConnection operation of every public Consumption fixture is classified: it matches a catalog row, or
// it is explicitly unmapped and the admin gets a finding for it. Expectations were written by reading the files.
import {describe, expect, test} from 'vitest';
import {apiOfConnection, matchOperationObject, planWorkflowConversion} from '../../../source/analysis/catalog/index.js';
import {connectorFindings} from '../../../source/analysis/rules/connectors.js';
import {connectionKeyOf, isApiConnectionType, isRecord, walkOperations} from '../../../source/analysis/walk.js';
import type {Workflow} from '../../../source/model/index.js';
import {itCorpus} from '../../helpers/corpus.js';
import {inventory} from '../../helpers/inventory.js';
import {fixtureFiles, workflowsOf} from './fixture-workflows.js';

/**
 * file (fragment) → action → expected built-in operationId, or null when no row may match. An array gives one
 * expectation per occurrence when several workflows of a file share an action name.
 */
type Expect = string | null;
const EXPECTED: Record<string, Record<string, Expect | Expect[]>> = {
	'b2b-disaster-recovery-replication': {
		// MIC / control-number replication has no built-in counterpart.
		When_a_MIC_value_is_created: null,
		Add_or_update_MIC_contents: null,
		When_a_control_number_is_modified: null,
		Add_or_update_control_numbers: null,
	},
	'logic-app-ftp-to-blob': {
		When_a_file_is_added_or_modified: 'whenFtpFilesAreAddedOrModified',
		Create_file: 'uploadBlob',
	},
	'logic-app-sql-proc': {Execute_stored_procedure: 'executeStoredProcedure'},
	// A nested deployment redeploys the workflow with an empty queue path; as in ARM, the later one is what lands.
	schedulesWithConn: {Send_message: [null]},
	'scheduler-recurrence-storage-queue': {Put_a_message_on_a_queue: 'putMessage', Put_a_message_on_a_queue_2: 'putMessage'},
	'service-bus-sessions': {
		'When_a_message_is_received_in_a_queue_(peek-lock)': 'onSingleNewMessageFromQueueSession',
		Close_the_session_in_the_queue_and_fail: 'closeQueueSession',
		Close_a_session_in_a_queue_and_succeed: 'closeQueueSession',
		Renew_lock_on_the_session_in_a_queue: 'renewQueueSession',
		// Settled inside the session, by the id of the message whose lock token the managed step passed.
		Abandon_initial_message_from_the_queue: 'abandonMessageInSession',
		Complete_initial_message_in_queue: 'completeMessageInSession',
		Abandon_the_message_in_a_queue: 'abandonMessageInSession',
		Complete_the_message_in_a_queue: 'completeMessageInSession',
		Send_initial_message_to_topic: 'sendMessage',
		Send_message_to_topic: 'sendMessage',
		Get_additional_messages_from_session: 'getMessagesFromQueueSession',
	},
	'twitter-to-smtp': {When_a_new_tweet_appears: null, Send_Email: 'sendEmail'},
	'x12-to-as2': {Save_bad_message: 'uploadBlob', Save_received_acks: 'uploadBlob', Decode_AS2_message: 'As2Decode', Decode_X12_message: 'x12Decode'},
};

/** The API name of an operation: from the workflow's connections, else from the literal in a computed key. */
function apiOf(wf: Workflow, op: Record<string, unknown>): string | undefined {
	const key = connectionKeyOf(op);
	const ref = wf.connections.find((c) => c.key === key);
	if (ref) return apiOfConnection(ref).name;
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	const host = isRecord(inputs.host) && isRecord(inputs.host.connection) ? String(inputs.host.connection.name ?? '') : '';
	// `@parameters('$connections')[concat('servicebus_', rand(1,3))]['connectionId']`
	const m = /\$connections'\)\s*\[\s*concat\(\s*'([a-z0-9]+)/i.exec(host);
	return m?.[1]?.toLowerCase();
}

function expectationsFor(file: string): Record<string, Expect | Expect[]> {
	const key = Object.keys(EXPECTED).find((k) => file.includes(k));
	if (!key) throw new Error(`no expectations written for ${file}`);
	return EXPECTED[key]!;
}

describe.each(fixtureFiles())('corpus: %s', (file) => {
	const workflows = workflowsOf(file);
	const expected = expectationsFor(file);
	const findings = connectorFindings(inventory({workflows}));
	const ids = new Set(findings.map((f) => f.id));

	test('has workflow definitions', () => {
		expect(workflows.length).toBeGreaterThan(0);
	});

	const seen = new Map<string, number>();
	const ops = workflows.flatMap((wf) =>
		[...walkOperations(wf.definition)]
			.filter((v) => isApiConnectionType(v.op.type))
			.map((v) => {
				const n = seen.get(v.name) ?? 0;
				seen.set(v.name, n + 1);
				return [`${wf.name}/${v.name} #${n + 1}`, wf, v, n] as const;
			}),
	);

	test.each(ops)('%s is classified', (_key, wf, v, occurrence) => {
		expect(Object.keys(expected), `expectation for ${v.name}`).toContain(v.name);
		const want = expected[v.name]!;
		const wanted = Array.isArray(want) ? want[occurrence] : want;
		expect(wanted, `expectation for occurrence ${occurrence + 1} of ${v.name}`).not.toBeUndefined();
		const api = apiOf(wf, v.op);
		expect(api, 'api name').toBeTruthy();
		const m = matchOperationObject(api!, v.op, v.isTrigger);
		expect(m?.mapping.operationId ?? null).toBe(wanted);

		const resolved = wf.connections.some((c) => c.key === connectionKeyOf(v.op));
		const opFinding = `connector:${api}:op:${wf.name}/${v.name}`;
		if (!resolved) {
			expect(ids).toContain(`connector:unresolved:op:${wf.name}/${v.name}`);
		} else if (m === undefined) {
			// Unmapped: an operation finding, or (for connectors without a built-in) the connector finding says it stays managed.
			expect(ids.has(opFinding) || findings.some((f) => f.id === `connector:${api}` && f.recommended === 'managed' && !f.options.some((o) => o.id === 'builtin'))).toBe(true);
		}
	});
});

itCorpus('the real ftp-to-blob workflow: the FTP trigger and the blob step convert; a new first step reads the file content', () => {
	const wf = workflowsOf(fixtureFiles().find((f) => f.includes('ftp-to-blob'))!)[0]!;
	const findings = connectorFindings(inventory({workflows: [wf]}));
	expect(findings.find((f) => f.id === 'connector:azureblob')?.title).toContain('1 of 1');
	expect(findings.find((f) => f.id === 'connector:ftp')?.title).toContain('1 of 1');
	const plan = planWorkflowConversion(wf);
	const text = JSON.stringify(plan.definition);
	// The managed trigger returned the content and the name header; the built-in one returns metadata.
	expect(text).not.toContain('x-ms-file-name');
	expect((plan.definition.actions as Record<string, {inputs: {parameters: Record<string, string>}}>).Get_file_content?.inputs.parameters.filePath).toBe("@triggerBody()?['path']");
});
