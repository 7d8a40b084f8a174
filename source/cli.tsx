#!/usr/bin/env node
// Entry point: parse flags, then choose a headless command or the interactive wizard BEFORE rendering.
import {render} from 'ink';
import meow from 'meow';
import {App} from './app.js';
import {AzureConfigError, resolveAzureConfig} from './azure/config.js';
import {parseAuthChoice, SignInError} from './azure/credentials.js';
import {runGenerate} from './commands/generate.js';
import {processIo, UsageError} from './commands/io.js';
import {runSessions} from './commands/sessions.js';
import {runSnapshot} from './commands/snapshot.js';
import {headlessDeps, realServices} from './services.js';
import {SessionStore, StoreError} from './store/sessions.js';
import {AzureOperationError} from './azure/errors.js';
import {WriteError} from './generate/write.js';
import {SnapshotError} from './sources/snapshot.js';
import {SourceLoadError} from './sources/templates/errors.js';

const HELP = `
  Usage
    $ ise-migrate                          the wizard (needs an interactive terminal)
    $ ise-migrate --demo                   the wizard on the bundled sample ISE (Contoso)
    $ ise-migrate --from <file|folder>     the wizard on a snapshot file or an ARM template folder
    $ ise-migrate [--auth M] [--cloud C] [--tenant T] [--concurrency N]
                                           the wizard, signing in to Azure this way when you choose Azure
    $ ise-migrate generate (--demo | --from SRC | --session ID) --out DIR [--decisions FILE] [--json] [--allow-unresolved]
                                           write the Standard project without the UI
    $ ise-migrate snapshot --subscription S --ise NAME [-o FILE] [--auth METHOD] [--cloud CLOUD]
                                           capture an ISE's inventory from Azure into a snapshot file
    $ ise-migrate sessions [--json]        list saved sessions
    $ ise-migrate sessions rm ID            remove a saved session

  Options
    --demo                 use the bundled sample ISE
    --from PATH            a snapshot (.json) or a folder of ARM templates
    --out DIR              output folder for generate
    --session ID           decisions from a saved session (generate)
    --decisions FILE       decisions from a JSON file {"<finding id>": "<option id>"} (generate)
    --allow-unresolved     generate even when blockers are undecided (exit code 3 otherwise)
    --subscription S       subscription id or name (snapshot)
    --ise NAME             ISE name or resource id (snapshot)
    --auth METHOD          auto | cli | device | browser | env | msi (default auto: env, msi, cli, device;
                           the wizard asks when it is not given)
    --cloud CLOUD          AzureCloud | AzureUSGovernment | AzureChinaCloud
    --tenant ID            sign in to this tenant
    --concurrency N        parallel ARM reads (default 8)
    --allow-partial        write a snapshot even when some items could not be read
    --json                 machine-readable output
    --help, --version

  Exit codes: 0 done, 1 failed, 2 bad usage, 3 undecided blockers.
  Sessions are stored in the OS config folder (override with ISE_MIGRATE_CONFIG_DIR).
  ISE_MIGRATE_ARM_ENDPOINT and ISE_MIGRATE_AUTHORITY_HOST point the tool at a proxy or a test double;
  a CA in NODE_EXTRA_CA_CERTS is trusted.
`;

const cli = meow(HELP, {
	importMeta: import.meta,
	flags: {
		demo: {type: 'boolean', default: false},
		from: {type: 'string'},
		out: {type: 'string', shortFlag: 'o'},
		session: {type: 'string'},
		decisions: {type: 'string'},
		json: {type: 'boolean', default: false},
		allowUnresolved: {type: 'boolean', default: false},
		subscription: {type: 'string'},
		ise: {type: 'string'},
		auth: {type: 'string'},
		cloud: {type: 'string'},
		tenant: {type: 'string'},
		concurrency: {type: 'number'},
		allowPartial: {type: 'boolean', default: false},
	},
	allowUnknownFlags: false,
});

function isInteractive(): boolean {
	const ci = process.env.CI;
	return Boolean(process.stdin.isTTY && process.stdout.isTTY) && !(ci && ci !== 'false' && ci !== '0');
}

async function main(): Promise<number> {
	const [command, ...rest] = cli.input;
	let store: SessionStore | undefined;
	// Every command that reads the store says so when a damaged store was set aside on opening it.
	const getStore = () => {
		if (!store) {
			store = new SessionStore();
			if (store.recovered) process.stderr.write(`ise-migrate: ${store.recovered}\n`);
		}
		return store;
	};

	switch (command) {
		case 'generate':
			return runGenerate(cli.flags, processIo, headlessDeps(getStore));
		case 'snapshot':
			return runSnapshot(cli.flags, processIo);
		case 'sessions':
			return runSessions(rest, cli.flags, processIo, getStore());
		case undefined:
			break;
		default:
			throw new UsageError(`unknown command '${command}'. Run ise-migrate --help for the commands.`);
	}

	// The Azure flags apply to the wizard's sign-in too; a bad value is a usage error before anything renders.
	const auth = cli.flags.auth === undefined ? undefined : parseAuthChoice(cli.flags.auth);
	if (cli.flags.auth !== undefined && !auth) throw new UsageError(`--auth must be one of auto, cli, device, browser, env, msi (got '${cli.flags.auth}')`);
	try {
		resolveAzureConfig({cloud: cli.flags.cloud, tenant: cli.flags.tenant, concurrency: cli.flags.concurrency});
	} catch (error) {
		if (error instanceof AzureConfigError) throw new UsageError(error.message);
		throw error;
	}

	if (!isInteractive()) {
		process.stderr.write(
			'ise-migrate: the wizard needs an interactive terminal (no TTY, or CI is set).\n' +
				'Run it in a terminal, or use the headless commands:\n' +
				'  ise-migrate generate --demo --out DIR [--json]\n' +
				'  ise-migrate generate --from <snapshot|folder> --out DIR [--decisions FILE]\n' +
				'  ise-migrate sessions [--json]\n',
		);
		return 2;
	}

	const services = realServices({
		store: getStore(),
		azure: {
			...(auth ? {auth} : {}),
			...(cli.flags.cloud ? {cloud: cli.flags.cloud} : {}),
			...(cli.flags.tenant ? {tenant: cli.flags.tenant} : {}),
			...(cli.flags.concurrency !== undefined ? {concurrency: cli.flags.concurrency} : {}),
		},
	});
	const initial = cli.flags.demo ? ({kind: 'demo'} as const) : cli.flags.from ? ({kind: 'path', path: cli.flags.from} as const) : undefined;
	let summary: {sessionId?: string; step: string; written?: string} | undefined;
	const instance = render(<App services={services} initial={initial} onExit={(s) => (summary = s)} />, {exitOnCtrlC: false});
	await instance.waitUntilExit();
	if (summary?.written) process.stdout.write(`Project written to ${summary.written}\n`);
	// Never "saved" after a save that failed: the store remembers the last failure until a save succeeds.
	const unsaved = getStore().unsaved;
	if (summary?.sessionId && unsaved) process.stderr.write(`Session ${summary.sessionId} is NOT fully saved: the last change could not be written. ${unsaved}\nWhat was saved before it is kept.\n`);
	else if (summary?.sessionId) process.stdout.write(`Session ${summary.sessionId} saved: run ise-migrate again to resume.\n`);
	// A device-code sign-in left by Ctrl-C is aborted, but the identity library notices only after its next
	// poll (5 s apart): everything is saved, so do not keep the admin waiting for it.
	setTimeout(() => process.exit(), 100).unref();
	return summary?.sessionId && unsaved ? 1 : 0;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError) {
			process.stderr.write(`ise-migrate: ${error.message}\n`);
			process.exitCode = 2;
			return;
		}
		// Errors that already say what is wrong and what to do are shown as they are; anything else is a bug.
		const known = [StoreError, SnapshotError, SourceLoadError, WriteError, AzureConfigError, AzureOperationError, SignInError].some((type) => error instanceof type);
		process.stderr.write(`ise-migrate: ${known ? (error as Error).message : `unexpected error: ${(error as Error)?.message ?? String(error)}`}\n`);
		if (!known && process.env.ISE_MIGRATE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
		process.exitCode = 1;
	},
);
