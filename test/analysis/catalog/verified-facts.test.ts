// What the catalog tells the admin about the facts confirmed from Microsoft sources.
import {describe, expect, test} from 'vitest';
import {assessOperation, catalogEntry, matchOperationObject, scanReferences} from '../../../source/analysis/catalog/index.js';

describe('confirmed built-in facts', () => {
	test('the SMTP connection is confirmed, so Send Email is no longer held back by it', () => {
		const smtp = catalogEntry('smtp')!;
		expect(smtp.connection?.certainty).toBe('C');
		const op = {type: 'ApiConnection', inputs: {method: 'post', path: '/SendEmailV3', body: {To: 'x@contoso.com'}}};
		const a = assessOperation(smtp, matchOperationObject('smtp', op, false), op, {});
		expect(a.convertible).toBe(true);
	});

	test('a queue loop that reads an unmapped message field is named in the reason', () => {
		const get = {type: 'ApiConnection', inputs: {method: 'get', path: "/@{encodeURIComponent('q')}/messages"}};
		const definition = {
			actions: {
				Get: get,
				Loop: {type: 'Foreach', foreach: "@body('Get')?['QueueMessagesList']?['QueueMessage']", actions: {X: {type: 'Compose', inputs: "@items('Loop')?['DequeueCount']"}}},
			},
		};
		const entry = catalogEntry('azurequeues');
		const a = assessOperation(entry, matchOperationObject('azurequeues', get, false), get, {definition, name: 'Get'});
		expect(a.convertible).toBe(false);
		expect(a.reason).toContain("items('Loop')?['DequeueCount']");
	});

	test('item references of an unrelated loop are left alone', () => {
		const definition = {
			actions: {Loop: {type: 'Foreach', foreach: "@body('Other')?['value']", actions: {X: {type: 'Compose', inputs: "@items('Loop')?['Name']"}}}},
		};
		const scan = scanReferences(definition, 'List', false, [{kind: 'items', from: ['value'], rename: {Name: ['name']}}], {mutate: true});
		expect(scan.total).toBe(0);
		expect((definition.actions.Loop.actions.X as {inputs: string}).inputs).toBe("@items('Loop')?['Name']");
	});
});
