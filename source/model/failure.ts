// Errors that already say what is wrong and what to do carry the code the CLI reports them under (`--json`'s
// `code`). The CLI reads the code from the error itself, so it never loads the module that defines the class (zod,
// conf, @azure/identity: hundreds of milliseconds) just to ask `instanceof` on the way out.
export const FAILURE_CODE = Symbol.for('ise-migrate.failure-code');

/** The failure code an error carries, if it is one of ours that explains itself. */
export function failureCodeOf(error: unknown): string | undefined {
	if (!(error instanceof Error)) return undefined;
	const code = (error as Error & {[FAILURE_CODE]?: unknown})[FAILURE_CODE];
	return typeof code === 'string' ? code : undefined;
}
