// A thrown error → a Failure (code, message, exit code). Errors that already say what is wrong and what to do
// are shown as they are; anything else is a bug, said so, with the stack only under ISE_MIGRATE_DEBUG.
import {AzureConfigError} from '../azure/config.js';
import {AzureOperationError} from '../azure/errors.js';
import {UsageError, type Failure} from '../commands/io.js';
import {WriteError} from '../generate/write.js';
import {SourceLoadError} from '../sources/templates/errors.js';
import {failureCodeOf} from '../model/failure.js';
import {EXIT} from './spec.js';

const failed = (code: string, error: Error, details?: Record<string, unknown>): Failure => ({code, message: error.message, exitCode: EXIT.failed, ...(details ? {details} : {})});

export function toFailure(error: unknown): Failure {
	if (error instanceof UsageError) return {code: 'usage', message: error.message, exitCode: EXIT.usage, ...(Object.keys(error.details).length > 0 ? {details: error.details} : {})};
	if (error instanceof SourceLoadError) return failed('source', error);
	if (error instanceof WriteError) return failed('write', error);
	if (error instanceof AzureConfigError) return failed('azure-config', error);
	if (error instanceof AzureOperationError) return failed('azure', error, {problem: error.problem.kind});
	// Snapshot, session-store and sign-in errors: their classes live in modules too heavy to load just to ask.
	const code = failureCodeOf(error);
	if (code) return failed(code, error as Error);
	const message = error instanceof Error ? error.message : String(error);
	return {
		code: 'unexpected',
		message: `unexpected error: ${message}`,
		exitCode: EXIT.failed,
		...(process.env['ISE_MIGRATE_DEBUG'] && error instanceof Error && error.stack ? {more: error.stack} : {}),
	};
}
