import {spawnSync} from 'node:child_process';
import {chmod, lstat, mkdir, readFile, readdir, rm, stat, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {nodeFileOps, removeStaleTemps, writeFileAtomic} from '../../source/atomic-file.js';
import {JOURNAL, MANIFEST, NEW_SUFFIX, nodeDisk, write, WriteError} from '../../source/generate/write.js';
import {LOCK} from '../../source/folder-lock.js';
import {tempFolders} from '../helpers/temp.js';

const tmp = tempFolders('write');

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

	it('removes the files of a workflow left out since the last run, and its folder; keeps and reports one the admin edited', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', '{}\n'], ['a/workflow.json', '{"a":1}\n'], ['b/workflow.json', '{"b":1}\n'], ['c/workflow.json', '{"c":1}\n']]), dir);
		await writeFile(path.join(dir, 'b/workflow.json'), '{"b":"edited"}\n');
		await writeFile(path.join(dir, 'c/notes.txt'), 'the admin\'s own file\n');
		const result = await write(new Map([['host.json', '{}\n']]), dir);
		expect(result.removed).toEqual(['a/workflow.json', 'c/workflow.json']);
		expect(result.keptStale).toEqual(['b/workflow.json']);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'b', 'c', 'host.json'].sort());
		// A folder with something else of the admin's in it stays; the edited file stays as edited.
		expect(await readdir(path.join(dir, 'c'))).toEqual(['notes.txt']);
		expect(await readFile(path.join(dir, 'b/workflow.json'), 'utf8')).toBe('{"b":"edited"}\n');
		const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8'));
		expect(Object.keys(manifest.files).sort()).toEqual(['b/workflow.json', 'host.json']);
		// The next run reports the edited one again, and a run that generates it again writes beside it.
		expect((await write(new Map([['host.json', '{}\n']]), dir)).keptStale).toEqual(['b/workflow.json']);
		expect((await write(new Map([['host.json', '{}\n'], ['b/workflow.json', '{"b":2}\n']]), dir)).kept).toEqual(['b/workflow.json']);
	});

	it('removes the folder a failed run emptied: its file already gone, the manifest still naming it', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', '{}\n'], ['a/workflow.json', '{"a":1}\n'], ['b/workflow.json', '{"b":1}\n']]), dir);
		// What a run that stopped after removing the file, before its folder and the manifest, leaves behind.
		await rm(path.join(dir, 'a/workflow.json'));
		const result = await write(new Map([['host.json', '{}\n'], ['b/workflow.json', '{"b":1}\n']]), dir);
		expect(result.removed).toEqual([]);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'b', 'host.json'].sort());
		const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8'));
		expect(Object.keys(manifest.files).sort()).toEqual(['b/workflow.json', 'host.json']);
	});

	it('reports identical files as unchanged', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', 'h']]), dir);
		const again = await write(new Map([['host.json', 'h']]), dir);
		expect(again.unchanged).toEqual(['host.json']);
		expect(again.written).toEqual([]);
	});

	it('merges a connections.json the admin edited: new entries added, the admin\'s kept, differences reported', async () => {
		const dir = path.join(await tmp(), 'out');
		const v1 = {serviceProviderConnections: {sql: {displayName: 'SQL'}}, managedApiConnections: {}};
		await write(new Map([['connections.json', JSON.stringify(v1)]]), dir);
		const edited = {serviceProviderConnections: {sql: {displayName: 'SQL (prod)'}, mine: {displayName: 'added by hand'}}, managedApiConnections: {}};
		await writeFile(path.join(dir, 'connections.json'), JSON.stringify(edited));
		const v2 = {serviceProviderConnections: {sql: {displayName: 'SQL'}, servicebus: {displayName: 'SB'}}, managedApiConnections: {office365: {api: {}}}};
		const result = await write(new Map([['connections.json', JSON.stringify(v2)]]), dir);
		expect(result.kept).toEqual([]);
		expect(result.merged).toEqual([
			{file: 'connections.json', added: ['serviceProviderConnections.servicebus', 'managedApiConnections.office365'], conflicts: ['serviceProviderConnections.sql']},
		]);
		const merged = JSON.parse(await readFile(path.join(dir, 'connections.json'), 'utf8'));
		expect(merged.serviceProviderConnections).toEqual({sql: {displayName: 'SQL (prod)'}, mine: {displayName: 'added by hand'}, servicebus: {displayName: 'SB'}});
		expect(merged.managedApiConnections.office365).toBeDefined();
		// Still the admin's file: a third run merges again rather than overwriting.
		const third = await write(new Map([['connections.json', JSON.stringify(v1)]]), dir);
		expect(third.merged[0]?.file).toBe('connections.json');
		expect(JSON.parse(await readFile(path.join(dir, 'connections.json'), 'utf8')).serviceProviderConnections.mine).toBeDefined();
	});

	it('keeps an edited JSON file that no longer parses, and writes the new one beside it', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['parameters.json', '{}']]), dir);
		await writeFile(path.join(dir, 'parameters.json'), '{ half-typed');
		const result = await write(new Map([['parameters.json', '{"a":{"type":"String","value":"x"}}']]), dir);
		expect(result.kept).toEqual(['parameters.json']);
		expect(await readFile(path.join(dir, 'parameters.json'), 'utf8')).toBe('{ half-typed');
	});
});

describe('write(): private files and leftovers', () => {
	const mode = async (f: string) => (await stat(f)).mode & 0o777;

	it('creates local.settings.json readable by its owner only, and tightens one found readable by others', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['local.settings.json', '{"Values":{}}\n'], ['host.json', '{}\n']]), dir);
		expect(await mode(path.join(dir, 'local.settings.json'))).toBe(0o600);
		expect(await mode(path.join(dir, 'host.json'))).not.toBe(0o600);
		// The admin filled in a secret and the file is world-readable (as earlier versions created it).
		await writeFile(path.join(dir, 'local.settings.json'), '{"Values":{"sql":"Server=secret"}}\n');
		await chmod(path.join(dir, 'local.settings.json'), 0o644);
		const again = await write(new Map([['local.settings.json', '{"Values":{"new":""}}\n']]), dir);
		expect(again.kept).toEqual(['local.settings.json']);
		expect(await readFile(path.join(dir, 'local.settings.json'), 'utf8')).toContain('Server=secret');
		expect(await mode(path.join(dir, 'local.settings.json'))).toBe(0o600);
		expect(await mode(path.join(dir, `local.settings.json${NEW_SUFFIX}`))).toBe(0o600);
	});

	it('removes the manifest temp file an earlier version left behind after a kill, and leaves no journal', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', 'h']]), dir);
		await writeFile(path.join(dir, '.ise-migrate.json.4242.0badc0de.tmp'), '{"tool":');
		await write(new Map([['host.json', 'h2']]), dir);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'host.json']);
	});

	it('treats a folder holding only its journal (killed before the first manifest) as its own', async () => {
		const dir = path.join(await tmp(), 'out');
		await mkdir(dir);
		await writeFile(path.join(dir, JOURNAL), '{"p":"host.json","h":"0"');
		const result = await write(new Map([['host.json', 'h']]), dir);
		expect(result.written).toEqual(['host.json']);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'host.json']);
	});

	it('refuses paths it keeps for itself', async () => {
		const dir = path.join(await tmp(), 'out');
		for (const bad of [MANIFEST, JOURNAL, `a/x.json${NEW_SUFFIX}`, 'a/x.json.ise-migrate-tmp']) {
			await expect(write(new Map([[bad, 'x']]), dir)).rejects.toThrow(/reserved for ise-migrate/);
		}
	});
});

describe('the atomic writer: its temp file is its own', () => {
	it('does not write through a symbolic link planted at the temp name earlier versions used', async () => {
		const root = await tmp();
		const outside = path.join(root, 'outside.txt');
		await writeFile(outside, 'not yours\n');
		const target = path.join(root, 'inside', 'contoso.snapshot.json');
		await mkdir(path.dirname(target));
		await symlink(outside, `${target}.ise-migrate-tmp`);
		await writeFileAtomic(target, '{"snapshot":1}\n');
		expect(await readFile(outside, 'utf8')).toBe('not yours\n');
		expect((await lstat(target)).isFile()).toBe(true);
		expect(await readFile(target, 'utf8')).toBe('{"snapshot":1}\n');
	});

	it('a project re-run does not write through such a link beside one of its files either', async () => {
		const root = await tmp();
		const dir = path.join(root, 'out');
		await write(new Map([['host.json', '{}\n'], ['a/workflow.json', '{}\n']]), dir);
		const outside = path.join(root, 'outside.txt');
		await writeFile(outside, 'not yours\n');
		for (const rel of ['host.json', 'a/workflow.json']) await symlink(outside, path.join(dir, `${rel}.ise-migrate-tmp`));
		const result = await write(new Map([['host.json', '{"v":2}\n'], ['a/workflow.json', '{"v":2}\n']]), dir);
		expect(result.written).toEqual(['a/workflow.json', 'host.json']);
		expect(await readFile(outside, 'utf8')).toBe('not yours\n');
		expect(await readFile(path.join(dir, 'host.json'), 'utf8')).toBe('{"v":2}\n');
		expect((await lstat(path.join(dir, 'a/workflow.json'))).isFile()).toBe(true);
	});

	it('two writes of one file at once both land whole: they share no temp file', async () => {
		const target = path.join(await tmp(), 'report.json');
		// Both temps are written before either is renamed: the interleaving that made one writer rename the other's temp.
		let release!: () => void;
		const bothWritten = new Promise<void>((resolve) => (release = resolve));
		let written = 0;
		const ops = {
			...nodeFileOps,
			async writeFile(file: string, content: string | Uint8Array, options: {mode?: number; sync?: boolean}) {
				await nodeFileOps.writeFile(file, content, options);
				if (++written === 2) release();
			},
			async rename(from: string, to: string) {
				await bothWritten;
				await nodeFileOps.rename(from, to);
			},
		};
		const a = `${'a'.repeat(50_000)}\n`;
		const b = `${'b'.repeat(10)}\n`;
		await Promise.all([writeFileAtomic(target, a, {}, ops), writeFileAtomic(target, b, {}, ops)]);
		expect([a, b]).toContain(await readFile(target, 'utf8'));
		expect(await readdir(path.dirname(target))).toEqual(['report.json']);
	});

	it('beside a single file (a snapshot), the temps of killed writes go after the next write; a live one and others stay', async () => {
		const root = await tmp();
		const target = path.join(root, 'contoso.snapshot.json');
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		const outside = path.join(root, 'outside.txt');
		await writeFile(outside, 'not yours\n');
		const leftovers = {
			killed: `contoso.snapshot.json.${dead}.0badc0de.ise-migrate-tmp`,
			older: 'contoso.snapshot.json.ise-migrate-tmp',
			live: `contoso.snapshot.json.${process.pid}.feed.ise-migrate-tmp`,
			other: `other.json.${dead}.0badc0de.ise-migrate-tmp`,
		};
		await writeFile(path.join(root, leftovers.killed), '{"half');
		await symlink(outside, path.join(root, leftovers.older));
		await writeFile(path.join(root, leftovers.live), '{"in flight');
		await writeFile(path.join(root, leftovers.other), '{"half');
		await writeFileAtomic(target, '{"snapshot":1}\n');
		expect((await removeStaleTemps(target)).sort()).toEqual([leftovers.killed, leftovers.older].sort());
		expect((await readdir(root)).sort()).toEqual(['contoso.snapshot.json', leftovers.live, leftovers.other, 'outside.txt'].sort());
		expect(await readFile(outside, 'utf8')).toBe('not yours\n');
	});

	it('a re-run removes the temps a killed run left for the files it journaled, and nothing else', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', '{}\n'], ['a/workflow.json', '{}\n']]), dir);
		// A run killed after journaling a/workflow.json, with its temp (and one of an earlier version) still there.
		await writeFile(path.join(dir, JOURNAL), `${JSON.stringify({p: 'a/workflow.json', h: '0', k: 'own'})}\n`);
		await writeFile(path.join(dir, 'a/workflow.json.4242.0badc0de.ise-migrate-tmp'), '{"half');
		await writeFile(path.join(dir, 'a/workflow.json.ise-migrate-tmp'), '{"half');
		await writeFile(path.join(dir, 'a/notes.txt.4242.0badc0de.ise-migrate-tmp'), 'the admin\'s, oddly named');
		await write(new Map([['host.json', '{}\n'], ['a/workflow.json', '{"v":2}\n']]), dir);
		expect((await readdir(path.join(dir, 'a'))).sort()).toEqual(['notes.txt.4242.0badc0de.ise-migrate-tmp', 'workflow.json']);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'a', 'host.json']);
	});
});

describe('write(): one writer per folder', () => {
	it('a second run into a folder being written is refused with who holds it; once done, the folder is free again', async () => {
		const dir = path.join(await tmp(), 'out');
		let letGo!: () => void;
		const held = new Promise<void>((resolve) => (letGo = resolve));
		let started!: () => void;
		const writing = new Promise<void>((resolve) => (started = resolve));
		// The first run stops inside its first file until let go.
		const slow = {
			...nodeDisk,
			async writeFile(file: string, content: string | Uint8Array, options: {mode?: number; sync?: boolean}) {
				started();
				await held;
				await nodeDisk.writeFile(file, content, options);
			},
		};
		const first = write(new Map([['host.json', '{}\n']]), dir, {disk: slow});
		await writing;
		await expect(write(new Map([['host.json', '{"v":2}\n']]), dir)).rejects.toThrow(new RegExp(`Another ise-migrate \\(process ${process.pid}, since .*\\) is writing into .*out\\. Wait for it`));
		letGo();
		await first;
		expect(await readdir(dir)).not.toContain(LOCK);
		await write(new Map([['host.json', '{"v":2}\n']]), dir);
		expect(await readFile(path.join(dir, 'host.json'), 'utf8')).toBe('{"v":2}\n');
	});

	it('the lock of a run that was killed is taken over', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(new Map([['host.json', '{}\n']]), dir);
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		await writeFile(path.join(dir, LOCK), `${JSON.stringify({pid: dead, host: os.hostname(), since: '2026-12-07T00:00:00Z'})}\n`);
		const result = await write(new Map([['host.json', '{"v":2}\n']]), dir);
		expect(result.written).toEqual(['host.json']);
		expect((await readdir(dir)).sort()).toEqual([MANIFEST, 'host.json']);
	});

	it('a folder that is not ours gets nothing, not even the lock', async () => {
		const dir = await tmp();
		await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
		await expect(write(new Map([['host.json', '{}\n']]), dir)).rejects.toThrow(/is not empty and was not written by ise-migrate/);
		expect(await readdir(dir)).toEqual(['notes.txt']);
	});
});
