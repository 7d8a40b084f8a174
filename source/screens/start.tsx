// Step 1: where the ISE comes from. A saved session is offered first; the bundled sample is the default
// when nothing else is configured.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {Frame} from '../ui/frame.js';
import {useKeys, type KeyBinding} from '../ui/keys.js';
import {Select, type SelectItem} from '../ui/select.js';

export interface SessionSummary {
	id: string;
	iseName: string;
	sourceLabel: string;
	step: string;
	decisions: number;
	updatedAt: string;
}

export type StartChoice = {kind: 'resume'; id: string} | {kind: 'azure'} | {kind: 'path'} | {kind: 'demo'};

export interface StartScreenProps {
	sessions: readonly SessionSummary[];
	/** Text under the Azure entry, e.g. why it is unavailable. */
	azureNote?: string;
	defaultPath?: string;
	/** Open on the path prompt (asked for from the Azure flow when a subscription holds no ISE). */
	initialMode?: 'menu' | 'path';
	/** Tab completion for the path prompt: the completed text and what matches it. */
	suggestPaths?: (partial: string) => Promise<{completion: string; matches: string[]}>;
	loading?: {text: string};
	message?: {kind: 'error' | 'info'; text: string};
	onResume: (id: string) => void;
	onAzure: () => void;
	onDemo: () => void;
	onOpenPath: (path: string) => void;
	onQuit: () => void;
}

export function StartScreen(props: StartScreenProps) {
	const [mode, setMode] = useState<'menu' | 'path'>(props.initialMode ?? 'menu');
	const [path, setPath] = useState(props.defaultPath ?? '');
	const [matches, setMatches] = useState<string[]>([]);
	// Remounting the input after a completion puts its cursor at the end of the completed text.
	const [completions, setCompletions] = useState(0);
	const complete = () => {
		props.suggestPaths?.(path).then(
			(r) => {
				setMatches(r.matches);
				if (r.completion !== path) {
					setPath(r.completion);
					setCompletions((n) => n + 1);
				}
			},
			() => setMatches([]),
		);
	};
	const items: SelectItem<StartChoice>[] = [
		...props.sessions.slice(0, 5).map((s) => ({
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
	const initialIndex = props.sessions.length > 0 ? 0 : items.length - 1;
	const busy = Boolean(props.loading);

	const menuKeys: KeyBinding[] = [
		{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
		{keys: ['enter'], hint: 'Enter', label: 'choose'},
		{keys: ['q', 'escape'], hint: 'q', label: 'quit', run: props.onQuit},
	];
	const pathKeys: KeyBinding[] = [
		{keys: ['enter'], hint: 'Enter', label: 'open'},
		...(props.suggestPaths ? [{keys: ['tab'], hint: 'Tab', label: 'complete / list', run: complete}] : []),
		{keys: ['escape'], hint: 'Esc', label: 'back', run: () => setMode('menu')},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
	];
	useKeys(mode === 'menu' ? menuKeys : pathKeys, {isActive: !busy, textCapture: mode === 'path'});

	return (
		<Frame step="start" message={props.message} keys={busy ? [] : mode === 'menu' ? menuKeys : pathKeys}>
			<Text bold>Move Logic Apps out of an Integration Service Environment</Text>
			<Text dimColor>ISEs were retired on 31 August 2024. This wizard turns one into a Standard logic app project.</Text>
			<Box marginTop={1} flexDirection="column">
				{busy ? (
					<Text>
						<Text color="cyan">
							<Spinner type="dots" />
						</Text>{' '}
						{props.loading!.text}
					</Text>
				) : mode === 'menu' ? (
					<Select
						items={items}
						initialIndex={initialIndex}
						onSelect={(item) => {
							const choice = item.value;
							if (choice.kind === 'resume') props.onResume(choice.id);
							else if (choice.kind === 'azure') props.onAzure();
							else if (choice.kind === 'demo') props.onDemo();
							else setMode('path');
						}}
					/>
				) : (
					<Box flexDirection="column">
						<Text>Path to a snapshot (.json) or a folder of ARM templates:</Text>
						<Box>
							<Text color="cyan">› </Text>
							<TextInput
								key={completions}
								value={path}
								onChange={(v) => {
									setPath(v);
									setMatches([]);
								}}
								onSubmit={(value) => value.trim() && props.onOpenPath(value.trim())}
							/>
						</Box>
						{matches.length > 0 ? (
							<Box flexDirection="column" marginTop={1}>
								{matches.slice(0, 10).map((m) => (
									<Text key={m} dimColor>
										{'  '}
										{m}
									</Text>
								))}
								{matches.length > 10 ? <Text dimColor>  … and {matches.length - 10} more</Text> : null}
							</Box>
						) : null}
					</Box>
				)}
			</Box>
		</Frame>
	);
}
