// Help text, written from the spec: the overview, and per command its usage, flags, examples and exit codes.
import type {Style} from './style.js';
import {COMMANDS, ENVIRONMENT, EXIT, FLAGS, GLOBAL_FLAGS, type CommandSpec, type FlagKey, type FlagSpec} from './spec.js';

function table(rows: readonly [string, string][], indent = '  '): string {
	const width = Math.max(...rows.map(([left]) => left.length));
	return rows.map(([left, right]) => `${indent}${left.padEnd(width)}   ${right}`).join('\n');
}

/** Prose wrapped at `width` columns. */
function wrap(text: string, width = 100): string {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return [...lines, line].join('\n');
}

function flagRows(keys: readonly FlagKey[]): [string, string][] {
	return keys.map((key) => {
		const f: FlagSpec = FLAGS[key];
		const names = `--${f.name}${f.short ? `, -${f.short}` : ''}`;
		return [`${names}${f.value ? ` ${f.value}` : ''}`, f.help];
	});
}

const EXIT_MEANING: Record<number, string> = {
	[EXIT.ok]: 'done',
	[EXIT.failed]: 'failed: the message says what and what to do',
	[EXIT.usage]: 'bad usage',
	[EXIT.undecided]: 'blockers undecided (generate)',
	[EXIT.cancelled]: 'cancelled',
};

export function overviewHelp(s: Style): string {
	const named = COMMANDS.filter((c) => c.words.length > 0);
	const wizard = COMMANDS.find((c) => c.id === 'wizard')!;
	return [
		`${s.bold('ise-migrate')}: move Logic Apps out of an Integration Service Environment into a Standard logic app project`,
		'',
		s.bold('Usage'),
		`  ${wizard.usage[0]}`,
		`      ${wizard.summary}`,
		...named.map((c) => `  ${c.usage[0]}\n      ${c.summary}`),
		'',
		s.bold('Commands'),
		table(named.map((c) => [c.words.join(' '), c.summary])),
		'',
		s.bold('Wizard flags'),
		table(flagRows(wizard.flags)),
		'',
		s.bold('Global flags'),
		table(flagRows(GLOBAL_FLAGS)),
		'',
		s.bold('Environment'),
		table(ENVIRONMENT.map((e) => [e.name, e.help])),
		'',
		s.bold('Exit codes'),
		table(Object.entries(EXIT_MEANING).map(([code, meaning]) => [code, meaning])),
		'',
		`Run ${s.bold('ise-migrate help <command>')} (or ${s.bold('ise-migrate <command> --help')}) for a command's flags, examples and exit codes.`,
		'',
	].join('\n');
}

export function commandHelp(spec: CommandSpec, s: Style): string {
	const sub = COMMANDS.filter((c) => c.words.length === spec.words.length + 1 && spec.words.every((w, i) => c.words[i] === w));
	return [
		`${s.bold(['ise-migrate', ...spec.words].join(' '))}: ${spec.summary}`,
		'',
		s.bold('Usage'),
		...spec.usage.map((u) => `  ${u}`),
		...(spec.description ? ['', wrap(spec.description)] : []),
		...(sub.length > 0 ? ['', s.bold('Subcommands'), table(sub.map((c) => [c.words.join(' '), c.summary]))] : []),
		'',
		s.bold('Flags'),
		table(flagRows([...spec.flags, 'help'])),
		'',
		s.bold('Examples'),
		spec.examples.map((e) => `  ${e.command}\n      ${s.dim(e.does)}`).join('\n'),
		'',
		s.bold('Exit codes'),
		table(spec.exits.map((e) => [String(e.code), e.when])),
		'',
	].join('\n');
}
