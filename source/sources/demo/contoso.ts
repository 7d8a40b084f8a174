// The bundled sample: Contoso's Premium ISE in West Europe with the integrations a mid-size
// distributor typically ran there (orders, SAP, EDI, warehouse, finance). It is the product's demo and
// the default source, so it deliberately touches every review screen and every analysis rule.
// All names, ids and addresses are invented; public IPs come from the RFC 5737 documentation ranges.
import type {IntegrationAccount, Inventory, Ise, IseManagedApi} from '../../model/index.js';
import {
	INTEGRATION_ACCOUNT_ID,
	INTEGRATION_ACCOUNT_NAME,
	ISE_ID,
	ISE_NAME,
	LOCATION,
	RESOURCE_GROUP,
	SUBSCRIPTION_ID,
	SUBSCRIPTION_SCOPE,
} from './shared.js';
import {b2bAs2X12Inbound} from './workflows/b2b-as2-x12-inbound.js';
import {b2bX12As2Outbound} from './workflows/b2b-x12-as2-outbound.js';
import {contractArchiveFiles} from './workflows/contract-archive-files.js';
import {customerSyncErp} from './workflows/customer-sync-erp.js';
import {dailySalesReport} from './workflows/daily-sales-report.js';
import {deliveryProofEventGrid} from './workflows/delivery-proof-eventgrid.js';
import {inventorySyncDb2} from './workflows/inventory-sync-db2.js';
import {invoiceEmailIntake} from './workflows/invoice-email-intake.js';
import {invoiceSftpToBlob} from './workflows/invoice-sftp-to-blob.js';
import {newCustomerWelcome} from './workflows/new-customer-welcome.js';
import {orderFulfilmentServiceBus} from './workflows/order-fulfilment-servicebus.js';
import {orderIntakeSql} from './workflows/order-intake-sql.js';
import {orderLinesSessions} from './workflows/order-lines-sessions.js';
import {partnerCatalogSftp} from './workflows/partner-catalog-sftp.js';
import {returnsTopicServiceBus} from './workflows/returns-topic-servicebus.js';
import {sapIdocToServiceBus} from './workflows/sap-idoc-to-servicebus.js';
import {sapOrderCreate} from './workflows/sap-order-create.js';
import {shipmentTrackingEventHub} from './workflows/shipment-tracking-eventhub.js';
import {shippingQuoteCalculator} from './workflows/shipping-quote-calculator.js';
import {supplierPricesFtpToBlob} from './workflows/supplier-prices-ftp-to-blob.js';
import {warehouseDispatchMq} from './workflows/warehouse-dispatch-mq.js';

export const CONTOSO_ISE_NAME = ISE_NAME;

const VNET_ID = `${SUBSCRIPTION_SCOPE}/resourceGroups/rg-contoso-network/providers/Microsoft.Network/virtualNetworks/vnet-contoso-integration`;

const subnet = (name: string, addressPrefix: string) => ({
	id: `${VNET_ID}/subnets/${name}`,
	name: `vnet-contoso-integration/${name}`,
	addressPrefix,
});

const ise: Ise = {
	id: ISE_ID,
	name: ISE_NAME,
	subscriptionId: SUBSCRIPTION_ID,
	resourceGroup: RESOURCE_GROUP,
	location: LOCATION,
	sku: {name: 'Premium', capacity: 2},
	state: 'Enabled',
	provisioningState: 'Succeeded',
	accessEndpoint: 'Internal',
	virtualNetworkAddressSpace: '10.20.0.0/22',
	subnets: [
		subnet('snet-ise-1', '10.20.0.0/27'),
		subnet('snet-ise-2', '10.20.0.32/27'),
		subnet('snet-ise-3', '10.20.0.64/27'),
		subnet('snet-ise-4', '10.20.0.96/27'),
	],
	outboundIps: {
		workflow: ['198.51.100.21', '198.51.100.22', '198.51.100.23'],
		connector: ['203.0.113.40', '203.0.113.41', '203.0.113.42', '203.0.113.43'],
	},
	accessEndpointIps: {
		workflow: ['10.20.0.36', '10.20.0.37'],
		connector: ['10.20.0.68'],
	},
	encryption: {
		keyVaultId: `${SUBSCRIPTION_SCOPE}/resourceGroups/rg-contoso-security/providers/Microsoft.KeyVault/vaults/kv-contoso-ise-cmk`,
		keyName: 'ise-storage-cmk',
		keyVersion: '4f8a2c1e9b7d4e06a3c5f1b2d8e9a7c4',
	},
	identity: {type: 'SystemAssigned'},
	tags: {
		environment: 'production',
		costCenter: 'IT-4711',
		owner: 'integration-platform@contoso.com',
	},
};

const api = (
	name: string,
	displayName: string,
	category: 'Standard' | 'Enterprise',
	connectionParameterNames: string[],
): IseManagedApi => ({name, displayName, category, connectionParameterNames});

/** ISE connectors deployed in contoso-ise. */
const managedApis: IseManagedApi[] = [
	api('sql', 'SQL Server', 'Standard', ['server', 'database', 'authType', 'username', 'password']),
	api('servicebus', 'Service Bus', 'Standard', ['connectionString']),
	api('azureblob', 'Azure Blob Storage', 'Standard', ['accountName', 'accessKey']),
	api('sftpwithssh', 'SFTP - SSH', 'Standard', [
		'hostName',
		'userName',
		'password',
		'sshPrivateKey',
		'sshPrivateKeyPassphrase',
		'portNumber',
		'acceptAnySshHostKey',
		'sshHostKeyFingerprint',
	]),
	api('ftp', 'FTP', 'Standard', [
		'serverAddress',
		'userName',
		'password',
		'serverPort',
		'isssl',
		'isBinaryTransport',
		'disableCertificateValidation',
	]),
	api('smtp', 'SMTP', 'Standard', ['serverAddress', 'userName', 'password', 'port', 'enableSSL']),
	api('filesystem', 'File System', 'Standard', ['rootfolder', 'authType', 'username', 'password']),
	api('mq', 'IBM MQ', 'Enterprise', ['server', 'queuemanager', 'channel', 'username', 'password', 'isSecure']),
	api('db2', 'DB2', 'Standard', ['server', 'database', 'authentication', 'username', 'password']),
	api('sap', 'SAP', 'Enterprise', [
		'logonType',
		'applicationServerHost',
		'systemNumber',
		'client',
		'userName',
		'password',
		'safeTyping',
	]),
	api('eventhubs', 'Event Hubs', 'Standard', ['connectionString']),
	api('azurequeues', 'Azure Queues', 'Standard', ['storageaccount', 'sharedkey']),
	api('azuretables', 'Azure Table Storage', 'Standard', ['storageaccount', 'sharedkey']),
	api('as2', 'AS2', 'Standard', ['integrationAccountId', 'integrationAccountUrl']),
	api('x12', 'X12', 'Standard', ['integrationAccountId', 'integrationAccountUrl']),
	api('azurefile', 'Azure File Storage', 'Standard', ['accountName', 'accessKey']),
	api('keyvault', 'Azure Key Vault', 'Standard', ['vaultName']),
];

const integrationAccount: IntegrationAccount = {
	id: INTEGRATION_ACCOUNT_ID,
	name: INTEGRATION_ACCOUNT_NAME,
	resourceGroup: RESOURCE_GROUP,
	sku: 'Standard',
	maps: [
		{name: 'X12_850_to_PurchaseOrder', type: 'Xslt'},
		{name: 'PurchaseOrder_to_SAP_ORDERS05', type: 'Xslt'},
		{name: 'ShipmentNotice_to_X12_856', type: 'Xslt'},
		{name: 'ShipmentNotice_to_WmsText', type: 'Liquid'},
	],
	schemas: [
		{name: 'X12_00401_850', type: 'Xml'},
		{name: 'X12_00401_856', type: 'Xml'},
		{name: 'ContosoPurchaseOrder', type: 'Xml'},
		{name: 'SAP_ORDERS05_740', type: 'Xml'},
	],
	partners: ['Contoso', 'Fabrikam', 'Northwind Traders'],
	agreements: [
		{name: 'Contoso-Fabrikam-AS2', type: 'AS2'},
		{name: 'Contoso-Fabrikam-X12', type: 'X12'},
		{name: 'Northwind-Contoso-AS2', type: 'AS2'},
		{name: 'Northwind-Contoso-X12', type: 'X12'},
	],
};

const CONTOSO: Inventory = {
	source: {kind: 'demo', label: 'Bundled sample ISE (Contoso)'},
	ise,
	managedApis,
	workflows: [
		orderIntakeSql,
		orderFulfilmentServiceBus,
		sapOrderCreate,
		sapIdocToServiceBus,
		invoiceSftpToBlob,
		invoiceEmailIntake,
		supplierPricesFtpToBlob,
		dailySalesReport,
		warehouseDispatchMq,
		inventorySyncDb2,
		shipmentTrackingEventHub,
		b2bAs2X12Inbound,
		b2bX12As2Outbound,
		deliveryProofEventGrid,
		customerSyncErp,
		shippingQuoteCalculator,
		returnsTopicServiceBus,
		orderLinesSessions,
		contractArchiveFiles,
		partnerCatalogSftp,
		newCustomerWelcome,
	],
	integrationAccounts: [integrationAccount],
	// A live capture rarely reads everything: one ISE workflow sits in a resource group the sign-in
	// could not read, so the sample also shows how unread parts are reported.
	issues: [
		{
			where: `${SUBSCRIPTION_SCOPE}/resourceGroups/rg-contoso-legacy/providers/Microsoft.Logic/workflows/edifact-archive-legacy`,
			message:
				'The workflow points at contoso-ise but its definition could not be read (403 AuthorizationFailed: no read access to resource group rg-contoso-legacy)',
		},
	],
};

/**
 * The Contoso sample inventory. Each call returns a fresh deep copy with no object shared between
 * workflows, so callers (the converter works on definitions in place) can mutate it freely.
 */
export function contosoInventory(): Inventory {
	return JSON.parse(JSON.stringify(CONTOSO)) as Inventory;
}
