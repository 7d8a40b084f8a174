// The one error an offline source throws at the admin: what is wrong and what to do, no stack trace.

export class SourceLoadError extends Error {
	constructor(
		message: string,
		/** The file or folder the problem is about. */
		readonly path?: string,
	) {
		super(message);
		this.name = 'SourceLoadError';
	}
}
