// `--from PATH` and the start screen's path field: an ise-migrate snapshot file, or anything the
// template loader reads (a template, a folder of templates, saved workflow JSON).

import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {Inventory} from '../model/index.js';
import {parseSnapshot} from './snapshot.js';
import {decodeText, loadFromPath, parseJsonDocument, type LoadOptions} from './templates/load.js';

export {SourceLoadError} from './templates/errors.js';
export type {LoadOptions, LoadProgress} from './templates/load.js';

export interface OpenResult {
	kind: 'snapshot' | 'templates';
	inventory: Inventory;
	skipped: {file: string; reason: string}[];
	stats: {filesRead: number; resourcesFound: number};
}

/** Opens a snapshot (a file with `formatVersion`) or loads templates. Errors are SourceLoadError or SnapshotError. */
export async function openSource(input: string, opts: LoadOptions = {}): Promise<OpenResult> {
	const resolved = path.resolve(input || '.');
	let isFile = false;
	try {
		isFile = input.trim() !== '' && (await fs.stat(resolved)).isFile();
	} catch {
		// loadFromPath reports a missing or unreadable path with the right message.
	}
	if (isFile) {
		let text: string | undefined;
		try {
			text = decodeText(await fs.readFile(resolved));
		} catch {
			text = undefined;
		}
		const parsed = text === undefined ? undefined : parseJsonDocument(text);
		if (text !== undefined && parsed?.ok && typeof parsed.value === 'object' && parsed.value !== null && 'formatVersion' in parsed.value) {
			opts.signal?.throwIfAborted();
			const inventory = parseSnapshot(text, input);
			const resourcesFound = 1 + inventory.managedApis.length + inventory.workflows.length + inventory.integrationAccounts.length;
			opts.onProgress?.({filesRead: 1, resourcesFound, file: path.basename(resolved)});
			return {kind: 'snapshot', inventory, skipped: [], stats: {filesRead: 1, resourcesFound}};
		}
	}
	const result = await loadFromPath(input, opts);
	return {kind: 'templates', ...result};
}
