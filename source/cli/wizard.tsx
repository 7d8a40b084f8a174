// The interactive wizard, loaded by the CLI only when it is the command: Ink, React and the screens load
// here, and the Azure SDK only with the first sign-in.
import {render} from 'ink';
import {App} from '../app.js';
import {AzureConfigError, resolveAzureConfig} from '../azure/config.js';
import {parseAuthChoice} from '../azure/methods.js';
import {UsageError, type Io} from '../commands/io.js';
import {realServices} from '../services.js';
import {installInkFrameCache} from '../ui/ink-frame-cache.js';
import type {SessionStore} from '../store/sessions.js';

export interface WizardFlags {
	demo?: boolean;
	from?: string;
	auth?: string;
	cloud?: string;
	tenant?: string;
	concurrency?: string;
}

export async function runWizard(flags: WizardFlags, io: Io, store: SessionStore): Promise<number> {
	// The Azure flags apply to the wizard's sign-in too; a bad value is a usage error before anything renders.
	const auth = flags.auth === undefined ? undefined : parseAuthChoice(flags.auth);
	if (flags.auth !== undefined && !auth) throw new UsageError(`--auth must be one of auto, cli, device, browser, env, msi (got '${flags.auth}')`);
	try {
		resolveAzureConfig({cloud: flags.cloud, tenant: flags.tenant, concurrency: flags.concurrency});
	} catch (error) {
		if (error instanceof AzureConfigError) throw new UsageError(error.message);
		throw error;
	}

	const services = realServices({
		store,
		azure: {
			...(auth ? {auth} : {}),
			...(flags.cloud ? {cloud: flags.cloud} : {}),
			...(flags.tenant ? {tenant: flags.tenant} : {}),
			...(flags.concurrency !== undefined ? {concurrency: Number(flags.concurrency)} : {}),
		},
	});
	const initial = flags.demo ? ({kind: 'demo'} as const) : flags.from ? ({kind: 'path', path: flags.from} as const) : undefined;
	let summary: {sessionId?: string; step: string; written?: string} | undefined;
	await installInkFrameCache();
	const instance = render(<App services={services} initial={initial} onExit={(s) => (summary = s)} />, {
		exitOnCtrlC: false,
		// A key's frame is drawn at once rather than on Ink's 30-per-second tick. (Ink's incremental rendering left
		// lines of earlier frames on screen in tmux, so every frame is drawn whole.)
		maxFps: 120,
	});
	await instance.waitUntilExit();
	if (summary?.written) io.stdout(`Project written to ${summary.written}\n`);
	// Never "saved" after a save that failed: the store remembers the last failure until a save succeeds.
	const unsaved = store.unsaved;
	if (summary?.sessionId && unsaved) io.stderr(`Session ${summary.sessionId} is NOT fully saved: the last change could not be written. ${unsaved}\nWhat was saved before it is kept.\n`);
	else if (summary?.sessionId) io.stdout(`Session ${summary.sessionId} saved: run ise-migrate again to resume.\n`);
	// A device-code sign-in left by Ctrl-C is aborted, but the identity library notices only after its next
	// poll (5 s apart): everything is saved, so do not keep the admin waiting for it.
	setTimeout(() => process.exit(), 100).unref();
	return summary?.sessionId && unsaved ? 1 : 0;
}
