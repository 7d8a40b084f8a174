// The one parser for a workflow expression's read of a definition parameter: `parameters('name')`, the name's quotes
// doubled inside (`parameters('it''s')`). The converter, the credential scan and the project check all use it.

const PARAMETER_READ = /\bparameters\(\s*'((?:[^']|'')+)'\s*\)/gi;

/** The names of the parameters a text reads, in order, quotes undoubled (`$connections` included). */
export function parameterReads(text: string): string[] {
	return [...text.matchAll(PARAMETER_READ)].map((m) => m[1]!.replace(/''/g, "'"));
}

/** Every string anywhere in a JSON value (keys not included). */
export function* jsonStrings(node: unknown): Generator<string> {
	if (typeof node === 'string') yield node;
	else if (Array.isArray(node)) for (const v of node) yield* jsonStrings(v);
	else if (node !== null && typeof node === 'object') for (const v of Object.values(node)) yield* jsonStrings(v);
}
