// "Did you mean …?": the closest known word to a mistyped one, when it is close enough to be a typo.

/** Edit distance with transpositions (optimal string alignment): `genreate` is one step from `generate`. */
export function editDistance(a: string, b: string): number {
	const d: number[][] = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) d[0]![j] = j;
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
			d[i]![j] = best;
		}
	}
	return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `input`, if it is within a third of the word's length (at least 1, at most 3 edits),
 * or the only candidate that starts with it (`--allow` → `--allow-unresolved`).
 */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
	const word = input.toLowerCase();
	const prefixed = candidates.filter((c) => word.length >= 2 && c.startsWith(word));
	if (prefixed.length === 1) return prefixed[0];
	let best: {candidate: string; distance: number} | undefined;
	for (const candidate of candidates) {
		const distance = editDistance(word, candidate.toLowerCase());
		if (!best || distance < best.distance) best = {candidate, distance};
	}
	const allowed = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
	return best && best.distance <= allowed ? best.candidate : undefined;
}
