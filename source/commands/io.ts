export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
}

/** Bad usage: exit 2 with the message, no stack. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export const processIo: Io = {
	stdout: (t) => process.stdout.write(t),
	stderr: (t) => process.stderr.write(t),
};
