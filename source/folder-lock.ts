// One writer per output folder. The wizard and `generate` (or two terminals) writing into one folder at once would
// interleave their journals and manifests and leave a project that is neither run's. A writer holds a lock in the
// folder while it writes; a lock whose process no longer runs (a kill -9, a power cut) is taken over.
//
// The lock is created with its content in one step, so no one ever reads a half-written lock: a symbolic link whose
// target is the holder's identity (no data block either, so a full disk still has room for the record of what
// landed), or, where links cannot be made, a file written whole under another name and hard-linked into place.
// Taking over a dead holder's lock and releasing one's own both check whose lock it is first.
import {randomBytes} from 'node:crypto';
import {promises as fs} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {processRuns} from './atomic-file.js';

export const LOCK = '.ise-migrate.lock';

/** A lock whose holder cannot be read is left alone this long (it may be being made), then taken over. */
const UNREADABLE_GRACE_MS = 10_000;

export class FolderBusyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FolderBusyError';
	}
}

export interface Holder {
	pid: number;
	host: string;
	since: string;
}

export interface FolderLock {
	/** Removes the lock if it is still this run's; never throws (a lock left behind is taken over by the next run). */
	release(): Promise<void>;
}

/** Takes the folder's lock, or throws FolderBusyError naming the run that holds it. */
export async function lockFolder(root: string, now: () => string = () => new Date().toISOString()): Promise<FolderLock> {
	const file = path.join(root, LOCK);
	const mine: Holder = {pid: process.pid, host: os.hostname(), since: now()};
	for (let attempt = 0; attempt < 3; attempt++) {
		if (await create(file, mine)) {
			return {
				release: async () => {
					const held = await read(file);
					if (held.holder && same(held.holder, mine)) await fs.rm(file, {force: true}).catch(() => undefined);
				},
			};
		}
		const held = await read(file);
		if (held.missing) continue;
		if (held.holder) {
			if (held.holder.host !== mine.host) {
				throw new FolderBusyError(`ise-migrate on ${held.holder.host} (process ${held.holder.pid}, since ${held.holder.since}) is writing into ${root}. Wait for it, or delete ${file} if it is not running.`);
			}
			if (processRuns(held.holder.pid)) throw busy(root, file, held.holder);
		} else if (held.ageMs < UNREADABLE_GRACE_MS) {
			throw new FolderBusyError(`Another ise-migrate is starting to write into ${root}. Wait a moment and try again; if none is running, delete ${file}.`);
		}
		await takeOver(root, file, held.holder);
	}
	throw new FolderBusyError(`Could not take the lock of ${root}: other runs keep taking it. Try again.`);
}

function busy(root: string, file: string, holder: Holder): FolderBusyError {
	return new FolderBusyError(`Another ise-migrate (process ${holder.pid}, since ${holder.since}) is writing into ${root}. Wait for it to finish, or choose another folder. If no ise-migrate is running, delete ${file}.`);
}

const same = (a: Holder, b: Holder) => a.pid === b.pid && a.host === b.host && a.since === b.since;

/** Creates the lock with its content in one step; false when a lock is already there. */
async function create(file: string, holder: Holder): Promise<boolean> {
	const text = JSON.stringify(holder);
	try {
		await fs.symlink(text, file);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') return false;
		// Windows without the right to make links, or a file system without them: fall through to a whole file.
		if (!['EPERM', 'ENOTSUP', 'EINVAL', 'ENOSYS', 'EACCES'].includes(code ?? '')) throw error;
	}
	const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await fs.writeFile(temp, text, {flag: 'wx'});
		await fs.link(temp, file);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	} finally {
		await fs.rm(temp, {force: true}).catch(() => undefined);
	}
}

/** Who holds the lock (undefined when it cannot be read), how old it is, or that there is none. */
async function read(file: string): Promise<{missing: boolean; holder?: Holder; ageMs: number}> {
	let st;
	try {
		st = await fs.lstat(file);
	} catch {
		return {missing: true, ageMs: 0};
	}
	const ageMs = Date.now() - st.mtimeMs;
	try {
		const text = st.isSymbolicLink() ? await fs.readlink(file) : await fs.readFile(file, 'utf8');
		const value = JSON.parse(text) as Partial<Holder>;
		if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string') {
			return {missing: false, holder: {pid: value.pid, host: value.host, since: value.since}, ageMs};
		}
	} catch {
		// Not a lock this tool wrote: unreadable.
	}
	return {missing: false, ageMs};
}

/**
 * Removes a dead holder's lock — but only that one. The lock is moved aside under a name of this run's first, then
 * read: if another run replaced it meanwhile (it judged the same dead holder and was quicker), that run's live lock
 * is put back and this run is refused.
 */
export async function takeOver(root: string, file: string, dead: Holder | undefined): Promise<void> {
	const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
	try {
		await fs.rename(file, aside);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
		throw error;
	}
	const moved = await read(aside);
	const stillDead = dead ? moved.holder !== undefined && same(moved.holder, dead) : moved.holder === undefined;
	if (stillDead) {
		await fs.rm(aside, {force: true});
		return;
	}
	// A live lock taken a moment ago: back where it was (link does not replace a lock made since), and give way.
	await fs.link(aside, file).catch(() => undefined);
	await fs.rm(aside, {force: true});
	throw moved.holder ? busy(root, file, moved.holder) : new FolderBusyError(`Another ise-migrate is starting to write into ${root}. Try again.`);
}
