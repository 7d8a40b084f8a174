import type {SessionStore} from '../store/sessions.js';
import {stepTitle} from '../wizard/steps.js';
import {UsageError, type Io} from './io.js';

export function runSessions(args: string[], flags: {json?: boolean}, io: Io, store: SessionStore): number {
	const [sub, id] = args;
	if (sub === 'rm' || sub === 'remove') {
		if (!id) throw new UsageError('sessions rm needs a session id (see `ise-migrate sessions`)');
		const full = store.resolveId(id);
		if (!full) throw new UsageError(`no saved session matches '${id}'`);
		store.remove(full);
		io.stdout(`Removed session ${full}.\n`);
		return 0;
	}
	if (sub) throw new UsageError(`unknown sessions command '${sub}': use \`sessions\` or \`sessions rm ID\``);
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
