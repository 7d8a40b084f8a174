import {mkdtemp, mkdir, readFile, readdir, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MANIFEST, NEW_SUFFIX, write, WriteError} from '../../source/generate/write.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'ise-write-'));

describe('write()', () => {
	it('writes every file into a new folder and records a manifest', async () => {
		const dir = path.join(await tmp(), 'out');
		const result = await write(new Map([['a/workflow.json', '{}\n'], ['host.json', '{"v":1}\n']]), dir);
		expect(result.written.sort()).toEqual(['a/workflow.json', 'host.json']);
		expect(await readFile(path.join(dir, 'host.json'), 'utf8')).toBe('{"v":1}\n');
		expect(await readdir(dir)).toContain(MANIFEST);
	});

	it('refuses a non-empty folder it did not create and writes nothing', async () => {
		const dir = await tmp();
		await writeFile(path.join(dir, 'mine.txt'), 'keep');
		await expect(write(new Map([['host.json', '{}']]), dir)).rejects.toThrow(/not empty and was not written by ise-migrate/);
		expect(await readdir(dir)).toEqual(['mine.txt']);
	});

	it('never writes outside the folder', async () => {
		const dir = path.join(await tmp(), 'out');
		for (const bad of ['../evil.json', '/etc/evil', 'a/../../evil', 'a\\b', './x', '']) {
			await expect(write(new Map([[bad, 'x']]), dir)).rejects.toBeInstanceOf(WriteError);
		}
	});

	it('does not follow a symbolic link placed inside the folder', async () => {
		const root = await tmp();
		const dir = path.join(root, 'out');
		await write(new Map([['host.json', '{}']]), dir);
		const outside = path.join(root, 'outside');
		await mkdir(outside);
		await symlink(outside, path.join(dir, 'wf'));
		await expect(write(new Map([['wf/workflow.json', '{}']]), dir)).rejects.toThrow(/symbolic link/);
		expect(await readdir(outside)).toEqual([]);
	});

	it('on a re-run updates its own files but keeps a file the admin edited', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['connections.json', 'v1'], ['host.json', 'h1']]), dir);
		await writeFile(path.join(dir, 'connections.json'), 'edited by admin');
		const result = await write(new Map([['connections.json', 'v2'], ['host.json', 'h2']]), dir);
		expect(result.kept).toEqual(['connections.json']);
		expect(result.written).toEqual(['host.json']);
		expect(await readFile(path.join(dir, 'connections.json'), 'utf8')).toBe('edited by admin');
		expect(await readFile(path.join(dir, `connections.json${NEW_SUFFIX}`), 'utf8')).toBe('v2');
		expect(await readFile(path.join(dir, 'host.json'), 'utf8')).toBe('h2');
	});

	it('reports identical files as unchanged', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', 'h']]), dir);
		const again = await write(new Map([['host.json', 'h']]), dir);
		expect(again.unchanged).toEqual(['host.json']);
		expect(again.written).toEqual([]);
	});
});
