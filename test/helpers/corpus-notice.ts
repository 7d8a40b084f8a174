// vitest globalSetup: say at the start and again at the end of the run when the corpus suite was skipped.
import {CORPUS_NOTICE, hasCorpus} from './corpus.js';

export default function setup(): (() => void) | void {
	if (hasCorpus) return;
	console.warn(`\n${CORPUS_NOTICE}\n`);
	return () => console.warn(`\n${CORPUS_NOTICE}\n`);
}
