// The command line: parsed against the spec, then only what the command needs is loaded: `--help` loads
// nothing else, the headless commands no Ink or React, and only the wizard and `snapshot` the Azure SDK (the
// wizard at its first sign-in). Every failure leaves as text on stderr, or as JSON on stdout with --json,
// with the exit code of the spec.
import {processIo, reportFailure, UsageError, type Io} from '../commands/io.js';
import type {SessionStore} from '../store/sessions.js';
import {TOOL_VERSION} from '../version.js';
import {parseCommandLine, type CommandLine} from './args.js';
import {commandHelp, overviewHelp} from './help.js';
import {commandSpec, COMMANDS, type CommandId} from './spec.js';
import {colourForInk, styleFor} from './style.js';
import {nearest} from './suggest.js';

const io: Io = {...processIo, style: {stdout: styleFor(process.stdout), stderr: styleFor(process.stderr)}};

/** A terminal, and not CI as Ink judges it (CI or CONTINUOUS_INTEGRATION set, even empty, and not 0/false). */
function isInteractive(): boolean {
	const ci = ['CI', 'CONTINUOUS_INTEGRATION'].some((key) => key in process.env && process.env[key] !== '0' && process.env[key] !== 'false');
	return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !ci;
}

/** `help`, `help generate`, `help sessions rm`: the topic must name a command. */
function helpFor(topic: readonly string[]): string {
	const style = io.style!.stdout;
	if (topic.length === 0) return overviewHelp(style);
	const spec = COMMANDS.find((c) => c.words.length > 0 && c.words.join(' ') === topic.join(' '));
	if (!spec) {
		const guess = nearest(topic.join(' '), COMMANDS.filter((c) => c.words.length > 0).map((c) => c.words.join(' ')));
		throw new UsageError(`no command '${topic.join(' ')}'${guess ? `: did you mean \`ise-migrate help ${guess}\`?` : '.'} Run \`ise-migrate help\` for the commands.`, {suggestion: guess});
	}
	return commandHelp(spec, style);
}

async function openStore(): Promise<SessionStore> {
	const {SessionStore} = await import('../store/sessions.js');
	const store = new SessionStore();
	// Every command that reads the store says so when a damaged store was set aside on opening it.
	if (store.recovered) io.stderr(`ise-migrate: ${store.recovered}\n`);
	return store;
}

async function run(line: CommandLine): Promise<number> {
	const {command, flags} = line;
	if (line.version) {
		io.stdout(`${TOOL_VERSION}\n`);
		return 0;
	}
	if (command === 'help' || line.help) {
		io.stdout(helpFor(command === 'help' ? line.args : commandSpec(command).words));
		return 0;
	}
	switch (command as Exclude<CommandId, 'help'>) {
		case 'generate': {
			const [{runGenerate}, {headlessDeps}] = await Promise.all([import('../commands/generate.js'), import('../services.js')]);
			// Only --session needs the store (and the config library behind it).
			const store = flags.session ? await openStore() : undefined;
			return runGenerate(flags, io, headlessDeps(() => {
				if (!store) throw new Error('the session store is opened only for --session');
				return store;
			}));
		}
		case 'snapshot': {
			const {runSnapshot} = await import('../commands/snapshot.js');
			return runSnapshot(flags, io);
		}
		case 'sessions': {
			const {listSessions} = await import('../commands/sessions.js');
			return listSessions(flags, io, await openStore());
		}
		case 'sessions rm': {
			const {removeSession} = await import('../commands/sessions.js');
			return removeSession(line.args[0], flags, io, await openStore());
		}
		case 'wizard': {
			if (!isInteractive()) {
				io.stderr(
					'ise-migrate: the wizard needs an interactive terminal (no TTY, or CI is set).\n' +
						'Run it in a terminal, or use the headless commands:\n' +
						'  ise-migrate generate --demo --out DIR [--json]\n' +
						'  ise-migrate generate --from <snapshot|folder> --out DIR [--decisions FILE]\n' +
						'  ise-migrate sessions [--json]\n' +
						'  ise-migrate help\n',
				);
				return 2;
			}
			colourForInk(process.stdout);
			// React's development build (the default without NODE_ENV) checks every render and is several times
			// slower; the wizard is a product, so it gets the production build unless told otherwise.
			process.env['NODE_ENV'] ??= 'production';
			const [{runWizard}, store] = await Promise.all([import('./wizard.js'), openStore()]);
			return runWizard(flags, io, store);
		}
	}
}

export async function main(argv: readonly string[]): Promise<number> {
	let json = argv.includes('--json');
	try {
		const line = parseCommandLine(argv);
		json = line.json;
		return await run(line);
	} catch (error) {
		const {toFailure} = await import('./errors.js');
		return reportFailure(io, toFailure(error), {json});
	}
}
