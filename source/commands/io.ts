// How commands talk: text on stdout/stderr, and one shape for every failure, as text or as JSON.

/** Text styles a command may use; the CLI decides per stream whether they colour (cli/style.ts). */
export interface Style {
	bold: (s: string) => string;
	dim: (s: string) => string;
	red: (s: string) => string;
	yellow: (s: string) => string;
	green: (s: string) => string;
}

export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	/** Colours for each stream, when the CLI decided there are any (tests and JSON never have them). */
	style?: {stdout: Style; stderr: Style};
}

/** Bad usage: exit 2 with the message, no stack. `details` go into the JSON error (e.g. a suggestion). */
export class UsageError extends Error {
	constructor(
		message: string,
		readonly details: Record<string, unknown> = {},
	) {
		super(message);
		this.name = 'UsageError';
	}
}

/** What went wrong, for a person (message) and for a script (code, exit code, details). */
export interface Failure {
	/** Stable id for scripts: usage, undecided-blockers, source, snapshot, write, session-store, azure, … */
	code: string;
	message: string;
	exitCode: number;
	/** Extra lines for a person only (e.g. the undecided blockers), printed under the message. */
	more?: string;
	details?: Record<string, unknown>;
}

/**
 * With --json the failure is `{"ok": false, "error": {code, message, exitCode, …details}}` on stdout and nothing
 * on stderr; otherwise `ise-migrate: message` on stderr. Returns the exit code to use.
 */
export function reportFailure(io: Io, failure: Failure, options: {json?: boolean} = {}): number {
	if (options.json) {
		const error = {code: failure.code, message: failure.message, exitCode: failure.exitCode, ...failure.details};
		io.stdout(`${JSON.stringify({ok: false, error}, null, 2)}\n`);
	} else {
		const red = io.style?.stderr.red ?? ((s: string) => s);
		io.stderr(`${red('ise-migrate:')} ${failure.message}\n${failure.more ? `${failure.more.replace(/\n?$/, '\n')}` : ''}`);
	}
	return failure.exitCode;
}

export const processIo: Io = {
	stdout: (t) => process.stdout.write(t),
	stderr: (t) => process.stderr.write(t),
};
