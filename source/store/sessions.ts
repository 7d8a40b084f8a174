// Sessions on disk through conf (atomic writes). Every decision is saved the moment it is made, so a
// killed terminal loses nothing. Only decisions and where the inventory came from are stored: never tokens
// or connection values. The file is the admin's alone (0600 in a 0700 folder on POSIX). Every failure to
// read or save is a StoreError whose message says what happened and what to do; a failed save is remembered
// (`unsaved`), so nothing afterwards can claim the session was saved.
import {createHash} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type {ReviewPosition, Session, SourceRef, StepId} from '../model/index.js';
import {FAILURE_CODE} from '../model/failure.js';

export const STORE_VERSION = 1;

interface StoreShape {
	storeVersion: number;
	sessions: Record<string, Session>;
}

export class StoreError extends Error {
	readonly [FAILURE_CODE] = 'session-store';
	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'StoreError';
	}
}

export interface SessionStoreOptions {
	/** Folder for the store file; tests and ISE_MIGRATE_CONFIG_DIR set it, else the OS config folder. */
	cwd?: string;
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/** What a file-system error means for the store, and what to do about it. */
export function describeStoreError(error: unknown, doing: string, file: string): StoreError {
	if (error instanceof StoreError) return error;
	const code = (error as NodeJS.ErrnoException).code;
	const where = path.dirname(file);
	const other = `set ISE_MIGRATE_CONFIG_DIR to a folder you can write to`;
	const reason =
		code === 'EACCES' || code === 'EPERM'
			? `permission denied. Check that you own ${where} and can write to it (ls -ld ${where}), or ${other}.`
			: code === 'EROFS'
				? `${where} is on a read-only file system; ${other}.`
				: code === 'ENOSPC'
					? `the disk holding ${where} is full. Free some space and try again.`
					: code === 'ENOTDIR' || code === 'EISDIR'
						? `something other than a folder is in the way of ${file}; move it away, or ${other}.`
						: `${(error as Error).message}.`;
	return new StoreError(`Could not ${doing} the session store ${file}: ${reason}`, {cause: error});
}

/** Sessions are keyed by what they migrate, so opening the same ISE again offers the same session. */
export function sessionIdFor(source: SourceRef, iseId: string): string {
	const key = [source.kind, source.path ?? '', source.subscriptionId ?? '', iseId.toLowerCase()].join('|');
	return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class SessionStore {
	private readonly conf: Conf<StoreShape>;
	/**
	 * Set when a damaged store was set aside on opening. Every command that reads the store shows it
	 * (the CLI prints it when it opens the store; the wizard shows it on the start screen).
	 */
	readonly recovered?: string;
	/** Set when the last attempt to save failed (with why); cleared by the next save that succeeds. */
	unsaved?: string;

	constructor(options: SessionStoreOptions = {}) {
		const cwd = options.cwd ?? process.env.ISE_MIGRATE_CONFIG_DIR;
		const file = this.guessPath(cwd);
		const make = () =>
			new Conf<StoreShape>({
				projectName: 'ise-migrate',
				projectSuffix: '',
				configName: 'sessions',
				...(cwd ? {cwd} : {}),
				configFileMode: FILE_MODE,
				defaults: {storeVersion: STORE_VERSION, sessions: {}},
			});
		this.preparePrivateFolder(file, !cwd);
		try {
			this.conf = make();
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code) throw describeStoreError(error, 'open', file);
			// conf refuses a file it cannot parse. Keep the damaged file for the admin, start a clean store.
			const aside = `${file}.corrupt-${Date.now()}`;
			try {
				readFileSync(file);
				renameSync(file, aside);
				this.conf = make();
			} catch (inner) {
				throw describeStoreError(inner, 'recover', file);
			}
			this.recovered = `The session store ${file} was damaged (${(error as Error).message}); it was kept as ${aside} and a new store was started. Earlier sessions are in that file.`;
		}
		this.tighten(this.conf.path);
		const version = this.conf.get('storeVersion');
		if (typeof version === 'number' && version > STORE_VERSION) {
			throw new StoreError(
				`The session store ${this.conf.path} was written by a newer ise-migrate (store version ${version}). Update ise-migrate, or set ISE_MIGRATE_CONFIG_DIR to use another store.`,
			);
		}
	}

	/**
	 * The store's folder is made 0700 when ise-migrate creates it, or when it is ise-migrate's own folder in
	 * the OS config folder; a folder the admin named (ISE_MIGRATE_CONFIG_DIR) keeps its mode, the file is 0600.
	 */
	private preparePrivateFolder(file: string, ownFolder: boolean): void {
		if (process.platform === 'win32') return;
		const dir = path.dirname(file);
		try {
			if (!existsSync(dir)) mkdirSync(dir, {recursive: true, mode: DIR_MODE});
			else if (ownFolder && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, DIR_MODE);
		} catch (error) {
			throw describeStoreError(error, 'create the folder of', file);
		}
	}

	/** A store file written by an earlier version (0644) is made private. */
	private tighten(file: string): void {
		if (process.platform === 'win32') return;
		try {
			if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, FILE_MODE);
		} catch {
			// Not there yet (conf writes it on the first save, 0600) or not ours to change: nothing to tighten.
		}
	}

	private guessPath(cwd?: string): string {
		if (cwd) return path.join(cwd, 'sessions.json');
		const home = process.env.XDG_CONFIG_HOME ?? path.join(process.env.HOME ?? '.', '.config');
		return path.join(home, 'ise-migrate', 'sessions.json');
	}

	get path(): string {
		return this.conf.path;
	}

	/** conf reads the file on every access: a store made unreadable while running is a StoreError too. */
	private sessions(): Record<string, Session> {
		try {
			return this.conf.get('sessions') ?? {};
		} catch (error) {
			throw describeStoreError(error, 'read', this.conf.path);
		}
	}

	private write(doing: string, change: () => void): void {
		try {
			change();
			this.unsaved = undefined;
		} catch (error) {
			const problem = describeStoreError(error, doing, this.conf.path);
			this.unsaved = problem.message;
			throw problem;
		}
	}

	list(): Session[] {
		return Object.values(this.sessions()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}

	get(id: string): Session | undefined {
		return this.sessions()[id];
	}

	/** The session for this source and ISE, created when absent. */
	open(input: {source: SourceRef; iseId: string; iseName: string; fingerprint: string}): {session: Session; existed: boolean} {
		const id = sessionIdFor(input.source, input.iseId);
		const found = this.get(id);
		if (found) return {session: found, existed: true};
		const now = new Date().toISOString();
		const session: Session = {
			id,
			source: input.source,
			iseName: input.iseName,
			fingerprint: input.fingerprint,
			step: 'ise',
			decisions: {},
			createdAt: now,
			updatedAt: now,
		};
		this.save(session);
		return {session, existed: false};
	}

	save(session: Session): Session {
		const stamped = {...session, updatedAt: new Date().toISOString()};
		this.write('save to', () => this.conf.set(`sessions.${session.id}`, stamped));
		return stamped;
	}

	update(id: string, change: (s: Session) => Session): Session | undefined {
		const s = this.get(id);
		return s ? this.save(change(s)) : undefined;
	}

	setPosition(id: string, step: StepId, position?: ReviewPosition): Session | undefined {
		return this.update(id, ({cursor: _old, ...s}) => ({...s, step, ...(position ? {position} : {position: undefined})}));
	}

	remove(id: string): boolean {
		if (!this.get(id)) return false;
		this.write('remove a session from', () => this.conf.delete(`sessions.${id}` as keyof StoreShape));
		return true;
	}

	/** Ids that start with `prefix` (the whole id matches only itself). */
	matchingIds(prefix: string): string[] {
		const ids = Object.keys(this.sessions());
		return ids.includes(prefix) ? [prefix] : ids.filter((id) => id.startsWith(prefix)).sort();
	}
}
