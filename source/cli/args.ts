// argv → the command and its flags, checked against the spec: a flag the command does not take, a missing
// value or an unknown command is a usage error that names the nearest valid choice.
import {parseArgs} from 'node:util';
import {UsageError} from '../commands/io.js';
import {COMMANDS, FLAGS, GLOBAL_FLAGS, type CommandId, type CommandSpec, type FlagSpec} from './spec.js';
import {nearest} from './suggest.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type Flag = (typeof FLAGS)[keyof typeof FLAGS];

/** Flag values by camelCase name (`--allow-unresolved` → allowUnresolved): true for a boolean flag, else the text. */
export type ParsedFlags = {[F in Flag as Camel<F['name']>]?: F['type'] extends 'boolean' ? boolean : string};

export interface CommandLine {
	command: CommandId;
	/** Positional arguments after the command words (a session id, a help topic). */
	args: string[];
	flags: ParsedFlags;
	help: boolean;
	version: boolean;
	json: boolean;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());


const label = (spec: CommandSpec) => (spec.id === 'wizard' ? 'the wizard' : spec.id);
export const helpCommand = (spec: CommandSpec) => `ise-migrate help${spec.words.length > 0 ? ` ${spec.words.join(' ')}` : ''}`;

/** The command's own flags by typed name (generate's --out is a DIR, snapshot's a FILE). */
function flagsOf(spec: CommandSpec): Map<string, FlagSpec> {
	return new Map([...spec.flags, ...GLOBAL_FLAGS].map((k) => [FLAGS[k].name, FLAGS[k]]));
}

function flagNames(spec: CommandSpec): string[] {
	return [...flagsOf(spec).keys()];
}

/** The command named by the leading positionals: `sessions rm` before `sessions`. */
function findCommand(positionals: readonly string[]): {spec: CommandSpec; rest: string[]} {
	const [first, second] = positionals;
	if (first === undefined) return {spec: COMMANDS.find((c) => c.id === 'wizard')!, rest: []};
	const named = COMMANDS.filter((c) => c.words.length > 0);
	if (first === 'sessions' && second !== undefined) {
		const sub = second === 'remove' ? 'rm' : second;
		const spec = named.find((c) => c.words[0] === 'sessions' && c.words[1] === sub);
		if (!spec) {
			const guess = nearest(sub, ['rm']);
			throw new UsageError(`unknown sessions command '${second}'${guess ? `: did you mean \`sessions ${guess}\`?` : '.'} Use \`sessions\` to list or \`sessions rm ID\` to remove.`, {suggestion: guess && `sessions ${guess}`});
		}
		return {spec, rest: positionals.slice(2)};
	}
	const spec = named.find((c) => c.words.length === 1 && c.words[0] === first);
	if (!spec) {
		const guess = nearest(first, [...new Set(named.map((c) => c.words[0]!))]);
		throw new UsageError(`unknown command '${first}'${guess ? `: did you mean \`ise-migrate ${guess}\`?` : '.'} Run \`ise-migrate help\` for the commands.`, {suggestion: guess});
	}
	return {spec, rest: positionals.slice(1)};
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
	const options: Record<string, {type: 'string' | 'boolean'; short?: string}> = {};
	for (const f of Object.values(FLAGS) as FlagSpec[]) options[f.name] = {type: f.type, ...(f.short ? {short: f.short} : {})};
	const {tokens} = parseArgs({args: [...argv], options, strict: false, allowPositionals: true, tokens: true});

	const positionals = tokens.filter((t) => t.kind === 'positional').map((t) => t.value);
	const wantsHelp = tokens.some((t) => t.kind === 'option' && t.name === 'help');
	let found: ReturnType<typeof findCommand>;
	try {
		found = findCommand(positionals);
	} catch (error) {
		// `--frm x.json`: an unknown flag leaves its value as a positional that reads as a command. Name the flag.
		const unknown = tokens.find((t) => t.kind === 'option' && !(t.name in options));
		if (!(error instanceof UsageError) || !unknown || unknown.kind !== 'option') throw error;
		const guess = nearest(unknown.rawName.replace(/^-+/, ''), Object.keys(options));
		throw new UsageError(`unknown flag ${unknown.rawName}${guess ? `: did you mean --${guess}?` : '.'} Run \`ise-migrate help\` for the commands and their flags.`, {suggestion: guess && `--${guess}`});
	}
	const {spec, rest} = found;
	const own = flagsOf(spec);
	const allowed = [...own.keys()];

	const flags: Record<string, string | boolean> = {};
	for (const token of tokens) {
		if (token.kind !== 'option') continue;
		const typed = token.rawName.replace(/^-+/, '');
		if (!allowed.includes(token.name)) {
			if (wantsHelp) continue;
			const owner = COMMANDS.find((c) => c.id !== spec.id && flagNames(c).includes(token.name));
			if (owner) {
				throw new UsageError(`${token.rawName} is a flag of ${label(owner)}, not of ${label(spec)}. Run \`${helpCommand(spec)}\` for the flags of ${label(spec)}.`);
			}
			const guess = nearest(typed, allowed);
			throw new UsageError(`unknown flag ${token.rawName} for ${label(spec)}${guess ? `: did you mean --${guess}?` : '.'} Run \`${helpCommand(spec)}\` for its flags.`, {suggestion: guess && `--${guess}`});
		}
		const flag = own.get(token.name)!;
		if (flag.type === 'boolean') {
			if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value (got '${token.value}')`);
			flags[camel(flag.name)] = true;
			continue;
		}
		// `--out --json`: the parser would take the next flag as the value.
		if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
			throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${flag.value ?? 'VALUE'}`);
		}
		flags[camel(flag.name)] = token.value;
	}

	if (!wantsHelp && spec.id !== 'help') {
		if (!spec.args && rest.length > 0) {
			throw new UsageError(
				spec.id === 'wizard'
					? `unknown command '${rest[0]}'. Run \`ise-migrate help\` for the commands.`
					: `unexpected argument '${rest[0]}' for ${spec.id}. Run \`${helpCommand(spec)}\` for its usage.`,
			);
		}
		if (spec.args?.required && rest.length === 0) throw new UsageError(`${spec.id} needs ${spec.args.name}. Usage: ${spec.usage[0]}`);
		if (spec.args && rest.length > 1) throw new UsageError(`${spec.id} takes one ${spec.args.name} (got ${rest.join(' ')})`);
	}

	return {
		command: spec.id,
		args: rest,
		flags: flags as ParsedFlags,
		help: wantsHelp,
		version: flags['version'] === true,
		json: flags['json'] === true || argv.includes('--json'),
	};
}
