// On the bundled sample, with the recommended decisions, the steps whose built-in facts are now confirmed come out
// of generate() as built-in operations, and what reads them follows the built-in output shape.
import {describe, expect, test} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {walkOperations} from '../../../source/analysis/walk.js';
import {generate, plan} from '../../../source/generate/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {fileText} from '../../../source/model/index.js';

const inv = contosoInventory();
const files = generate(plan(inv, analyze(inv), {}), {generatedAt: '2024-01-01T00:00:00.000Z', toolVersion: 'test'});
const ops = (folder: string) =>
	new Map([...walkOperations(JSON.parse(fileText(files.get(`${folder}/workflow.json`))).definition)].map((v) => [v.name, v.op as Record<string, any>]));

describe('sample conversions', () => {
	test.each([
		['invoice-sftp-to-blob', 'Notify_accounts_payable', 'sendEmail'],
		['invoice-sftp-to-blob', 'Archive_invoice_to_blob', 'uploadBlob'],
		['invoice-email-intake', 'Store_attachment', 'uploadBlob'],
		['warehouse-dispatch-mq', 'Get_shipment_messages', 'getMessages'],
		['warehouse-dispatch-mq', 'Send_dispatch_to_WMS', 'sendMessage'],
	])('%s/%s becomes built-in %s', (folder, step, operationId) => {
		const op = ops(folder).get(step)!;
		expect(op.type).toBe('ServiceProvider');
		expect(op.inputs.serviceProviderConfiguration.operationId).toBe(operationId);
	});

	test('the archived blob path and the queue loop read the built-in fields', () => {
		const sftp = JSON.stringify(Object.fromEntries(ops('invoice-sftp-to-blob')));
		expect(sftp).toContain("body('Archive_invoice_to_blob')?['properties']?['blobFullPathWithContainer']");
		expect(sftp).not.toContain("body('Archive_invoice_to_blob')?['Path']");
		const mq = ops('warehouse-dispatch-mq');
		expect(mq.get('For_each_shipment')!.foreach).toBe("@body('Get_shipment_messages')");
		expect(mq.get('Parse_shipment')!.inputs.content).toBe("@items('For_each_shipment')?['content']");
	});

	test('the SMTP connection in connections.json uses the built-in keys', () => {
		const conns = JSON.parse(files.get('connections.json')!).serviceProviderConnections as Record<string, any>;
		const smtp = Object.values(conns).find((c) => c.serviceProvider.id === '/serviceProviders/Smtp');
		expect(Object.keys(smtp.parameterValues).sort()).toEqual(['enableSSL', 'password', 'port', 'serverAddress', 'username']);
	});
});
