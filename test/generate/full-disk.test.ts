// A full disk in the middle of writing: a clear message, no half-written file, and what landed is kept.
import {spawnSync} from 'node:child_process';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {MANIFEST, write} from '../../source/generate/write.js';
import {fileText} from '../../source/model/fileset.js';
import {tinyTmpfs} from '../helpers/tmpfs.js';

const {mountPoint, mounted} = await tinyTmpfs('ise-full-');

describe.skipIf(!mounted)('writing onto a full disk', () => {
	it('stops with a message that says what happened and keeps every complete file', async () => {
		const files = new Map<string, string>();
		for (let i = 0; i < 20; i++) files.set(`wf${String(i).padStart(2, '0')}/workflow.json`, `${'x'.repeat(8000)}${i}\n`);
		const dir = path.join(mountPoint, 'out');
		await expect(write(files, dir)).rejects.toThrow(/disk holding .* is full\. \d+ of 20 files were written; nothing written earlier was lost/);
		const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as {files: Record<string, string>};
		const recorded = Object.keys(manifest.files);
		expect(recorded.length).toBeGreaterThan(0);
		expect(recorded.length).toBeLessThan(20);
		for (const rel of recorded) expect(await readFile(path.join(dir, rel), 'utf8')).toBe(fileText(files.get(rel)));
		// Space freed, the same run again finishes the job without taking its own files for the admin's edits.
		expect(spawnSync('mount', ['-o', 'remount,size=1m', mountPoint]).status).toBe(0);
		const again = await write(files, dir);
		expect(again.kept).toEqual([]);
		expect(again.unchanged.length + again.written.length).toBe(20);
		expect(again.unchanged.length).toBeGreaterThanOrEqual(recorded.length);
		// No temp files left behind by the atomic writer.
		for (const folder of await readdir(dir)) {
			if (folder === MANIFEST) continue;
			for (const f of await readdir(path.join(dir, folder))) expect(f).toBe('workflow.json');
		}
	});
});
