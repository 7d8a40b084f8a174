import {mkdtemp, readFile, readdir, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {SessionStore, StoreError} from '../../source/store/sessions.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'ise-store-'));
const source = {kind: 'demo' as const};

describe('SessionStore', () => {
	it('saves each decision at once and a new store instance sees it', async () => {
		const cwd = await tmp();
		const a = new SessionStore({cwd});
		const {session, existed} = a.open({source, iseId: '/x/ISE', iseName: 'ise', fingerprint: 'f1'});
		expect(existed).toBe(false);
		a.decide(session.id, {findingId: 'sku:ise', optionId: 'ws2', decidedAt: 't'});
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
		expect(store.resolveId(session.id.slice(0, 6))).toBe(session.id);
		const text = await readFile(path.join(cwd, 'sessions.json'), 'utf8');
		expect(Object.keys(JSON.parse(text).sessions[session.id]).sort()).toEqual(
			['createdAt', 'decisions', 'fingerprint', 'id', 'iseName', 'source', 'step', 'updatedAt'].sort(),
		);
		expect(store.remove(session.id)).toBe(true);
		expect(store.list()).toEqual([]);
	});
});
