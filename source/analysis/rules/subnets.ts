// Subnets for the Standard app: VNet integration for outbound traffic (replacing the ISE's injection into four
// subnets) and, only when inbound is private, a subnet for the app's private endpoint. The choice is between
// subnet sizes; which of them exist follows from the inbound and outbound decisions.
import {subnetOptionId, type Finding, type FindingOption, type Inventory} from '../../model/index.js';
import {nameList} from './workflow.js';
import {iseSubject, makeFinding} from '../finding.js';

const PRIVATE_ENDPOINT_PREFIX = 28;

function sizeOption(prefix: number, note: string): FindingOption {
	const addresses = 2 ** (32 - prefix);
	return {
		id: subnetOptionId(prefix),
		label: `Integration subnet /${prefix} (${addresses} addresses)`,
		consequence:
			`${note} A private-endpoint subnet of /${PRIVATE_ENDPOINT_PREFIX} is added only if inbound access is private. ` +
			'The integration subnet’s size cannot change once the app uses it.',
		effects: [{type: 'subnets', integrationPrefixLength: prefix, privateEndpointPrefixLength: PRIVATE_ENDPOINT_PREFIX}],
	};
}

export function subnetFindings(inv: Inventory): Finding[] {
	const {ise} = inv;
	const subject = iseSubject(ise.name);
	const name = subject.name;
	const space = ise.virtualNetworkAddressSpace ? ` in address space ${ise.virtualNetworkAddressSpace}` : '';
	const subnets = ise.subnets.map((s) => (s.addressPrefix ? `${s.name} ${s.addressPrefix}` : s.name));
	const context =
		subnets.length > 0
			? `${name} is injected into ${subnets.length} subnet${subnets.length === 1 ? '' : 's'}${space} (${nameList(subnets)}). `
			: ise.virtualNetworkAddressSpace
				? `${name} sits in address space ${ise.virtualNetworkAddressSpace}. `
				: '';
	return [
		makeFinding({
			kind: 'subnets',
			severity: 'info',
			certainty: 'C',
			subject,
			title: 'Subnets for the Standard app',
			detail:
				context +
				'On a Workflow Standard plan the Standard app needs one integration subnet delegated to Microsoft.Web/serverFarms for outbound traffic (/26 recommended, /28 at least), ' +
				`plus a subnet of /${PRIVATE_ENDPOINT_PREFIX} or larger for private endpoints if inbound access is private. ` +
				'On App Service Environment v3 (the hosting finding) no integration subnet is used: a new ASE gets its own /24 subnet delegated to Microsoft.Web/hostingEnvironments, and the private-endpoint subnet holds the storage endpoints.',
			options: [
				sizeOption(26, 'Room for the plan to scale out and for more apps on the same plan, as Microsoft recommends.'),
				sizeOption(27, 'Fits where one of the ISE’s /27 subnets was once the ISE is deleted, but leaves less room to scale out.'),
			],
			recommended: subnetOptionId(26),
		}),
	];
}
