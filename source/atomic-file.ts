// Write a file so that readers see the old content or the whole new content, never a part: the content goes
// to a temp file beside the target, which is then renamed over it.
// write-file-atomic 6 issues a single write() and ignores a short count, so on a nearly full disk it renamed
// a truncated file into place; FileHandle.writeFile loops until everything is written or throws ENOSPC.
// The temp name is unique per write (`<target>.<pid>.<random>.ise-migrate-tmp`) and created exclusively ('wx'):
// nothing already at that name — a symbolic link planted to lead outside, another writer's temp — is opened,
// followed or shared. A temp left by a killed process is removed by the project writer (it finds the temps of
// the paths it journaled with tempTargets()), and beside a single file (a snapshot) by removeStaleTemps().
import {createHash, randomBytes} from 'node:crypto';
import {writeSync, promises as fs} from 'node:fs';
import path from 'node:path';
import type {StreamedContent} from './model/index.js';

export const TEMP_SUFFIX = '.ise-migrate-tmp';

/** A fresh temp name beside `target`, unique to this process and this write. */
export function tempPathFor(target: string): string {
	return `${target}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
}

/**
 * What a temp name says, read one way for every caller: the file it may be a temp of, with the writer's process id
 * (`<target>.<pid>.<hex>.ise-migrate-tmp`), and the fixed `<target>.ise-migrate-tmp` earlier versions used (no pid);
 * nothing when it is not a temp name.
 */
function tempsOf(fileName: string): {target: string; pid?: number}[] {
	if (!fileName.endsWith(TEMP_SUFFIX)) return [];
	const stem = fileName.slice(0, -TEMP_SUFFIX.length);
	const unique = /^(.+)\.(\d+)\.[0-9a-f]+$/.exec(stem);
	return unique ? [{target: unique[1]!, pid: Number(unique[2])}, {target: stem}] : [{target: stem}];
}

/** The file names `fileName` may be a temp of, in the same folder; none when it is not a temp name. */
export function tempTargets(fileName: string): string[] {
	return tempsOf(fileName).map((t) => t.target);
}

/**
 * Removes the temps a killed earlier write of `target` left beside it: `<target>.<pid>.<hex>.ise-migrate-tmp` whose
 * process no longer runs (a live process's temp is its write in flight, and is left alone). Never throws: a temp
 * that cannot be removed is only clutter.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
	const dir = path.dirname(target);
	const base = path.basename(target);
	const names = await fs.readdir(dir).catch(() => [] as string[]);
	const removed: string[] = [];
	for (const name of names) {
		const temp = tempsOf(name).find((t) => t.target === base);
		if (!temp || (temp.pid !== undefined && temp.pid > 0 && processRuns(temp.pid))) continue;
		try {
			// lstat, not stat: a link planted at a temp name is removed as a link, never followed.
			const entry = await fs.lstat(path.join(dir, name));
			if (entry.isFile() || entry.isSymbolicLink()) {
				await fs.rm(path.join(dir, name), {force: true});
				removed.push(name);
			}
		} catch {
			// Gone already, or not ours to remove.
		}
	}
	return removed;
}

/** Whether process `pid` runs on this machine (as any user). */
export function processRuns(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface PlainWriteOptions {
	/** File mode (0o600 for files that hold secrets). Default 0o644, less the umask. */
	mode?: number;
	/** fsync the content before returning (default true). The project writer syncs in batches instead. */
	sync?: boolean;
}

/** The three operations an atomic write needs; the project writer passes its own to test kills. */
export interface FileOps {
	/** Create `file`, which must not exist (not even as a link), and write all of `content`. */
	writeFile(file: string, content: string | Uint8Array, options: PlainWriteOptions): Promise<void>;
	/** The same for a streamed document, written as it is made; resolves to the sha256 (hex) of what was written. */
	writeStreamed(file: string, content: StreamedContent, options: PlainWriteOptions): Promise<string>;
	rename(from: string, to: string): Promise<void>;
	rm(file: string): Promise<void>;
}

export const nodeFileOps: FileOps = {
	async writeFile(file, content, options) {
		// 'wx' is O_CREAT | O_EXCL: it fails on anything already there, a symbolic link included, and never follows one.
		const handle = await fs.open(file, 'wx', options.mode ?? 0o644);
		try {
			await handle.writeFile(content);
			if (options.sync !== false) await handle.sync();
		} finally {
			await handle.close();
		}
	},
	async writeStreamed(file, content, options) {
		const handle = await fs.open(file, 'wx', options.mode ?? 0o644);
		const hash = createHash('sha256');
		try {
			// The document is made synchronously, so each chunk is written as it comes: nothing of it is kept.
			content.write((chunk) => {
				hash.update(chunk);
				for (let at = 0; at < chunk.byteLength; ) at += writeSync(handle.fd, chunk, at, chunk.byteLength - at);
			});
			if (options.sync !== false) await handle.sync();
		} finally {
			await handle.close();
		}
		return hash.digest('hex');
	},
	rename: (from, to) => fs.rename(from, to),
	rm: (file) => fs.rm(file, {force: true}),
};

/**
 * A streamed document written to a fresh temp beside `target` (not yet renamed: the caller decides where it goes,
 * once it knows the hash). A temp of a failed write is removed.
 */
export async function writeStreamedTemp(target: string, content: StreamedContent, options: PlainWriteOptions, ops: FileOps = nodeFileOps): Promise<{temp: string; hash: string}> {
	const temp = tempPathFor(target);
	try {
		return {temp, hash: await ops.writeStreamed(temp, content, options)};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await ops.rm(temp).catch(() => undefined);
		throw error;
	}
}

export async function writeFileAtomic(target: string, content: string | Uint8Array, options: PlainWriteOptions = {}, ops: FileOps = nodeFileOps): Promise<void> {
	const temp = tempPathFor(target);
	try {
		await ops.writeFile(temp, content, options);
		await ops.rename(temp, target);
	} catch (error) {
		// EEXIST: something was already at the fresh name, and it is not ours to remove.
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await ops.rm(temp).catch(() => undefined);
		throw error;
	}
}
