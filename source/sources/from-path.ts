// `--from PATH` and the start screen's path field: an ise-migrate snapshot file, or anything the
// template loader reads (a template, a folder of templates, saved workflow JSON).

import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {Inventory} from '../model/index.js';
import {parseJsonDocument, readTextFile, type SkippedFile} from './json.js';
import {isSnapshotLike, validateSnapshot} from './snapshot.js';
import {SourceLoadError} from './templates/errors.js';
import {loadFromPath, type LoadOptions} from './templates/load.js';

export {SourceLoadError} from './templates/errors.js';
export type {LoadOptions, LoadProgress} from './templates/load.js';

export interface OpenResult {
	kind: 'snapshot' | 'templates';
	inventory: Inventory;
	skipped: SkippedFile[];
	stats: {filesRead: number; resourcesFound: number};
}

/** A snapshot of 5,000 workflows is about 36 MB; this is several times the largest ISE. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

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
		const read = await readTextFile(resolved, MAX_SNAPSHOT_BYTES).catch(() => undefined);
		if (read && !read.ok) throw new SourceLoadError(`${input} cannot be used: ${read.reason}. Split the estate into smaller snapshots or template folders.`, input);
		const parsed = read?.ok ? parseJsonDocument(read.text) : undefined;
		// Anything else (a template, or a file that does not parse) is the template loader's to read and explain.
		if (parsed?.ok && isSnapshotLike(parsed.value)) {
			opts.signal?.throwIfAborted();
			const inventory = validateSnapshot(parsed.value, input);
			const resourcesFound = 1 + inventory.managedApis.length + inventory.workflows.length + inventory.integrationAccounts.length;
			opts.onProgress?.({filesRead: 1, resourcesFound, file: path.basename(resolved)});
			return {kind: 'snapshot', inventory, skipped: [], stats: {filesRead: 1, resourcesFound}};
		}
	}
	const result = await loadFromPath(input, opts);
	return {kind: 'templates', ...result};
}
