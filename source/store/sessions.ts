// Sessions on disk through conf (atomic writes). Every decision is saved the moment it is made, so a
// killed terminal loses nothing. Only decisions and where the inventory came from are stored: never tokens
// or connection values.
import {createHash} from 'node:crypto';
import {readFileSync, renameSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type {Decision, ReviewPosition, Session, SourceRef, StepId} from '../model/index.js';

export const STORE_VERSION = 1;

interface StoreShape {
	storeVersion: number;
	sessions: Record<string, Session>;
}

export class StoreError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StoreError';
	}
}

export interface SessionStoreOptions {
	/** Folder for the store file; tests and ISE_MIGRATE_CONFIG_DIR set it, else the OS config folder. */
	cwd?: string;
}

/** Sessions are keyed by what they migrate, so opening the same ISE again offers the same session. */
export function sessionIdFor(source: SourceRef, iseId: string): string {
	const key = [source.kind, source.path ?? '', source.subscriptionId ?? '', iseId.toLowerCase()].join('|');
	return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class SessionStore {
	private readonly conf: Conf<StoreShape>;
	/** Set when a corrupt store was set aside at start-up; the wizard shows it once. */
	readonly recovered?: string;

	constructor(options: SessionStoreOptions = {}) {
		const cwd = options.cwd ?? process.env.ISE_MIGRATE_CONFIG_DIR;
		const make = () =>
			new Conf<StoreShape>({
				projectName: 'ise-migrate',
				projectSuffix: '',
				configName: 'sessions',
				...(cwd ? {cwd} : {}),
				defaults: {storeVersion: STORE_VERSION, sessions: {}},
			});
		try {
			this.conf = make();
		} catch (error) {
			// conf refuses a file it cannot parse. Keep the damaged file for the admin, start a clean store.
			const file = this.guessPath(cwd);
			const aside = `${file}.corrupt-${Date.now()}`;
			try {
				readFileSync(file);
				renameSync(file, aside);
			} catch {
				throw new StoreError(`The session store could not be opened: ${(error as Error).message}`);
			}
			this.conf = make();
			this.recovered = `The session store ${file} was damaged (${(error as Error).message}); it was kept as ${aside} and a new store was started.`;
		}
		const version = this.conf.get('storeVersion');
		if (typeof version === 'number' && version > STORE_VERSION) {
			throw new StoreError(
				`The session store ${this.conf.path} was written by a newer ise-migrate (store version ${version}). Update ise-migrate, or set ISE_MIGRATE_CONFIG_DIR to use another store.`,
			);
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

	list(): Session[] {
		return Object.values(this.conf.get('sessions') ?? {}).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
	}

	get(id: string): Session | undefined {
		return this.conf.get('sessions')?.[id];
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
		this.conf.set(`sessions.${session.id}`, stamped);
		return stamped;
	}

	update(id: string, change: (s: Session) => Session): Session | undefined {
		const s = this.get(id);
		return s ? this.save(change(s)) : undefined;
	}

	decide(id: string, decision: Decision): Session | undefined {
		return this.update(id, (s) => ({...s, decisions: {...s.decisions, [decision.findingId]: decision}}));
	}

	setPosition(id: string, step: StepId, position?: ReviewPosition): Session | undefined {
		return this.update(id, ({cursor: _old, ...s}) => ({...s, step, ...(position ? {position} : {position: undefined})}));
	}

	remove(id: string): boolean {
		if (!this.get(id)) return false;
		this.conf.delete(`sessions.${id}` as keyof StoreShape);
		return true;
	}

	/** For the `sessions rm` command: accepts a unique id prefix. */
	resolveId(prefix: string): string | undefined {
		const ids = Object.keys(this.conf.get('sessions') ?? {}).filter((id) => id.startsWith(prefix));
		return ids.length === 1 ? ids[0] : undefined;
	}
}
