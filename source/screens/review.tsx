// A review step: the facts behind this part of the migration, then its findings as rows (groups count once), the
// card of the highlighted row, and the keys that act on it. Presentational: rows, the view and the card come in as
// props; every key becomes an event.
import {Box, Text, useStdout} from 'ink';
import {memo, useMemo, type ReactNode} from 'react';
import type {ReviewProgress} from '../model/index.js';
import {cardLines, MARK, ScrollBox, SeverityTag} from '../ui/finding-card.js';
import {Frame, keyHintLines, textLines} from '../ui/frame.js';
import {useScreenKeys, withHelp, type KeyBinding} from '../ui/keys.js';
import {TextField} from '../ui/text-field.js';
import {useTerminalRows} from '../ui/terminal.js';
import {isOpenMark, optionForTarget, rowOptions, type ReviewRow, type ReviewStep, type ReviewView} from '../wizard/review.js';
import type {Confirm, Message, ReviewEvent} from '../wizard/state.js';

export interface ReviewScreenProps {
	step: ReviewStep;
	iseName: string;
	progress: ReviewProgress;
	message?: Message;
	heading: string;
	facts?: ReactNode;
	/** Lines the facts take, so the list and the card share what is left. */
	factsHeight?: number;
	emptyText?: string;
	rows: readonly ReviewRow[];
	/** Index of the highlighted row (-1 when there are none). */
	index: number;
	view: ReviewView;
	/** The note saved with the highlighted row's decision. */
	note?: string;
	/** The value saved with the highlighted row's decision (an option that takes one). */
	value?: string;
	/** b / m / x choose a connector's target on this step. */
	quickKeys: boolean;
	confirm?: Confirm;
	help: boolean;
	onReview: (event: ReviewEvent) => void;
	onNext: () => void;
	onBack: () => void;
	onUndo: () => void;
	onQuit: () => void;
	onHelp: (show: boolean) => void;
	onConfirm: (answer: boolean) => void;
}

export const REVIEW_LEGEND = [
	`Marks: ${Object.values(MARK)
		.map((m) => `${m.symbol} ${m.meaning}`)
		.join(' · ')}.`,
	'Severity: ✖ BLOCKER must be decided before generating · ! warning · i info.',
	'Certainty of the facts behind a finding: [C] confirmed in a primary source (Microsoft docs or real Standard workflows), [S] from secondary sources (samples, community code), [U] our inference: verify it; [U] mappings are never applied silently.',
	'"recommended" is the option ise-migrate suggests; until you decide, it is in force ("default"). A blocker has no default: it stays "undecided" until you choose.',
	'A group row (▸, ▾ when open) asks one question of many findings: deciding it decides each member without a choice of its own; → opens it to decide members one by one.',
];

/** The words every review step uses, said once where the review starts (Sizing); ? says it again anywhere. */
const FIRST_LEGEND =
	'✓ decided · default: the recommended option, in force until you decide · undecided: a blocker, no default · [C] confirmed, [S] secondary source, [U] our inference · ? every key';

function cut(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

// Memoised: a key that moves the highlight re-renders the two rows it touches, not all forty (rows are stable
// objects while the list they come from is unchanged: rowsOf is cached in wizard/state.ts).
const Row = memo(function Row({row, highlighted, width, showArea}: {row: ReviewRow; highlighted: boolean; width: number; showArea: boolean}) {
	const mark = MARK[row.mark];
	const indent = row.kind === 'member' ? '   ' : '';
	const group = row.kind === 'group' ? (row.open ? '▾ ' : '▸ ') : '';
	const area = showArea && row.kind !== 'member' ? row.area.padEnd(11) : '';
	const fixed = 2 + 10 + area.length + indent.length + group.length + 2;
	const text = `${row.title} → ${row.inForce}${row.note ? ` ${row.note}` : ''}`;
	return (
		<Text wrap="truncate-end" dimColor={row.mark === 'closed'}>
			<Text color={highlighted ? 'cyan' : undefined}>{highlighted ? '❯ ' : '  '}</Text>
			{indent}
			{/* The mark leads the row: long rows are cut at the end, never the mark. */}
			<Text color={mark.color}>{mark.symbol} </Text>
			<SeverityTag severity={row.severity} />
			{area ? <Text dimColor>{area}</Text> : null}
			<Text color={highlighted ? 'cyan' : undefined} bold={row.kind === 'group'}>
				{group}
				{cut(text, Math.max(10, width - fixed))}
			</Text>
		</Text>
	);
});

export function ReviewScreen(props: ReviewScreenProps) {
	const {rows, index, view, step} = props;
	const row = index >= 0 ? rows[index] : undefined;
	const {stdout} = useStdout();
	const terminalRows = useTerminalRows();
	const height = terminalRows ?? 40;
	const width = Math.max(40, (stdout.columns ?? 100) - 4);
	const on = props.onReview;
	const menuOptions = view.menu && row && view.menu.row === row.id ? rowOptions(row) : undefined;
	// In a narrow terminal the footer keeps the keys used most; ? lists every one.
	const narrow = (stdout.columns ?? 100) < 100;

	// ─── Keys: one table per mode; the footer shows only keys that act here ──────────────────────────────────
	let keys: KeyBinding[];
	let text: ((edit: import('../wizard/text.js').TextEdit) => void) | undefined;
	if (props.confirm) {
		keys = [
			{keys: ['y', 'enter'], hint: 'y', label: 'yes', run: () => props.onConfirm(true)},
			{keys: ['n', 'escape'], hint: 'n', label: 'no', run: () => props.onConfirm(false)},
		];
	} else if (view.value) {
		keys = [
			{keys: ['enter'], hint: 'Enter', label: 'save', run: () => on({type: 'value-submit'})},
			{keys: ['escape'], hint: 'Esc', label: 'back to the options', run: () => on({type: 'value-cancel'})},
			{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit', hidden: true},
		];
		text = (edit) => on({type: 'value-edit', edit});
	} else if (view.note) {
		keys = [
			{keys: ['enter'], hint: 'Enter', label: 'save the note', run: () => on({type: 'note-save'})},
			{keys: ['escape'], hint: 'Esc', label: 'cancel', run: () => on({type: 'note-cancel'})},
		];
		text = (edit) => on({type: 'note-edit', edit});
	} else if (view.searching) {
		keys = [
			{keys: ['enter'], hint: 'Enter', label: 'keep the search', run: () => on({type: 'search-done'})},
			{keys: ['escape'], hint: 'Esc', label: 'clear it', run: () => on({type: 'search-clear'})},
			{keys: ['up'], hint: '↑↓', label: 'move', run: () => on({type: 'move', delta: -1})},
			{keys: ['down'], hint: '↓', label: 'move', run: () => on({type: 'move', delta: 1}), hidden: true},
		];
		text = (edit) => on({type: 'search-edit', edit});
	} else if (menuOptions) {
		keys = withHelp(
			[
				{keys: ['up', 'k'], hint: '↑↓', label: 'move', run: () => on({type: 'menu-move', delta: -1})},
				{keys: ['down', 'j'], hint: '↓', label: 'move', run: () => on({type: 'menu-move', delta: 1}), hidden: true},
				{keys: ['enter'], hint: 'Enter', label: 'choose (saved at once)', run: () => on({type: 'menu-choose'})},
				...menuOptions.slice(0, 9).map((_, i) => ({keys: [String(i + 1)], hint: `${i + 1}`, label: 'choose that option', run: () => on({type: 'menu-choose', index: i}), hidden: true})),
				{keys: ['[', 'pageup'], hint: '[ ]', label: 'scroll', run: () => on({type: 'scroll', delta: -5})},
				{keys: [']', 'pagedown'], hint: ']', label: 'scroll', run: () => on({type: 'scroll', delta: 5}), hidden: true},
				{keys: ['escape'], hint: 'Esc', label: 'cancel', run: () => on({type: 'menu-close'})},
				{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'save & quit', hidden: true},
			],
			() => props.onHelp(true),
		);
	} else {
		const groupRow = row?.kind === 'group';
		const inGroup = row && (row.kind === 'member' || (groupRow && view.expanded.includes(row.id)));
		const open = row && isOpenMark(row.mark);
		const quick = props.quickKeys && row ? (['builtin', 'managed', 'exclude'] as const).filter((t) => optionForTarget(row, t)) : [];
		const anyOpen = rows.some((r) => r.kind !== 'member' && isOpenMark(r.mark));
		keys = withHelp(
			[
				...(rows.length > 0
					? [
							{keys: ['up', 'k'], hint: '↑↓', label: 'move', run: () => on({type: 'move', delta: -1})},
							{keys: ['down', 'j'], hint: '↓', label: 'move', run: () => on({type: 'move', delta: 1}), hidden: true},
							{keys: ['pageup'], hint: 'PgUp', label: 'page up', run: () => on({type: 'move', delta: -10}), hidden: true},
							{keys: ['pagedown'], hint: 'PgDn', label: 'page down', run: () => on({type: 'move', delta: 10}), hidden: true},
							{keys: ['home'], hint: 'Home', label: 'first row', run: () => on({type: 'edge', where: 'first'}), hidden: true},
							{keys: ['end'], hint: 'End', label: 'last row', run: () => on({type: 'edge', where: 'last'}), hidden: true},
						]
					: []),
				...(row && row.mark !== 'closed' ? [{keys: ['enter'], hint: 'Enter', label: 'options', run: () => on({type: 'menu-open'}), help: 'choose an option; it is saved at once'}] : []),
				...(row && row.mark === 'closed' ? [{keys: ['enter'], hint: 'Enter', label: 'why closed', run: () => on({type: 'menu-open'})}] : []),
				...quick.map((t) => ({
					keys: [t === 'builtin' ? 'b' : t === 'managed' ? 'm' : 'x'],
					hint: t === 'builtin' ? 'b' : t === 'managed' ? 'm' : 'x',
					label: t === 'builtin' ? 'built-in' : t === 'managed' ? 'managed' : 'exclude',
					run: () => on({type: 'quick', target: t}),
					help: `send this connector's steps to ${t === 'builtin' ? 'the built-in connector' : t === 'managed' ? 'the managed connector' : 'nowhere (placeholders)'}; saved at once`,
				})),
				...(groupRow && !view.expanded.includes(row!.id) ? [{keys: ['right', 'space'], hint: '→', label: 'open group', run: () => on({type: 'expand'})}] : []),
				...(inGroup ? [{keys: ['left'], hint: '←', label: 'close group', run: () => on({type: 'collapse'})}] : []),
				...(open ? [{keys: ['a'], hint: 'a', label: 'accept', run: () => on({type: 'accept', scope: 'row'}), help: 'take the recommended option for this row (a group asks first)'}] : []),
				...(anyOpen ? [{keys: ['A'], hint: 'A', label: 'accept all shown', run: () => on({type: 'accept', scope: 'screen'}), help: 'take the recommended option for every open row shown here (asks first)', hidden: narrow}] : []),
				{keys: ['n'], hint: 'n', label: 'next open', run: () => on({type: 'next-open'}), help: 'the next row still to decide; with none left here, the next step'},
				{keys: ['/'], hint: '/', label: 'search', run: () => on({type: 'search-start'}), help: 'filter rows by finding, workflow, connector or kind'},
				{keys: ['f'], hint: 'f', label: `show: ${view.filter}`, run: () => on({type: 'filter'}), help: 'cycle all → undecided → blockers', hidden: narrow},
				{keys: ['u'], hint: 'u', label: 'undecided only', run: () => on({type: 'filter', filter: 'undecided'}), hidden: true, help: 'show only what is still to decide (again: all)'},
				...(step === 'resolve' ? [{keys: ['g'], hint: 'g', label: `area: ${view.area ?? 'all'}`, run: () => on({type: 'area'}), help: 'cycle the areas: sizing, network, security, connectors, workflows', hidden: narrow}] : []),
				...(row && row.mark !== 'closed' ? [{keys: ['N'], hint: 'N', label: 'note', run: () => on({type: 'note-start'}), help: 'write a note on this decision (it goes into the report)', hidden: narrow}] : []),
				{keys: ['z', 'ctrl-z'], hint: 'z', label: 'undo', run: props.onUndo, help: 'take back the last decision', hidden: narrow},
				{keys: ['['], hint: '[ ]', label: 'scroll card', run: () => on({type: 'scroll', delta: -5}), hidden: true},
				{keys: [']'], hint: ']', label: 'scroll card down', run: () => on({type: 'scroll', delta: 5}), hidden: true},
				{keys: ['tab'], hint: 'Tab', label: 'next step', run: props.onNext, help: 'asks first when blockers are still open here'},
				{keys: ['escape'], hint: 'Esc', label: 'back', run: props.onBack},
				{keys: ['q'], hint: 'q', label: 'save & quit', run: props.onQuit},
			],
			() => props.onHelp(true),
		);
	}
	useScreenKeys(keys, {help: props.help, onCloseHelp: () => props.onHelp(false), text});

	// ─── Layout: the list and the card share the rows the terminal has ─────────────────────────────────────
	// Every line above and below the card is counted, so the card (with its scroll hint) always ends on screen.
	const columns = stdout.columns ?? 100;
	const showFacts = Boolean(props.facts) && height >= 30 && !menuOptions;
	const frame = 1 + 3 + 2 + keyHintLines(props.help ? [] : keys, columns) + (props.message ? 2 : 0);
	const above =
		1 +
		(step === 'sku' ? textLines(FIRST_LEGEND, columns) : 0) +
		(showFacts ? (props.factsHeight ?? 4) + 1 : 0) +
		(props.confirm ? 3 : 0) +
		2 +
		(view.note ? 2 : 0) +
		(view.value ? 4 : 0);
	const available = height - frame - above;
	// A short terminal gives the card the room: three rows of list are enough to see where you are.
	const listCap = available < 20 ? 3 : Math.max(3, Math.floor(available * (menuOptions ? 0.25 : 0.45)));
	const listRows = Math.min(rows.length, listCap);
	const hints = rows.length > listRows ? 2 : 0;
	const cardHeight = Math.max(3, available - listRows - hints - 3);
	const start = Math.max(0, Math.min(index - Math.floor(listRows / 2), rows.length - listRows));
	const shown = rows.slice(start, start + listRows);
	// Wrapping a long card costs milliseconds: done again only when what it shows changes, not on every key.
	const menuIndex = menuOptions ? view.menu!.index : -1;
	const card = useMemo(
		() =>
			row
				? cardLines({row, ...(props.note ? {note: props.note} : {}), ...(props.value ? {value: props.value} : {}), ...(menuOptions ? {menu: {options: menuOptions, index: menuIndex}} : {})}, width - 2)
				: {lines: [], pinned: 0},
		[row?.id, row?.mark, row?.inForce, row?.note, menuIndex, props.note, props.value, width],
	);

	const bar = [
		view.filter !== 'all' ? `showing ${view.filter}` : '',
		view.area ? `area ${view.area}` : '',
		view.query.value && !view.searching ? `search "${view.query.value}" (Esc on / clears)` : '',
	].filter(Boolean);

	return (
		<Frame step={step} iseName={props.iseName} progress={props.progress} message={props.message} keys={keys} help={props.help} legend={REVIEW_LEGEND}>
			<Text bold wrap="truncate-end">
				{props.heading}
			</Text>
			{step === 'sku' ? (
				<Text dimColor wrap="wrap">
					{FIRST_LEGEND}
				</Text>
			) : null}
			{showFacts ? (
				<Box flexDirection="column" marginTop={1}>
					{props.facts}
				</Box>
			) : null}
			{props.confirm ? (
				<Box marginTop={1} flexDirection="column">
					<Text color="yellow" bold>
						{props.confirm.kind === 'leave'
							? `${props.confirm.blockers} blocker${props.confirm.blockers === 1 ? ' is' : 's are'} still open on this step. Go on anyway? (y/n)`
							: `Accept ${props.confirm.what}? (y/n)`}
					</Text>
					<Text dimColor>
						{props.confirm.kind === 'leave'
							? 'Blockers left open are marked UNRESOLVED in the report, and `generate` refuses them unless told otherwise.'
							: 'Each is saved as yours, marked "accepted" in the report; z undoes it.'}
					</Text>
				</Box>
			) : null}
			<Box marginTop={1}>
				{view.searching ? (
					<Text>
						<Text color="cyan">/ </Text>
						<TextField value={view.query} placeholder="type to filter by finding, workflow, connector or kind" />
					</Text>
				) : (
					<Text dimColor wrap="truncate-end">
						{rows.length} row{rows.length === 1 ? '' : 's'}
						{bar.length > 0 ? ` · ${bar.join(' · ')}` : ''}
					</Text>
				)}
			</Box>
			{rows.length === 0 ? (
				<Text color="green">
					{view.filter !== 'all' || view.query.value ? 'Nothing here matches: f or Esc on / shows all again.' : (props.emptyText ?? 'Nothing to decide here.')}
				</Text>
			) : (
				<Box flexDirection="column">
					{start > 0 ? <Text dimColor>  ↑ {start} more</Text> : null}
					{shown.map((r, i) => (
						<Row key={r.id} row={r} highlighted={start + i === index} width={width} showArea={step === 'resolve'} />
					))}
					{start + listRows < rows.length ? <Text dimColor>  ↓ {rows.length - start - listRows} more</Text> : null}
				</Box>
			)}
			{view.value && menuOptions ? (
				<Box marginTop={1} flexDirection="column">
					{(() => {
						const input = menuOptions.find((o) => o.id === view.value!.optionId)?.input;
						return (
							<>
								<Text bold>{input?.prompt ?? 'Value'}:</Text>
								<Text>
									<Text color="cyan">› </Text>
									<TextField value={view.value.text} />
								</Text>
								{view.value.error ? <Text color="red">{view.value.error}</Text> : <Text dimColor>for example {input?.example}</Text>}
							</>
						);
					})()}
				</Box>
			) : null}
			{view.note ? (
				<Box marginTop={1}>
					<Text>
						Note: <TextField value={view.note.text} placeholder="why this choice (Enter saves, Esc cancels)" />
					</Text>
				</Box>
			) : null}
			{row ? (
				<Box marginTop={1} borderStyle="single" borderColor="gray" paddingX={1} flexDirection="column">
					<ScrollBox lines={card.lines} height={cardHeight} offset={view.scroll} pinned={card.pinned} {...(card.focus ? {focus: card.focus} : {})} />
				</Box>
			) : null}
		</Frame>
	);
}
