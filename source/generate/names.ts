// Names that become folders or keys in the generated project. Workflow names come from the admin's
// estate (or a hostile file): they must never escape the output folder or collide on a case-insensitive disk.

const RESERVED = new Set(['con', 'prn', 'aux', 'nul', 'com1', 'lpt1', 'artifacts', 'migration', 'node_modules', 'lib']);

/** A folder-safe workflow name: letters, digits, `-` and `_` only, never `.`/`..`, never empty. */
export function safeName(name: string, fallback = 'workflow'): string {
	let s = name
		.normalize('NFKD')
		.replace(/[^\w-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-_]+|[-_]+$/g, '');
	if (!s) s = fallback;
	if (RESERVED.has(s.toLowerCase())) s = `${s}-wf`;
	return s.slice(0, 80);
}

/** Unique safe names for a list, stable in input order; collisions get `-2`, `-3` (case-insensitively). */
export function uniqueSafeNames(names: readonly string[], fallback = 'workflow'): string[] {
	const taken = new Set<string>();
	return names.map((n) => {
		const base = safeName(n, fallback);
		let candidate = base;
		for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base}-${i}`;
		taken.add(candidate.toLowerCase());
		return candidate;
	});
}

/** Logic app names: lower-case letters, digits and hyphens, at most 60 characters. */
export function appNameFor(iseName: string): string {
	const base = iseName
		.toLowerCase()
		.replace(/[^a-z0-9-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '')
		.replace(/-?ise$/, '');
	return `${(base || 'logicapp').slice(0, 51)}-standard`;
}
