import {describe, expect, test} from 'vitest';
import {infraTemplate} from '../../../source/generate/infra.js';
import {networkingGuide} from '../../../source/generate/networking.js';
import {checkTemplate} from './arm-check.js';
import {REQUIRED_PARAMETER_VALUES, variants, type Variant} from './variants.js';

const ALL = variants();
const find = (pred: (v: Variant) => boolean) => {
	const v = ALL.find(pred);
	if (!v) throw new Error('no such variant');
	return v;
};
// The Workflow Standard guide of the sample (private endpoint, NAT); the App Service Environment guides further down.
const contoso = find((v) => v.label.startsWith('contoso on Workflow Standard'));
// The guide as generate() writes it, from the reach model of the real conversion.
const guide = (v: Variant) => v.files.get('migration/networking.md')!;

/** What the template deploys by default, evaluated: the guide must describe the same ranges. */
function deployedRanges(v: Variant) {
	const template = infraTemplate(v.plan, v.ctx).template;
	const needed = Object.fromEntries(Object.entries(template.parameters).filter(([, d]) => !('defaultValue' in d)).map(([n]) => [n, REQUIRED_PARAMETER_VALUES[n]]));
	const r = checkTemplate(template, {parameterValues: needed});
	const vnet = r.resources.find((x) => x.type === 'Microsoft.Network/virtualNetworks');
	if (!vnet) return undefined;
	const subnets = (vnet.body.properties as {subnets: {properties: {addressPrefix: string; delegations?: unknown[]}}[]}).subnets;
	return {
		space: r.parameters.vnetAddressPrefix as string,
		integration: subnets.filter((s) => s.properties.delegations).map((s) => s.properties.addressPrefix),
		privateEndpoint: subnets.filter((s) => !s.properties.delegations).map((s) => s.properties.addressPrefix),
	};
}

describe('today: the guide describes this ISE', () => {
	const text = guide(contoso);
	const ise = contoso.plan.inventory.ise;

	test('its address space, subnets and access endpoint', () => {
		expect(text).toContain(ise.virtualNetworkAddressSpace!);
		for (const s of ise.subnets) expect(text).toContain(s.addressPrefix!);
		expect(text).toMatch(/access endpoint \| Internal/);
	});

	test('every outbound and access endpoint IP, each in the firewall table', () => {
		const firewalls = text.slice(text.indexOf('### Firewalls to update'));
		for (const ip of [...ise.outboundIps.workflow, ...ise.outboundIps.connector]) {
			expect(text).toContain(ip);
			expect(firewalls).toContain(ip);
		}
		for (const ip of [...ise.accessEndpointIps.workflow, ...ise.accessEndpointIps.connector]) expect(text).toContain(ip);
	});

	test('an ISE without recorded IPs says so instead of inventing them', () => {
		const dev = guide(find((v) => v.plan.inventory.ise.sku.name === 'Developer'));
		expect(dev).toMatch(/outbound IPs, workflows[^|]*\| none recorded/);
	});
});

describe('tomorrow: the guide matches the template', () => {
	test.each(ALL.map((v) => [v.label, v] as const))('%s: same address space and subnets as the template deploys', (_, v) => {
		const text = guide(v);
		const ranges = deployedRanges(v);
		if (!ranges) {
			// An existing ASE brings its own network: the guide says so instead of inventing ranges.
			expect(text).toMatch(/The existing ASE's network/);
			return;
		}
		expect(text).toContain(ranges.space);
		for (const prefix of [...ranges.integration, ...ranges.privateEndpoint]) expect(text).toContain(prefix);
		if (ranges.privateEndpoint.length === 0) expect(text).toMatch(/private-endpoint subnet \| none/);
		// The new range is not the ISE's range.
		const iseSpace = v.plan.inventory.ise.virtualNetworkAddressSpace;
		if (iseSpace) expect(ranges.space).not.toBe(iseSpace);
	});
});

describe('the guide changes with the plan', () => {
	const privateNat = guide(contoso);
	const publicNoNat = guide(find((v) => v.plan.inbound === 'public-restricted' && !v.plan.outbound.natGateway && v.plan.inventory.ise.sku.name === 'Premium'));
	const privateNoNat = guide(find((v) => v.plan.inbound === 'private-endpoint' && !v.plan.outbound.natGateway));
	const publicOpen = guide(find((v) => v.plan.inbound === 'public' && !v.plan.outbound.natGateway));

	test('private inbound: private endpoint, DNS zone, nslookup from inside the VNet, webhooks that stop', () => {
		expect(privateNat).toContain('privatelink.azurewebsites.net');
		expect(privateNat).toMatch(/nslookup contoso-standard\.azurewebsites\.net/);
		expect(privateNat).toMatch(/webhook triggers[^\n]*delivery-proof-eventgrid/);
		expect(publicNoNat).not.toContain('privatelink.azurewebsites.net');
	});

	test('restricted public inbound: access restrictions with the service tags and the callers parameter', () => {
		expect(publicNoNat).toMatch(/access restrictions/);
		expect(publicNoNat).toContain('allowedCallerCidrs');
		expect(publicNoNat).toContain('LogicAppsManagement');
		expect(publicNoNat).toMatch(/more exposed than today/);
		expect(publicOpen).toMatch(/unrestricted public endpoint/);
	});

	test('NAT: the static IP replaces the ISE IPs; without NAT: the app\'s shared addresses', () => {
		expect(privateNat).toContain('natPublicIp');
		expect(privateNat).not.toContain('possibleOutboundIpAddresses');
		expect(privateNoNat).toContain('possibleOutboundIpAddresses');
		expect(privateNoNat).not.toContain('natPublicIp');
	});

	test('connections left on managed connectors leave from the regional AzureConnectors ranges, not the NAT IP; those through the gateway are not among them', () => {
		const bullet = privateNat.split('\n').find((l) => l.startsWith('- Connections that stay on managed connectors'))!;
		expect(bullet).toMatch(/AzureConnectors\.WestEurope` ranges, not from the NAT IP/);
		const plainGuide = networkingGuide(contoso.plan, contoso.ctx);
		expect(plainGuide).toMatch(/AzureConnectors\.WestEurope` ranges, not from the NAT IP \[C\]: none\./);
		// The sample: SMTP and Blob steps that cannot convert stay managed; DB2, SAP and the Windows-authenticated SQL go through the gateway.
		expect(bullet).toContain('`smtp-relay`');
		expect(bullet).toContain('`azureblob-stcontosoedi`');
		for (const gw of ['db2-as400', 'sap-ecc-prd']) expect(bullet).not.toContain(gw);
	});

	test('the check of the inbound side says one thing: restricted callers get 403, an unrestricted app lets everyone through', () => {
		const verify = (text: string) => text.slice(text.indexOf('## Verify'));
		expect(verify(publicNoNat)).toMatch(/answers a public address; a caller not in `allowedCallerCidrs` gets 403\./);
		expect(verify(publicOpen)).toMatch(/answers a public address, and a caller from anywhere gets through: the app has no access restrictions/);
		expect(verify(publicOpen)).not.toMatch(/allowedCallerCidrs|403/);
	});

	test('the managed-connector check names the ISE connections now on a managed connector, not those that were managed already', () => {
		const check = privateNat.split('\n').find((l) => /^\d+\. Run one step of each/.test(l))!;
		for (const name of ['eventhubs-logistics', 'smtp-relay', 'azureblob-stcontosoedi']) expect(check).toContain(`\`${name}\``);
		// Managed in the ISE already: they called from these ranges before, so their firewalls do not change.
		for (const name of ['office365-invoices', 'azureeventgrid']) expect(check).not.toContain(name);
		// The private SMTP relay is not reachable as it stands: the check defers to its row instead of a blanket "allow the tag".
		expect(check).toMatch(/works once the system admits them as its row under "How each system is reached after migration" says/);
		expect(check).not.toMatch(/its firewall must allow/);
	});

	test('managed connectors: each system gets the instruction of its own row, not one rule for all', () => {
		const section = privateNat.slice(privateNat.indexOf('### Public endpoints for managed connectors'), privateNat.indexOf('## Verify'));
		const sub = (name: string) => section.split('\n').find((l) => l.startsWith('  - ') && l.includes(`\`${name}\``))!;
		expect(sub('smtp-relay')).toMatch(/not reachable as it stands: it answers only inside your network/);
		expect(sub('azureblob-stcontosoedi')).toMatch(/in the app's region IP rules cannot admit managed connectors/);
		expect(sub('eventhubs-logistics')).toMatch(/a public endpoint whose firewall allows `AzureConnectors\.WestEurope`/);
		expect(section).not.toMatch(/each system needs a public endpoint whose firewall allows that service tag/);
	});

	test('private storage: its four zones and ports 443 and 445', () => {
		for (const svc of ['blob', 'file', 'queue', 'table']) expect(privateNoNat).toContain(`privatelink.${svc}.core.windows.net`);
		expect(privateNoNat).toMatch(/443 and 445/);
		expect(publicNoNat).not.toMatch(/445/);
	});

	test('certainty tags from the domain facts are kept', () => {
		for (const text of [privateNat, publicNoNat]) {
			expect(text).toContain('[C]');
			expect(text).toMatch(/\[U\]/);
		}
	});

	test('a verification list the admin can run', () => {
		const verify = privateNat.slice(privateNat.indexOf('## Verify'));
		expect(verify).toMatch(/^1\. /m);
		expect(verify).toMatch(/nslookup/);
		expect(verify).toMatch(/tcpping .*445/);
	});
});

describe('on an App Service Environment v3 the guide describes the ASE network', () => {
	const internal = guide(find((v) => v.label.includes('recommendations (new internal ASE v3)')));
	const external = guide(find((v) => v.label.includes('new external ASE')));
	const existing = guide(find((v) => v.label.includes('existing ASE v3 (id given)')));

	test('the ASE subnet: its size, its delegation to Microsoft.Web/hostingEnvironments, and why', () => {
		expect(internal).toMatch(/\| ASE subnet \| `10\.100\.0\.0\/24` \(\/24\), empty, delegated to `Microsoft\.Web\/hostingEnvironments`/);
		expect(internal).toMatch(/\/24 is recommended, \/27 is the minimum/);
	});

	test('the internal load balancer\'s private zone and its three records, and DNS servers elsewhere', () => {
		expect(internal).toContain('`contoso-ase.appserviceenvironment.net` with A records `*`, `@` and `*.scm`');
		expect(internal).toMatch(/conditional forwarder for `contoso-ase\.appserviceenvironment\.net`/);
		expect(internal).toContain('contoso-standard.contoso-ase.appserviceenvironment.net');
		expect(external).not.toContain('A records');
		expect(external).toMatch(/public inbound address/);
	});

	test('the NSG rules: Azure Load Balancer on 80 at least, the network on 80/443; the internet only for an external ASE', () => {
		expect(internal).toMatch(/`AllowLoadBalancerHealth` \| `AzureLoadBalancer` \| TCP 80/);
		expect(internal).toMatch(/`AllowVirtualNetworkWeb` \| `VirtualNetwork` \| TCP 80, 443/);
		expect(internal).not.toContain('AllowInternetHttps');
		expect(external).toContain('AllowInternetHttps');
	});

	test('outbound: a NAT gateway on the ASE subnet for a static IP, else the ASE\'s own addresses', () => {
		expect(internal).toMatch(/NAT gateway with one static public IP is attached to the ASE subnet/);
		expect(external).toMatch(/ASE's default outbound addresses/);
		expect(external).not.toContain('possibleOutboundIpAddresses');
		expect(existing).toMatch(/attach a NAT gateway to the existing ASE's subnet/);
	});

	test('storage private endpoints over 443 only, and what does not apply: no VNet integration, no app private endpoint', () => {
		expect(internal).toMatch(/### Runtime storage over private endpoints/);
		expect(internal).toMatch(/no SMB \(445\) is needed/);
		const notApplicable = internal.slice(internal.indexOf('### What does not apply'));
		expect(notApplicable).toMatch(/No regional VNet integration/);
		expect(notApplicable).toMatch(/No private endpoint for the app and no `privatelink\.azurewebsites\.net` zone/);
		expect(internal).not.toMatch(/Route All\) enabled/);
		expect(internal.slice(0, internal.indexOf('### What does not apply'))).not.toContain('privatelink.azurewebsites.net');
	});

	test('firewalls trust the ASE subnet and callers reach the internal load balancer', () => {
		const firewalls = internal.slice(internal.indexOf('### Firewalls to update'));
		expect(firewalls).toMatch(/private destinations[^\n]*ASE subnet `10\.100\.0\.0\/24`/);
		expect(firewalls).toMatch(/callers' firewalls[^\n]*internal inbound address/);
	});

	test('it cites the Microsoft pages an admin checks these facts against', () => {
		for (const page of ['app-service/environment/networking', 'logic-apps/logic-apps-pricing', 'connectors/file-system']) expect(internal).toContain(`https://learn.microsoft.com/azure/${page}`);
	});

	test('an existing ASE keeps its network: private endpoints in a subnet the admin names', () => {
		expect(existing).toMatch(/privateEndpointSubnetResourceId/);
		expect(existing).not.toMatch(/new VNet address space/);
		expect(existing).not.toContain('AllowLoadBalancerHealth');
	});
});

describe('the infrastructure readme follows the reach model', () => {
	test('the NAT IP goes only to the systems the app reaches, not to every firewall that trusted the ISE', () => {
		const readme = contoso.files.get('infra/README.md')!;
		const line = readme.split('\n').find((l) => l.includes('IP echo service'))!;
		expect(line).toMatch(/Give that address only to the owners of the systems reached from the app over the internet/);
		expect(line).toMatch(/managed connectors call from the AzureConnectors ranges and a data gateway connects outbound/);
		expect(readme).not.toMatch(/firewalls that trusted the ISE/);
	});
});
