// Step 1, live Azure: how to sign in (the automatic order or one method), then the sign-in itself with the
// device code shown so it can be copied: the URL and the code each on a line of their own, nothing around them.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {AuthChoice, AuthMethod, DeviceCodePrompt, MethodAvailability} from '../azure/credentials.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, type KeyBinding} from '../ui/keys.js';
import {Select, type SelectItem} from '../ui/select.js';

type Message = {kind: 'error' | 'info'; text: string};

export interface AzureMethodScreenProps {
	methods: readonly MethodAvailability[];
	/** What the automatic order tries here, in order. */
	auto: readonly AuthMethod[];
	labels: Record<AuthMethod, string>;
	/** Highlighted at first: the method used last, else the automatic order. */
	current?: AuthChoice;
	message?: Message;
	onChoose: (choice: AuthChoice) => void;
	onBack: () => void;
	onQuit: () => void;
}

const SHORT: Record<AuthMethod, string> = {
	env: 'service principal',
	msi: 'managed identity',
	cli: 'Azure CLI',
	device: 'device code',
	browser: 'browser',
};

export function AzureMethodScreen(props: AzureMethodScreenProps) {
	const items: SelectItem<AuthChoice>[] = [
		{key: 'auto', label: 'Automatic', hint: `tries ${props.auto.map((m) => SHORT[m]).join(', then ')}`, value: 'auto'},
		...props.methods.map((m) => ({
			key: m.method,
			label: props.labels[m.method],
			hint: m.available ? m.reason : `unavailable: ${m.reason}`,
			value: m.method as AuthChoice,
			disabled: !m.available,
		})),
	];
	const keys: KeyBinding[] = [
		{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
		{keys: ['enter'], hint: 'Enter', label: 'sign in'},
		{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onBack},
		{keys: ['q'], hint: 'q', label: 'quit', run: props.onQuit},
	];
	useScreenKeys(keys);
	const initial = Math.max(0, items.findIndex((i) => i.value === props.current));
	return (
		<Frame step="start" message={props.message} keys={keys}>
			<Text bold>Sign in to Azure</Text>
			<Text dimColor>Tokens stay in this process's memory: nothing is written to disk.</Text>
			<Box marginTop={1}>
				<Select items={items} initialIndex={initial} onSelect={(item) => props.onChoose(item.value)} />
			</Box>
		</Frame>
	);
}

/** The device code prompt: copy-friendly (no borders or bullets on the lines worth copying). */
export function DeviceCode({prompt, tenantLabel}: {prompt: DeviceCodePrompt; tenantLabel?: string}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				To sign in{tenantLabel ? ` to tenant ${tenantLabel}` : ''}, open this page in a browser on any device:
			</Text>
			<Text color="cyan">{prompt.verificationUri}</Text>
			<Text>and enter the code:</Text>
			<Text bold color="yellow">
				{prompt.userCode}
			</Text>
			<Box marginTop={1}>
				<Text dimColor>
					<Spinner type="dots" /> Waiting for the sign-in to be completed…
				</Text>
			</Box>
		</Box>
	);
}

export interface AzureSignInScreenProps {
	choice: AuthChoice;
	/** The method being tried now (the automatic order tries several). */
	trying?: AuthMethod;
	labels: Record<AuthMethod, string>;
	prompt?: DeviceCodePrompt;
	/** The sign-in failed: what happened and what to do. */
	error?: string;
	message?: Message;
	onRetry: () => void;
	onBack: () => void;
}

export function AzureSignInScreen(props: AzureSignInScreenProps) {
	const keys: KeyBinding[] = props.error
		? [
				{keys: ['enter', 'r'], hint: 'r', label: 'try again', run: props.onRetry},
				{keys: ['escape'], hint: 'Esc', label: 'choose another method', run: props.onBack},
				{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
			]
		: [
				{keys: ['escape'], hint: 'Esc', label: 'cancel', run: props.onBack},
				{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
			];
	useScreenKeys(keys);
	const method = props.trying ? props.labels[props.trying] : props.choice === 'auto' ? 'the automatic order' : props.labels[props.choice];
	return (
		<Frame step="start" message={props.message} keys={keys}>
			<Text bold>Sign in to Azure</Text>
			{props.error ? (
				<Box flexDirection="column" marginTop={1}>
					<Text color="red">Sign-in failed.</Text>
					<Text>{props.error}</Text>
				</Box>
			) : (
				<Box flexDirection="column" marginTop={1}>
					<Text>
						{props.choice === 'auto' ? 'Automatic: ' : ''}
						{props.prompt ? 'Signing in with ' : 'Trying '}
						<Text bold>{method}</Text>
						{props.prompt ? '' : '…'}
					</Text>
					{props.prompt ? (
						<DeviceCode prompt={props.prompt} tenantLabel={props.prompt.tenantId} />
					) : (
						<>
							{(props.trying ?? props.choice) === 'browser' ? (
								<Text dimColor>
									A browser opens on this machine: finish signing in there. If none opens, press Esc and choose device code.
								</Text>
							) : null}
							<Text color="cyan">
								<Spinner type="dots" />
							</Text>
						</>
					)}
				</Box>
			)}
		</Frame>
	);
}
