// The card of the highlighted row, and its option menu: the text is wrapped to the terminal's width first and then
// shown a window at a time, so nothing is ever clipped: what does not fit scrolls ([ and ]). States are shown by
// shape as well as colour (✖ ! i, ● ○, ✓), so they read the same without colour (NO_COLOR).
import chalk from 'chalk';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {Certainty, Severity} from '../model/index.js';
import {rowOptions, type ReviewRow, type RowMark, type RowOption} from '../wizard/review.js';

export const SEVERITY_STYLE: Record<Severity, {label: string; mark: string; color: string}> = {
	blocker: {label: 'BLOCKER', mark: '✖', color: 'red'},
	warning: {label: 'warning', mark: '!', color: 'yellow'},
	info: {label: 'info', mark: 'i', color: 'blue'},
};

export const CERTAINTY_LABEL: Record<Certainty, string> = {
	C: '[C] confirmed in a primary source',
	S: '[S] from secondary sources',
	U: '[U] our inference: verify it',
};

/** Row marks: a shape for every state, so colour is never the only signal. */
export const MARK: Record<RowMark, {symbol: string; color?: string; meaning: string}> = {
	decided: {symbol: '✓', color: 'green', meaning: 'decided by you'},
	group: {symbol: '✓', color: 'green', meaning: 'decided for its group'},
	partial: {symbol: '◐', color: 'yellow', meaning: 'some of the group decided'},
	open: {symbol: '·', meaning: 'not decided: the recommended option is in force (default)'},
	stale: {symbol: '?', color: 'yellow', meaning: 'your saved choice is no longer offered: default in force'},
	closed: {symbol: '⊘', meaning: 'closed: an earlier choice answers it, nothing to decide'},
};

export function SeverityTag({severity}: {severity: Severity}) {
	const s = SEVERITY_STYLE[severity];
	return <Text color={s.color}>{`${s.mark} ${s.label}`.padEnd(10)}</Text>;
}

const colour = (name: string) => (chalk as unknown as Record<string, (t: string) => string>)[name] ?? ((t: string) => t);

type Style = (text: string) => string;
const plain: Style = (t) => t;

const ASCII = /^[\x20-\x7E]*$/;
const widthOf = (word: string) => (ASCII.test(word) ? word.length : stringWidth(word));

/**
 * Plain text wrapped at spaces to `width` columns, words longer than a line cut. Ours, not wrap-ansi: that one took
 * about 5 ms per thousand characters, and a card is wrapped whenever the highlight moves to another finding.
 */
export function wrapText(text: string, width: number): string[] {
	const out: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		let used = 0;
		for (const word of paragraph.split(' ')) {
			let w = widthOf(word);
			if (used > 0 && used + 1 + w <= width) {
				line += ` ${word}`;
				used += 1 + w;
				continue;
			}
			if (used > 0 || line) out.push(line);
			line = word;
			used = w;
			// A word wider than the line (a long id, a URL) is cut into pieces.
			while (used > width) {
				let cut = Math.min(line.length, width);
				while (cut > 1 && widthOf(line.slice(0, cut)) > width) cut--;
				out.push(line.slice(0, cut));
				line = line.slice(cut);
				w = widthOf(line);
				used = w;
			}
		}
		out.push(line);
	}
	return out;
}

/**
 * Plain `text` wrapped to `width`, each line styled; every line indented by `indent`, the first prefixed by `first`
 * instead when given (prefixes may be styled: they are not measured).
 */
function wrap(text: string, width: number, style: Style = plain, indent = '', first = indent, firstWidth = first.length): string[] {
	const room = Math.max(10, width - Math.max(indent.length, firstWidth));
	return wrapText(text, room).map((l, i) => (i === 0 ? first : indent) + style(l));
}

export interface CardInput {
	row: ReviewRow;
	/** The saved note on this row's decision. */
	note?: string;
	/** The value saved with this row's decision, shown after the option in force that takes it. */
	value?: string;
	/** The option menu is open: options are numbered and one is highlighted. */
	menu?: {options: RowOption[]; index: number};
}

export interface Card {
	lines: string[];
	/** Lines that must be in view (the highlighted option and its consequence), when the menu is open. */
	focus?: {from: number; to: number};
	/** Leading lines that stay put while the rest scrolls: the title (and the menu's heading). */
	pinned: number;
}

/**
 * The card's lines at this width, styled. With the option menu open the options come first, right under the
 * title (the explanation follows, a scroll away), so choosing never starts by scrolling.
 */
export function cardLines({row, note, value, menu}: CardInput, width: number): Card {
	const lines: string[] = [];
	const sev = SEVERITY_STYLE[row.severity];
	const tag = `${sev.mark} ${sev.label} `;
	lines.push(...wrap(row.kind === 'group' ? row.title : row.view!.finding.title, width, chalk.bold, ' '.repeat(tag.length), colour(sev.color)(tag), tag.length));
	let focus: Card['focus'];
	let pinned = lines.length;
	if (menu) {
		lines.push(chalk.bold('Choose an option (saved at once):'));
		pinned = lines.length;
		menu.options.forEach((o, i) => {
			const here = i === menu.index;
			const head = `${i + 1}. ${o.inForce ? '●' : '○'} ${o.label}${o.recommended ? ' (recommended)' : ''}${o.inForce ? ' — in force' : ''}`;
			const from = lines.length;
			lines.push(...wrap(head, width, here ? chalk.cyan : o.inForce ? chalk.green : plain, '  ', here ? chalk.cyan('❯ ') : '  ', 2));
			lines.push(...wrap(o.consequence, width, chalk.dim, '       '));
			if (here) focus = {from, to: lines.length - 1};
		});
		lines.push('');
	}
	if (row.kind === 'group' && row.item.type === 'group') {
		const item = row.item;
		lines.push(...wrap(`A group of ${item.members.length} findings that ask the same question: deciding it decides each one that has no choice of its own. → opens it, Enter on a member decides that one alone.`, width, chalk.dim));
		const counts = [`${item.open} open`, item.overrides ? `${item.overrides} decided their own way` : '', item.closed ? `${item.closed} closed` : ''].filter(Boolean).join(' · ');
		lines.push(...wrap(counts, width, chalk.dim));
		lines.push('');
		lines.push(...wrap(item.group.spec.detail, width));
	} else {
		const f = row.view!.finding;
		// A finding about thousands of workflows names the first few; the report lists them all.
		const names = f.workflows ?? [];
		const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more (all in the report)` : names.join(', ');
		const meta = [CERTAINTY_LABEL[f.certainty], names.length > 0 ? `workflows: ${listed}` : ''].filter(Boolean).join(' · ');
		lines.push(...wrap(meta, width, chalk.dim));
		if (row.view!.closed) lines.push(...wrap(`${MARK.closed.symbol} ${row.view!.closed}`, width, chalk.dim));
		lines.push('');
		lines.push(...wrap(f.detail, width));
	}
	if (note) {
		lines.push('');
		lines.push(...wrap(note, width, plain, '', chalk.bold('Your note: '), 'Your note: '.length));
	}
	if (!menu) {
		lines.push('');
		for (const o of rowOptions(row)) {
			if (o.followGroup) continue;
			const head = `${o.inForce ? '●' : '○'} ${o.label}${o.recommended ? ' (recommended)' : ''}${o.inForce && o.input && value ? `: ${value}` : ''}`;
			lines.push(...wrap(head, width, o.inForce ? chalk.green.bold : plain));
			lines.push(...wrap(o.consequence, width, chalk.dim, '    '));
		}
	}
	return {lines, pinned, ...(focus ? {focus} : {})};
}

/**
 * A window of lines with a scroll hint; the caller keeps the offset (clamped here). `focus` lines are always in
 * view: the window moves to them (the option highlighted in the menu).
 */
export function ScrollBox({
	lines: all,
	height,
	offset,
	width,
	focus: wanted,
	pinned = 0,
}: {
	lines: readonly string[];
	height: number;
	offset: number;
	width?: number;
	focus?: {from: number; to: number};
	/** Leading lines always shown above the scrolling part. */
	pinned?: number;
}) {
	const head = all.slice(0, Math.min(pinned, Math.max(0, height - 2)));
	const lines = all.slice(head.length);
	const focus = wanted ? {from: wanted.from - head.length, to: wanted.to - head.length} : undefined;
	const room = Math.max(1, height - head.length);
	const fits = lines.length <= room;
	const inner = fits ? room : Math.max(1, room - 1);
	const maxOffset = Math.max(0, lines.length - inner);
	let start = Math.min(offset, maxOffset);
	if (focus && !fits) {
		if (focus.to >= start + inner) start = Math.min(maxOffset, focus.to - inner + 1);
		if (focus.from < start) start = focus.from;
	}
	const shown = lines.slice(start, start + inner);
	const below = lines.length - start - shown.length;
	return (
		<Box flexDirection="column" width={width}>
			{head.map((l, i) => (
				<Text key={`pin-${i}`} wrap="truncate-end">
					{l || ' '}
				</Text>
			))}
			{shown.map((l, i) => (
				<Text key={i} wrap="truncate-end">
					{l || ' '}
				</Text>
			))}
			{fits ? null : (
				<Text dimColor>
					{start > 0 ? `↑ ${start} line${start === 1 ? '' : 's'} above` : ''}
					{start > 0 && below > 0 ? ' · ' : ''}
					{below > 0 ? `↓ ${below} more line${below === 1 ? '' : 's'}` : ''} ([ ] scroll)
				</Text>
			)}
		</Box>
	);
}
