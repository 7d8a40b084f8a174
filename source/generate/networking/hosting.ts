// The parts of migration/networking.md that depend on where the app runs: on a Workflow Standard plan it reaches the
// network through VNet integration and a private endpoint; in an App Service Environment v3 it is in the network
// already, in the ASE's own subnet. Facts and sources: ../shared/infra-ase-gateway.md §1.
import type {Plan} from '../plan-types.js';
import {aseZone} from '../infra/ase.js';
import type {InfraShape} from '../infra/shape.js';

const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;

/** Microsoft Learn pages an admin checks the App Service Environment facts against. */
export const ASE_SOURCES = {
	networking: 'https://learn.microsoft.com/azure/app-service/environment/networking',
	template: 'https://learn.microsoft.com/azure/app-service/environment/how-to-create-from-template',
	overview: 'https://learn.microsoft.com/azure/app-service/environment/overview',
	pricing: 'https://learn.microsoft.com/azure/logic-apps/logic-apps-pricing',
	fileSystem: 'https://learn.microsoft.com/azure/connectors/file-system',
	limits: 'https://learn.microsoft.com/azure/logic-apps/logic-apps-limits-and-config',
} as const;

/** Where the app's own traffic comes from in the network, as firewall owners must be told. */
export function computeSubnets(plan: Plan, shape: InfraShape): string {
	const {layout} = shape;
	if (!shape.ase) return `integration subnet${shape.apps === 1 ? '' : 's'} ${layout.integrationSubnets.map(code).join(', ')}`;
	if (!shape.ase.create) return "the existing ASE's subnet";
	return `ASE subnet ${layout.integrationSubnets.map(code).join(', ')}`;
}

/** The app's host name: `<app>.azurewebsites.net`, or `<app>.<ase>.appserviceenvironment.net` in an ASE. */
export function appHostName(plan: Plan, shape: InfraShape): string {
	const app = shape.apps === 1 ? plan.appName : `${plan.appName}-1`;
	const h = plan.hosting;
	if (h.kind !== 'ase') return `${app}.azurewebsites.net`;
	return `${app}.${aseZone(h.ase.name ?? '<ase>')}`;
}

/** Where internet-bound traffic of HTTP actions and built-in connectors leaves from. */
export function egressText(plan: Plan, shape: InfraShape): string {
	if (shape.natGateway) return 'the NAT gateway IP (output `natPublicIp`)';
	if (shape.ase) {
		return plan.outbound.natGateway
			? "the IP of the NAT gateway you attach to the ASE's subnet"
			: "the ASE's default outbound addresses (the ASE's *IP addresses* page)";
	}
	return "all of the app's `possibleOutboundIpAddresses`";
}

/** Rows of the "Tomorrow" table for an App Service Environment. */
export function aseTomorrowRows(plan: Plan, shape: InfraShape): string[] {
	const h = plan.hosting;
	if (h.kind !== 'ase' || !shape.ase) return [];
	const {layout} = shape;
	const rows = [
		`| hosting | App Service Environment v3 ${h.ase.source === 'new' ? `${code(h.ase.name)} (new)` : `${h.ase.id ? code(h.ase.id) : '(resource id to fill in)'} (existing)`}, Isolated v2 plan ${h.plan} × ${h.instances} | [C] hosting, [U] size |`,
		`| inbound | ${shape.ase.internal ? 'internal load balancer (ILB): an address in the ASE subnet, no public endpoint' : 'external: a public inbound address'}${shape.accessRestrictions ? ', access restrictions on the app' : ''} | [C] |`,
		`| outbound | from the ASE subnet: ${shape.natGateway ? 'NAT gateway with one static public IP' : plan.outbound.natGateway ? "a NAT gateway you attach to the existing ASE's subnet" : "the ASE's default outbound addresses"} | [C] |`,
	];
	if (shape.ase.create) {
		rows.push(
			`| new VNet address space | ${code(layout.addressSpace)} (template parameter \`vnetAddressPrefix\`) | our default |`,
			`| ASE subnet | ${layout.integrationSubnets.map(code).join(', ')} (/${shape.ase.subnetPrefixLength}), empty, delegated to \`Microsoft.Web/hostingEnvironments\`, with an NSG | [C] |`,
		);
	} else {
		rows.push("| ASE subnet | the existing ASE's: nothing in its network changes | [C] |");
	}
	return rows;
}

/** Why the ASE subnet is sized as it is (replaces the integration-subnet sentence). */
export function aseSubnetSizing(shape: InfraShape): string {
	if (!shape.ase?.create) return 'The existing ASE keeps its subnet; a plan instance takes one of its addresses, so check it has room for the new plan.';
	return (
		`The ASE subnet (/${shape.ase.subnetPrefixLength}) cannot change after the ASE is created: /24 is recommended, /27 is the minimum. ` +
		'Azure keeps 5 addresses, the ASE\'s own infrastructure uses 4 to 27, and every plan instance takes one; a full subnet stops scale-out [C].'
	);
}

/** The Inbound section for an App Service Environment. */
export function aseInbound(plan: Plan, shape: InfraShape, hooks: string[], accessEndpointIps: string): string[] {
	const h = plan.hosting;
	if (h.kind !== 'ase' || !shape.ase) return [];
	const host = appHostName(plan, shape);
	const zone = aseZone(h.ase.name ?? '<ase>');
	if (shape.ase.internal) {
		return [
			`- The ASE's internal load balancer takes an address in the ASE subnet (template output \`aseInternalInboundIp\`); the app answers at ${code(host)} and its deployment site at ${code(`${plan.appName}.scm.${zone}`)} [C].`,
			shape.ase.create
				? `- The template creates the private DNS zone ${code(zone)} with A records \`*\`, \`@\` and \`*.scm\` to that address, linked to the new VNet [C]. ` +
						`Networks with their own DNS servers (on-premises, hub) need a conditional forwarder for ${code(zone)} to a resolver in Azure, or the same three records in their own zone.`
				: `- The existing ASE's DNS (the zone ${code(zone)}, or your own DNS servers) already answers for its apps: nothing to add for the new app [C].`,
			`- Callers that used the ISE access endpoint${accessEndpointIps ? ` (${accessEndpointIps})` : ''} must call the new host name; firewall rules towards those IPs change to the ASE's inbound address.`,
			`- Managed webhook triggers (Event Grid, Office 365, Dataverse, Azure DevOps, multi-tenant SAP) need a public callback endpoint: an internal ASE has none, as a private endpoint has none [C for private endpoints; U that an ILB ASE behaves the same]${hooks.length > 0 ? `: this affects ${hooks.map(code).join(', ')}` : ''}.`,
		];
	}
	return [
		`- An external ASE gives the app a public inbound address; it answers at ${code(host)}, in public DNS [C].`,
		...(shape.accessRestrictions
			? ['- Access restrictions on the app allow only the service tags `LogicAppsManagement` and `AzureConnectors` plus the callers in `allowedCallerCidrs` [C].']
			: [`- No access restrictions: anyone on the internet can reach ${code(host)}; request triggers are protected only by their signed URLs [C].`]),
	];
}

/** The Outbound section's first bullets for an App Service Environment. */
export function aseOutbound(plan: Plan, shape: InfraShape): string[] {
	if (shape.natGateway) {
		return [
			'- A NAT gateway with one static public IP is attached to the ASE subnet: traffic from the app (HTTP actions, built-in connectors) to the internet leaves from that IP (template output `natPublicIp`) [C].',
		];
	}
	if (plan.outbound.natGateway) {
		return ["- For a static outbound IP, attach a NAT gateway to the existing ASE's subnet (\"add a NAT gateway to your subnet\" [C]); the template does not change an existing network."];
	}
	return [
		"- Without a NAT gateway, traffic to the internet leaves from the ASE's default outbound addresses (the ASE's *IP addresses* page, or `networkingConfiguration.windowsOutboundIpAddresses`) [C]; a NAT gateway on the ASE subnet replaces them with an address you choose [C].",
	];
}

/** What a Workflow Standard app needs and an app in an ASE does not. */
export function aseNotApplicable(): string[] {
	return [
		'### What does not apply in an App Service Environment',
		'',
		'- No regional VNet integration, no integration subnet delegated to `Microsoft.Web/serverFarms`, no Route All: the app runs inside the ASE subnet [C].',
		'- No private endpoint for the app and no `privatelink.azurewebsites.net` zone: an internal ASE is already private [C].',
		'- No elastic scale-out or always-ready instances: the Isolated v2 plan has a fixed instance count; add autoscale rules (Learn suggests CPU around 50–70%) [C].',
		'- No content share on the storage account: a dedicated plan does not need one [C] (Functions app settings; that Logic Apps needs none either is [S]), so the ASE subnet needs no SMB (445) to storage.',
		'',
	];
}

/** The NSG rules of a new ASE's subnet (Learn, ASE networking [C]). */
export function aseNsgRules(shape: InfraShape): string[] {
	if (!shape.ase?.create) return [];
	return [
		'### NSG of the ASE subnet',
		'',
		'| rule | source | port | why | certainty |',
		'|---|---|---|---|---|',
		'| `AllowLoadBalancerHealth` | `AzureLoadBalancer` | TCP 80 | the minimum: the internal health ping of the ASE | [C] |',
		'| `AllowVirtualNetworkWeb` | `VirtualNetwork` | TCP 80, 443 | callers in the network (peered VNets, VPN, ExpressRoute) | [C] |',
		...(shape.ase.internal ? [] : ['| `AllowInternetHttps` | `Internet` | TCP 443 | callers on the internet to the external ASE (access restrictions decide who) | [C] |']),
		'',
		'ASE v3 needs no management rules. Open other ports only for what you use: FTP/FTPS 21, 990, 10001-10020; remote debugging 4022, 4024, 4026; Web Deploy 8172 [C]. ' +
			'Route tables are allowed without restriction: forced tunnelling through a firewall works when the app\'s dependencies are allowed there [C].',
		'',
	];
}

export function aseVerify(plan: Plan, shape: InfraShape): string[] {
	const h = plan.hosting;
	if (h.kind !== 'ase' || !shape.ase) return [];
	const host = appHostName(plan, shape);
	const checks = [
		shape.ase.internal
			? `From a VM in (or peered with) the ASE's VNet: \`nslookup ${host}\` answers the ASE's internal inbound address; from outside the network the name does not resolve.`
			: `\`nslookup ${host}\` answers the ASE's public inbound address${shape.accessRestrictions ? '; a caller not in `allowedCallerCidrs` gets 403' : ''}.`,
		"The app's *Overview* shows the App Service Environment and the Isolated v2 plan; its *Networking* page shows no VNet integration.",
	];
	if (shape.ase.create) checks.push('`az network vnet subnet show -g <resource-group> --vnet-name <vnet> -n snet-ase --query "delegations[].serviceName"` answers `Microsoft.Web/hostingEnvironments`.');
	return checks;
}

/** Where an admin checks the facts behind the App Service Environment sections. */
export function aseSources(): string[] {
	return [
		'### Sources (App Service Environment v3)',
		'',
		`- Subnet, NSG, routes, NAT gateway and DNS of an ASE: ${ASE_SOURCES.networking}`,
		`- The ASE in a template (kind ASEv3, \`internalLoadBalancingMode\`, properties ASE v3 refuses): ${ASE_SOURCES.template}`,
		`- Billing (no stamp fee; an empty ASE is billed as one I1v2) and limits (100 instances a plan): ${ASE_SOURCES.overview}`,
		`- Logic Apps on ASE v3: Isolated v2 App Service plan only, billed per instance: ${ASE_SOURCES.pricing}; no dynamic scaling: ${ASE_SOURCES.limits}`,
		`- File System built-in connector only on ASE v3 (Windows plans), no gateway needed: ${ASE_SOURCES.fileSystem}`,
		'',
	];
}
