// One writer per output folder. The wizard and `generate` (or two terminals) writing into one folder at once would
// interleave their journals and manifests and leave a project that is neither run's. A writer holds a lock file
// in the folder while it writes; a lock whose process no longer runs (a kill -9, a power cut) is taken over.
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {processRuns} from './atomic-file.js';

export const LOCK = '.ise-migrate.lock';

export class FolderBusyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FolderBusyError';
	}
}

interface LockInfo {
	pid: number;
	host: string;
	since: string;
}

export interface FolderLock {
	/** Removes the lock; never throws (a lock left behind is taken over by the next run). */
	release(): Promise<void>;
	/**
	 * On a full disk, gives back the lock's block (the file stays, empty) so the record of what landed still fits;
	 * an empty lock is taken over by the next run, which is what a failed run wants anyway.
	 */
	shrink(): Promise<void>;
}

/** Takes the folder's lock, or throws FolderBusyError naming the run that holds it. */
export async function lockFolder(root: string, now: () => string = () => new Date().toISOString()): Promise<FolderLock> {
	const file = path.join(root, LOCK);
	const mine: LockInfo = {pid: process.pid, host: os.hostname(), since: now()};
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			// 'wx': created only when absent, never through a link planted at the name.
			await fs.writeFile(file, `${JSON.stringify(mine)}\n`, {flag: 'wx'});
			return {
				release: async () => void (await fs.rm(file, {force: true}).catch(() => undefined)),
				shrink: async () => void (await fs.truncate(file, 0).catch(() => undefined)),
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const held = await readLock(file);
		if (held && held.host === mine.host && processRuns(held.pid)) {
			throw new FolderBusyError(
				`Another ise-migrate (process ${held.pid}, since ${held.since}) is writing into ${root}. Wait for it to finish, or choose another folder. If no ise-migrate is running, delete ${file}.`,
			);
		}
		if (held && held.host !== mine.host) {
			throw new FolderBusyError(`ise-migrate on ${held.host} (process ${held.pid}, since ${held.since}) is writing into ${root}. Wait for it, or delete ${file} if it is not running.`);
		}
		// Its writer is gone (or the file is not a lock we can read): take it over.
		await fs.rm(file, {force: true});
	}
	throw new FolderBusyError(`Could not take the lock of ${root}: another run took it at the same moment. Try again.`);
}

async function readLock(file: string): Promise<LockInfo | undefined> {
	try {
		const value = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockInfo>;
		return typeof value.pid === 'number' && typeof value.host === 'string' ? {pid: value.pid, host: value.host, since: String(value.since ?? 'unknown')} : undefined;
	} catch {
		return undefined;
	}
}
