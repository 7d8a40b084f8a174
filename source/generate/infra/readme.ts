// The readme that goes beside azuredeploy.json: what the template deploys, the decisions behind it (with certainty),
// how to deploy it and what to check afterwards.
import {iseInferred} from '../../model/index.js';
import type {Plan} from '../plan-types.js';
import {gatewayParameter} from '../reach.js';
import {aseZone} from './ase.js';
import {CRYPTO_SERVICE_ENCRYPTION_USER, STORAGE_SERVICES, bySignIn, vaultName, type InfraContext, type InfraShape, type ManagedConnectionInput} from './shape.js';
import {isManagedConnectionSetting} from '../app-settings.js';

function inboundText(plan: Plan, shape: InfraShape): string {
	if (shape.ase?.internal) return 'internal (ILB) App Service Environment: reachable only inside the network, no public endpoint';
	if (shape.appPrivateEndpoint) return 'private endpoint only: public network access disabled, `privatelink.azurewebsites.net` zone linked to the VNet';
	if (shape.accessRestrictions) return 'public endpoint with access restrictions (LogicAppsManagement, AzureConnectors service tags and `allowedCallerCidrs`)';
	return 'public endpoint without restrictions';
}

export interface ReadmeInput {
	plan: Plan;
	shape: InfraShape;
	ctx: InfraContext;
	/** Connections the template creates (with the gateway they go through, when they do). */
	connections: Pick<ManagedConnectionInput, 'name' | 'api' | 'gateway' | 'managedIdentity'>[];
	/** Connections it leaves out (custom, unresolved). */
	skipped: {name: string; api: string}[];
	/** App setting names the template sets itself (lower-case). */
	templateSettings: Set<string>;
	/** The project's own settings, which the template takes from its `appSettingValues` parameter. */
	projectSettings?: readonly {name: string; secret: boolean}[];
}

export function infraReadme({plan, shape, ctx, connections, skipped, templateSettings, projectSettings = []}: ReadmeInput): string {
	const ise = plan.inventory.ise;
	const key = shape.cmk ? plan.storageCmk.key : undefined;
	const apps = shape.apps;
	const appList = apps === 1 ? `\`${plan.appName}\`` : `\`${plan.appName}-1\` … \`${plan.appName}-${apps}\``;
	const iseSpace = ise.virtualNetworkAddressSpace ?? (ise.subnets.map((s) => s.addressPrefix).filter(Boolean).join(', ') || 'unknown');
	const L: string[] = [];
	L.push(`# Infrastructure for ${plan.appName}`, '');
	L.push(
		`\`azuredeploy.json\` deploys the Azure side of the Standard logic app${apps === 1 ? '' : 's'} that replace${apps === 1 ? 's' : ''} the ISE **${plan.iseName}**; ` +
			'`azuredeploy.parameters.json` holds every parameter with its default. The template holds no secret: storage keys are read at deployment time with `listKeys()` ' +
			'and API connections are created without credentials.',
		'',
	);
	L.push('## What it deploys', '');
	if (plan.hosting.kind === 'ase') {
		L.push(...aseDeploys(plan, shape));
	} else {
		L.push(`- ${apps === 1 ? 'A Workflow Standard plan' : `${apps} Workflow Standard plans`} (\`workflowStandardSku\`, default ${plan.hosting.plan}) with ${plan.hosting.instances} always-ready instance${plan.hosting.instances === 1 ? '' : 's'}${apps === 1 ? '' : ' each'}, elastic up to \`maximumElasticWorkerCount\`.`);
		L.push(`- The logic app${apps === 1 ? '' : 's'} ${appList} (\`functionapp,workflowapp\`, system-assigned identity, Functions ~4, HTTPS only, TLS 1.2, FTP off), integrated with the VNet with all outbound traffic routed through it (Route All).`);
		L.push(`- A runtime storage account per app (StorageV2, TLS 1.2, no public blob access) with its content share created up front${shape.storagePrivate ? ', public network access disabled and private endpoints for blob, file, queue and table' : ''}.`);
		L.push(
			`- A new VNet \`vnet-${plan.appName}\` (\`vnetAddressPrefix\`, default ${shape.layout.addressSpace}) with ${apps === 1 ? 'an integration subnet' : `${apps} integration subnets (one per plan)`} delegated to Microsoft.Web/serverFarms (default ${shape.layout.integrationSubnets.join(', ')})` +
				(shape.layout.privateEndpointSubnet ? ` and a private-endpoint subnet without delegation (default ${shape.layout.privateEndpointSubnet}).` : '.'),
		);
	}
	if (shape.privateEndpointSubnet && shape.privateEndpointPrefixLength !== plan.subnets.privateEndpointPrefixLength) {
		L.push(
			`- The private-endpoint subnet is /${shape.privateEndpointPrefixLength} rather than the planned /${plan.subnets.privateEndpointPrefixLength}: ` +
				`${shape.privateEndpoints} endpoints do not fit in the ${2 ** (32 - plan.subnets.privateEndpointPrefixLength) - 5} usable addresses of a /${plan.subnets.privateEndpointPrefixLength}.`,
		);
	}
	if (shape.storagePrivate || shape.appPrivateEndpoint) {
		const zones = [...(shape.storagePrivate ? [`privatelink.${STORAGE_SERVICES.join('|')}.core.windows.net`] : []), ...(shape.appPrivateEndpoint ? ['privatelink.azurewebsites.net'] : [])];
		L.push(`- Private DNS zones ${zones.map((z) => `\`${z}\``).join(' and ')}, linked to the VNet, with a zone group on every private endpoint.`);
	}
	if (shape.appPrivateEndpoint) L.push('- A private endpoint (group `sites`) for each app; its public network access is disabled.');
	if (shape.natGateway) L.push(`- A NAT gateway with one static Standard public IP on the ${shape.ase ? 'ASE subnet' : 'integration subnet(s)'}: the new fixed outbound address (output \`natPublicIp\`).`);
	if (shape.accessRestrictions) L.push('- Access restrictions on each app: service tags LogicAppsManagement and AzureConnectors (`connectorServiceTag`), plus `allowedCallerCidrs`; everything else is refused.');
	const carried = ctx.userAssignedIdentities ?? [];
	if (carried.length > 0) {
		L.push(`- Beside its own identity, the app carries the user-assigned identit${carried.length === 1 ? 'y' : 'ies'} workflow steps or connections sign in with, so ${carried.length === 1 ? 'it keeps its' : 'they keep their'} roles: ${carried.map((id) => `\`${id.split('/').pop()}\``).join(', ')}. Whoever deploys needs *Managed Identity Operator* on ${carried.length === 1 ? 'it' : 'each'}.`);
	}
	if (key) L.push(`- A user-assigned identity for storage encryption, granted *Key Vault Crypto Service Encryption User* on \`${vaultName(key.keyVaultId)}\` (nested deployment in the vault's resource group), and storage encryption with key \`${key.keyName}\`.`);
	if (connections.length > 0) L.push(`- ${connections.length} managed API connection${connections.length === 1 ? '' : 's'} (kind V2) with an access policy for each app's identity, and each connection's runtime URL in the app setting \`connections.json\` reads (\`<connection>_connectionRuntimeUrl\`).`);
	L.push('');

	L.push('## Decisions it reflects', '');
	L.push('| ISE today | Standard | certainty |', '|---|---|---|');
	L.push(
		`| ${iseInferred(ise) ? 'no ISE in the source: size unknown' : `${ise.sku.name} ISE, ${ise.sku.capacity} extra scale unit${ise.sku.capacity === 1 ? '' : 's'}`} | ${plan.hosting.kind === 'ase' ? `App Service Environment v3 (${plan.hosting.ase.source}), Isolated v2 ` : `${apps === 1 ? '' : `${apps} apps, each `}`}${plan.hosting.plan} × ${plan.hosting.instances} instance${plan.hosting.instances === 1 ? '' : 's'} | [U] our estimate: load-test it |`,
	);
	L.push(`| ${ise.accessEndpoint === 'NotSpecified' ? 'access endpoint not in the source' : `${ise.accessEndpoint} access endpoint`} | ${inboundText(plan, shape)} | [C] |`);
	L.push(`| outbound IPs ${[...ise.outboundIps.workflow, ...ise.outboundIps.connector].join(', ') || 'not recorded'} | ${outboundText(plan, shape)} | [C] |`);
	L.push(
		shape.ase
			? `| VNet ${iseSpace} | ${shape.vnet ? `new VNet ${shape.layout.addressSpace}, ASE subnet /${shape.ase.subnetPrefixLength}${shape.privateEndpointSubnet ? `, private endpoints /${shape.privateEndpointPrefixLength}` : ''}` : `the existing ASE's VNet${shape.privateEndpointSubnet ? ', private endpoints in a subnet you name' : ''}`} | [C] |`
			: `| VNet ${iseSpace} | new VNet ${shape.layout.addressSpace}, integration /${plan.subnets.integrationPrefixLength}${shape.privateEndpointSubnet ? `, private endpoints /${shape.privateEndpointPrefixLength}` : ''} | [C] |`,
	);
	L.push(`| ${ise.encryption ? `CMK \`${ise.encryption.keyName}\`` : 'Microsoft-managed keys'} | ${key ? `storage CMK with \`${key.keyName}\`, double encryption` : 'Microsoft-managed storage keys'} | ${ise.encryption ? '[U] our inference: Standard keeps run state in its storage account' : '[C]'} |`);
	L.push('');
	L.push(
		`**Address space.** ${iseSpace === 'unknown' ? `The source does not record the ISE's ranges: check that the default ${shape.layout.addressSpace} does not overlap them` : `The default ${shape.layout.addressSpace} deliberately avoids the ISE's ${iseSpace}`}: the ISE keeps running in its VNet during cut-over, ` +
			'and the new VNet must be peered with the networks the ISE reached (hub, ExpressRoute or VPN), which is impossible with overlapping ranges. ' +
			`Pick a free range from your IP plan; the subnets follow it (${shape.ase ? 'the ASE subnet' : 'integration subnets'} in the lower half, private endpoints in the upper half). ` +
			'Reusing the ISE range is possible only after the ISE is deleted.',
		'',
	);
	L.push(
		shape.ase
			? '**Parameterised or marked because the sources disagree or are silent ([U]):** `zoneRedundant` (billed minimum of 2 instances). ' +
					'`alwaysOn` is on: the Functions guidance for dedicated plans asks for it, Microsoft\'s own `az logicapp create` leaves it unset for Isolated v2 [U]. ' +
					'No content share: "not required for Dedicated plan apps" (Learn, Functions app settings) and `az logicapp create` sets none for Isolated v2 [C]; that the same holds for every Logic Apps feature is [S]. ' +
					'The worker runtime is `dotnet` with `FUNCTIONS_INPROC_NET8_ENABLED=1` and Node ~20 [S]' +
					(key ? `; the role id \`${CRYPTO_SERVICE_ENCRYPTION_USER}\` is [S]` : '') +
					'.'
			: '**Parameterised because the sources disagree or are silent ([U]):** `planKind` (serverfarm kind), `zoneRedundant` (minimum instances), ' +
					(shape.accessRestrictions ? '`connectorServiceTag` (regional tag in access restrictions), ' : '') +
					'`maximumElasticWorkerCount`. Also: the Functions worker runtime is `dotnet` with `FUNCTIONS_INPROC_NET8_ENABLED=1` and Node ~20 (Microsoft\'s newest template; older ones use `node`) [S]; ' +
					'`minimumElasticInstanceCount` carries the always-ready instances [S]' +
					(key ? `; the role id \`${CRYPTO_SERVICE_ENCRYPTION_USER}\` is [S]` : '') +
					'.',
		'',
	);

	L.push('## Before you deploy', '');
	if (shape.ase && !shape.ase.create) {
		L.push(...existingAseChecks(plan, shape));
	} else {
		L.push('- Peer the new VNet (or change `vnetAddressPrefix` to a range of your hub) so the app reaches what the ISE reached; if your VNets use custom DNS servers, make them resolve the privatelink zones (forward to 168.63.129.16).');
	}
	if (shape.ase?.create) {
		L.push(
			'- Creating the App Service Environment takes about an hour (a zone-redundant one longer); its name, VNet, subnet and subnet size cannot change afterwards. ' +
				'An empty ASE is billed as one I1v2 instance; with the plan in it, you pay for the plan\'s instances only.',
		);
	}
	if (key) {
		L.push(
			`- Key Vault \`${vaultName(key.keyVaultId)}\` must have soft delete and purge protection on: \`az keyvault show --ids ${key.keyVaultId} --query "properties.[enableSoftDelete, enablePurgeProtection]"\`.`,
		);
		L.push(
			'- Granting the key vault role needs Owner or User Access Administrator on the vault. Without it, grant the role yourself and deploy with `cmkAssignRole=false`. ' +
				'A new role assignment can take a few minutes to apply: if the storage account fails with a key vault access error, run the deployment again.',
		);
		if (key.keyVersion) L.push(`- The ISE pinned key version \`${key.keyVersion}\`. The template names no version, so storage follows new versions of \`${key.keyName}\` automatically.`);
	}
	L.push('');
	L.push('## Deploy', '');
	L.push('```sh');
	L.push(`az group create --name <resource-group> --location ${plan.location || '<region>'}`);
	L.push('az deployment group what-if --resource-group <resource-group> --template-file azuredeploy.json --parameters @azuredeploy.parameters.json');
	L.push('az deployment group create --resource-group <resource-group> --template-file azuredeploy.json --parameters @azuredeploy.parameters.json');
	L.push('```', '');
	L.push('Deploy the API connections into the same resource group as the app: connections.json builds their ids from `WORKFLOWS_RESOURCE_GROUP_NAME`.', '');

	L.push(...flowStateSection(plan));
	L.push('## After deploying', '');
	const {consent, keyless} = bySignIn(connections);
	if (consent.length > 0) {
		L.push(`- Authorise each API connection (portal: the connection → *Edit API connection*, or set its parameters in the template): ${consent.map((c) => `\`${c.name}\` (${c.api})`).join(', ')}. Nothing is copied from the ISE connections.`);
	}
	if (keyless.length > 0) {
		L.push(
			`- ${keyless.map((c) => `\`${c.name}\` (${c.api})`).join(', ')} sign${keyless.length === 1 ? 's' : ''} in with a managed identity, as in the ISE: the template creates ${keyless.length === 1 ? 'it' : 'them'} without consent. ` +
				"Give the identity (the app's, or the user-assigned one connections.json names) the access on the target the ISE connection had.",
		);
	}
	const viaGateway = connections.filter((c) => c.gateway);
	if (viaGateway.length > 0) {
		L.push(
			`- ${viaGateway.map((c) => `\`${c.name}\``).join(', ')} reach${viaGateway.length === 1 ? 'es' : ''} ${viaGateway.length === 1 ? 'its' : 'their'} system through an on-premises data gateway: ` +
				`the template sets each connection's \`gateway\` to its parameter (${viaGateway.map((c) => `\`${gatewayParameter(c.name)}\``).join(', ')}). ` +
				'The gateway resource must exist first, in the region of the gateway installation and the same Microsoft Entra tenant; only the gateway admin can create it (not a service principal).',
		);
	}
	if (skipped.length > 0) L.push(`- Not created (custom or unresolved connections, handled by their own findings): ${skipped.map((c) => `\`${c.name}\``).join(', ')}.`);
	// Settings the template computes, and connection keys that only local runs use, are not the admin's to fill.
	const fromParameter = new Set(projectSettings.map((s) => s.name.toLowerCase()));
	const extra = (ctx.appSettings ?? []).filter(
		(s) => (fromParameter.has(s.name.toLowerCase()) || !templateSettings.has(s.name.toLowerCase())) && !isManagedConnectionSetting(s.name),
	);
	if (extra.length > 0) {
		L.push(
			`- Set the ${extra.length} app setting${extra.length === 1 ? '' : 's'} the project reads${projectSettings.length > 0 ? ' (in `appSettingValues` of azuredeploy.parameters.json before deploying, or on the app afterwards)' : ''}; secrets as Key Vault references \`@Microsoft.KeyVault(SecretUri=…)\`, never the value: ` +
				`${extra.map((s) => `\`${s.name}\`${s.secret ? ' (secret)' : ''}`).join(', ')}.`,
		);
	}
	L.push(
		shape.appPrivateEndpoint || shape.ase?.internal
			? `- Deploy the project from inside the VNet (a self-hosted agent or a jump host): ${shape.ase ? `the deployment (scm) endpoint of an internal ASE is \`<app>.scm.${aseZone('<ase>')}\`, reachable only in the network` : 'with public access disabled the deployment (scm) endpoint is private too'}.`
			: '- Deploy the project (zip deploy or the VS Code extension) to the app.',
	);
	if (shape.ase) L.push('- Add autoscale rules to the Isolated v2 plan (Learn suggests keeping CPU around 50–70%): unlike a Workflow Standard plan it does not scale out by itself.');
	L.push('');
	L.push('## What to check', '');
	L.push(
		'- `az deployment group show -g <resource-group> -n azuredeploy --query properties.outputs` lists the app names, principal ids' +
			(shape.ase?.create && shape.ase.internal ? ', the ASE\'s internal inbound address (`aseInternalInboundIp`)' : '') +
			(shape.natGateway ? ' and `natPublicIp`' : '') +
			'.',
	);
	if (shape.ase) {
		L.push(
			`- The app's *Overview* shows the App Service Environment and its Isolated v2 plan; *Networking* shows no VNet integration (none is needed in an ASE).`,
			shape.ase.internal
				? `- From a VM in the VNet, \`nslookup <app>.${aseZone('<ase>')}\` answers the ASE's internal inbound address; the name does not resolve from the internet.`
				: `- \`nslookup <app>.${aseZone('<ase>')}\` answers the ASE's public inbound address.`,
		);
	} else {
		L.push('- The app shows *Virtual network integration* on the integration subnet with *Outbound internet traffic* (Route All) on.');
	}
	if (shape.appPrivateEndpoint) L.push('- From a VM in the VNet, `nslookup <app>.azurewebsites.net` answers an address of the private-endpoint subnet; from the internet the app refuses requests.');
	if (shape.storagePrivate) {
		L.push(
			shape.ase
				? '- The storage account refuses public access and `nslookup <account>.blob.core.windows.net` from the ASE\'s network answers a private address; the app starts.'
				: '- The storage account refuses public access and `nslookup <account>.file.core.windows.net` from the VNet answers a private address; the app starts (its content share is reached over port 445 through the VNet).',
		);
	}
	if (shape.natGateway) {
		L.push(
			'- A request from a workflow to an IP echo service returns `natPublicIp`. Give that address only to the owners of the systems reached from the app over the internet (built-in connectors, HTTP, Function and API Management steps): ' +
				'managed connectors call from the AzureConnectors ranges and a data gateway connects outbound, so their systems need other changes or none (`migration/networking.md` names the path of each).',
		);
	}
	if (key) L.push('- The storage account\'s *Encryption* blade shows the customer-managed key and the user-assigned identity.');
	if (connections.length > 0) L.push('- Each API connection shows *Connected* and an access policy for every app.');
	L.push('- See `migration/networking.md` for the firewall changes and the full network verification list.');
	return `${L.join('\n')}\n`;
}

function outboundText(plan: Plan, shape: InfraShape): string {
	const managed = ' (managed connectors still leave from the AzureConnectors ranges)';
	if (shape.natGateway) return `NAT gateway with a static IP${shape.ase ? ' on the ASE subnet' : ''}${managed}`;
	if (shape.ase) {
		return plan.outbound.natGateway
			? `a NAT gateway you attach to the existing ASE's subnet${managed}`
			: `the ASE's default outbound addresses, dedicated to it${managed}`;
	}
	return "no NAT gateway: the app's shared outbound addresses";
}

/** What the template deploys on App Service Environment v3 hosting. */
function aseDeploys(plan: Plan, shape: InfraShape): string[] {
	const h = plan.hosting;
	if (h.kind !== 'ase' || !shape.ase) return [];
	const L: string[] = [];
	if (h.ase.source === 'new') {
		L.push(
			`- An App Service Environment v3 \`${h.ase.name}\` (\`aseName\`, kind ASEv3, ${shape.ase.internal ? 'internal load balancer `Web, Publishing`: reachable only inside the network' : 'external (`None`): a public inbound address'}; the inbound decision sets it) in its own subnet \`snet-ase\` ` +
				`(/${shape.ase.subnetPrefixLength}, default ${shape.layout.integrationSubnets[0] ?? ''}) delegated to Microsoft.Web/hostingEnvironments, with an NSG that allows Azure Load Balancer on TCP 80 and the VNet on 80/443${shape.ase.internal ? '' : ' (and HTTPS from the internet)'}.`,
		);
		if (shape.ase.internal) L.push(`- The private DNS zone \`${aseZone(h.ase.name)}\` with A records \`*\`, \`@\` and \`*.scm\` to the ASE's internal address, linked to the VNet.`);
	} else {
		L.push(`- Nothing of the existing App Service Environment \`${h.ase.name ?? '(aseResourceId)'}\` changes: the plan and the app are placed in it (\`aseResourceId\`).`);
	}
	L.push(`- An Isolated v2 plan (\`isolatedSku\`, default ${h.plan}) with ${h.instances} instance${h.instances === 1 ? '' : 's'} (\`instanceCount\`) in the ASE: no elastic scale-out, no always-ready setting, every instance billed.`);
	L.push(`- The logic app \`${plan.appName}\` (\`functionapp,workflowapp\`, system-assigned identity, Functions ~4, HTTPS only, TLS 1.2, FTP off, Always On) in that plan: no VNet integration and no private endpoint, because the ASE already places it in the network.`);
	L.push(`- A runtime storage account (StorageV2, TLS 1.2, no public blob access, no content share)${shape.storagePrivate ? ', public network access disabled and private endpoints for blob, file, queue and table' : ''}.`);
	if (shape.vnet) {
		L.push(
			`- A new VNet \`vnet-${plan.appName}\` (\`vnetAddressPrefix\`, default ${shape.layout.addressSpace}) with the ASE subnet` +
				(shape.layout.privateEndpointSubnet ? ` and a private-endpoint subnet without delegation (default ${shape.layout.privateEndpointSubnet}).` : '.'),
		);
	} else if (shape.privateEndpointSubnet) {
		L.push('- The storage private endpoints in the subnet you give as `privateEndpointSubnetResourceId` (no delegation; best in the ASE\'s VNet), and their DNS zones linked to that subnet\'s VNet.');
	}
	return L;
}

/** An existing ASE brings its own network: what to confirm before deploying into it. */
function existingAseChecks(plan: Plan, shape: InfraShape): string[] {
	const h = plan.hosting;
	const id = h.kind === 'ase' && h.ase.source === 'existing' ? h.ase.id : undefined;
	const L = [
		id
			? `- Check the ASE is v3 and running: \`az resource show --ids ${id} --query "{kind: kind, status: properties.status, lb: properties.internalLoadBalancingMode}"\` (kind ASEV3).`
			: '- Set `aseResourceId` in azuredeploy.parameters.json to the App Service Environment v3\'s resource id (portal: the ASE → Properties → Resource ID); the template refuses an empty one.',
		'- Its network must reach what the ISE reached: peerings, routes and firewalls of the ASE\'s VNet towards the ISE\'s destinations.',
	];
	if (shape.privateEndpointSubnet) {
		L.push('- Set `privateEndpointSubnetResourceId` to a subnet without delegation that the ASE\'s subnet can reach (best one in the ASE\'s VNet); the template links the storage privatelink zones to its VNet. If your zones live centrally (hub), delete the template\'s zones and link the central ones instead.');
	}
	if (plan.outbound.natGateway) L.push('- For a static outbound IP, attach a NAT gateway to the ASE\'s subnet yourself (the template does not change an existing network).');
	return L;
}

/** Which workflows start at deployment, and the one way a later deployment could start the rest. */
function flowStateSection(plan: Plan): string[] {
	const included = plan.workflows.filter((w) => w.include);
	if (included.length === 0) return [];
	const enabled = included.filter((w) => w.flowState === 'Enabled');
	const disabled = included.length - enabled.length;
	return [
		'## Workflows start disabled',
		'',
		`- ${disabled === included.length ? `All ${included.length} workflows are` : `${disabled} of the ${included.length} workflows are`} deployed **Disabled**: the app setting \`Workflows.<workflow>.FlowState\` comes from the \`workflowStates\` parameter. ` +
			'None of them runs until cut-over enables it, after its ISE original is disabled (migration/cutover.md) [C].' +
			(enabled.length > 0 ? ` Deployed enabled, as decided: ${enabled.map((w) => `\`${w.folder}\``).join(', ')}.` : ''),
		'- When cut-over enables a workflow, set it to `Enabled` in `workflowStates` of azuredeploy.parameters.json too, so a redeploy keeps it running.',
		'- An app-settings deployment replaces the whole set [C]: one without these keys (another template, a pipeline that sets `siteConfig.appSettings`) enables every workflow at once. Deploy app settings only with this template, or add single settings with `az logicapp config appsettings set`.',
		'',
	];
}
