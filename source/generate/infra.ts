// infraTemplate(): the ARM deployment template for the Standard app the plan describes (plan, app, runtime storage,
// network, private endpoints and DNS, NAT gateway, storage CMK, managed API connections), its parameters file and a
// short readme. Pure: shapes and apiVersions follow /work/shared/infra.md; anything marked [U] there is a parameter.
import type {CustomerManagedKey} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {API_VERSIONS, DEPLOYMENT_PARAMETERS_SCHEMA, DEPLOYMENT_TEMPLATE_SCHEMA, literal, p, q, rid, v, x, type Json, type JsonObject} from './infra/arm.js';
import {aseDns, aseEnvironment, aseIdOf, aseNsg, aseParameters, aseSubnet, aseVariables, aseZone, ILB_ADDRESS, isolatedPlan} from './infra/ase.js';
import {infraReadme} from './infra/readme.js';
import {gatewayParameter} from './reach.js';
import {CRYPTO_SERVICE_ENCRYPTION_USER, STORAGE_SERVICES, infraShape, type InfraContext, type InfraShape, type ManagedConnectionInput} from './infra/shape.js';
import {PLATFORM_SETTING, flowStateFolder, settingName} from './app-settings.js';

export {bySignIn, infraShape, type InfraContext, type InfraShape, type ManagedConnectionInput} from './infra/shape.js';

export {API_VERSIONS, DEPLOYMENT_PARAMETERS_SCHEMA, DEPLOYMENT_TEMPLATE_SCHEMA} from './infra/arm.js';

export interface ArmTemplate {
	$schema: string;
	contentVersion: string;
	metadata: JsonObject;
	parameters: Record<string, JsonObject>;
	variables: JsonObject;
	resources: JsonObject[];
	outputs: Record<string, JsonObject>;
}

export interface InfraOutput {
	template: ArmTemplate;
	/** Body of azuredeploy.parameters.json. */
	parameters: {$schema: string; contentVersion: string; parameters: Record<string, {value: Json}>};
	/** Markdown: what the template deploys, the decisions behind it, how to deploy and what to check. */
	readme: string;
}

const WORKFLOW_BUNDLE = 'Microsoft.Azure.Functions.ExtensionBundle.Workflows';
const BUNDLE_RANGE = '[1.*, 2.0.0)';

interface Names {
	site: string;
	plan: string;
	storage: string;
	share: string;
	subnetVar: string;
	subnetName: string;
	subnetPrefixVar: string;
}

function appNames(i: number, apps: number): Names {
	return {
		site: `siteName${i}`,
		plan: `planName${i}`,
		storage: `storageName${i}`,
		share: `contentShareName${i}`,
		subnetVar: `integrationSubnetName${i}`,
		subnetName: apps === 1 ? 'snet-integration' : `snet-integration-${i}`,
		subnetPrefixVar: `integrationSubnetPrefix${i}`,
	};
}

function storagePeVar(i: number, svc: string): string {
	return `storagePe${i}_${svc}`;
}

function zoneVar(svc: string): string {
	return `storageDnsZone_${svc}`;
}

export function infraTemplate(plan: Plan, ctx: InfraContext): InfraOutput {
	const shape = infraShape(plan);
	const {apps} = shape;
	const names = Array.from({length: apps}, (_, k) => appNames(k + 1, apps));
	const connections = usableConnections(ctx.managedConnections);
	const key = shape.cmk ? plan.storageCmk.key : undefined;

	const parameters = templateParameters(plan, shape, key);
	Object.assign(parameters, gatewayParameters(connections));
	const projectSettings = projectAppSettings(ctx, connections);
	if (projectSettings.length > 0) parameters.appSettingValues = appSettingValuesParameter(projectSettings);
	const flowStates = plan.workflows.filter((w) => w.include);
	if (flowStates.length > 0) parameters[WORKFLOW_STATES] = workflowStatesParameter(flowStates);
	const variables = templateVariables(plan, shape, names, connections, key !== undefined);

	// ----- resources -----
	const resources: JsonObject[] = [];
	const vnetId = rid('Microsoft.Network/virtualNetworks', p('vnetName'));
	const natId = rid('Microsoft.Network/natGateways', v('natGatewayName'));
	const pipId = rid('Microsoft.Network/publicIPAddresses', v('natPublicIpName'));
	const uaiId = rid('Microsoft.ManagedIdentity/userAssignedIdentities', v('cmkIdentityName'));
	const roleDeploymentId = rid('Microsoft.Resources/deployments', v('cmkRoleDeploymentName'));
	const siteId = (n: Names) => rid('Microsoft.Web/sites', v(n.site));
	const storageId = (n: Names) => rid('Microsoft.Storage/storageAccounts', v(n.storage));
	const shareId = (n: Names) => rid('Microsoft.Storage/storageAccounts/fileServices/shares', v(n.storage), q('default'), v(n.share));
	const zoneId = (zone: string) => rid('Microsoft.Network/privateDnsZones', zone);
	const linkId = (zone: string) => rid('Microsoft.Network/privateDnsZones/virtualNetworkLinks', zone, v('dnsLinkName'));
	const zoneGroupId = (pe: string) => rid('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', pe, q('default'));
	const connectionId = (name: string) => rid('Microsoft.Web/connections', q(name));
	// Private endpoints and zone links go into the new VNet, or (existing ASE) into a subnet of the ASE's VNet the admin names.
	const endpointVnetId = shape.vnet ? vnetId : v('privateEndpointVnetId');
	const endpointSubnetId = shape.vnet ? rid('Microsoft.Network/virtualNetworks/subnets', p('vnetName'), v('privateEndpointSubnetName')) : p('privateEndpointSubnetResourceId');
	const onVnet = shape.vnet ? [x(vnetId)] : [];

	if (shape.natGateway) {
		resources.push({
			type: 'Microsoft.Network/publicIPAddresses',
			apiVersion: API_VERSIONS.network,
			name: x(v('natPublicIpName')),
			location: x(p('location')),
			sku: {name: 'Standard', tier: 'Regional'},
			properties: {publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4'},
		});
		resources.push({
			type: 'Microsoft.Network/natGateways',
			apiVersion: API_VERSIONS.network,
			name: x(v('natGatewayName')),
			location: x(p('location')),
			sku: {name: 'Standard'},
			dependsOn: [x(pipId)],
			properties: {idleTimeoutInMinutes: 4, publicIpAddresses: [{id: x(pipId)}]},
		});
	}

	if (shape.ase?.create) resources.push(aseNsg(shape));
	if (shape.vnet) {
		const subnets: Json[] = shape.ase
			? [aseSubnet(shape.natGateway ? natId : undefined)]
			: names.map((n) => ({
					name: x(v(n.subnetVar)),
					properties: {
						addressPrefix: x(v(n.subnetPrefixVar)),
						delegations: [{name: 'webapp', properties: {serviceName: 'Microsoft.Web/serverFarms'}}],
						...(shape.natGateway ? {natGateway: {id: x(natId)}} : {}),
					},
				}));
		if (shape.privateEndpointSubnet) {
			subnets.push({
				name: x(v('privateEndpointSubnetName')),
				properties: {addressPrefix: x(v('privateEndpointSubnetPrefix')), privateEndpointNetworkPolicies: 'Disabled'},
			});
		}
		const vnetDependsOn = [...(shape.natGateway ? [x(natId)] : []), ...(shape.ase?.create ? [x(rid('Microsoft.Network/networkSecurityGroups', v('aseNsgName')))] : [])];
		resources.push({
			type: 'Microsoft.Network/virtualNetworks',
			apiVersion: API_VERSIONS.network,
			name: x(p('vnetName')),
			location: x(p('location')),
			...(vnetDependsOn.length > 0 ? {dependsOn: vnetDependsOn} : {}),
			properties: {addressSpace: {addressPrefixes: [x(p('vnetAddressPrefix'))]}, subnets},
		});
	}
	if (shape.ase?.create) {
		resources.push(aseEnvironment(vnetId, shape));
		if (shape.ase.internal) resources.push(...aseDns(vnetId));
	}

	if (key) {
		resources.push({
			type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
			apiVersion: API_VERSIONS.identity,
			name: x(v('cmkIdentityName')),
			location: x(p('location')),
		});
		resources.push(cmkRoleDeployment(uaiId));
	}

	const privateZones = new Map<string, string>();
	names.forEach((n, k) => {
		const i = k + 1;
		resources.push(storageAccount(n, shape, key ? {uaiId, roleDeploymentId} : undefined));
		// A content share is what a Workflow Standard plan runs from; an ASE (a dedicated plan) keeps the app's
		// content itself, and `az logicapp create` sets no content share for Isolated v2 plans [C].
		if (shape.hosting === 'ws') {
			resources.push({
				type: 'Microsoft.Storage/storageAccounts/fileServices/shares',
				apiVersion: API_VERSIONS.storage,
				name: x(`format('{0}/default/{1}', ${v(n.storage)}, ${v(n.share)})`),
				dependsOn: [x(storageId(n))],
				properties: {},
			});
		}
		if (shape.storagePrivate) {
			for (const svc of STORAGE_SERVICES) {
				const pe = v(storagePeVar(i, svc));
				privateZones.set(v(zoneVar(svc)), svc);
				resources.push(privateEndpoint(pe, storageId(n), svc, endpointSubnetId, [x(storageId(n)), ...onVnet]));
				resources.push(zoneGroup(pe, v(zoneVar(svc)), svc, zoneId));
			}
		}
	});
	if (shape.appPrivateEndpoint) privateZones.set(p('appServicePrivateDnsZoneName'), 'sites');
	for (const zone of privateZones.keys()) {
		resources.push({type: 'Microsoft.Network/privateDnsZones', apiVersion: API_VERSIONS.privateDns, name: x(zone), location: 'global', properties: {}});
		resources.push({
			type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
			apiVersion: API_VERSIONS.privateDns,
			name: x(`format('{0}/{1}', ${zone}, ${v('dnsLinkName')})`),
			location: 'global',
			dependsOn: [x(zoneId(zone)), ...onVnet],
			properties: {registrationEnabled: false, virtualNetwork: {id: x(endpointVnetId)}},
		});
	}

	names.forEach((n, k) => {
		resources.push(
			shape.ase
				? isolatedPlan(n.plan, shape)
				: {
						type: 'Microsoft.Web/serverfarms',
						apiVersion: API_VERSIONS.web,
						name: x(v(n.plan)),
						location: x(p('location')),
						kind: x(p('planKind')),
						sku: {name: x(p('workflowStandardSku')), tier: 'WorkflowStandard', capacity: x(p('alwaysReadyInstances'))},
						properties: {
							maximumElasticWorkerCount: x(p('maximumElasticWorkerCount')),
							zoneRedundant: x(p('zoneRedundant')),
							reserved: false,
						},
					},
		);
		const dependsOn = [x(rid('Microsoft.Web/serverfarms', v(n.plan))), x(storageId(n)), ...(shape.hosting === 'ws' ? [x(shareId(n))] : []), ...onVnet];
		if (shape.storagePrivate) {
			for (const svc of STORAGE_SERVICES) {
				dependsOn.push(x(zoneGroupId(v(storagePeVar(k + 1, svc)))));
				dependsOn.push(x(linkId(v(zoneVar(svc)))));
			}
		}
		for (const c of connections) dependsOn.push(x(connectionId(c.name)));
		resources.push(site(n, shape, connections, dependsOn, projectSettings, flowStates.map((w) => w.folder), ctx.userAssignedIdentities ?? []));
		resources.push({
			type: 'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
			apiVersion: API_VERSIONS.web,
			name: x(`format('{0}/ftp', ${v(n.site)})`),
			dependsOn: [x(siteId(n))],
			properties: {allow: false},
		});
		if (shape.appPrivateEndpoint) {
			const pe = v(`sitePe${k + 1}`);
			resources.push(privateEndpoint(pe, siteId(n), 'sites', endpointSubnetId, [x(siteId(n)), ...onVnet]));
			resources.push(zoneGroup(pe, p('appServicePrivateDnsZoneName'), 'sites', zoneId));
		}
	});

	for (const c of connections) {
		resources.push({
			type: 'Microsoft.Web/connections',
			apiVersion: API_VERSIONS.connections,
			name: literal(c.name),
			location: x(p('location')),
			kind: 'V2',
			properties: {
				displayName: literal(c.name),
				api: {id: x(`subscriptionResourceId('Microsoft.Web/locations/managedApis', ${p('location')}, ${q(c.api)})`)},
				// What is known and not secret, and the gateway when the steps reach their system through one; credentials are
				// never copied from the ISE: they are entered once after deployment. A connection that signed in with a
				// managed identity does so again, in the form Learn gives for Standard, and needs no consent.
				...connectionSignIn(c),
			},
		});
		for (const n of names) {
			resources.push({
				type: 'Microsoft.Web/connections/accessPolicies',
				apiVersion: API_VERSIONS.connections,
				name: x(`format('{0}/{1}', ${q(c.name)}, ${v(n.site)})`),
				location: x(p('location')),
				dependsOn: [x(connectionId(c.name)), x(siteId(n))],
				properties: {
					principal: {
						type: 'ActiveDirectory',
						identity: {tenantId: x('subscription().tenantId'), objectId: x(`reference(${siteId(n)}, '${API_VERSIONS.web}', 'full').identity.principalId`)},
					},
				},
			});
		}
	}

	// ----- outputs -----
	const outputs: Record<string, JsonObject> = shape.vnet ? {vnetId: {type: 'string', value: x(vnetId)}} : {};
	names.forEach((n, k) => {
		const i = k + 1;
		outputs[`app${i}Name`] = {type: 'string', value: x(v(n.site))};
		outputs[`app${i}PrincipalId`] = {type: 'string', value: x(`reference(${siteId(n)}, '${API_VERSIONS.web}', 'full').identity.principalId`)};
		outputs[`app${i}DefaultHostName`] = {type: 'string', value: x(`reference(${siteId(n)}, '${API_VERSIONS.web}').defaultHostName`)};
		outputs[`app${i}StorageAccount`] = {type: 'string', value: x(v(n.storage))};
		if (!shape.ase) outputs[`app${i}IntegrationSubnetPrefix`] = {type: 'string', value: x(v(n.subnetPrefixVar))};
	});
	if (shape.ase) {
		outputs.aseId = {type: 'string', value: x(aseIdOf(shape))};
		if (shape.ase.create) outputs.aseSubnetPrefix = {type: 'string', value: x(v('aseSubnetPrefix'))};
		if (shape.ase.create && shape.ase.internal) {
			outputs.aseInternalInboundIp = {type: 'string', value: x(ILB_ADDRESS)};
			outputs.aseDnsZone = {type: 'string', value: x(v('aseDnsZoneName'))};
		}
	}
	if (shape.privateEndpointSubnet && shape.vnet) outputs.privateEndpointSubnetPrefix = {type: 'string', value: x(v('privateEndpointSubnetPrefix'))};
	if (shape.natGateway) outputs.natPublicIp = {type: 'string', value: x(`reference(${pipId}, '${API_VERSIONS.network}').ipAddress`)};

	const template: ArmTemplate = {
		$schema: DEPLOYMENT_TEMPLATE_SCHEMA,
		contentVersion: '1.0.0.0',
		metadata: {generator: 'ise-migrate', replaces: literal(plan.iseName)},
		parameters,
		variables,
		resources,
		outputs,
	};
	const parameterFile = {
		$schema: DEPLOYMENT_PARAMETERS_SCHEMA,
		contentVersion: '1.0.0.0',
		// A parameters file does not evaluate expressions: defaults that are expressions stay with the template.
		parameters: Object.fromEntries(
			Object.entries(parameters)
				.filter(([, def]) => !(typeof def.defaultValue === 'string' && /^\[(?!\[)/.test(def.defaultValue)))
				// A parameter without a default (an existing ASE's id, its private-endpoint subnet) must be filled in:
				// the empty value fails the template's minLength with the parameter's name rather than deploying half.
				.map(([name, def]) => [name, {value: def.defaultValue ?? ''}]),
		),
	};
	return {template, parameters: parameterFile, readme: infraReadme({plan, shape, ctx, connections, skipped: skippedConnections(ctx, connections), templateSettings: siteSettingNames(resources), projectSettings})};
}

/** Every setting an admin may want to change; [U] items from infra.md are here rather than fixed. */
function templateParameters(plan: Plan, shape: InfraShape, key: CustomerManagedKey | undefined): Record<string, JsonObject> {
	const {apps} = shape;
	const parameters: Record<string, JsonObject> = {
		location: {
			type: 'string',
			defaultValue: plan.location ? literal(plan.location) : '[resourceGroup().location]',
			metadata: {
				description: !plan.location
					? 'Region of every resource: the source does not say where the ISE ran, so the resource group\'s region is used.'
					: plan.location === plan.inventory.ise.location
						? `Region of every resource; the ISE ran in ${plan.location}.`
						: `Region of every resource, as given for this migration (the source does not say where the ISE ran).`,
			},
		},
		appName: {
			type: 'string',
			defaultValue: literal(plan.appName),
			minLength: 2,
			maxLength: apps === 1 ? 60 : 57,
			metadata: {
				description:
					apps > 1
						? `Base name: the apps are <name>-1 … <name>-${apps}.`
						: shape.ase
							? `Name of the Standard logic app (<name>.${aseZone('<ASE name>')}).`
							: 'Name of the Standard logic app (globally unique: <name>.azurewebsites.net).',
			},
		},
	};
	if (shape.ase) {
		Object.assign(parameters, aseParameters(plan, shape));
	} else {
		Object.assign(parameters, {
			workflowStandardSku: {
				type: 'string',
				defaultValue: plan.hosting.plan,
				allowedValues: ['WS1', 'WS2', 'WS3'],
				metadata: {description: 'WS1 = 1 vCPU/3.5 GB, WS2 = 2/7 GB, WS3 = 4/14 GB. Our estimate from the ISE units: load-test it.'},
			},
			alwaysReadyInstances: {
				type: 'int',
				defaultValue: Math.max(1, Math.floor(plan.hosting.instances || 1)),
				minValue: 1,
				maxValue: Math.max(20, Math.floor(plan.hosting.instances || 1)),
				metadata: {description: 'Instances each app keeps warm (plan minimum and the site\'s minimum elastic instance count).'},
			},
			maximumElasticWorkerCount: {
				type: 'int',
				defaultValue: shape.maxBurst,
				minValue: 1,
				maxValue: Math.max(100, shape.maxBurst),
				metadata: {
					description:
						'Upper bound the plan may scale out to (burst). Every instance takes an address of the integration subnet, and twice as many are needed briefly while the platform upgrades or scales the plan: the default keeps within the subnet.',
				},
			},
			planKind: {
				type: 'string',
				defaultValue: 'elastic',
				metadata: {description: '[U] serverfarm kind: Microsoft samples use "", "windows" or "elastic"; no source says it matters for WS plans.'},
			},
		});
	}
	parameters.zoneRedundant = {
		type: 'bool',
		defaultValue: false,
		metadata: {
			description: shape.ase
				? 'Zone redundancy of the Isolated v2 plan (and of a new ASE): at least 2 instances, which are billed; it needs a region with availability zones.'
				: 'Zone redundancy can only be chosen when the plan is created, in supported regions; the instance minimum it needs is [U].',
		},
	};
	if (shape.vnet) {
		Object.assign(parameters, {
			vnetName: {type: 'string', defaultValue: literal(`vnet-${plan.appName}`), metadata: {description: 'The new virtual network for the app.'}},
			vnetAddressPrefix: {
				type: 'string',
				defaultValue: shape.layout.addressSpace,
				metadata: {
					description: `Address space of the new VNet. The default avoids the ISE's ranges, which stay in use until the ISE is deleted. Subnets are carved from it: ${shape.ase ? 'the ASE subnet' : 'integration subnets'} in the lower half, the private-endpoint subnet in the upper half.`,
				},
			},
		});
	}
	if (!shape.ase) {
		Object.assign(parameters, {
			integrationSubnetPrefixLength: {
				type: 'int',
				defaultValue: plan.subnets.integrationPrefixLength,
				minValue: 20,
				maxValue: 28,
				metadata: {description: 'Prefix length of each integration subnet: /26 recommended, /27 the portal minimum, /28 the hard minimum. It cannot change once an app uses it.'},
			},
		});
	}
	Object.assign(parameters, {
		storageSku: {
			type: 'string',
			defaultValue: 'Standard_LRS',
			allowedValues: ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'],
			metadata: {description: `Replication of the runtime storage account (run history, state, queues${shape.ase ? '' : ', content share'}).`},
		},
		requireInfrastructureEncryption: {
			type: 'bool',
			defaultValue: shape.cmk,
			metadata: {description: 'Double encryption of the storage account; it can only be set at creation. The ISE had it with its CMK.'},
		},
	});
	if (shape.privateEndpointSubnet && !shape.vnet) {
		parameters.privateEndpointSubnetResourceId = {
			type: 'string',
			minLength: 1,
			metadata: {
				description:
					'Resource id of an existing subnet for the storage private endpoints, without delegation, that the ASE\'s subnet can reach (best in the ASE\'s VNet). The private DNS zones are linked to its VNet.',
			},
		};
	}
	if (shape.privateEndpointSubnet && shape.vnet) {
		parameters.privateEndpointSubnetPrefixLength = {
			type: 'int',
			defaultValue: shape.privateEndpointPrefixLength,
			minValue: 20,
			maxValue: 29,
			metadata: {description: `Prefix length of the private-endpoint subnet (${shape.privateEndpoints} endpoints go there; Azure keeps 5 addresses of every subnet).`},
		};
	}
	if (shape.appPrivateEndpoint) {
		parameters.appServicePrivateDnsZoneName = {
			type: 'string',
			defaultValue: 'privatelink.azurewebsites.net',
			metadata: {description: 'Private DNS zone for the app endpoint (also holds the scm records). Other clouds use another suffix.'},
		};
	}
	if (shape.accessRestrictions) {
		parameters.allowedCallerCidrs = {
			type: 'array',
			defaultValue: [],
			metadata: {description: 'Addresses (CIDR) of the systems that call the workflows; every other caller is refused.'},
		};
		parameters.connectorServiceTag = {
			type: 'string',
			defaultValue: 'AzureConnectors',
			metadata: {description: 'Service tag for managed connector callbacks. A regional tag (AzureConnectors.<Region>) is tighter; whether access restrictions accept it is [U].'},
		};
	}
	if (key) {
		parameters.cmkKeyVaultId = {
			type: 'string',
			defaultValue: literal(key.keyVaultId),
			metadata: {description: 'Resource id of the Key Vault holding the key (the one the ISE used). It needs soft delete and purge protection.'},
		};
		parameters.cmkKeyName = {type: 'string', defaultValue: literal(key.keyName), metadata: {description: 'Name of the key in that vault.'}};
		parameters.cmkAssignRole = {
			type: 'bool',
			defaultValue: true,
			metadata: {
				description:
					'Grant the storage identity "Key Vault Crypto Service Encryption User" on the vault in this deployment (needs Owner or User Access Administrator there). Set false if it is granted beforehand.',
			},
		};
	}

	return parameters;
}

/** Names and address ranges, computed by ARM from the parameters so an edited parameter keeps the template consistent. */
function templateVariables(plan: Plan, shape: InfraShape, names: Names[], connections: {name: string; api: string}[], cmk: boolean): JsonObject {
	const {apps} = shape;
	const variables: JsonObject = shape.vnet ? {integrationRange: x(`cidrSubnet(${p('vnetAddressPrefix')}, add(parseCidr(${p('vnetAddressPrefix')}).cidr, 1), 0)`)} : {};
	if (shape.privateEndpointSubnet && shape.vnet) {
		variables.privateEndpointRange = x(`cidrSubnet(${p('vnetAddressPrefix')}, add(parseCidr(${p('vnetAddressPrefix')}).cidr, 1), 1)`);
		variables.privateEndpointSubnetName = 'snet-private-endpoints';
		variables.privateEndpointSubnetPrefix = x(`cidrSubnet(${v('privateEndpointRange')}, ${p('privateEndpointSubnetPrefixLength')}, 0)`);
	}
	if (shape.privateEndpointSubnet && !shape.vnet) variables.privateEndpointVnetId = x(`split(${p('privateEndpointSubnetResourceId')}, '/subnets/')[0]`);
	Object.assign(variables, aseVariables(plan, shape));
	names.forEach((n, k) => {
		const i = k + 1;
		variables[n.site] = apps === 1 ? x(p('appName')) : x(`format('{0}-{1}', ${p('appName')}, ${i})`);
		variables[n.plan] = x(`format('{0}-plan', ${v(n.site)})`);
		// 2 + 9 + 13 characters: within the 24 a storage account name allows, unique per resource group and app.
		variables[n.storage] = x(`toLower(format('st{0}{1}', take(replace(${v(n.site)}, '-', ''), 9), uniqueString(resourceGroup().id, ${v(n.site)})))`);
		if (shape.ase) return;
		variables[n.share] = x(`toLower(format('{0}-content', take(replace(${v(n.site)}, '-', ''), 50)))`);
		variables[n.subnetVar] = n.subnetName;
		variables[n.subnetPrefixVar] = x(`cidrSubnet(${v('integrationRange')}, ${p('integrationSubnetPrefixLength')}, ${k})`);
	});
	if (shape.natGateway) {
		variables.natGatewayName = x(`format('{0}-nat', ${p('appName')})`);
		variables.natPublicIpName = x(`format('{0}-nat-ip', ${p('appName')})`);
	}
	if (shape.storagePrivate) {
		for (const svc of STORAGE_SERVICES) variables[zoneVar(svc)] = x(`format('privatelink.${svc}.{0}', environment().suffixes.storage)`);
		names.forEach((n, k) => {
			for (const svc of STORAGE_SERVICES) variables[storagePeVar(k + 1, svc)] = x(`format('pe-{0}-${svc}', ${v(n.storage)})`);
		});
	}
	if (shape.appPrivateEndpoint) {
		names.forEach((n, k) => {
			variables[`sitePe${k + 1}`] = x(`format('pe-{0}', ${v(n.site)})`);
		});
	}
	if (shape.privateEndpointSubnet || shape.storagePrivate || (shape.ase?.create && shape.ase.internal)) {
		variables.dnsLinkName = shape.vnet ? x(`format('link-{0}', ${p('vnetName')})`) : x(`format('link-{0}', last(split(${v('privateEndpointVnetId')}, '/')))`);
	}
	if (cmk) {
		variables.cmkIdentityName = x(`format('{0}-storage-cmk', ${p('appName')})`);
		variables.cmkVaultName = x(`last(split(${p('cmkKeyVaultId')}, '/'))`);
		variables.cmkRoleDeploymentName = x(`take(format('{0}-cmk-role', ${p('appName')}), 64)`);
	}
	if (shape.accessRestrictions) {
		const tagRules: Json[] = [
			{name: 'LogicAppsManagement', priority: 100, action: 'Allow', tag: 'ServiceTag', ipAddress: 'LogicAppsManagement', description: 'Logic Apps management (designer, run history)'},
			{name: 'AzureConnectors', priority: 110, action: 'Allow', tag: 'ServiceTag', ipAddress: x(p('connectorServiceTag')), description: 'Managed connector callbacks (webhook triggers)'},
		];
		if (connections.some((c) => c.api === 'azureeventgrid')) {
			tagRules.push({name: 'AzureEventGrid', priority: 120, action: 'Allow', tag: 'ServiceTag', ipAddress: 'AzureEventGrid', description: 'Event Grid deliveries [U]'});
		}
		variables.serviceTagRules = tagRules;
		variables.copy = [
			{
				name: 'callerRules',
				count: x(`length(${p('allowedCallerCidrs')})`),
				input: {
					name: x(`format('caller-{0}', copyIndex('callerRules', 1))`),
					priority: x(`add(300, copyIndex('callerRules'))`),
					action: 'Allow',
					ipAddress: x(`${p('allowedCallerCidrs')}[copyIndex('callerRules')]`),
				},
			},
		];
	}

	return variables;
}

function siteSettingNames(resources: JsonObject[]): Set<string> {
	const names = new Set<string>();
	for (const r of resources) {
		const config = (r.properties as JsonObject | undefined)?.siteConfig as JsonObject | undefined;
		for (const s of (config?.appSettings as JsonObject[] | undefined) ?? []) names.add(String(s.name).toLowerCase());
	}
	return names;
}

/**
 * The managed API connections the template creates, by name: managed (multi-tenant) connectors only, since custom
 * connectors are replaced by the custom connector decision and unresolved placeholders have no API. The readme, the
 * report and the cut-over list name these, so none of them asks to authorise a connection that is not deployed.
 */
export function usableConnections(managed: readonly ManagedConnectionInput[]): UsableConnection[] {
	const seen = new Set<string>();
	const out: UsableConnection[] = [];
	for (const c of managed) {
		if (c.kind && c.kind !== 'managed' && c.kind !== 'ise') continue;
		if (!c.api || c.api === 'unknown' || !c.name) continue;
		if (seen.has(c.name.toLowerCase())) continue;
		seen.add(c.name.toLowerCase());
		out.push({
			name: c.name,
			api: c.api.toLowerCase(),
			...(c.values ? {values: c.values} : {}),
			...(c.gateway ? {gateway: c.gateway} : {}),
			...(c.managedIdentity ? {managedIdentity: c.managedIdentity} : {}),
		});
	}
	return out.sort((a, b) => a.name.localeCompare(b.name));
}

export type UsableConnection = Pick<ManagedConnectionInput, 'name' | 'api' | 'values' | 'gateway' | 'managedIdentity'>;

/**
 * How a connection resource signs in: with a managed identity as `parameterValueType: Alternative`, or through the
 * parameter set a multi-authentication connector names for it (Learn, "Authenticate access with managed identities",
 * Standard); otherwise with the values entered at consent.
 */
function connectionSignIn(c: UsableConnection): JsonObject {
	if (!c.managedIdentity) return {parameterValues: connectionParameterValues(c)};
	const {gateway: _gateway, ...values} = connectionParameterValues(c);
	if (c.managedIdentity.parameterSet) {
		return {parameterValueSet: {name: c.managedIdentity.parameterSet, values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, {value: v}]))}};
	}
	return {parameterValueType: 'Alternative', alternativeParameterValues: values};
}

/**
 * A managed connection's parameterValues: its known non-secret values, and `gateway: {id}` (the designer's shape,
 * infra-ase-gateway.md §3) from a template parameter when its steps go through an on-premises data gateway.
 */
function connectionParameterValues(c: UsableConnection): JsonObject {
	const out: JsonObject = {};
	for (const [k, value] of Object.entries(c.values ?? {})) {
		if (k.toLowerCase() === 'gateway') continue;
		out[k] = typeof value === 'string' ? literal(value) : value;
	}
	if (c.gateway) out.gateway = {id: x(p(gatewayParameter(c.name)))};
	return out;
}

function gatewayParameters(connections: readonly UsableConnection[]): Record<string, JsonObject> {
	const out: Record<string, JsonObject> = {};
	for (const c of connections) {
		if (!c.gateway) continue;
		// Without a known gateway there is no default: the empty value in the parameters file fails minLength with the
		// parameter's name, rather than deploying a connection to a guessed resource.
		out[gatewayParameter(c.name)] = {
			type: 'string',
			...(c.gateway.id ? {defaultValue: literal(c.gateway.id)} : {minLength: 1}),
			metadata: {
				description:
					`Id of the on-premises data gateway resource (Microsoft.Web/connectionGateways) the '${c.name}' connection goes through` +
					(c.gateway.id ? ': the one the ISE connection used.' : ': create it first (the gateway admin registers the installed gateway in Azure), then put its id here.'),
			},
		};
	}
	return out;
}

function skippedConnections(ctx: InfraContext, usable: readonly UsableConnection[]): {name: string; api: string}[] {
	const kept = new Set(usable.map((c) => c.name.toLowerCase()));
	return ctx.managedConnections.filter((c) => !kept.has(c.name.toLowerCase()));
}

function privateEndpoint(nameExpr: string, targetId: string, group: string, subnetId: string, dependsOn: string[]): JsonObject {
	return {
		type: 'Microsoft.Network/privateEndpoints',
		apiVersion: API_VERSIONS.network,
		name: x(nameExpr),
		location: x(p('location')),
		dependsOn,
		properties: {
			subnet: {id: x(subnetId)},
			privateLinkServiceConnections: [{name: group, properties: {privateLinkServiceId: x(targetId), groupIds: [group]}}],
		},
	};
}

function zoneGroup(peExpr: string, zoneExpr: string, group: string, zoneId: (zone: string) => string): JsonObject {
	return {
		type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
		apiVersion: API_VERSIONS.network,
		name: x(`format('{0}/default', ${peExpr})`),
		dependsOn: [x(rid('Microsoft.Network/privateEndpoints', peExpr)), x(zoneId(zoneExpr))],
		properties: {privateDnsZoneConfigs: [{name: group, properties: {privateDnsZoneId: x(zoneId(zoneExpr))}}]},
	};
}

function storageAccount(n: Names, shape: InfraShape, cmk: {uaiId: string; roleDeploymentId: string} | undefined): JsonObject {
	// keyType Account on queues and tables can only be set at creation; setting it even without a CMK keeps the
	// door open to adding one later for the tables and queues that hold run state.
	const services: JsonObject = Object.fromEntries(STORAGE_SERVICES.map((svc) => [svc, {enabled: true, keyType: 'Account'}]));
	const encryption: JsonObject = cmk
		? {
				keySource: 'Microsoft.Keyvault',
				requireInfrastructureEncryption: x(p('requireInfrastructureEncryption')),
				// No keyversion: Storage then follows new key versions automatically.
				keyvaultproperties: {
					keyname: x(p('cmkKeyName')),
					keyvaulturi: x(`format('https://{0}{1}/', ${v('cmkVaultName')}, environment().suffixes.keyvaultDns)`),
				},
				identity: {userAssignedIdentity: x(cmk.uaiId)},
				services,
			}
		: {keySource: 'Microsoft.Storage', requireInfrastructureEncryption: x(p('requireInfrastructureEncryption')), services};
	return {
		type: 'Microsoft.Storage/storageAccounts',
		apiVersion: API_VERSIONS.storage,
		name: x(v(n.storage)),
		location: x(p('location')),
		kind: 'StorageV2',
		sku: {name: x(p('storageSku'))},
		...(cmk ? {identity: {type: 'UserAssigned', userAssignedIdentities: {[x(cmk.uaiId)]: {}}}, dependsOn: [x(cmk.uaiId), x(cmk.roleDeploymentId)]} : {}),
		properties: {
			accessTier: 'Hot',
			minimumTlsVersion: 'TLS1_2',
			supportsHttpsTrafficOnly: true,
			allowBlobPublicAccess: false,
			// The content share setting (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING) authenticates with a key.
			allowSharedKeyAccess: true,
			publicNetworkAccess: shape.storagePrivate ? 'Disabled' : 'Enabled',
			networkAcls: {defaultAction: shape.storagePrivate ? 'Deny' : 'Allow', bypass: 'AzureServices'},
			encryption,
		},
	};
}

function cmkRoleDeployment(uaiId: string): JsonObject {
	// The vault usually lives in another resource group (or subscription) than the app, and only an extension
	// resource deployed there can target it, hence the nested deployment scoped to the vault's resource group.
	return {
		type: 'Microsoft.Resources/deployments',
		apiVersion: API_VERSIONS.deployments,
		name: x(v('cmkRoleDeploymentName')),
		condition: x(p('cmkAssignRole')),
		subscriptionId: x(`split(${p('cmkKeyVaultId')}, '/')[2]`),
		resourceGroup: x(`split(${p('cmkKeyVaultId')}, '/')[4]`),
		dependsOn: [x(uaiId)],
		properties: {
			mode: 'Incremental',
			expressionEvaluationOptions: {scope: 'inner'},
			parameters: {
				vaultName: {value: x(v('cmkVaultName'))},
				principalId: {value: x(`reference(${uaiId}, '${API_VERSIONS.identity}').principalId`)},
				roleAssignmentName: {value: x(`guid(${p('cmkKeyVaultId')}, ${uaiId}, '${CRYPTO_SERVICE_ENCRYPTION_USER}')`)},
			},
			template: {
				$schema: DEPLOYMENT_TEMPLATE_SCHEMA,
				contentVersion: '1.0.0.0',
				parameters: {vaultName: {type: 'string'}, principalId: {type: 'string'}, roleAssignmentName: {type: 'string'}},
				resources: [
					{
						type: 'Microsoft.Authorization/roleAssignments',
						apiVersion: API_VERSIONS.roleAssignments,
						name: x(p('roleAssignmentName')),
						scope: x(`format('Microsoft.KeyVault/vaults/{0}', ${p('vaultName')})`),
						properties: {
							roleDefinitionId: x(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${CRYPTO_SERVICE_ENCRYPTION_USER}')`),
							principalId: x(p('principalId')),
							principalType: 'ServicePrincipal',
						},
					},
				],
			},
		},
	};
}

/**
 * The app settings the project reads that the template does not compute itself (credentials, connection settings,
 * parameters). An app settings deployment replaces the whole set, so the template carries them all, with values from
 * one secureObject parameter: a redeploy never wipes what the admin set. Local-only connection keys are left out.
 */
function projectAppSettings(ctx: InfraContext, connections: readonly {name: string}[]): {name: string; secret: boolean; description?: string; value?: string}[] {
	// FlowState settings come from their own parameter (workflowStates), which cut-over keeps current.
	const skipName = (name: string) => flowStateFolder(name) !== undefined;
	const skip = new Set(
		[
			...RUNTIME_SETTINGS,
			...connections.map((c) => settingName.managedRuntimeUrl(c.name)),
			// Connection keys are for local runs only: in Azure the app's identity has an access policy.
			...ctx.managedConnections.map((c) => settingName.managedKey(c.name)),
		].map((n) => n.toLowerCase()),
	);
	const seen = new Set<string>();
	return (ctx.appSettings ?? []).filter((s) => {
		const lower = s.name.toLowerCase();
		if (skip.has(lower) || seen.has(lower) || skipName(s.name)) return false;
		seen.add(lower);
		return true;
	});
}

function appSettingValuesParameter(settings: readonly {name: string; secret: boolean; value?: string}[]): JsonObject {
	const secrets = settings.filter((s) => s.secret).length;
	return {
		type: 'secureObject',
		// Known values only for settings that are not secret (server names, ports…); every secret is left empty.
		defaultValue: Object.fromEntries(settings.map((s) => [s.name, s.secret ? '' : (s.value ?? '')])),
		metadata: {
			description:
				`Values of the ${settings.length} app settings the project reads (setting name → value)` +
				(secrets > 0 ? `; ${secrets} hold credentials: give Key Vault references (@Microsoft.KeyVault(SecretUri=…)), never the secret itself` : '') +
				'. Nothing was copied from the ISE. See migration/report.md for what each one is.',
		},
	};
}

/** The parameter holding each workflow's FlowState: cut-over sets a workflow to Enabled here when it enables it. */
export const WORKFLOW_STATES = 'workflowStates';

/**
 * Every workflow's FlowState, always written: an app-settings deployment replaces the whole set, so a later deployment
 * without these keys would enable every workflow at once (../shared/infra-ase-gateway.md §2). Keeping the states in a
 * parameter lets a redeploy keep what cut-over has enabled instead of disabling it again.
 */
function workflowStatesParameter(workflows: readonly {folder: string; flowState: string}[]): JsonObject {
	return {
		type: 'object',
		defaultValue: Object.fromEntries(workflows.map((w) => [w.folder, w.flowState])),
		metadata: {
			description:
				'FlowState of each workflow (workflow folder → Disabled | Enabled), written as the app setting Workflows.<workflow>.FlowState. ' +
				'Deployed Disabled, a workflow waits for cut-over (migration/cutover.md); set it to Enabled here when you enable it, so a redeploy keeps it running. ' +
				'Never deploy app settings without these keys: a workflow whose key is missing runs.',
		},
	};
}

// Settings site() computes from the deployment itself.
const RUNTIME_SETTINGS = [
	'APP_KIND',
	'AzureFunctionsJobHost__extensionBundle__id',
	'AzureFunctionsJobHost__extensionBundle__version',
	'AzureWebJobsStorage',
	'FUNCTIONS_EXTENSION_VERSION',
	'FUNCTIONS_INPROC_NET8_ENABLED',
	'FUNCTIONS_WORKER_RUNTIME',
	'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
	'WEBSITE_CONTENTSHARE',
	'WEBSITE_CONTENTOVERVNET',
	'WEBSITE_NODE_DEFAULT_VERSION',
	PLATFORM_SETTING.location,
	PLATFORM_SETTING.resourceGroup,
	PLATFORM_SETTING.subscriptionId,
];

function site(
	n: Names,
	shape: InfraShape,
	connections: {name: string; api: string}[],
	dependsOn: string[],
	projectSettings: readonly {name: string}[],
	flowStates: readonly string[],
	userAssigned: readonly string[],
): JsonObject {
	const storageId = rid('Microsoft.Storage/storageAccounts', v(n.storage));
	const connectionString = x(
		`format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1};EndpointSuffix={2}', ${v(n.storage)}, listKeys(${storageId}, '${API_VERSIONS.storage}').keys[0].value, environment().suffixes.storage)`,
	);
	const settings: {name: string; value: Json}[] = [
		{name: 'APP_KIND', value: 'workflowApp'},
		{name: 'AzureFunctionsJobHost__extensionBundle__id', value: WORKFLOW_BUNDLE},
		{name: 'AzureFunctionsJobHost__extensionBundle__version', value: BUNDLE_RANGE},
		{name: 'AzureWebJobsStorage', value: connectionString},
		{name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4'},
		{name: 'FUNCTIONS_INPROC_NET8_ENABLED', value: '1'},
		{name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet'},
		// The content share is for Workflow Standard (elastic) plans only: "not required for Dedicated plan apps" (Learn,
		// Functions app settings), and `az logicapp create` leaves it out for Isolated v2 plans [C].
		...(shape.ase
			? []
			: [
					{name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: connectionString},
					{name: 'WEBSITE_CONTENTSHARE', value: x(v(n.share))},
					...(shape.storagePrivate ? [{name: 'WEBSITE_CONTENTOVERVNET', value: '1'}] : []),
				]),
		{name: 'WEBSITE_NODE_DEFAULT_VERSION', value: '~20'},
		{name: PLATFORM_SETTING.location, value: x(p('location'))},
		{name: PLATFORM_SETTING.resourceGroup, value: x('resourceGroup().name')},
		{name: PLATFORM_SETTING.subscriptionId, value: x('subscription().subscriptionId')},
		...connections.map((c) => ({
			name: settingName.managedRuntimeUrl(c.name),
			value: x(`reference(${rid('Microsoft.Web/connections', q(c.name))}, '${API_VERSIONS.connections}', 'full').properties.connectionRuntimeUrl`),
		})),
		...projectSettings.map((s) => ({name: s.name, value: x(`${p('appSettingValues')}[${q(s.name)}]`)})),
		...flowStates.map((folder) => ({name: settingName.flowState(folder), value: x(`${p(WORKFLOW_STATES)}[${q(folder)}]`)})),
	];
	const siteConfig: JsonObject = shape.ase
		? {
				netFrameworkVersion: 'v6.0',
				use32BitWorkerProcess: false,
				ftpsState: 'Disabled',
				minTlsVersion: '1.2',
				// A dedicated plan unloads idle apps without Always On, and polling triggers would then stop [U: whether
				// Logic Apps on Isolated v2 need it is not documented; the Functions guidance for dedicated plans says on].
				alwaysOn: true,
				appSettings: settings,
			}
		: {
				netFrameworkVersion: 'v6.0',
				use32BitWorkerProcess: false,
				ftpsState: 'Disabled',
				minTlsVersion: '1.2',
				// Lets the platform scale on non-HTTP triggers it can only see through the VNet.
				functionsRuntimeScaleMonitoringEnabled: true,
				minimumElasticInstanceCount: x(p('alwaysReadyInstances')),
				vnetRouteAllEnabled: true,
				appSettings: settings,
			};
	if (shape.accessRestrictions) {
		siteConfig.ipSecurityRestrictions = x(`concat(${v('serviceTagRules')}, ${v('callerRules')})`);
		siteConfig.scmIpSecurityRestrictionsUseMain = false;
	}
	return {
		type: 'Microsoft.Web/sites',
		apiVersion: API_VERSIONS.web,
		name: x(v(n.site)),
		location: x(p('location')),
		kind: 'functionapp,workflowapp',
		// Its own identity for what the ISE workflows' system identities did, and every user-assigned identity a step names
		// (a Standard app carries several: Learn, "Authenticate access with managed identities").
		identity:
			userAssigned.length > 0
				? {type: 'SystemAssigned, UserAssigned', userAssignedIdentities: Object.fromEntries(userAssigned.map((id) => [id, {}]))}
				: {type: 'SystemAssigned'},
		dependsOn,
		// In an ASE the app lives in the ASE's subnet: no VNet integration, no route-all, no app private endpoint.
		properties: shape.ase
			? {
					serverFarmId: x(rid('Microsoft.Web/serverfarms', v(n.plan))),
					hostingEnvironmentProfile: {id: x(aseIdOf(shape))},
					httpsOnly: true,
					clientAffinityEnabled: false,
					siteConfig,
				}
			: {
					serverFarmId: x(rid('Microsoft.Web/serverfarms', v(n.plan))),
					httpsOnly: true,
					clientAffinityEnabled: false,
					publicNetworkAccess: shape.appPrivateEndpoint ? 'Disabled' : 'Enabled',
					virtualNetworkSubnetId: x(rid('Microsoft.Network/virtualNetworks/subnets', p('vnetName'), v(n.subnetVar))),
					vnetRouteAllEnabled: true,
					vnetContentShareEnabled: shape.storagePrivate,
					siteConfig,
				},
	};
}
