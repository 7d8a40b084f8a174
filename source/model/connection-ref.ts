// The one parser for `$connections` references. A Consumption step names its connection with
// `@parameters('$connections')['<key>']['connectionId']`; the key is what the workflow's `$connections` value maps to
// an API and a Microsoft.Web/connections resource. Everything that reads or removes such references uses these.

/** `parameters('$connections')` followed by any accessors: a whole reference, for removal. Global: use with replace(). */
export const CONNECTIONS_REFERENCE = /parameters\(\s*'\$connections'\s*\)(?:\s*\??\[[^\]]*\])*/gi;

const KEY = /parameters\(\s*'\$connections'\s*\)\s*\??\[\s*'([^']+)'\s*\]/;

/** The connection key a reference names: `@parameters('$connections')['sql']['connectionId']` → `sql`. */
export function connectionKeyIn(text: string): string | undefined {
	return KEY.exec(text)?.[1];
}

/** Every connection key named anywhere in a text (an ARM template value, a definition string). */
export function connectionKeysIn(text: string): string[] {
	return [...text.matchAll(new RegExp(KEY.source, 'g'))].map((m) => m[1]!);
}

/** Mentions `$connections` at all (also in forms the key parser does not understand). */
export function mentionsConnections(text: string): boolean {
	return text.includes('$connections');
}
