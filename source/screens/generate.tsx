// Step 8: choose the output folder, see what will be written (open blockers first), write it. The folder's text,
// the preview and the writing all live in the wizard state; this only shows them and turns keys into events.
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReviewProgress} from '../model/index.js';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, withHelp, type KeyBinding} from '../ui/keys.js';
import {TextField} from '../ui/text-field.js';
import type {GenerateState, Message} from '../wizard/state.js';
import type {TextEdit} from '../wizard/text.js';
import {previewSummary} from '../wizard/selectors.js';

export interface GenerateScreenProps {
	iseName: string;
	progress: ReviewProgress;
	state: GenerateState;
	/** Blockers still undecided, listed first. */
	blockers: readonly {id: string; title: string}[];
	message?: Message;
	help: boolean;
	onEdit: (edit: TextEdit) => void;
	onPreview: () => void;
	onWrite: () => void;
	onChangeFolder: () => void;
	onBack: () => void;
	onQuit: () => void;
	onHelp: (show: boolean) => void;
}

export function GenerateScreen(props: GenerateScreenProps) {
	const {state} = props;
	const preview = state.preview;
	const inputKeys: KeyBinding[] = [
		{keys: ['enter'], hint: 'Enter', label: 'preview', run: props.onPreview},
		{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onBack},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit'},
	];
	const confirmKeys: KeyBinding[] = withHelp(
		[
			...(preview?.problem ? [] : [{keys: ['enter', 'y'], hint: 'Enter', label: 'write the files', run: props.onWrite}]),
			{keys: ['escape'], hint: 'Esc', label: 'change folder', run: props.onChangeFolder},
			{keys: ['q'], hint: 'q', label: 'save & quit', run: props.onQuit},
		],
		() => props.onHelp(true),
	);
	const keys = state.phase === 'input' ? inputKeys : state.phase === 'confirm' ? confirmKeys : [];
	useScreenKeys(keys, {
		isActive: state.phase === 'input' || state.phase === 'confirm',
		help: props.help,
		onCloseHelp: () => props.onHelp(false),
		...(state.phase === 'input' ? {text: props.onEdit} : {}),
	});
	const message = state.error ? {kind: 'error' as const, text: state.error} : props.message;

	return (
		<Frame step="generate" iseName={props.iseName} progress={props.progress} message={message} keys={keys} help={props.help}>
			{props.blockers.length > 0 ? (
				<Box flexDirection="column" marginBottom={1}>
					<Text color="red" bold>
						✖ {props.blockers.length} blocker{props.blockers.length === 1 ? ' is' : 's are'} still undecided (Esc back to decide them, or write anyway: their recommended
						option is used and they are marked UNRESOLVED in the report):
					</Text>
					{props.blockers.slice(0, 5).map((b) => (
						<Text key={b.id} color="red" wrap="truncate-end">
							{'  '}- {b.title}
						</Text>
					))}
					{props.blockers.length > 5 ? <Text color="red">  … and {props.blockers.length - 5} more</Text> : null}
				</Box>
			) : null}
			{state.phase === 'input' || state.phase === 'previewing' ? (
				<Box flexDirection="column">
					<Text>Output folder for the Standard logic app project:</Text>
					<Box>
						<Text color="cyan">› </Text>
						<TextField value={state.dir} focus={state.phase === 'input'} />
					</Box>
					{state.phase === 'previewing' ? <Text dimColor>Preparing…</Text> : null}
				</Box>
			) : null}
			{(state.phase === 'confirm' || state.phase === 'writing') && preview ? (
				<Box flexDirection="column">
					<Text>
						Will write <Text bold>{count(preview.paths.length)} files</Text> ({count(preview.workflows)} workflows) into <Text bold>{preview.dir}</Text>:
					</Text>
					<PreviewLines paths={preview.paths} />
					{preview.problem ? <Text color="red">{preview.problem}</Text> : null}
					{state.phase === 'writing' ? (
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

/** 5015 → "5,015": the estate's sizes read at a glance. */
const count = (n: number) => n.toLocaleString('en-US');

/** A few names, then how many more. */
function someOf(names: readonly string[], shown = 3): string {
	return names.length <= shown ? names.join(', ') : `${names.slice(0, shown).join(', ')} … and ${names.length - shown} more`;
}

/** What will be written, a line per kind: workflows, the project's files, then each other folder. */
function PreviewLines({paths}: {paths: readonly string[]}) {
	const {workflowFolders, projectFiles, folders} = previewSummary(paths);
	const lines: [string, string][] = [
		...(workflowFolders.length > 0 ? [[`${count(workflowFolders.length)} workflow${workflowFolders.length === 1 ? '' : 's'}`, `a workflow.json in each of ${someOf(workflowFolders.map((f) => `${f}/`))}`] as [string, string]] : []),
		...(projectFiles.length > 0 ? [['project', projectFiles.join(', ')] as [string, string]] : []),
		...folders.map(({name, files}) => [`${name}/`, someOf(files, 4)] as [string, string]),
	];
	const label = Math.max(...lines.map(([l]) => l.length)) + 2;
	return (
		<Box flexDirection="column" marginY={1}>
			{lines.map(([l, text]) => (
				<Text key={l} wrap="truncate-end">
					{'  '}
					{l.padEnd(label)}
					<Text dimColor>{text}</Text>
				</Text>
			))}
		</Box>
	);
}
