// A thrown error → a Failure (code, message, exit code). Errors that already say what is wrong and what to do
// are shown as they are; anything else is a bug, said so, with the stack only under ISE_MIGRATE_DEBUG.
import {AzureConfigError} from '../azure/config.js';
import {AzureOperationError} from '../azure/errors.js';
import {UsageError, type Failure} from '../commands/io.js';
import {WriteError} from '../generate/write.js';
import {SourceLoadError} from '../sources/templates/errors.js';
import {EXIT} from './spec.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const failed = (code: string, error: Error, details?: Record<string, unknown>): Failure => ({code, message: error.message, exitCode: EXIT.failed, ...(details ? {details} : {})});

/**
 * Classes from modules that are heavy to load (zod, conf, @azure/identity) are imported only here, on the way
 * out, one at a time in the order they are likely: an error of a class whose module never loaded cannot be one.
 */
const HEAVY: readonly {load: () => Promise<ErrorClass>; code: string}[] = [
	{load: async () => (await import('../sources/snapshot.js')).SnapshotError, code: 'snapshot'},
	{load: async () => (await import('../store/sessions.js')).StoreError, code: 'session-store'},
	{load: async () => (await import('../azure/credentials.js')).SignInError, code: 'sign-in'},
];

export async function toFailure(error: unknown): Promise<Failure> {
	if (error instanceof UsageError) return {code: 'usage', message: error.message, exitCode: EXIT.usage, ...(Object.keys(error.details).length > 0 ? {details: error.details} : {})};
	if (error instanceof SourceLoadError) return failed('source', error);
	if (error instanceof WriteError) return failed('write', error);
	if (error instanceof AzureConfigError) return failed('azure-config', error);
	if (error instanceof AzureOperationError) return failed('azure', error, {problem: error.problem.kind});
	if (error instanceof Error) {
		for (const heavy of HEAVY) if (error instanceof (await heavy.load())) return failed(heavy.code, error);
	}
	const message = error instanceof Error ? error.message : String(error);
	return {
		code: 'unexpected',
		message: `unexpected error: ${message}`,
		exitCode: EXIT.failed,
		...(process.env['ISE_MIGRATE_DEBUG'] && error instanceof Error && error.stack ? {more: error.stack} : {}),
	};
}
