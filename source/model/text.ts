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
