// The frame every screen sits in: header (step k of n, ISE, resolved progress), body, message, key hints.
import {Box, Text, useStdout} from 'ink';
import type {ReactNode} from 'react';
import {STEPS, stepNumber, stepTitle, type StepId} from '../model/index.js';
import type {KeyBinding} from './keys.js';
import {useTerminalRows} from './terminal.js';

export interface FrameProps {
	step: StepId;
	iseName?: string;
	progress?: {decided: number; total: number; blockersOpen: number};
	message?: {kind: 'error' | 'info'; text: string};
	keys: readonly KeyBinding[];
	/** Show every key of this screen (from the same table as the footer) instead of the body. */
	help?: boolean;
	/** Extra lines for the help: what the marks and words on this screen mean. */
	legend?: readonly string[];
	children: ReactNode;
}

/** The `?` help: every key of the screen with what it does, then the legend. */
export function KeyHelp({keys, legend}: {keys: readonly KeyBinding[]; legend?: readonly string[]}) {
	const seen = new Set<string>();
	const rows = keys.filter((k) => {
		const id = `${k.hint}|${k.label}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
	const width = Math.max(...rows.map((k) => k.hint.length), 4) + 2;
	return (
		<Box flexDirection="column">
			<Text bold>Keys on this screen</Text>
			{rows.map((k) => (
				<Text key={`${k.hint}-${k.label}`}>
					<Text bold color="yellow">
						{k.hint.padEnd(width)}
					</Text>
					{k.label}
					{k.help ? <Text dimColor> — {k.help}</Text> : null}
				</Text>
			))}
			{legend && legend.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					{legend.map((l) => (
						<Text key={l}>{l}</Text>
					))}
				</Box>
			) : null}
			<Text dimColor>Press any key to close this help.</Text>
		</Box>
	);
}

export function Header({step, iseName, progress}: Pick<FrameProps, 'step' | 'iseName' | 'progress'>) {
	const {stdout} = useStdout();
	// Narrow terminals get the short forms, so the progress on the right is never cut.
	const narrow = (stdout.columns ?? 100) < 100;
	return (
		<Box borderStyle="round" borderColor="cyan" paddingX={1} justifyContent="space-between" columnGap={2}>
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					ise-migrate
				</Text>
				<Text>{narrow ? ` · ${stepNumber(step)}/${STEPS.length} ` : ` · step ${stepNumber(step)} of ${STEPS.length}: `}</Text>
				<Text bold>{stepTitle(step)}</Text>
				{iseName ? <Text dimColor> · {iseName}</Text> : null}
			</Text>
			{progress && progress.total > 0 ? (
				<Box flexShrink={0}>
					<Text>
						<Text color={progress.decided === progress.total ? 'green' : undefined}>
							{progress.decided}/{progress.total} {narrow ? 'decided' : 'resolved'}
						</Text>
						{progress.blockersOpen > 0 ? (
							<Text color="red">
								{' '}
								· ✖ {progress.blockersOpen} blocker{progress.blockersOpen > 1 ? 's' : ''}
								{narrow ? '' : ' open'}
							</Text>
						) : null}
					</Text>
				</Box>
			) : null}
		</Box>
	);
}

/** How many lines the footer's key hints take at this width (they wrap with a two-column gap). */
export function keyHintLines(keys: readonly KeyBinding[], columns: number): number {
	const width = Math.max(10, columns - 2);
	let lines = 0;
	let used = 0;
	for (const k of keys) {
		if (k.hidden) continue;
		const w = k.hint.length + 1 + k.label.length;
		if (lines === 0 || used + 2 + w > width) {
			lines++;
			used = w;
		} else used += 2 + w;
	}
	return lines;
}

/** Lines of wrapped text at this width (a plain estimate by characters). */
export function textLines(text: string, columns: number): number {
	const width = Math.max(10, columns - 2);
	return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / width)), 0);
}

export function KeyHints({keys}: {keys: readonly KeyBinding[]}) {
	const shown = keys.filter((k) => !k.hidden);
	if (shown.length === 0) return null;
	return (
		<Box paddingX={1} flexWrap="wrap" columnGap={2}>
			{shown.map((k) => (
				<Text key={`${k.hint}-${k.label}`}>
					<Text bold color="yellow">
						{k.hint}
					</Text>{' '}
					<Text dimColor>{k.label}</Text>
				</Text>
			))}
		</Box>
	);
}

export function Frame({step, iseName, progress, message, keys, help, legend, children}: FrameProps) {
	const rows = useTerminalRows();
	// One row spare: a frame as tall as the terminal makes Ink clear and redraw the screen on every render.
	const height = rows ? Math.max(rows - 1, 12) : undefined;
	return (
		<Box flexDirection="column" height={height}>
			<Box flexShrink={0} flexDirection="column">
				<Header step={step} iseName={iseName} progress={progress} />
			</Box>
			<Box flexDirection="column" paddingX={1} marginY={1} flexGrow={1} flexShrink={1} overflowY="hidden">
				{/* Content keeps its natural height and is clipped at the bottom: shrinking it would overlap lines. */}
				<Box flexDirection="column" flexShrink={0}>
					{help ? <KeyHelp keys={keys} legend={legend} /> : children}
				</Box>
			</Box>
			{message ? (
				<Box paddingX={1} marginBottom={1} flexShrink={0}>
					<Text color={message.kind === 'error' ? 'red' : 'green'} wrap="truncate-end">
						{message.text}
					</Text>
				</Box>
			) : null}
			<Box flexShrink={0} flexDirection="column">
				<KeyHints keys={help ? [{keys: [], hint: 'any key', label: 'close help'}] : keys} />
			</Box>
		</Box>
	);
}
