import type {SessionRepository} from '../migration/index.js';
import {stepTitle} from '../model/index.js';
import {UsageError, type Io} from './io.js';

/**
 * The session a typed id or unique prefix names. None, or several, is bad usage (exit 2), and the message
 * says which sessions there are to choose from.
 */
export function resolveSessionId(store: SessionRepository, prefix: string): string {
	const ids = store.matchingIds(prefix);
	if (ids.length === 1) return ids[0]!;
	if (ids.length === 0) throw new UsageError(`no saved session matches '${prefix}' (see \`ise-migrate sessions\`)`);
	const list = ids.map((id) => `  ${id}  ${store.get(id)?.iseName ?? ''}`.trimEnd()).join('\n');
	throw new UsageError(`'${prefix}' matches ${ids.length} saved sessions; give more of the id:\n${list}`);
}

/** `sessions rm ID`: removes the one session a full id or unique prefix names. */
export function removeSession(id: string | undefined, flags: {json?: boolean}, io: Io, store: SessionRepository): number {
	if (!id) throw new UsageError('sessions rm needs a session id (see `ise-migrate sessions`)');
	const full = resolveSessionId(store, id);
	store.remove(full);
	io.stdout(flags.json ? `${JSON.stringify({ok: true, removed: full}, null, 2)}\n` : `Removed session ${full}.\n`);
	return 0;
}

/** `sessions`: every saved session, newest first. (The argument parser has refused anything after the word.) */
export function listSessions(flags: {json?: boolean}, io: Io, store: SessionRepository): number {
	const sessions = store.list();
	if (flags.json) {
		io.stdout(`${JSON.stringify(sessions.map((s) => ({id: s.id, ise: s.iseName, source: s.source, step: s.step, decisions: Object.keys(s.decisions).length, updatedAt: s.updatedAt, outDir: s.outDir})), null, 2)}\n`);
		return 0;
	}
	if (sessions.length === 0) {
		io.stdout(`No saved sessions (store: ${store.path}).\n`);
		return 0;
	}
	for (const s of sessions) {
		io.stdout(`${s.id}  ${s.iseName.padEnd(24)} ${stepTitle(s.step).padEnd(15)} ${String(Object.keys(s.decisions).length).padStart(3)} decisions  ${s.updatedAt}  ${s.source.path ?? s.source.kind}\n`);
	}
	return 0;
}
