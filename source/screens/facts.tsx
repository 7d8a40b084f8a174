// The facts panels above each review step's findings: what the ISE has today and what the plan makes of it.
import {Box, Text} from 'ink';
import {iseInferred, type Inventory} from '../model/index.js';
import type {Plan} from '../generate/index.js';
import type {ConnectorRow, ConnectorRowTarget} from '../wizard/selectors.js';

const Row = ({label, children}: {label: string; children: React.ReactNode}) => (
	<Text>
		<Text dimColor>{label.padEnd(22)}</Text>
		{children}
	</Text>
);

/** The hosting in force, in a few words. */
function hostingNow(plan: Plan): string {
	const h = plan.hosting;
	const inst = `${h.instances} instance${h.instances === 1 ? '' : 's'}`;
	if (h.kind === 'ws') return `Workflow Standard ${h.plan} × ${inst}, ${h.apps} app${h.apps === 1 ? '' : 's'}`;
	const which = h.ase.source === 'new' ? `new ${h.ase.name}` : `existing ${h.ase.name ?? '(resource id to give)'}`;
	return `ASE v3 (${which}, ${h.ase.internal ? 'internal' : 'external'}), Isolated v2 ${h.plan} × ${inst}`;
}

export function SkuFacts({inventory, plan}: {inventory: Inventory; plan: Plan}) {
	const {sku} = inventory.ise;
	const workflows = `${inventory.workflows.length} workflow${inventory.workflows.length === 1 ? '' : 's'}`;
	return (
		<Box flexDirection="column">
			<Row label="ISE SKU">
				{iseInferred(inventory.ise)
					? `unknown: the source holds no ISE resource; ${workflows} — size the app for the load you know`
					: `${sku.name}, ${sku.capacity} extra scale unit${sku.capacity === 1 ? '' : 's'}, ${inventory.ise.accessEndpoint} endpoint, ${workflows}`}
			</Row>
			<Row label="Workflow Standard">WS1 1 vCPU/3.5 GB, WS2 2/7 GB, WS3 4/14 GB: shared, elastic; VNet integration; File System managed</Row>
			<Row label="ASE v3, Isolated v2">I1v2 2 vCPU/8 GB … I6v2 64/256 GB (each step doubles): single-tenant in your subnet; File System built-in</Row>
			<Row label="Hosting (now)">
				<Text bold>{hostingNow(plan)}</Text>
				<Text dimColor> — a starting point to load-test</Text>
			</Row>
		</Box>
	);
}

/** How the workflows are reached, in the hosting's terms: an ASE has its own load balancer, no app private endpoint. */
function inboundNow(plan: Plan): string {
	const h = plan.hosting;
	if (h.kind !== 'ase') return plan.inbound;
	const restricted = plan.inbound === 'public-restricted' ? ', access restrictions on the app' : '';
	return h.ase.internal ? 'ASE internal load balancer (ILB): private, no public endpoint' : `ASE external: a public inbound address${restricted}`;
}

/** Where the app's traffic leaves from: VNet integration on a Workflow Standard plan, the ASE's own subnet on an ASE. */
function outboundNow(plan: Plan): string {
	const h = plan.hosting;
	const nat = plan.outbound.natGateway;
	if (h.kind !== 'ase') return `VNet integration /${plan.subnets.integrationPrefixLength}${nat ? ' + NAT gateway (static IP)' : ''}`;
	if (h.ase.source === 'existing') return `the existing ASE's subnet${nat ? " (attach a NAT gateway to it for a static IP)" : ': its default outbound addresses'}`;
	return `the ASE subnet /${h.ase.subnetPrefixLength}${nat ? ' + NAT gateway (static IP)' : ': its default outbound addresses'}`;
}

export function NetworkFacts({inventory, plan}: {inventory: Inventory; plan: Plan}) {
	const ise = inventory.ise;
	const ips = [...ise.outboundIps.workflow, ...ise.outboundIps.connector];
	return (
		<Box flexDirection="column">
			<Row label="Access endpoint">
				{iseInferred(ise) ? 'unknown: the source holds no ISE resource — choose who may call the workflows' : ise.accessEndpoint === 'NotSpecified' ? 'not in the source' : ise.accessEndpoint}
			</Row>
			<Row label="Address space">{ise.virtualNetworkAddressSpace ?? 'unknown'}</Row>
			<Row label="Subnets">{ise.subnets.map((s) => `${s.name}${s.addressPrefix ? ` ${s.addressPrefix}` : ''}`).join(', ') || 'none recorded'}</Row>
			<Row label="Outbound IPs today">{ips.length > 0 ? ips.join(', ') : 'none recorded'}</Row>
			<Row label="Inbound (now)">
				<Text bold>{inboundNow(plan)}</Text>
			</Row>
			<Row label="Outbound (now)">
				<Text bold>{outboundNow(plan)}</Text>
			</Row>
		</Box>
	);
}

export function KeyFacts({inventory, plan}: {inventory: Inventory; plan: Plan}) {
	const key = inventory.ise.encryption;
	if (!key && iseInferred(inventory.ise)) {
		return (
			<Text>
				The source holds no ISE resource, so whether it used a customer-managed key is unknown. The Standard app's storage uses Microsoft-managed keys; if a policy
				requires your own key, set it on the storage account before the first deployment.
			</Text>
		);
	}
	if (!key) return <Text>This ISE has no customer-managed key: Microsoft-managed keys protect it today, and the Standard app's storage will be the same.</Text>;
	const vault = key.keyVaultId.split('/').pop();
	return (
		<Box flexDirection="column">
			<Row label="Key vault">{vault}</Row>
			<Row label="Key">
				{key.keyName}
				{key.keyVersion ? ` (version ${key.keyVersion.slice(0, 8)}…)` : ''}
			</Row>
			<Row label="Storage CMK (now)">
				<Text bold>{plan.storageCmk.enabled ? 'enabled with this key' : 'Microsoft-managed keys'}</Text>
				<Text dimColor> — our inference [U]: Standard has no ISE-style encryption setting</Text>
			</Row>
		</Box>
	);
}

const TARGET_COLOR: Partial<Record<ConnectorRowTarget, string>> = {builtin: 'green', managed: 'yellow', exclude: 'red'};

export function ConnectorFacts({rows}: {rows: readonly ConnectorRow[]}) {
	// Compact on purpose: one cell per connector, wrapped, so the findings below stay on screen.
	return (
		<Box flexDirection="column">
			<Text dimColor>
				{rows.length} connector{rows.length === 1 ? '' : 's'} in use · target now (workflows using it):
			</Text>
			<Box flexWrap="wrap" columnGap={3}>
				{rows.map((row) => {
					const targets = Object.entries(row.targets) as [ConnectorRowTarget, number][];
					return (
						<Text key={row.api}>
							{row.api}
							{row.kind === 'ise' ? '' : <Text dimColor> ({row.kind})</Text>}{' '}
							{targets.map(([target, n], i) => (
								<Text key={target}>
									{i > 0 ? <Text dimColor>/</Text> : null}
									<Text color={TARGET_COLOR[target]}>{target}</Text>
									{targets.length > 1 ? <Text dimColor> {n}</Text> : null}
								</Text>
							))}
							<Text dimColor> ({row.workflows})</Text>
						</Text>
					);
				})}
			</Box>
		</Box>
	);
}
