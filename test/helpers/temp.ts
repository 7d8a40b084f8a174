// Temp folders for a test file, all removed when its tests are done.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

/** Call at the top of a test file; returns a maker of fresh temp folders named `ise-<prefix>-…`. */
export function tempFolders(prefix: string): () => Promise<string> {
	const made: string[] = [];
	afterAll(() => Promise.all(made.map((d) => rm(d, {recursive: true, force: true}))));
	return async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), `ise-${prefix}-`));
		made.push(dir);
		return dir;
	};
}
