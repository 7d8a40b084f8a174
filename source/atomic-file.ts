// Write a file so that readers see the old content or the whole new content, never a part: the content goes
// to a temp file beside the target, which is then renamed over it.
// write-file-atomic 6 issues a single write() and ignores a short count, so on a nearly full disk it renamed
// a truncated file into place; FileHandle.writeFile loops until everything is written or throws ENOSPC.
// The temp name is fixed per target (not random), so a temp left by a killed process is reused and renamed
// away by the next write of the same file, and the project writer can find and remove the ones it journaled.
import {promises as fs} from 'node:fs';

export const TEMP_SUFFIX = '.ise-migrate-tmp';

export function tempPathFor(target: string): string {
	return `${target}${TEMP_SUFFIX}`;
}

export interface PlainWriteOptions {
	/** File mode (0o600 for files that hold secrets). Default 0o644, less the umask. */
	mode?: number;
	/** fsync the content before returning (default true). The project writer syncs in batches instead. */
	sync?: boolean;
}

/** The three operations an atomic write needs; the project writer passes its own to test kills. */
export interface FileOps {
	/** Create or truncate `file` and write all of `content`. */
	writeFile(file: string, content: string | Uint8Array, options: PlainWriteOptions): Promise<void>;
	rename(from: string, to: string): Promise<void>;
	rm(file: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
	async writeFile(file, content, options) {
		const mode = options.mode ?? 0o644;
		const handle = await fs.open(file, 'w', mode);
		try {
			// A file left by a killed run keeps the mode it was created with: set it again.
			if (mode !== 0o644) await handle.chmod(mode);
			await handle.writeFile(content);
			if (options.sync !== false) await handle.sync();
		} finally {
			await handle.close();
		}
	},
	rename: (from, to) => fs.rename(from, to),
	rm: (file) => fs.rm(file, {force: true}),
};

export async function writeFileAtomic(target: string, content: string | Uint8Array, options: PlainWriteOptions = {}, ops: FileOps = nodeFileOps): Promise<void> {
	const temp = tempPathFor(target);
	try {
		await ops.writeFile(temp, content, options);
		await ops.rename(temp, target);
	} catch (error) {
		await ops.rm(temp).catch(() => undefined);
		throw error;
	}
}
