// The real services the wizard and headless commands use: the only place that wires sources, the store and
// the disk together. Tests build the same object with a temp store.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {AppServices, OpenedSource} from './app.js';
import {analyze} from './analysis/index.js';
import type {SourceRef} from './model/index.js';
import {MANIFEST, write} from './generate/write.js';
import {contosoInventory} from './sources/demo/contoso.js';
import {openSource} from './sources/from-path.js';
import {SessionStore} from './store/sessions.js';
import {TOOL_VERSION} from './version.js';

export function loadDemo(): OpenedSource {
	return {inventory: contosoInventory(), source: {kind: 'demo'}};
}

export async function openPath(p: string, onProgress: (text: string) => void = () => undefined): Promise<OpenedSource> {
	const result = await openSource(p, {
		onProgress: (x) => onProgress(`Read ${x.filesRead} file${x.filesRead === 1 ? '' : 's'}, found ${x.resourcesFound} resource${x.resourcesFound === 1 ? '' : 's'}…`),
	});
	const skipped = result.skipped ?? [];
	const isSnapshot = result.kind === 'snapshot';
	return {
		inventory: result.inventory,
		source: {kind: isSnapshot ? 'snapshot' : 'templates', path: path.resolve(p)},
		notice: skipped.length > 0 ? `${skipped.length} file${skipped.length === 1 ? ' was' : 's were'} skipped (not ARM or workflow JSON): ${skipped.slice(0, 3).map((s) => `${path.basename(s.file)} (${s.reason})`).join('; ')}${skipped.length > 3 ? '…' : ''}` : undefined,
	};
}

export async function reopen(source: SourceRef, onProgress: (text: string) => void): Promise<OpenedSource> {
	if (source.kind === 'demo') return loadDemo();
	if (source.path) return openPath(source.path, onProgress);
	throw new Error('This session was made from live Azure: sign in to Azure from the start screen and choose the same ISE to resume it.');
}

/** Why write() would refuse this folder, checked before the admin confirms. */
export async function checkDir(dir: string): Promise<string | undefined> {
	try {
		const st = await fs.stat(dir);
		if (!st.isDirectory()) return `${dir} exists and is not a folder: choose another output folder.`;
		const entries = await fs.readdir(dir);
		if (entries.length > 0 && !entries.includes(MANIFEST)) {
			return `${dir} is not empty and was not written by ise-migrate: choose a new or empty folder.`;
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return (error as Error).message;
	}
	return undefined;
}

export function realServices(options: {store?: SessionStore; cwd?: string} = {}): AppServices {
	return {
		store: options.store ?? new SessionStore(),
		analyze,
		loadDemo,
		openPath,
		reopen,
		write,
		checkDir,
		cwd: options.cwd ?? process.cwd(),
		toolVersion: TOOL_VERSION,
		now: () => new Date().toISOString(),
		azureNote: 'live sign-in: use `ise-migrate snapshot` for now, then open the snapshot',
	};
}
