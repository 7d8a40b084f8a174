// Step 1: where the ISE comes from. A saved session is offered first; the bundled sample is the default when
// nothing else is configured. The path prompt's text lives in the wizard state, so a paste or fast typing is
// applied key by key and Enter opens exactly what was typed.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {SessionSummary} from '../migration/index.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, withHelp, type KeyBinding} from '../ui/keys.js';
import {Select, type SelectItem} from '../ui/select.js';
import {TextField} from '../ui/text-field.js';
import type {TextEdit, TextValue} from '../wizard/text.js';

export type {SessionSummary} from '../migration/index.js';

export type StartChoice = {kind: 'resume'; id: string} | {kind: 'azure'} | {kind: 'path'} | {kind: 'demo'};

export interface StartScreenProps {
	/** Saved sessions; undefined while they are being read. */
	sessions?: readonly SessionSummary[];
	/** Text under the Azure entry, e.g. why it is unavailable. */
	azureNote?: string;
	mode: 'menu' | 'path';
	path: TextValue;
	/** Folders and files that match the typed path, after Tab. */
	matches: readonly string[];
	canComplete: boolean;
	loading?: {text: string};
	message?: {kind: 'error' | 'info'; text: string};
	help: boolean;
	onChoose: (choice: StartChoice) => void;
	onPathEdit: (edit: TextEdit) => void;
	onOpenPath: () => void;
	onComplete: () => void;
	onMenu: () => void;
	onQuit: () => void;
	onHelp: (show: boolean) => void;
}

export function StartScreen(props: StartScreenProps) {
	const sessions = props.sessions ?? [];
	const items: SelectItem<StartChoice>[] = [
		...sessions.slice(0, 5).map((s) => ({
			key: `resume-${s.id}`,
			label: `Resume ${s.iseName}`,
			hint: `${s.decisions} decision${s.decisions === 1 ? '' : 's'} · at ${s.step} · ${s.sourceLabel} · ${s.updatedAt.slice(0, 16).replace('T', ' ')}`,
			value: {kind: 'resume', id: s.id} as StartChoice,
		})),
		{key: 'azure', label: 'Sign in to Azure and choose an ISE', hint: props.azureNote, value: {kind: 'azure'}},
		{key: 'path', label: 'Open a snapshot file or an ARM template folder', value: {kind: 'path'}},
		{key: 'demo', label: 'Use the bundled sample ISE (Contoso)', hint: 'try the tool with no Azure access', value: {kind: 'demo'}},
	];
	// With a saved session, resuming is what the admin most likely wants; otherwise the sample.
	const initialIndex = sessions.length > 0 ? 0 : items.length - 1;
	const busy = Boolean(props.loading) || props.sessions === undefined;

	const menuKeys: KeyBinding[] = withHelp(
		[
			{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
			{keys: ['enter'], hint: 'Enter', label: 'choose'},
			{keys: ['q', 'escape'], hint: 'q', label: 'quit', run: props.onQuit},
		],
		() => props.onHelp(true),
	);
	const pathKeys: KeyBinding[] = [
		{keys: ['enter'], hint: 'Enter', label: 'open', run: props.onOpenPath},
		...(props.canComplete ? [{keys: ['tab'], hint: 'Tab', label: 'complete / list', run: props.onComplete}] : []),
		{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onMenu},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
	];
	const keys = busy ? [] : props.mode === 'menu' ? menuKeys : pathKeys;
	useScreenKeys(keys, {isActive: !busy, help: props.help, onCloseHelp: () => props.onHelp(false), ...(props.mode === 'path' ? {text: props.onPathEdit} : {})});

	return (
		<Frame step="start" message={props.message} keys={keys} help={props.help}>
			<Text bold>Move Logic Apps out of an Integration Service Environment</Text>
			<Text dimColor>ISEs were retired on 31 August 2024. This wizard turns one into a Standard logic app project.</Text>
			<Box marginTop={1} flexDirection="column">
				{busy ? (
					<Text>
						<Text color="cyan">
							<Spinner type="dots" />
						</Text>{' '}
						{props.loading?.text ?? 'Reading saved sessions…'}
					</Text>
				) : props.mode === 'menu' ? (
					<Select items={items} initialIndex={initialIndex} isActive={!props.help} onSelect={(item) => props.onChoose(item.value)} />
				) : (
					<Box flexDirection="column">
						<Text>Path to a snapshot (.json) or a folder of ARM templates:</Text>
						<Box>
							<Text color="cyan">› </Text>
							<TextField value={props.path} />
						</Box>
						{props.matches.length > 0 ? (
							<Box flexDirection="column" marginTop={1}>
								{props.matches.slice(0, 10).map((m) => (
									<Text key={m} dimColor>
										{'  '}
										{m}
									</Text>
								))}
								{props.matches.length > 10 ? <Text dimColor>  … and {props.matches.length - 10} more</Text> : null}
							</Box>
						) : null}
					</Box>
				)}
			</Box>
		</Frame>
	);
}
