// Step 2, live Azure: the ISEs in the chosen subscription as a table (name, resource group, location, SKU and
// capacity, access endpoint, state). None found → why that is likely (the 2024 retirement) and the offline ways in.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {IseSummary} from '../sources/azure.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, type KeyBinding} from '../ui/keys.js';
import {Select, type SelectItem} from '../ui/select.js';

type Message = {kind: 'error' | 'info'; text: string};

export type NoIseChoice = 'subscriptions' | 'path' | 'demo';

export interface AzureIsesScreenProps {
	/** "Contoso Production (tenant Contoso)". */
	subscriptionLabel: string;
	ises?: readonly IseSummary[];
	loading?: string;
	/** Lines explaining an empty subscription (noIseHelp). */
	emptyHelp: readonly string[];
	error?: string;
	message?: Message;
	onChoose: (ise: IseSummary) => void;
	/** From the empty-subscription help: another subscription, a template folder or snapshot, or the sample. */
	onNoIse: (choice: NoIseChoice) => void;
	onRetry: () => void;
	onBack: () => void;
	onQuit: () => void;
}

const HEADINGS = ['NAME', 'RESOURCE GROUP', 'LOCATION', 'SKU', 'ACCESS ENDPOINT', 'STATE'];

function cells(ise: IseSummary): string[] {
	const units = ise.sku.name === 'Premium' ? ` + ${ise.sku.capacity} unit${ise.sku.capacity === 1 ? '' : 's'}` : '';
	return [ise.name, ise.resourceGroup, ise.location, `${ise.sku.name}${units}`, ise.accessEndpoint, ise.state ?? ise.provisioningState ?? '?'];
}

function pad(row: readonly string[], widths: readonly number[]): string {
	return row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
}

export function AzureIsesScreen(props: AzureIsesScreenProps) {
	const empty = props.ises !== undefined && props.ises.length === 0;
	const keys: KeyBinding[] = props.error
		? [
				{keys: ['r', 'enter'], hint: 'r', label: 'try again', run: props.onRetry},
				{keys: ['escape'], hint: 'Esc', label: 'back to subscriptions', run: props.onBack},
				{keys: ['q'], hint: 'q', label: 'quit', run: props.onQuit},
			]
		: props.loading || !props.ises
			? [
					{keys: ['escape'], hint: 'Esc', label: 'cancel', run: props.onBack},
					{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
				]
			: [
					{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
					{keys: ['enter'], hint: 'Enter', label: empty ? 'choose' : 'read this ISE'},
					{keys: ['escape'], hint: 'Esc', label: 'back to subscriptions', run: props.onBack},
					{keys: ['q'], hint: 'q', label: 'quit', run: props.onQuit},
				];
	useScreenKeys(keys);

	const rows = (props.ises ?? []).map(cells);
	const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const items: SelectItem<IseSummary>[] = (props.ises ?? []).map((ise, i) => ({key: ise.id, label: pad(rows[i]!, widths), value: ise}));
	const helpItems: SelectItem<NoIseChoice>[] = [
		{key: 'subscriptions', label: 'Choose another subscription', value: 'subscriptions'},
		{key: 'path', label: 'Open an ARM template folder or a snapshot file', hint: 'exported templates, source control, or `ise-migrate snapshot`', value: 'path'},
		{key: 'demo', label: 'Use the bundled sample ISE (Contoso)', value: 'demo'},
	];
	const [first, ...rest] = props.emptyHelp;

	return (
		<Frame step="ise" message={props.message} keys={keys}>
			<Text bold>Choose the ISE to migrate</Text>
			<Text dimColor>in subscription {props.subscriptionLabel}</Text>
			<Box marginTop={1} flexDirection="column">
				{props.error ? (
					<Text color="red">{props.error}</Text>
				) : props.loading || !props.ises ? (
					<Text>
						<Text color="cyan">
							<Spinner type="dots" />
						</Text>{' '}
						{props.loading ?? 'Looking for integration service environments…'}
					</Text>
				) : empty ? (
					<Box flexDirection="column">
						<Text color="yellow">{first}</Text>
						{rest.map((line) => (
							<Text key={line}>{line}</Text>
						))}
						<Box marginTop={1}>
							<Select items={helpItems} onSelect={(item) => props.onNoIse(item.value)} />
						</Box>
					</Box>
				) : (
					<Box flexDirection="column">
						<Text dimColor>  {pad(HEADINGS, widths)}</Text>
						<Select items={items} limit={12} onSelect={(item) => props.onChoose(item.value)} />
					</Box>
				)}
			</Box>
		</Frame>
	);
}
