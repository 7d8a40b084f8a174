// Small pure helpers every layer uses on JSON from admins' estates.

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A key safe in connections.json and as a folder-ish name: letters, digits, `_` and single `-`. */
export function safeKey(s: string): string {
	return s
		.replace(/[^A-Za-z0-9_-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-_]+|[-_]+$/g, '');
}

/** Items grouped by a key in one pass, keys in first-seen order (Map.groupBy, which Node 20 lacks). */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
	return groupPairs(keyed(items, keyOf));
}

function* keyed<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Generator<[K, T]> {
	for (const item of items) yield [keyOf(item), item];
}

/** Values grouped by their keys in one pass, keys in first-seen order: for items that belong under several keys. */
export function groupPairs<K, V>(pairs: Iterable<readonly [K, V]>): Map<K, V[]> {
	const groups = new Map<K, V[]>();
	for (const [key, value] of pairs) {
		const group = groups.get(key);
		if (group) group.push(value);
		else groups.set(key, [value]);
	}
	return groups;
}
