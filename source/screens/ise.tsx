// Step 2: the ISE and what it hosts, before any decision.
import {Box, Text} from 'ink';
import {iseInferred, type Inventory} from '../model/index.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, type KeyBinding} from '../ui/keys.js';

export interface IseScreenProps {
	inventory: Inventory;
	progress: {decided: number; total: number; blockersOpen: number};
	findingCounts: {blocker: number; warning: number; info: number};
	/** Names of the connectors the workflows use. */
	connectors: readonly string[];
	message?: {kind: 'error' | 'info'; text: string};
	onNext: () => void;
	onBack: () => void;
	onQuit: () => void;
}


export function IseScreen({inventory: inv, progress, findingCounts, connectors, message, onNext, onBack, onQuit}: IseScreenProps) {
	const keys: KeyBinding[] = [
		{keys: ['enter', 'n', 'tab'], hint: 'Enter', label: 'start the review', run: onNext},
		{keys: ['escape'], hint: 'Esc', label: 'back', run: onBack},
		{keys: ['q'], hint: 'q', label: 'save & quit', run: onQuit},
	];
	useScreenKeys(keys);
	const ise = inv.ise;
	// A source without an ISE resource (workflow templates only): say so and name what the review asks instead.
	const noIse = iseInferred(ise);
	// Kept short so the summary and keys fit a 30-row terminal; the report lists every workflow.
	const shown = inv.workflows.slice(0, noIse ? 8 : 10);
	return (
		<Frame step="ise" iseName={ise.name} progress={progress} message={message} keys={keys}>
			<Text>
				<Text bold>{ise.name}</Text>
				<Text dimColor>
					{' '}
					· {ise.location || 'region not in the source'} · {ise.resourceGroup} · {inv.source.label}
				</Text>
			</Text>
			{noIse ? (
				<Box flexDirection="column" marginTop={1}>
					<Text>
						<Text bold>No ISE resource in the source</Text> ({noIse}): its SKU, access endpoint, network, addresses and key are unknown.
					</Text>
					<Text>
						The review asks for what the Standard app needs instead: its hosting (Sizing) and inbound access (Network){ise.location ? '' : ', and its region'}.
					</Text>
				</Box>
			) : (
			<Box flexDirection="column" marginTop={1}>
				<Text>
					SKU <Text bold>{ise.sku.name}</Text> with {ise.sku.capacity} extra scale unit{ise.sku.capacity === 1 ? '' : 's'} · access endpoint{' '}
					<Text bold>{ise.accessEndpoint}</Text> · state {ise.state ?? 'unknown'}
				</Text>
				<Text>
					{ise.subnets.length} subnets{ise.virtualNetworkAddressSpace ? ` in ${ise.virtualNetworkAddressSpace}` : ''} ·{' '}
					{ise.outboundIps.workflow.length + ise.outboundIps.connector.length} outbound IPs · customer-managed key:{' '}
					{ise.encryption ? ise.encryption.keyName : 'none'}
				</Text>
			</Box>
			)}
			<Box marginTop={1}>
				<Text>
					To review: <Text color="red">{findingCounts.blocker} blocker{findingCounts.blocker === 1 ? '' : 's'}</Text>,{' '}
					<Text color="yellow">{findingCounts.warning} warning{findingCounts.warning === 1 ? '' : 's'}</Text>, <Text color="blue">{findingCounts.info} info</Text>
				</Text>
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text bold>
					{inv.workflows.length} workflow{inv.workflows.length === 1 ? '' : 's'}
				</Text>
				{shown.map((w) => (
					<Text key={w.id}>
						{'  '}
						{w.name}
						<Text dimColor>
							{' '}
							· {w.connections.length} connection{w.connections.length === 1 ? '' : 's'}
							{w.state && w.state !== 'Enabled' ? ` · ${w.state}` : ''}
						</Text>
					</Text>
				))}
				{inv.workflows.length > shown.length ? <Text dimColor>  … and {inv.workflows.length - shown.length} more</Text> : null}
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text>
					Connectors used: <Text dimColor>{connectors.join(', ') || 'none'}</Text>
				</Text>
				<Text>
					ISE connectors: {inv.managedApis.length} · integration accounts: {inv.integrationAccounts.map((a) => a.name).join(', ') || 'none'}
				</Text>
			</Box>
		</Frame>
	);
}
