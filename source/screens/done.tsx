// Step 9: where the files went and what to do next.
import {Box, Text} from 'ink';
import {Frame} from '../ui/frame.js';
import {useScreenKeys, type KeyBinding} from '../ui/keys.js';

export interface DoneScreenProps {
	iseName: string;
	progress: {decided: number; total: number; blockersOpen: number};
	written: {dir: string; written: number; unchanged: number; kept: string[]; merged: {file: string; added: string[]; conflicts: string[]}[]; removed?: string[]; keptStale?: string[]; files: string[]};
	onBack: () => void;
	onQuit: () => void;
}

export function DoneScreen({iseName, progress, written, onBack, onQuit}: DoneScreenProps) {
	const keys: KeyBinding[] = [
		{keys: ['q', 'enter'], hint: 'q', label: 'quit', run: onQuit},
		{keys: ['escape'], hint: 'Esc', label: 'back to generate', run: onBack},
	];
	useScreenKeys(keys);
	return (
		<Frame step="done" iseName={iseName} progress={progress} keys={keys}>
			<Text color="green" bold>
				✔ Project written to {written.dir}
			</Text>
			<Text>
				{written.written} file{written.written === 1 ? '' : 's'} written, {written.unchanged} unchanged
				{written.kept.length > 0 ? `, ${written.kept.length} kept because you edited them (new versions beside them as *.ise-migrate-new)` : ''}
				{written.removed?.length ? `, ${written.removed.length} no longer generated and removed` : ''}.
			</Text>
			{written.keptStale?.length ? (
				<Text color="yellow">
					No longer generated, but kept because you edited {written.keptStale.length === 1 ? 'it' : 'them'} (delete what must not deploy): {written.keptStale.join(', ')}
				</Text>
			) : null}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>Next:</Text>
				<Text>  1. Read migration/report.md: every finding, decision and conversion note.</Text>
				<Text>  2. Fill the app settings listed there in local.settings.json (it is gitignored).</Text>
				<Text>  3. Follow migration/cutover.md, step by step.</Text>
			</Box>
			{written.merged.map((m) => (
				<Box key={m.file} flexDirection="column" marginTop={1}>
					<Text color="yellow">
						You had edited {m.file}: {m.added.length} new entr{m.added.length === 1 ? 'y was' : 'ies were'} merged in, your entries kept.
					</Text>
					{m.conflicts.length > 0 ? (
						<Text>
							{'  '}Differs from this run (yours kept, check them): {m.conflicts.join(', ')}
						</Text>
					) : null}
				</Box>
			))}
			{written.kept.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text color="yellow">Kept your edits in:</Text>
					{written.kept.map((k) => (
						<Text key={k}>  {k}</Text>
					))}
				</Box>
			) : null}
		</Frame>
	);
}
