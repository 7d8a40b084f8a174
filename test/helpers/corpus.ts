// The shared corpus (../shared beside the checkout): fixtures, reference material and checking tools. Tests that
// need it ask here; without it they are skipped and say so.
import {existsSync} from 'node:fs';
import path from 'node:path';

export const SHARED = path.resolve(import.meta.dirname, '../../../shared');
export const hasCorpus = existsSync(path.join(SHARED, 'tools'));

/** An absolute path inside the corpus, or undefined when the corpus is not there. */
export function corpusPath(relative: string): string | undefined {
	const full = path.join(SHARED, relative);
	return existsSync(full) ? full : undefined;
}
