// The shared corpus: ../shared beside this repository (fixtures/public, reference/, tools/check-*.mjs), which the
// repository does not contain. Tests that read it form the corpus suite: they run whenever the folder is there
// and are skipped, visibly, when it is not (a fresh clone on its own). `.ci/run` requires it, so CI always runs them.
// This is the only place that knows where the corpus is.
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, it} from 'vitest';

export const CORPUS_ROOT = path.resolve(import.meta.dirname, '../../../shared');
export const hasCorpus = existsSync(path.join(CORPUS_ROOT, 'fixtures', 'public')) && existsSync(path.join(CORPUS_ROOT, 'tools'));

/** A path in the corpus. It may not exist: use it only inside corpus tests. */
export const corpusPath = (...parts: string[]) => path.join(CORPUS_ROOT, ...parts);
export const PUBLIC_FIXTURES = corpusPath('fixtures', 'public');
export const CHECK_PROJECT = corpusPath('tools', 'check-project.mjs');

/** The entries of a corpus folder, or none without the corpus (for `.each` tables built while collecting). */
export function corpusEntries(...parts: string[]): string[] {
	return hasCorpus ? readdirSync(corpusPath(...parts)) : [];
}

export const CORPUS_NOTICE = `Corpus suite SKIPPED: ${CORPUS_ROOT} was not found. The tests named "corpus: …" need the shared fixtures, reference pages and checker tools beside this repository; .ci/run requires them.`;

/** A describe block of the corpus suite: named "corpus: …" and skipped when the corpus is missing. */
export function describeCorpus(name: string, fn: () => void): void {
	describe.skipIf(!hasCorpus)(`corpus: ${name}`, fn);
}

/** One test of the corpus suite, for a file that is otherwise independent of it. */
export function itCorpus(name: string, fn: () => unknown, timeout?: number): void {
	it.skipIf(!hasCorpus)(`corpus: ${name}`, fn, timeout);
}
