import {chmod, readFile, readdir, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {SessionStore, StoreError} from '../../source/store/sessions.js';
import {makeReadOnly} from '../helpers/read-only.js';
import {tempFolders} from '../helpers/temp.js';

const tmp = tempFolders('store');
const mode = async (p: string) => (await stat(p)).mode & 0o777;
const source = {kind: 'demo' as const};
/** One decision, saved the way the wizard saves every change: an update of the session. */
const decide = (store: SessionStore, id: string) => store.update(id, (s) => ({...s, decisions: {...s.decisions, 'sku:ise': {findingId: 'sku:ise', optionId: 'ws2', decidedAt: 't'}}}));

describe('SessionStore', () => {
	it('saves each decision at once and a new store instance sees it', async () => {
		const cwd = await tmp();
		const a = new SessionStore({cwd});
		const {session, existed} = a.open({source, iseId: '/x/ISE', iseName: 'ise', fingerprint: 'f1'});
		expect(existed).toBe(false);
		decide(a, session.id);
		a.setPosition(session.id, 'resolve', {focus: 'sku:ise', filter: 'undecided'});
		const b = new SessionStore({cwd});
		const again = b.open({source, iseId: '/x/ise', iseName: 'ise', fingerprint: 'f1'});
		expect(again.existed).toBe(true);
		expect(again.session.decisions['sku:ise']?.optionId).toBe('ws2');
		expect(again.session.step).toBe('resolve');
		expect(again.session.position).toEqual({focus: 'sku:ise', filter: 'undecided'});
	});

	it('keeps a damaged store file aside and starts clean', async () => {
		const cwd = await tmp();
		await writeFile(path.join(cwd, 'sessions.json'), '{"sessions": {broken');
		const store = new SessionStore({cwd});
		expect(store.recovered).toMatch(/damaged/);
		expect(store.list()).toEqual([]);
		const files = await readdir(cwd);
		const aside = files.find((f) => f.startsWith('sessions.json.corrupt-'));
		expect(aside).toBeDefined();
		expect(await readFile(path.join(cwd, aside!), 'utf8')).toBe('{"sessions": {broken');
	});

	it('refuses a store written by a newer version', async () => {
		const cwd = await tmp();
		await writeFile(path.join(cwd, 'sessions.json'), JSON.stringify({storeVersion: 99, sessions: {}}));
		expect(() => new SessionStore({cwd})).toThrow(StoreError);
	});

	it('removes by unique prefix and never stores anything but decisions and the source', async () => {
		const cwd = await tmp();
		const store = new SessionStore({cwd});
		const {session} = store.open({source: {kind: 'snapshot', path: '/tmp/s.json'}, iseId: 'id', iseName: 'n', fingerprint: 'f'});
		expect(store.matchingIds(session.id.slice(0, 6))).toEqual([session.id]);
		const text = await readFile(path.join(cwd, 'sessions.json'), 'utf8');
		expect(Object.keys(JSON.parse(text).sessions[session.id]).sort()).toEqual(
			['createdAt', 'decisions', 'fingerprint', 'id', 'iseName', 'source', 'step', 'updatedAt'].sort(),
		);
		expect(store.remove(session.id)).toBe(true);
		expect(store.list()).toEqual([]);
	});

	it('keeps the store readable by its owner only: the file 0600 in a 0700 folder', async () => {
		const cwd = path.join(await tmp(), 'new', 'ise-migrate');
		const store = new SessionStore({cwd});
		store.open({source, iseId: 'id', iseName: 'n', fingerprint: 'f'});
		expect(await mode(cwd)).toBe(0o700);
		expect(await mode(store.path)).toBe(0o600);
		// A store an earlier version created readable by others is made private when opened.
		await chmod(store.path, 0o644);
		new SessionStore({cwd});
		expect(await mode(store.path)).toBe(0o600);
	});

	it('a save that fails says why and what to do, and is remembered until a save succeeds', async () => {
		const cwd = await tmp();
		const store = new SessionStore({cwd});
		const {session} = store.open({source, iseId: 'id', iseName: 'n', fingerprint: 'f'});
		const undo = makeReadOnly(cwd);
		if (!undo) return;
		let error: unknown;
		try {
			decide(store, session.id);
		} catch (e) {
			error = e;
		} finally {
			undo();
		}
		expect(error).toBeInstanceOf(StoreError);
		expect((error as Error).message).toMatch(/Could not save to the session store .*sessions\.json: permission denied\. Check that you own .* or set ISE_MIGRATE_CONFIG_DIR/);
		expect(store.unsaved).toBe((error as Error).message);
		expect(store.get(session.id)?.decisions).toEqual({});
		decide(store, session.id);
		expect(store.unsaved).toBeUndefined();
	});

	it('lists every session an ambiguous prefix matches', async () => {
		const cwd = await tmp();
		await writeFile(path.join(cwd, 'sessions.json'), JSON.stringify({storeVersion: 1, sessions: {abc111: {id: 'abc111'}, abc222: {id: 'abc222'}, def333: {id: 'def333'}}}));
		const store = new SessionStore({cwd});
		expect(store.matchingIds('abc')).toEqual(['abc111', 'abc222']);
		expect(store.matchingIds('abc2')).toEqual(['abc222']);
		expect(store.matchingIds('zzz')).toEqual([]);
	});
});
