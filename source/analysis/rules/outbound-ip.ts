// Outbound addresses: downstream firewalls trust the ISE's outgoing IPs today. A Standard app has no fixed outbound
// IP of its own; a NAT gateway on the integration subnet gives it one.
import type {Finding, Inventory} from '../../model/index.js';
import {nameList} from './workflow.js';

export function outboundIpFindings(inv: Inventory): Finding[] {
	const {workflow, connector} = inv.ise.outboundIps;
	if (workflow.length === 0 && connector.length === 0) return [];
	const key = inv.ise.name || 'ise';
	const name = inv.ise.name || 'the ISE';
	const today: string[] = [];
	if (workflow.length > 0) today.push(`workflow IPs ${nameList(workflow, 8)} (HTTP actions and built-in operations)`);
	if (connector.length > 0) today.push(`connector IPs ${nameList(connector, 8)} (ISE-hosted connectors)`);
	return [
		{
			id: `outbound-ip:${key}`,
			kind: 'outbound-ip',
			area: 'network',
			severity: 'warning',
			certainty: 'S',
			subject: {type: 'ise', key, name},
			title: 'Outbound IP addresses change',
			detail:
				`Firewalls of the systems ${name} calls trust its ${today.join(' and ')}; none of these addresses move to Standard. ` +
				'Destinations that allow-list them must add the new address: traffic from HTTP actions and built-in connectors, ' +
				'including ISE connectors that become built-in, leaves from the app. ' +
				'Connectors that stay managed (multi-tenant) leave from the region’s AzureConnectors service tag ranges instead, so their destinations must allow those.',
			options: [
				{
					id: 'nat',
					label: 'NAT gateway with a static public IP',
					consequence:
						'The integration subnet gets a NAT gateway with one static IP and all app traffic is routed through the network; ' +
						'you hand that IP to destination owners before cut-over. The app’s storage must then be reached over private or service endpoints.',
					effects: [{type: 'outbound', natGateway: true}],
				},
				{
					id: 'no-nat',
					label: 'No NAT gateway',
					consequence:
						'Traffic leaves from the shared outbound addresses of the app’s scale unit, which are many and can change; ' +
						'firewalls that allow-listed the ISE’s IPs must allow all of them, or open up.',
					effects: [{type: 'outbound', natGateway: false}],
				},
			],
			recommended: 'nat',
		},
	];
}
