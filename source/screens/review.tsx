// A review step: the facts behind this part of the migration, then its findings. ↑↓ picks a finding,
// Enter opens its options, choosing one saves it at once.
import {Box, Text} from 'ink';
import {useState, type ReactNode} from 'react';
import type {Decisions, Finding, FindingOption, StepId} from '../model/index.js';
import {findingState} from '../model/decisions.js';
import {FindingCard, SeverityTag} from '../ui/finding-card.js';
import {Frame} from '../ui/frame.js';
import {useKeys, type KeyBinding} from '../ui/keys.js';
import {useTerminalRows} from '../ui/terminal.js';
import {Select} from '../ui/select.js';
import {ValuePrompt} from '../ui/value-prompt.js';

export interface QuickKey {
	key: string;
	label: string;
	/** Option id to choose on the highlighted finding, when that finding offers it. */
	optionId: string;
}

export interface ReviewScreenProps {
	step: StepId;
	iseName: string;
	progress: {decided: number; total: number; blockersOpen: number};
	message?: {kind: 'error' | 'info'; text: string};
	heading: string;
	facts?: ReactNode;
	findings: readonly Finding[];
	decisions: Decisions;
	cursor: number;
	/** Shown when there is nothing to decide on this step. */
	emptyText?: string;
	quickKeys?: readonly QuickKey[];
	/** Show each finding's area (sizing, network…) in the list: the Resolve step mixes them all. */
	showArea?: boolean;
	/** Rows of the finding list shown at once. */
	listLimit?: number;
	onCursor: (index: number) => void;
	/** `value` is what the admin typed for an option that takes one (FindingOption.input), already validated. */
	onDecide: (finding: Finding, option: FindingOption, value?: string) => void;
	onNext: () => void;
	onBack: () => void;
	onQuit: () => void;
}

function optionInForce(f: Finding, decisions: Decisions): {option?: FindingOption; decided: boolean} {
	const state = findingState(f, decisions);
	return {option: state.option, decided: state.status === 'decided'};
}

export function ReviewScreen(props: ReviewScreenProps) {
	const {decisions, cursor} = props;
	// In a short terminal the highlighted finding's card matters more than the summary above the list.
	const rows = useTerminalRows();
	const showFacts = !rows || rows >= 30;
	const listLimit = rows ? Math.max(3, Math.min(props.listLimit ?? 8, Math.floor((rows - 14) / 3))) : (props.listLimit ?? 8);
	const [choosing, setChoosing] = useState(false);
	// An option that takes a value (an existing ASE's resource id) asks for it before it is saved.
	const [entering, setEntering] = useState<FindingOption>();
	// Back from that prompt (Esc), the option list stays on the option that asked.
	const [picked, setPicked] = useState<string>();
	// Showing only what is still undecided turns a long list into a queue: a decided row drops out and the
	// next one moves under the cursor.
	const [onlyOpen, setOnlyOpen] = useState(false);
	const findings = onlyOpen ? props.findings.filter((f) => findingState(f, decisions).status !== 'decided') : props.findings;
	const index = Math.min(cursor, Math.max(0, findings.length - 1));
	const current = findings[index];

	const chooseQuick = (q: QuickKey) => {
		const option = current?.options.find((o) => o.id === q.optionId);
		if (current && option) props.onDecide(current, option);
	};
	const listKeys: KeyBinding[] = [
		...(findings.length > 0
			? [
					{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
					{keys: ['enter'], hint: 'Enter', label: 'choose option'},
				]
			: []),
		...(props.quickKeys ?? []).map((q) => ({keys: [q.key], hint: q.key, label: q.label, run: () => chooseQuick(q)})),
		...(props.findings.length > 0
			? [{keys: ['u'], hint: 'u', label: onlyOpen ? 'show all' : 'undecided only', run: () => setOnlyOpen((v) => !v)}]
			: []),
		{keys: ['n', 'tab'], hint: 'n', label: 'next step', run: props.onNext},
		{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onBack},
		{keys: ['q'], hint: 'q', label: 'save & quit', run: props.onQuit},
	];
	const menuKeys: KeyBinding[] = [
		{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
		{keys: ['enter'], hint: 'Enter', label: 'choose (saved at once)'},
		{
			keys: ['escape'],
			hint: 'Esc',
			label: 'cancel',
			run: () => {
				setChoosing(false);
				setPicked(undefined);
			},
		},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit'},
	];
	const promptKeys: KeyBinding[] = [
		{keys: ['enter'], hint: 'Enter', label: 'save'},
		{keys: ['escape'], hint: 'Esc', label: 'back to the options', run: () => setEntering(undefined)},
		{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit'},
	];
	useKeys(listKeys, {isActive: !choosing});
	useKeys(menuKeys, {isActive: choosing && !entering});
	useKeys(promptKeys, {isActive: Boolean(entering), textCapture: true});

	const decidedIds = new Set<string>();
	const items = findings.map((f) => {
		const {option, decided} = optionInForce(f, decisions);
		if (decided) decidedIds.add(f.id);
		return {key: f.id, label: f.title, value: f, hint: `${option?.label ?? ''}${decided ? '' : f.severity === 'blocker' ? ' (undecided)' : ' (default)'}`};
	});

	return (
		<Frame step={props.step} iseName={props.iseName} progress={props.progress} message={props.message} keys={entering ? promptKeys : choosing ? menuKeys : listKeys}>
			<Text bold>{props.heading}</Text>
			{props.facts && showFacts ? <Box flexDirection="column" marginY={1}>{props.facts}</Box> : null}
			{props.facts && !showFacts ? <Text dimColor>(summary hidden: the terminal has fewer than 30 rows)</Text> : null}
			{findings.length === 0 ? (
				<Text color="green">{onlyOpen ? 'Everything here is decided: u shows all again.' : (props.emptyText ?? 'Nothing to decide here.')}</Text>
			) : (
				<Box flexDirection="column">
					<Select
						key={onlyOpen ? 'open' : 'all'}
						items={items}
						initialIndex={index}
						limit={listLimit}
						isActive={!choosing}
						onHighlight={(_item, i) => props.onCursor(i)}
						onSelect={() => setChoosing(true)}
						renderItem={(item, highlighted) => (
							<Text wrap="truncate-end">
								{/* The decided mark leads the row: long rows are truncated at the end. */}
								<Text color="green">{decidedIds.has(item.value.id) ? '✓ ' : '  '}</Text>
								<SeverityTag severity={item.value.severity} />{' '}
								{props.showArea ? <Text dimColor>{item.value.area.padEnd(11)}</Text> : null}
								<Text color={highlighted ? 'cyan' : undefined}>{item.label}</Text>
								<Text dimColor> → {item.hint}</Text>
							</Text>
						)}
					/>
					{current ? (
						<Box flexDirection="column" marginTop={1}>
							{choosing && entering ? (
								<Box flexDirection="column">
									<Text bold>
										{current.title}: {entering.label}
									</Text>
									<ValuePrompt
										key={`${current.id}/${entering.id}`}
										input={entering.input!}
										initial={decisions[current.id]?.optionId === entering.id ? decisions[current.id]?.value : undefined}
										onSubmit={(value) => {
											props.onDecide(current, entering, value);
											setEntering(undefined);
											setPicked(undefined);
											setChoosing(false);
										}}
									/>
								</Box>
							) : choosing ? (
								<Box flexDirection="column">
									<Text bold>{current.title}: choose an option</Text>
									<Select
										key={current.id}
										items={current.options.map((o) => ({
											key: o.id,
											label: o.label,
											value: o,
											hint: `${o.id === current.recommended ? '(recommended) ' : ''}— ${o.consequence}`,
										}))}
										initialIndex={Math.max(0, current.options.findIndex((o) => o.id === (picked ?? optionInForce(current, decisions).option?.id)))}
										onSelect={(item) => {
											if (item.value.input) {
												setEntering(item.value);
												setPicked(item.value.id);
												return;
											}
											props.onDecide(current, item.value);
											setPicked(undefined);
											setChoosing(false);
										}}
									/>
								</Box>
							) : (
								<FindingCard finding={current} decisions={decisions} />
							)}
						</Box>
					) : null}
				</Box>
			)}
		</Frame>
	);
}
