// Step 2, live Azure: reading the chosen ISE's inventory, with counts as they come in. Items that could not be
// read are listed one by one with the reason; the admin retries them, or continues without them.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {InventoryFailure, InventoryProgress} from '../sources/azure.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, type KeyBinding} from '../ui/keys.js';

type Message = {kind: 'error' | 'info'; text: string};

export interface AzureLoadScreenProps {
	iseName: string;
	/** "subscription Contoso Production · tenant Contoso (1111…)": failures belong to this tenant. */
	where: string;
	progress?: InventoryProgress;
	/** Reading again only what failed. */
	retrying?: boolean;
	/** Present once a read finished with items missing. */
	failures?: readonly InventoryFailure[];
	error?: string;
	message?: Message;
	onRetry: () => void;
	onContinue: () => void;
	onBack: () => void;
	onQuit: () => void;
}

const BAR = 30;

function Bar({done, total}: {done: number; total: number}) {
	const filled = total > 0 ? Math.round((done / total) * BAR) : 0;
	return (
		<Text>
			<Text color="cyan">{'█'.repeat(filled)}</Text>
			<Text dimColor>{'░'.repeat(BAR - filled)}</Text>
		</Text>
	);
}

export function AzureLoadScreen(props: AzureLoadScreenProps) {
	const failed = props.failures && props.failures.length > 0 ? props.failures : undefined;
	const keys: KeyBinding[] = failed
		? [
				{keys: ['r'], hint: 'r', label: `retry the ${failed.length} failed`, run: props.onRetry},
				{keys: ['c'], hint: 'c', label: 'continue without them', run: props.onContinue},
				{keys: ['escape'], hint: 'Esc', label: 'back to the ISE list', run: props.onBack},
				{keys: ['q'], hint: 'q', label: 'quit', run: props.onQuit},
			]
		: props.error
			? [
					{keys: ['r', 'enter'], hint: 'r', label: 'try again', run: props.onRetry},
					{keys: ['escape'], hint: 'Esc', label: 'back to the ISE list', run: props.onBack},
					{keys: ['q'], hint: 'q', label: 'quit', run: props.onQuit},
				]
			: [
					{keys: ['escape'], hint: 'Esc', label: 'cancel', run: props.onBack},
					{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
				];
	useScreenKeys(keys);
	const p = props.progress;
	const running = !failed && !props.error;
	return (
		<Frame step="ise" iseName={props.iseName} message={props.message} keys={keys}>
			<Text bold>
				{running ? (props.retrying ? 'Reading the failed items again' : 'Reading the inventory of') : 'Inventory of'} {props.iseName}
			</Text>
			<Text dimColor>{props.where}</Text>
			<Box marginTop={1} flexDirection="column">
				<Text>
					{running ? (
						<Text color="cyan">
							<Spinner type="dots" />{' '}
						</Text>
					) : null}
					<Bar done={p?.done ?? 0} total={p?.total ?? 0} /> {p?.done ?? 0}/{p?.total ?? 0} requests
				</Text>
				<Text>
					{p?.workflows ?? 0} workflow{p?.workflows === 1 ? '' : 's'} · {p?.integrationAccounts ?? 0} integration account{p?.integrationAccounts === 1 ? '' : 's'}
					{p && p.failed > 0 ? <Text color="red"> · {p.failed} failed</Text> : null}
				</Text>
				{running && p?.last ? <Text dimColor>read {p.last}</Text> : null}
			</Box>
			{props.error ? (
				<Box marginTop={1}>
					<Text color="red">{props.error}</Text>
				</Box>
			) : null}
			{failed ? (
				<Box marginTop={1} flexDirection="column">
					<Text color="red">
						{failed.length} item{failed.length === 1 ? '' : 's'} could not be read:
					</Text>
					{failed.map((f) => (
						<Text key={f.label}>
							<Text color="red">✗ </Text>
							<Text bold>{f.label}</Text>: {f.message}
						</Text>
					))}
					<Box marginTop={1}>
						<Text dimColor>Continuing without them leaves them out of the analysis and the project; each becomes a finding to acknowledge.</Text>
					</Box>
				</Box>
			) : null}
		</Frame>
	);
}
