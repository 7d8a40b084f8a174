// Opening a source: make the inventory ready (unique workflow names), resolve and analyse it once, and open the
// session that keeps the admin's decisions for it.
import {analyzeInventory} from '../analysis/index.js';
import type {Session, SourceRef} from '../model/index.js';
import {fingerprint} from '../model/fingerprint.js';
import {uniqueWorkflowNames} from '../model/unique-names.js';
import type {Migration, OpenedSource, SessionRepository, SourcePort} from './types.js';

/** Pure: the inventory made ready, its steps resolved and its findings made. */
export function prepareMigration(opened: OpenedSource): Migration {
	const inventory = uniqueWorkflowNames(opened.inventory);
	const {operations, findings} = analyzeInventory(inventory);
	return {
		inventory,
		operations,
		findings,
		fingerprint: fingerprint(inventory),
		source: opened.source,
		skipped: opened.skipped ?? [],
		...(opened.notice ? {notice: opened.notice} : {}),
	};
}

export interface OpenedSession {
	session: Session;
	/** The session existed before (its decisions apply). */
	existed: boolean;
	/** Decisions were made on an inventory that has since changed. */
	changed: boolean;
	/** Notes for the admin: files skipped, the estate changed, earlier decisions kept. */
	notes: string[];
}

/** The session for this migration, created when absent; a changed inventory keeps the decisions and says so. */
export function openSession(store: SessionRepository, migration: Migration, options: {resume: boolean}): OpenedSession {
	const {session, existed} = store.open({
		source: migration.source,
		iseId: migration.inventory.ise.id,
		iseName: migration.inventory.ise.name,
		fingerprint: migration.fingerprint,
	});
	const changed = existed && session.fingerprint !== migration.fingerprint;
	const current = changed ? (store.update(session.id, (s) => ({...s, fingerprint: migration.fingerprint})) ?? session) : session;
	const kept = Object.keys(current.decisions).length;
	const notes = [
		migration.notice,
		changed ? 'The ISE has changed since these decisions were made: they are kept where the same findings still exist; review again.' : undefined,
		existed && !options.resume && kept > 0 ? `${kept} earlier decision${kept === 1 ? ' was' : 's were'} kept from the saved session.` : undefined,
	].filter((n): n is string => Boolean(n));
	return {session: current, existed, changed, notes};
}

/** Reads a saved session's offline source again. Live-Azure sessions are reopened by signing in. */
export async function reopenSource(sources: SourcePort, source: SourceRef, onProgress?: (text: string) => void, signal?: AbortSignal): Promise<OpenedSource> {
	if (source.kind === 'demo') return sources.demo();
	if (source.path) return sources.path(source.path, onProgress, signal);
	throw new Error('This session was made from live Azure: it is reopened by signing in (choose it on the start screen).');
}
