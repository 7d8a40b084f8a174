// SMTP, IBM MQ, IBM DB2, IBM 3270, SAP (operations.md §10, §14, §15; domain.md §4). Most of these reached
// private systems from inside the ISE's VNet: as managed connectors they would need a data gateway.
import {fromBody, fromField, fromPath, fromQuery, p, plainSetting, req, secretSetting, T, unsupportedFields} from '../build.js';
import type {CatalogEntry, OperationMapping} from '../types.js';

// The managed Send Email requires From and To too: a template that leaves them out is carried over as incomplete
// as it was (placeholder), not kept managed.
const smtpParams = [
	p('from', fromField('From'), {required: true, placeholder: true}),
	p('to', fromField('To'), {required: true, placeholder: true}),
	p('cc', fromField('CC')),
	p('bcc', fromField('Bcc')),
	p('subject', fromField('Subject')),
	p('body', fromField('Body')),
	p('isHTML', fromField('IsHtml', T.bool)),
	p('importance', fromField('Importance')),
	p('readReceipt', fromField('ReadReceipt')),
	p('deliveryReceipt', fromField('DeliveryReceipt')),
];
// Microsoft's reference workflow (SMTP/SendEmail.WithAttachment) passes the built-in attachment contentData as the
// bytes written as a JSON number array ("[72,101,…]"); the managed ContentData is base64, and the workflow language has
// no function that turns base64 into that array, nor does the reference document a base64 form.
const attachmentsUnsupported = unsupportedFields(
	'the built-in attachment takes contentData as the bytes written as a JSON number array ("[72,101,…]", Microsoft\'s reference workflow SendEmail.WithAttachment); the managed ContentData is base64, no workflow expression turns base64 into that array, and no base64 form is documented',
	'Attachments',
);

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
	operations: (
		[
			['smtp.sendEmail.v3', 'Send Email (V3)', '/SendEmailV3'],
			['smtp.sendEmail.v2', 'Send Email (V2)', '/SendEmailV2'],
			['smtp.sendEmail.v1', 'Send Email', '/SendEmail'],
		] as const
	).map(
		([id, label, path]): OperationMapping => ({
			id,
			label,
			kind: 'action',
			method: 'post',
			paths: [path],
			operationId: 'sendEmail',
			// The body fields are the same in every version (Microsoft-generated managed Smtp Email model) [S].
			certainty: path === '/SendEmailV2' ? 'S' : 'C',
			params: smtpParams,
			unsupported: [...attachmentsUnsupported.map((u) => ({...u, undocumented: true})), ...unsupportedFields('no built-in field', 'From_DisplayName')],
		}),
	),
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
	// Keys as Microsoft's reference connections.json spells them (connections/Mq, connections/MQServiceProvider); the
	// Learn page marks server, port, channel, queue manager and Connect As required.
	connection: {
		parameters: [
			plainSetting('serverName', 'Host name of the MQ server'),
			plainSetting('portNumber', 'Listener port of the queue manager'),
			plainSetting('channelName', 'Server connection channel'),
			plainSetting('queueManagerName', 'Queue manager name'),
			plainSetting('connectAs', 'Connect As name (required by the built-in connection)'),
			plainSetting('userName', 'User name (leave empty when not used)', true),
			{...secretSetting('password', 'Password (leave empty when not used)'), optional: true},
			plainSetting('useTLS', 'true to connect with TLS (leave empty for false)', true),
		],
		certainty: 'C',
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
				// includeInfo is required by the built-in; the managed default is not to include the headers.
				params: [req('queueName', fromField('Queue')), p('includeInfo', fromField('IncludeInfo', T.bool), {required: true, default: false})],
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
		// Keys as Microsoft's reference connections.json spells them (connections/DB2).
		certainty: 'C',
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
			undocumented: true,
			params: [],
			note: 'the built-in DB2 connector has no get-rows operation: the OData query would have to become SQL for executeQuery, whose parameter syntax its reference does not document',
		},
		{
			id: 'db2.getRow',
			label: 'Get row',
			kind: 'action',
			method: 'get',
			paths: ['/datasets/default/tables/{table}/items/{id}'],
			operationId: 'executeQuery',
			certainty: 'U',
			undocumented: true,
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

// SAP: the connection as Microsoft's reference connections.json writes it (connections/SAPServiceProvider, the
// application-server logon with basic authentication); operation keys from the Learn built-in reference (26-SAP.md).
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
	connection: {
		parameters: [
			plainSetting('applicationServerHost', 'Host of the SAP application server'),
			plainSetting('applicationServerService', 'Service (port) of the SAP application server'),
			plainSetting('applicationServerSystemNumber', 'System number of the SAP application server'),
			plainSetting('client', 'SAP client'),
			plainSetting('authenticationType', 'Basic, or Snc'),
			plainSetting('logonType', 'ApplicationServer, or MessageServer'),
			plainSetting('userName', 'SAP user name'),
			secretSetting('password', 'SAP password'),
			plainSetting('language', 'Logon language (leave empty for the default)', true),
		],
		certainty: 'C',
	},
	notes: ['The built-in SAP connector needs the SAP NCo client libraries deployed with the app.'],
	operations: [
		{
			id: 'sap.callRfc',
			label: 'Call RFC',
			kind: 'action',
			method: 'post',
			paths: ['/CallRfc'],
			operationId: 'callRfc',
			certainty: 'U',
			undocumented: true,
			params: [],
			note: "the built-in callRfc reference documents no key for the RFC's input payload (its sibling addRfcToTransaction takes it as 'body'; callRfc lists only rfcName, session, transaction and type options)",
		},
		{
			id: 'sap.sendIDoc',
			label: 'Send IDoc',
			kind: 'action',
			method: 'post',
			paths: ['/SendIDoc', '/Send'],
			operationId: 'sendIDoc',
			certainty: 'U',
			undocumented: true,
			params: [],
			note: 'the built-in sendIDoc reference documents no key for the IDoc content itself (only idocFormat, tId, confirmTid and allowUnreleasedSegmentV2)',
		},
		{
			id: 'sap.trigger',
			label: 'When a message is received from SAP',
			kind: 'trigger',
			method: 'post',
			paths: ['/api/webhooktrigger/subscribe', '/webhooktrigger/subscribe'],
			operationId: 'SapTrigger',
			certainty: 'S',
			params: [
				req('GatewayHost', fromQuery('gatewayHost')),
				req('GatewayService', fromQuery('gatewayService')),
				req('ProgramId', fromQuery('programId')),
				p('DegreeOfParallelism', fromQuery('degreeOfParallelism'), {required: true, default: 1}),
				p(
					'idocFormat',
					fromField('IdocFormat', {
						op: 'mapValue',
						what: 'IDoc format',
						map: {SapPlainXml: 'SapPlainXml', MicrosoftLobNamespaceXml: 'MicrosoftLobNamespaceXml', FlatFile: 'FlatFile'},
					}),
					{required: true, default: 'MicrosoftLobNamespaceXml'},
				),
			],
			unsupported: unsupportedFields(
				'the built-in SapTrigger has no filter on SAP actions: it would start a run for every message SAP sends to the program id, where the managed trigger subscribed only to the listed actions',
				'SapActions',
			),
			output: {
				change: 'managed returns the message XML as the body, built-in returns {content, rfcServerContext}',
				certainty: 'S',
				rewrites: [{kind: 'bare', to: ['content']}],
			},
			note: 'the built-in SapTrigger registers with the SAP gateway itself: no public callback URL is needed',
		},
	],
};
