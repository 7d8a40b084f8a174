// SMTP, IBM MQ, IBM DB2, IBM 3270, SAP (operations.md §10, §14, §15; domain.md §4). Most of these reached
// private systems from inside the ISE's VNet: as managed connectors they would need a data gateway.
import {fromBody, fromField, fromPath, p, plainSetting, req, secretSetting, unsupportedFields} from '../build.js';
import type {CatalogEntry, OperationMapping} from '../types.js';

const smtpParams = [
	p('from', fromField('From')),
	req('to', fromField('To')),
	p('cc', fromField('CC')),
	p('bcc', fromField('Bcc')),
	p('subject', fromField('Subject')),
	p('body', fromField('Body')),
	p('importance', fromField('Importance')),
	p('readReceipt', fromField('ReadReceipt')),
	p('deliveryReceipt', fromField('DeliveryReceipt')),
];
const attachmentsUnsupported = unsupportedFields('attachment content encoding of the built-in connector is unverified', 'Attachments');
const isHtmlUnsupported = unsupportedFields('the built-in isHTML flag mapping is unverified', 'IsHtml');

export const smtp: CatalogEntry = {
	api: 'smtp',
	aliases: [],
	displayName: 'SMTP',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/Smtp',
	reachesPrivateNetwork: true,
	// Keys as in Microsoft's runtime reference connections.json (Azure/logicapps-migration-agent
	// resources/referenceWorkflowsAndConnections/connections/SMTP/connections.json: serverAddress, username, password,
	// port, enableSSL; no parameterSetName). The Learn page (learn.microsoft.com/azure/logic-apps/connectors/built-in/
	// reference/smtp/) lists the same five values (only the address is required).
	connection: {
		parameters: [
			plainSetting('serverAddress', 'Host name of the SMTP server'),
			{...plainSetting('username', 'User name on the SMTP server'), optional: true},
			{...secretSetting('password', 'Password on the SMTP server'), optional: true},
			{...plainSetting('port', 'Port of the SMTP server (e.g. 587)'), optional: true},
			{...plainSetting('enableSSL', 'true to use TLS'), optional: true},
		],
		certainty: 'C',
	},
	operations: [
		{
			id: 'smtp.sendEmail.v3',
			label: 'Send Email (V3)',
			kind: 'action',
			method: 'post',
			paths: ['/SendEmailV3'],
			operationId: 'sendEmail',
			certainty: 'C',
			params: smtpParams,
			unsupported: [...attachmentsUnsupported, ...unsupportedFields('no built-in field', 'From_DisplayName')],
		},
		{
			id: 'smtp.sendEmail.v2',
			label: 'Send Email (V2)',
			kind: 'action',
			method: 'post',
			paths: ['/SendEmailV2'],
			operationId: 'sendEmail',
			certainty: 'U',
			params: smtpParams,
			note: 'the V2 request body was not confirmed',
		},
		{
			id: 'smtp.sendEmail.v1',
			label: 'Send Email',
			kind: 'action',
			method: 'post',
			paths: ['/SendEmail'],
			operationId: 'sendEmail',
			certainty: 'C',
			params: smtpParams,
			unsupported: [...attachmentsUnsupported, ...isHtmlUnsupported],
		},
	],
};

const mqOptionsWhy = 'MQ message options have no verified built-in sub-keys';

// Built-in sendMessage takes queueName, message and an optional sendMessageOptions object whose keys include
// messageType (Request|Reply|Datagram), format (String|Binary), messageId, correlationId, replyToQueue,
// replyToQueueManager (Microsoft-generated Microsoft.Azure.Workflows.Sdk.ServiceProviders.Mq, Azure/logicapps-sdk,
// SendMessageSendMessageOptionsType). The managed body fields carry the same MQMD values under PascalCase names; that
// they map 1:1 (and MQSTR = String) is our reading, hence [S]. CodeCharSetId/Offset have no confirmed counterpart.
const sendMessageOptions = {
	from: {
		object: {
			messageType: fromField('MessageType', {op: 'mapValue', what: 'MQ message type', map: {Datagram: 'Datagram', Request: 'Request', Reply: 'Reply'}}),
			format: fromField('Format', {op: 'mapValue', what: 'MQ message format', map: {MQSTR: 'String'}}),
			messageId: fromField('MessageId'),
			correlationId: fromField('CorrelationId'),
			replyToQueue: fromField('ReplyToQueue'),
			replyToQueueManager: fromField('ReplyToQueueManager'),
		},
	},
};

export const mq: CatalogEntry = {
	api: 'mq',
	aliases: ['ibmmq'],
	displayName: 'IBM MQ',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/mq',
	reachesPrivateNetwork: true,
	connection: {
		parameters: [
			plainSetting('serverName', 'Host name of the MQ server'),
			plainSetting('portNumber', 'Listener port of the queue manager'),
			plainSetting('channelName', 'Server connection channel'),
			plainSetting('queueManagerName', 'Queue manager name'),
			plainSetting('userName', 'User name (leave empty when not used)', true),
			{...secretSetting('password', 'Password (leave empty when not used)'), optional: true},
		],
		certainty: 'S',
	},
	operations: [
		{
			id: 'mq.sendMessage',
			label: 'Send message',
			kind: 'action',
			method: 'post',
			paths: ['/v2/send', '/send'],
			operationId: 'sendMessage',
			certainty: 'S',
			params: [req('queueName', fromField('Queue')), req('message', fromField('Message')), p('sendMessageOptions', sendMessageOptions)],
			unsupported: unsupportedFields(mqOptionsWhy, 'CodeCharSetId', 'Offset'),
			output: {
				change: 'managed and built-in send results were not compared (built-in returns {queueName, count, reasonCode, reasonCodeDescription, timestamp, message})',
				certainty: 'U',
			},
		},
		...(
			[
				['mq.receiveMessage', 'Receive message', '/v2/receive', 'receiveMessage'],
				['mq.receiveBatch', 'Receive messages', '/v2/receiveall', 'receiveBatch'],
				['mq.browseMessage', 'Browse message', '/v2/read', 'browseMessage'],
				['mq.browseBatch', 'Browse messages', '/v2/readall', 'browseBatch'],
			] as const
		).map(
			([id, label, path, operationId]): OperationMapping => ({
				id,
				label,
				kind: 'action',
				method: 'post',
				paths: [path, path.replace('/v2', '')],
				operationId,
				certainty: 'C',
				params: [req('queueName', fromField('Queue')), p('includeInfo', fromField('IncludeInfo'))],
				unsupported: unsupportedFields(
					mqOptionsWhy,
					'MessageId',
					'CorrelationId',
					'GroupId',
					'MessageToken',
					'Offset',
					'LogicalSequenceNumber',
					'Timeout',
					'BatchSize',
				),
				output: {change: 'the received-message output of the two connectors was not compared', certainty: 'U'},
			}),
		),
	],
};

export const db2: CatalogEntry = {
	api: 'db2',
	aliases: ['ibmdb2'],
	displayName: 'IBM DB2',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/DB2',
	reachesPrivateNetwork: true,
	connection: {
		parameters: [
			plainSetting('serverName', 'Host name of the DB2 server'),
			plainSetting('portNumber', 'Port of the DB2 server'),
			plainSetting('database', 'Database name'),
			plainSetting('userName', 'User name'),
			secretSetting('password', 'Password'),
		],
		certainty: 'S',
	},
	operations: [
		{
			id: 'db2.insertRow',
			label: 'Insert row',
			kind: 'action',
			method: 'post',
			paths: ['/datasets/default/tables/{table}/items'],
			operationId: 'insertRow',
			certainty: 'S',
			params: [req('table', fromPath('table')), req('insertParameters', fromBody())],
			output: {change: 'the inserted-row output of the two connectors was not compared', certainty: 'U'},
		},
		{
			id: 'db2.getRows',
			label: 'Get rows',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/tables/{table}/items'],
			operationId: 'executeQuery',
			certainty: 'U',
			params: [],
			note: 'the built-in connector has no get-rows operation; the OData options would have to be translated into a SELECT',
		},
		{
			id: 'db2.getRow',
			label: 'Get row',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/tables/{table}/items/{id}'],
			operationId: 'executeQuery',
			certainty: 'U',
			params: [],
			note: 'needs a SELECT … WHERE <primary key> = ? written by hand',
		},
		{
			id: 'db2.updateRow',
			label: 'Update row',
			kind: 'action',
			method: 'patch',
			paths: ['/datasets/default/tables/{table}/items/{id}'],
			operationId: 'updateRow',
			certainty: 'U',
			params: [],
			note: 'searchCondition needs the primary key column name, which the managed operation does not carry',
		},
		{
			id: 'db2.deleteRow',
			label: 'Delete row',
			kind: 'action',
			method: 'delete',
			paths: ['/datasets/default/tables/{table}/items/{id}'],
			operationId: 'deleteRow',
			certainty: 'U',
			params: [],
			note: 'searchCondition needs the primary key column name, which the managed operation does not carry',
		},
		{
			id: 'db2.getTables',
			label: 'Get tables',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/tables'],
			operationId: 'getTables',
			certainty: 'C',
			params: [],
			output: {change: 'the table list output of the two connectors was not compared', certainty: 'U'},
		},
	],
};

export const si3270: CatalogEntry = {
	api: 'si3270',
	aliases: ['ibm3270'],
	displayName: 'IBM 3270',
	target: 'builtin',
	certainty: 'S',
	serviceProviderId: '/serviceProviders/si3270',
	reachesPrivateNetwork: true,
	notes: ['Built-in executeMethod exists; the HIDX metadata must be uploaded to the Standard app (Artifacts) and the operations rebuilt.'],
	operations: [],
};

export const sap: CatalogEntry = {
	api: 'sap',
	aliases: ['sapecc'],
	displayName: 'SAP',
	target: 'builtin',
	certainty: 'C',
	serviceProviderId: '/serviceProviders/sap',
	reachesPrivateNetwork: true,
	webhookTrigger: {
		needsPublicInbound: true,
		note: 'the multi-tenant SAP trigger is a webhook; the built-in SapTrigger does not need public inbound',
	},
	notes: ['Built-in callRfc and SapTrigger exist; managed SAP operations are not mapped automatically and need rebuilding (the SAP NCo client libraries must be deployed with the app).'],
	// Rows only classify the managed operations: the built-in SAP connection and operation inputs are unverified [U],
	// so none of them converts; the admin is told the nearest built-in operation instead.
	operations: [
		{
			id: 'sap.callRfc',
			label: 'Call RFC',
			kind: 'action',
			method: 'post',
			paths: ['/CallRfc'],
			operationId: 'callRfc',
			certainty: 'U',
			params: [],
			note: 'the built-in callRfc inputs and the managed XML request body were not compared',
		},
		{
			id: 'sap.sendIDoc',
			label: 'Send IDoc',
			kind: 'action',
			method: 'post',
			paths: ['/SendIDoc', '/Send'],
			certainty: 'U',
			params: [],
			note: 'the built-in SAP connector sends IDocs too, but its operation id was not confirmed',
		},
		{
			id: 'sap.trigger',
			label: 'When a message is received from SAP',
			kind: 'trigger',
			method: 'post',
			paths: ['/api/webhooktrigger/subscribe', '/webhooktrigger/subscribe'],
			operationId: 'SapTrigger',
			certainty: 'U',
			params: [],
			note: 'the built-in SapTrigger is configured differently (program id, gateway, SNC) and was not mapped',
		},
	],
};
