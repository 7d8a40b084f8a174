// migration/networking.md: this ISE's network today (endpoint, subnets, addresses every firewall trusts) next to the
// Standard app's network tomorrow, with the firewall changes and a verification list. Pure; certainty tags follow
// domain.md §6.
import {iseInferred} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {aseZone} from './infra/ase.js';
import {regionalTag} from './infra/net.js';
import {STORAGE_SERVICES, infraShape, type InfraShape} from './infra/shape.js';
import {aseInbound, aseNotApplicable, aseNsgRules, aseOutbound, aseSources, aseSubnetSizing, aseTomorrowRows, aseVerify, appHostName, computeSubnets, egressText} from './networking/hosting.js';
import {allowRule, appEgress, byAllowRule, firewallChanges, reachable, type Destination, type ReachModel, type ReachPath} from './reach.js';

// Pipes are escaped because most of these land in table cells.
const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;
const list = (items: readonly string[], none = 'none recorded') => (items.length > 0 ? items.map(code).join(', ') : none);

/** The migrated workflows that wait for webhook callbacks (a workflow left out of the migration needs none). */
function webhookWorkflows(plan: Plan): string[] {
	const f = plan.findings.find((x) => x.kind === 'endpoint' && x.id.endsWith(':webhooks'));
	const moving = new Set(plan.workflows.filter((w) => w.include).map((w) => w.name));
	return (f?.workflows ?? []).filter((w) => moving.has(w));
}

function inboundSummary(shape: InfraShape, plan: Plan): string {
	if (shape.appPrivateEndpoint) return 'private endpoint only, public network access disabled';
	if (shape.accessRestrictions) return 'public endpoint with access restrictions';
	return plan.inbound === 'public' ? 'public endpoint, unrestricted' : plan.inbound;
}

export interface NetworkingContext {
	/** The project's managed API connections, as passed to infraTemplate(). */
	managedConnections: {name: string; api: string; kind?: string}[];
	/** How each system is reached after migration (generate/reach.ts): every firewall instruction comes from it. */
	reach?: ReachModel;
}

/** Without the conversion's reach model (a guide made from the plan alone): the app's egress, no destinations. */
function planOnlyReach(plan: Plan): ReachModel {
	const region = plan.location || '';
	return {region, connectorTag: regionalTag('AzureConnectors', region) ?? 'AzureConnectors', egress: appEgress(plan), destinations: []};
}

const names = (list: readonly Destination[], none = 'none') => (list.length > 0 ? list.map((d) => code(d.connection)).join(', ') : none);

const PATH_TEXT: Record<ReachPath, string> = {
	app: 'from the app, through its virtual network',
	gateway: 'managed connector, through the on-premises data gateway',
	'service-tag': 'managed connector, from the AzureConnectors addresses',
	none: 'not at all: the connector was left out',
};

/** One row per destination: the system, who uses it, the path its calls take and what its firewall must allow. */
function reachSection(model: ReachModel): string[] {
	const L: string[] = [];
	const rows = reachable(model);
	L.push('## How each system is reached after migration', '');
	L.push(
		'Each API connection and each system the workflows call directly, where it points (as far as the source says), and the path its calls take once the ISE is gone. ' +
			"An ISE connector ran inside the ISE's network; a built-in connector and an HTTP, Function or API Management step run inside the app, and a managed connector runs in shared Azure infrastructure outside your network [C]. " +
			'Connectors and workflows left out of the migration are not listed: nothing reaches them from the new app (the report lists them).',
		'',
	);
	L.push('| connection or call | connector | system | used by | path | what its firewall and network need |', '|---|---|---|---|---|---|');
	for (const d of rows) {
		const rule = allowRule(d, model).text;
		const why =
			d.path !== 'service-tag' ? '' : !d.wasIse ? ' (as in the ISE: it was a managed connector already, so nothing changes)' : d.decided ? '' : ' (the default: no decision was needed or made)';
		L.push(`| ${code(d.connection)} | ${d.connector} | ${d.systems || (d.via === 'call' ? 'called directly' : 'not recorded')} | ${d.workflows.map(code).join(', ')} | ${PATH_TEXT[d.path]} | ${rule}${why} |`);
	}
	L.push('');
	const gateways = rows.filter((d) => d.path === 'gateway');
	if (gateways.length > 0) {
		L.push('### Through the on-premises data gateway', '');
		L.push(
			`- ${names(gateways)} reach${gateways.length === 1 ? 'es' : ''} ${gateways.length === 1 ? 'its system' : 'their systems'} through an on-premises data gateway [C]: ${gateways.length === 1 ? 'its' : 'their'} firewall${gateways.length === 1 ? ' needs' : 's need'} no opening, for the app or for managed connectors.`,
			'- Install the gateway on a local computer that reaches those systems, not on a domain controller (one gateway serves every data source); for Windows authentication, on a member of the same Active Directory as the data sources [C].',
			'- Register it in Azure as a `Microsoft.Web/connectionGateways` resource, in the region chosen at installation and the same Microsoft Entra tenant as the app; only the gateway admin can (a service principal cannot) [C].',
			'- The new API connection names that resource in its `gateway` parameter: the infrastructure template sets it from its parameter; enter the credentials once after deployment [C].',
			'- The gateway makes outbound connections only, through Service Bus messaging in its region: no firewall opening into your network; a proxy or firewall must let those outbound connections through [C].',
			'',
		);
	}
	const tagged = rows.filter((d) => d.path === 'service-tag' && d.wasIse);
	if (tagged.length > 0) {
		L.push('### Public endpoints for managed connectors', '');
		L.push(
			`- ${names(tagged)} ran inside the ISE and now call from the \`${model.connectorTag}\` ranges; neither the NAT gateway nor the app's addresses apply [C]. What each system needs:`,
			...[...byAllowRule(tagged, model)].map(([rule, list]) => `  - ${names(list)}: ${rule}.`),
			'- A system that must stay private cannot be reached this way: convert its steps to built-in, or reach it through an on-premises data gateway where the connector supports one (the report names the decision).',
			'',
		);
	}
	return L;
}

export function networkingGuide(plan: Plan, ctx?: NetworkingContext): string {
	const ise = plan.inventory.ise;
	const shape = infraShape(plan);
	const {layout} = shape;
	const region = plan.location;
	const reach = ctx?.reach ?? planOnlyReach(plan);
	const connectorTag = regionalTag('AzureConnectors', region);
	const connectorTagText = reach.connectorTag;
	const moving = reachable(reach);
	const byPath = (path: ReachPath) => moving.filter((d) => d.path === path);
	const subnetText = ise.subnets.map((s) => (s.addressPrefix ? `${s.name.split('/').pop()} ${s.addressPrefix}` : s.name.split('/').pop() ?? s.name));
	const iseSubnetPrefixes = ise.subnets.map((s) => s.addressPrefix).filter((s): s is string => Boolean(s));
	const apps = shape.apps;
	const appHost = appHostName(plan, shape);
	const compute = computeSubnets(plan, shape);
	const L: string[] = [];

	L.push(`# Networking: ${plan.iseName} → ${plan.appName}`, '');
	L.push(
		'What the ISE network looks like today, what replaces each part, and which firewalls must change before cut-over. ' +
			'Tags: **[C]** confirmed in Microsoft documentation, **[S]** secondary sources, **[U]** our inference: verify before relying on it. ' +
			'The matching template is in `infra/` (its parameters carry the same defaults).',
		'',
	);

	L.push(`## Today: ${plan.iseName}`, '');
	const noIse = iseInferred(ise);
	if (noIse) {
		L.push(
			`The source holds no ISE resource (${noIse}): what follows as "today" is only what the files say, and the ISE's endpoint, network and addresses are unknown. ` +
				'Ask whoever ran it which networks and firewalls trusted it before relying on the changes below.',
			'',
		);
	}
	L.push('| item | value |', '|---|---|');
	L.push(`| region | ${ise.location ? code(ise.location) : `not in the source${plan.location ? `; the app goes to ${code(plan.location)}, as given` : ''}`} |`);
	L.push(`| access endpoint | ${ise.accessEndpoint === 'NotSpecified' ? 'not in the source' : ise.accessEndpoint}${ise.accessEndpoint === 'Internal' ? ' (reachable only from its virtual network)' : ise.accessEndpoint === 'External' ? ' (reachable from the internet)' : ''} |`);
	L.push(`| virtual network address space | ${ise.virtualNetworkAddressSpace ? code(ise.virtualNetworkAddressSpace) : 'not recorded'} |`);
	L.push(`| subnets | ${subnetText.length > 0 ? subnetText.map(code).join(', ') : 'not recorded'} |`);
	L.push(`| outbound IPs, workflows (HTTP and built-in actions) | ${list(ise.outboundIps.workflow)} |`);
	L.push(`| outbound IPs, ISE connectors | ${list(ise.outboundIps.connector)} |`);
	L.push(`| access endpoint IPs, workflows | ${list(ise.accessEndpointIps.workflow)} |`);
	L.push(`| access endpoint IPs, connectors | ${list(ise.accessEndpointIps.connector)} |`);
	L.push('');

	L.push(`## Tomorrow: ${plan.appName}`, '');
	L.push('| item | value | certainty |', '|---|---|---|');
	if (shape.ase) {
		L.push(...aseTomorrowRows(plan, shape));
	} else {
		L.push(`| inbound | ${inboundSummary(shape, plan)} | [C] |`);
		L.push(`| outbound | regional VNet integration, Route All on${shape.natGateway ? ', NAT gateway with one static public IP' : ', no NAT gateway (shared, changing outbound addresses)'} | [C] |`);
		L.push(`| new VNet address space | ${code(layout.addressSpace)} (template parameter \`vnetAddressPrefix\`) | our default |`);
		L.push(`| integration subnet${apps === 1 ? '' : 's (one per plan)'} | ${layout.integrationSubnets.map(code).join(', ')}, delegated to \`Microsoft.Web/serverFarms\` | [C] |`);
	}
	L.push(
		`| private-endpoint subnet | ${
			!shape.privateEndpointSubnet
				? 'none (inbound is public and storage keeps its public endpoint)'
				: !shape.vnet
					? `one you name in the ASE's network (template parameter \`privateEndpointSubnetResourceId\`), no delegation, ${shape.privateEndpoints} endpoints`
					: `${code(layout.privateEndpointSubnet ?? '')}, no delegation, ${shape.privateEndpoints} endpoint${shape.privateEndpoints === 1 ? '' : 's'}${shape.privateEndpointPrefixLength !== plan.subnets.privateEndpointPrefixLength ? ` (wider than the planned /${plan.subnets.privateEndpointPrefixLength}, which would not hold them)` : ''}`
		} | [C] |`,
	);
	const h = plan.hosting;
	const zones = [
		...(h.kind === 'ase' && h.ase.source === 'new' && h.ase.internal ? [aseZone(h.ase.name)] : []),
		...(shape.appPrivateEndpoint ? ['privatelink.azurewebsites.net'] : []),
		...(shape.storagePrivate ? STORAGE_SERVICES.map((s) => `privatelink.${s}.core.windows.net`) : []),
	];
	L.push(`| private DNS zones | ${zones.length > 0 ? zones.map(code).join(', ') : 'none'} | [C] |`);
	L.push(`| runtime storage | ${shape.storagePrivate ? 'private endpoints for blob, file, queue and table; public access disabled' : 'public endpoint (the app reaches it through the service)'} | [C] |`);
	L.push('');
	const iseSpace = ise.virtualNetworkAddressSpace ?? iseSubnetPrefixes.join(', ');
	if (shape.vnet) {
		L.push(
			`**Why a new address space.** ${iseSpace ? `${code(layout.addressSpace)} does not overlap ${code(iseSpace)}` : `The source does not record the ISE's ranges: check that ${code(layout.addressSpace)} does not overlap them`}: the ISE keeps running in its subnets until cut-over is done, ` +
				'and the new VNet must be peered or routed to the same networks the ISE reached, which overlapping ranges prevent. ' +
				'Choose any free range from your IP plan; the ISE range can be reused only after the ISE is deleted. ' +
				(shape.ase
					? aseSubnetSizing(shape)
					: `The integration subnet's size (/${plan.subnets.integrationPrefixLength}) cannot change once an app uses it; /26 is recommended, /28 is the minimum [C].`),
			'',
		);
	} else {
		L.push(`**The existing ASE's network.** ${aseSubnetSizing(shape)} It must already reach what the ISE reached (peerings, routes, firewalls).`, '');
	}

	L.push('### Inbound', '');
	if (shape.ase) {
		L.push(...aseInbound(plan, shape, webhookWorkflows(plan), list(ise.accessEndpointIps.workflow, '')));
	} else if (shape.appPrivateEndpoint) {
		L.push(
			`- The app gets a private endpoint (group \`sites\`) in ${code(layout.privateEndpointSubnet ?? 'the private-endpoint subnet')} and public network access is disabled [C].`,
			`- Callers resolve ${code(appHost)} through the ${code('privatelink.azurewebsites.net')} zone, which also answers for \`scm\` (deployment) [C]. ` +
				'Networks that use their own DNS servers (on-premises, hub) need a conditional forwarder for `azurewebsites.net` to a resolver in Azure (168.63.129.16 is reachable only from inside Azure).',
			`- Callers that used the ISE access endpoint${ise.accessEndpointIps.workflow.length > 0 ? ` (${list(ise.accessEndpointIps.workflow)})` : ''} must call the new host name; firewall rules towards those IPs change to the private-endpoint subnet ${code(layout.privateEndpointSubnet ?? '')}.`,
		);
		const hooks = webhookWorkflows(plan);
		L.push(
			`- Managed webhook triggers (Event Grid, Office 365, Dataverse, Azure DevOps, multi-tenant SAP) cannot call an app that has only a private endpoint [C]${hooks.length > 0 ? `: this affects ${hooks.map(code).join(', ')}` : ''}.`,
		);
	} else if (shape.accessRestrictions) {
		L.push(
			'- The app keeps its public endpoint; access restrictions allow only the service tags `LogicAppsManagement` (inbound management calls) and `AzureConnectors` (managed connector callbacks), plus the callers you list in `allowedCallerCidrs` [C].',
			`- ${ise.accessEndpoint === 'Internal' ? 'The ISE had no public endpoint: this is more exposed than today.' : `Callers that reached the ISE's public access endpoint${ise.accessEndpointIps.workflow.length > 0 ? ` (${list(ise.accessEndpointIps.workflow)})` : ''} now call ${code(appHost)}; list their addresses in \`allowedCallerCidrs\`.`}`,
			connectorTag
				? `- A regional tag (\`${connectorTag}\`) is tighter than \`AzureConnectors\`; whether access restrictions accept it is [U] (template parameter \`connectorServiceTag\`).`
				: '- A regional tag of the app\'s region is tighter than `AzureConnectors`; whether access restrictions accept it is [U] (template parameter `connectorServiceTag`).',
		);
	} else {
		L.push(`- The app keeps an unrestricted public endpoint: anyone on the internet can reach ${code(appHost)}; request triggers are protected only by their signed URLs [C].`);
	}
	L.push('');

	L.push('### Outbound and the static IP', '');
	if (shape.ase) {
		L.push(...aseOutbound(plan, shape));
	} else if (shape.natGateway) {
		L.push(
			`- A NAT gateway with one static public IP is attached to the integration subnet${apps === 1 ? '' : 's'}; with Route All on, traffic from the app (HTTP actions, built-in connectors) leaves from that IP (template output \`natPublicIp\`) [C].`,
			'- With the NAT gateway, storage must be reached over private (or service) endpoints: the template makes storage private [C].',
		);
	} else {
		L.push(
			'- No NAT gateway: traffic to the internet leaves from the app\'s shared outbound addresses (`az webapp show --query possibleOutboundIpAddresses`), which are many and can change [S]. ' +
				'Firewalls that allow-listed the ISE\'s IPs must allow all of them, or open up.',
		);
	}
	const appAddresses = shape.natGateway ? 'the NAT IP' : shape.ase ? "the ASE's addresses" : "the app's addresses";
	L.push(
		`- Built-in connectors and HTTP, Function and API Management steps run inside the app: towards the internet they leave from ${reach.egress.public}, towards your network from ${reach.egress.private} [C]. ` +
			`Connections reached this way: ${names(byPath('app').filter((d) => d.via === 'connection'))}.`,
		`- Connections that stay on managed connectors run in Azure, not in the app: their calls leave from the \`${connectorTagText}\` ranges, not from ${appAddresses} [C]: ${names(byPath('service-tag'))}.`,
		`- Connections through the on-premises data gateway reach their systems from the gateway's computer, inside your network: ${names(byPath('gateway'))}.`,
		'- A connection with steps on both sides is listed on both: each step takes its own path (the table under "How each system is reached after migration").',
		'',
	);
	if (shape.ase) L.push(...aseNotApplicable());

	L.push('### Firewalls to update', '');
	L.push('| firewall | trusts today | change to | certainty |', '|---|---|---|---|');
	const newEgress = egressText(plan, shape);
	if (ise.outboundIps.workflow.length > 0) {
		L.push(`| destinations of HTTP actions and built-in connectors | ${list(ise.outboundIps.workflow)} | ${newEgress} | ${shape.natGateway || shape.ase ? '[C]' : '[S]'} |`);
	}
	if (ise.outboundIps.connector.length > 0) {
		// One row per path, so no row names a system beside an instruction that is not its own.
		const tagged = byPath('service-tag').filter((d) => d.wasIse);
		const gateway = byPath('gateway');
		const builtin = byPath('app').filter((d) => d.via === 'connection' && d.wasIse);
		const today = list(ise.outboundIps.connector);
		if (builtin.length > 0) L.push(`| systems of ISE connectors now built-in (${builtin.map((d) => d.connection).join(', ')}) | ${today} | ${newEgress} towards the internet, ${compute} through your network (per system: the table below) | [C] |`);
		if (tagged.length > 0) L.push(`| systems of ISE connectors still managed (${tagged.map((d) => d.connection).join(', ')}) | ${today} | the \`${connectorTagText}\` ranges, on a public endpoint (per system, and the private ones it cannot reach: the table below) | [C] |`);
		if (gateway.length > 0) L.push(`| systems of ISE connectors through the data gateway (${gateway.map((d) => d.connection).join(', ')}) | ${today} | nothing: the gateway connects outbound | [C] |`);
		if (builtin.length + tagged.length + gateway.length === 0) {
			L.push(`| systems of ISE connectors | ${today} | built-in steps: ${newEgress} or ${compute}; managed ones: the \`${connectorTagText}\` ranges; through a data gateway: nothing | [C] |`);
		}
	}

	if (iseSubnetPrefixes.length > 0) {
		L.push(`| private destinations (on-premises, peered VNets, NSGs) | ISE subnets ${list(iseSubnetPrefixes)} | ${compute} | [C] |`);
	} else {
		L.push(`| private destinations (on-premises, peered VNets, NSGs) | the ISE subnets | ${compute} | [C] |`);
	}
	if (shape.ase?.internal) {
		L.push(`| callers' firewalls and routes | ISE access endpoint ${list(ise.accessEndpointIps.workflow, 'IPs')} | the ASE's internal inbound address (output \`aseInternalInboundIp\`, port 443) | [C] |`);
	} else if (shape.appPrivateEndpoint) {
		L.push(`| callers' firewalls and routes | ISE access endpoint ${list(ise.accessEndpointIps.workflow, 'IPs')} | private-endpoint subnet ${code(layout.privateEndpointSubnet ?? '')} (port 443) | [C] |`);
	} else if (shape.accessRestrictions) {
		L.push(`| the app's access restrictions | ISE access endpoint ${list(ise.accessEndpointIps.workflow, 'IPs')} | caller addresses in \`allowedCallerCidrs\`, plus \`LogicAppsManagement\` and \`AzureConnectors\` | [C] |`);
	}
	if (shape.storagePrivate) {
		L.push(
			shape.ase
				? `| outbound NSG rules of the ASE subnet (if any) | n/a | allow TCP 443 to ${shape.vnet ? code(layout.privateEndpointSubnet ?? 'the private-endpoint subnet') : 'the private-endpoint subnet'} (storage) | [C] |`
				: `| NSG of the integration subnet (if any) | n/a | allow TCP 443 and 445 to ${code(layout.privateEndpointSubnet ?? 'the private-endpoint subnet')} (storage) | [C] |`,
		);
	}
	L.push(`| a firewall the ${shape.ase ? 'ASE' : 'integration'} subnet is routed through (UDR 0.0.0.0/0) | the ISE's management ports and tags | allow the app's destinations, \`${connectorTagText}\` and \`LogicApps\` on 443 | [S] |`);
	L.push('');

	L.push('### Service tags', '');
	L.push(
		'- `LogicAppsManagement`: inbound, Logic Apps management calls (designer, run history) [C].',
		'- `LogicApps`: outbound, Logic Apps service traffic [C].',
		connectorTag
			? `- \`AzureConnectors\`, regionally \`${connectorTag}\`: the addresses managed connectors call from and call back from [C]; the regional name follows the region's display name [S].`
			: `- \`AzureConnectors\`: the addresses managed connectors call from and call back from [C]; this guide uses the global tag because ${region ? `the regional tag of ${code(region)} is not in our list` : 'the region is not known'}: find the regional one with \`az network list-service-tags --location ${region || '<the app region>'} --query "values[?starts_with(name, 'AzureConnectors.')].name"\` (tighter).`,
		'',
	);

	if (shape.storagePrivate) {
		L.push('### Runtime storage over private endpoints', '');
		L.push(
			`- One private endpoint each for blob, file, queue and table, all four needed by the runtime, with zones \`privatelink.{${STORAGE_SERVICES.join(',')}}.core.windows.net\` linked to the VNet [C].`,
			shape.ase
				? '- The app reaches them from the ASE subnet on TCP 443; without a content share no SMB (445) is needed [C].'
				: '- The content share is created by the template and reached over the VNet (`WEBSITE_CONTENTOVERVNET=1`): the integration subnet needs TCP 443 and 445 (SMB) to the private-endpoint subnet [C].',
			'',
		);
	}
	if (shape.ase) L.push(...aseNsgRules(shape));

	L.push('### DNS', '');
	if (zones.length > 0) {
		L.push(
			`- The template creates ${zones.map(code).join(', ')} and links ${zones.length === 1 ? 'it' : 'them'} to ${shape.vnet ? 'the new VNet' : 'the VNet of the private-endpoint subnet you name'} (no auto-registration) [C].`,
			'- If you already have these zones centrally (hub), delete the template\'s zones and link the central ones instead: one zone per name per VNet resolution path.',
			'- VNets with custom DNS servers: those servers must forward to Azure DNS; the app then needs `WEBSITE_DNS_SERVER` only if it must use them [C].',
		);
	} else {
		L.push(`- No private DNS zones are needed: the app${shape.ase?.internal ? "'s existing ASE already resolves," : ''} and its storage keep${shape.ase?.internal ? 's' : ''} public endpoints.`);
	}
	L.push('');
	if (shape.ase) L.push(...aseSources());

	if (moving.length > 0) L.push(...reachSection(reach));

	L.push('## Verify', '');
	const checks: string[] = [];
	if (shape.ase) {
		checks.push(...aseVerify(plan, shape));
	} else if (shape.appPrivateEndpoint) {
		checks.push(
			`From a VM in (or peered with) the new VNet: \`nslookup ${appHost}\` answers an address in ${code(layout.privateEndpointSubnet ?? '')} via \`${plan.appName}.privatelink.azurewebsites.net\`.`,
			`From outside the VNet: \`curl -I https://${appHost}\` is refused (403), because public access is disabled.`,
		);
	} else {
		checks.push(
			shape.accessRestrictions
				? `\`nslookup ${appHost}\` answers a public address; a caller not in \`allowedCallerCidrs\` gets 403.`
				: `\`nslookup ${appHost}\` answers a public address, and a caller from anywhere gets through: the app has no access restrictions (request triggers are protected only by their signed URLs).`,
		);
	}
	if (shape.storagePrivate) {
		checks.push('From the VNet: `nslookup <storage account>.blob.core.windows.net` (and `.file`, `.queue`, `.table`) answers an address in the private-endpoint subnet.');
		checks.push(
			shape.ase
				? "In the app's Kudu console (Advanced Tools), `tcpping <storage account>.blob.core.windows.net:443` succeeds."
				: 'In the app\'s Kudu console (Advanced Tools), `tcpping <storage account>.file.core.windows.net:445` and `:443` succeed.',
		);
	}
	if (shape.natGateway) {
		checks.push('Run a workflow with an HTTP action to an IP echo service (for example `https://api.ipify.org`): it returns the `natPublicIp` output.');
	} else if (shape.ase) {
		checks.push(`Run a workflow with an HTTP action to an IP echo service (for example \`https://api.ipify.org\`): it returns ${egressText(plan, shape)}.`);
	} else {
		checks.push('`az webapp show -g <resource-group> -n <app> --query possibleOutboundIpAddresses` lists the addresses to hand to firewall owners.');
	}
	if (!shape.ase) {
		checks.push(`In the portal, the app's *Networking* page shows VNet integration on ${layout.integrationSubnets.map(code).join(', ')} with *Outbound internet traffic* (Route All) enabled.`);
	}
	checks.push(
		`Before cut-over, call each private destination the ISE reached (databases, SAP, file shares) from a test workflow: routes and firewalls must accept ${shape.ase ? compute : layout.integrationSubnets.map(code).join(', ')}.`,
	);
	// Only systems whose firewall changes: a connector that was managed in the ISE already called from these ranges.
	const tagged = byPath('service-tag').filter(firewallChanges);
	if (tagged.length > 0) {
		checks.push(
			`Run one step of each ISE connection now on a managed connector (${names(tagged)}) against its real system: its calls come from \`${connectorTagText}\`, ` +
				'so it works once the system admits them as its row under "How each system is reached after migration" says.',
		);
	}
	const viaGateway = byPath('gateway');
	if (viaGateway.length > 0) checks.push(`In the portal, each API connection through the gateway (${names(viaGateway)}) shows *Connected*, and the gateway resource shows the installation online.`);
	checks.forEach((c, i) => L.push(`${i + 1}. ${c}`));
	return `${L.join('\n')}\n`;
}
