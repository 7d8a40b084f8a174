// Step 8: choose the output folder, see what will be written, write it.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {Frame} from '../ui/frame.js';
import {useKeys, type KeyBinding} from '../ui/keys.js';

export interface GeneratePreview {
	dir: string;
	files: string[];
	workflows: number;
	unresolved: {id: string; title: string}[];
	/** The folder holds files ise-migrate did not write: writing will be refused. */
	problem?: string;
}

export interface GenerateScreenProps {
	iseName: string;
	progress: {decided: number; total: number; blockersOpen: number};
	defaultDir: string;
	message?: {kind: 'error' | 'info'; text: string};
	preview: (dir: string) => Promise<GeneratePreview>;
	onWrite: (dir: string) => Promise<void>;
	onBack: () => void;
	onQuit: () => void;
}

export function GenerateScreen(props: GenerateScreenProps) {
	const [dir, setDir] = useState(props.defaultDir);
	const [mode, setMode] = useState<'input' | 'loading' | 'confirm' | 'writing'>('input');
	const [preview, setPreview] = useState<GeneratePreview>();
	const [error, setError] = useState<string>();

	const showPreview = async (value: string) => {
		setMode('loading');
		setError(undefined);
		try {
			setPreview(await props.preview(value.trim() || props.defaultDir));
			setMode('confirm');
		} catch (e) {
			setError((e as Error).message);
			setMode('input');
		}
	};
	const doWrite = async () => {
		if (!preview || preview.problem) return;
		setMode('writing');
		try {
			await props.onWrite(preview.dir);
		} catch (e) {
			setError((e as Error).message);
			setMode('confirm');
		}
	};

	const inputKeys: KeyBinding[] = [
		{keys: ['enter'], hint: 'Enter', label: 'preview'},
		{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onBack},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit'},
	];
	const confirmKeys: KeyBinding[] = [
		...(preview?.problem ? [] : [{keys: ['enter', 'y'], hint: 'Enter', label: 'write the files', run: () => void doWrite()}]),
		{keys: ['escape'], hint: 'Esc', label: 'change folder', run: () => setMode('input')},
		{keys: ['q'], hint: 'q', label: 'save & quit', run: props.onQuit},
	];
	const keys = mode === 'input' ? inputKeys : mode === 'confirm' ? confirmKeys : [];
	useKeys(keys, {isActive: mode === 'input' || mode === 'confirm', textCapture: mode === 'input'});

	return (
		<Frame step="generate" iseName={props.iseName} progress={props.progress} message={error ? {kind: 'error', text: error} : props.message} keys={keys}>
			{mode === 'input' || mode === 'loading' ? (
				<Box flexDirection="column">
					<Text>Output folder for the Standard logic app project:</Text>
					<Box>
						<Text color="cyan">› </Text>
						<TextInput value={dir} onChange={setDir} focus={mode === 'input'} onSubmit={(v) => void showPreview(v)} />
					</Box>
					{mode === 'loading' ? <Text dimColor>Preparing…</Text> : null}
				</Box>
			) : null}
			{(mode === 'confirm' || mode === 'writing') && preview ? (
				<Box flexDirection="column">
					<Text>
						Will write <Text bold>{preview.files.length} files</Text> ({preview.workflows} workflows) into <Text bold>{preview.dir}</Text>:
					</Text>
					<Box flexDirection="column" marginY={1}>
						{preview.files.slice(0, 12).map((f) => (
							<Text key={f} dimColor>
								{'  '}
								{f}
							</Text>
						))}
						{preview.files.length > 12 ? <Text dimColor>  … and {preview.files.length - 12} more</Text> : null}
					</Box>
					{preview.unresolved.length > 0 ? (
						<Text color="red">
							{preview.unresolved.length} blocker{preview.unresolved.length > 1 ? 's are' : ' is'} still undecided ({preview.unresolved.map((u) => u.title).join('; ')}). They are marked UNRESOLVED in the
							report; Esc and go back to decide them first, or write anyway.
						</Text>
					) : null}
					{preview.problem ? <Text color="red">{preview.problem}</Text> : null}
					{mode === 'writing' ? (
						<Text>
							<Text color="cyan">
								<Spinner type="dots" />
							</Text>{' '}
							Writing…
						</Text>
					) : null}
				</Box>
			) : null}
		</Frame>
	);
}
