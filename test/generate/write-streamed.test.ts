// Streamed documents (report.md, report.json, cutover.md at thousands of workflows) are written as they are
// made, once per run, and placed like any other file: unchanged when equal, kept with the new one beside it when
// the admin edited theirs; a failure or a kill leaves no temp file and never a half document in place.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {JOURNAL, MANIFEST, NEW_SUFFIX, nodeDisk, write} from '../../source/generate/write.js';
import {Killed} from '../helpers/killing-disk.js';
import {streamedLines} from '../../source/generate/utf8-text.js';
import {fileText, type FileContent, type StreamedContent} from '../../source/model/index.js';
import {tempFolders} from '../helpers/temp.js';
import {tinyTmpfs} from '../helpers/tmpfs.js';

const tmp = tempFolders('write-streamed');

/** A document of `lines` lines that counts how often it was made. */
function document(lines: number, tag = 'v1'): StreamedContent & {made: number} {
	const inner = streamedLines((L) => {
		for (let i = 0; i < lines; i++) L.push(`- line ${i} of the ${tag} report → ${'x'.repeat(60)}`);
	});
	const doc = {
		kind: 'streamed' as const,
		made: 0,
		write(sink: (chunk: Uint8Array) => void) {
			doc.made++;
			inner.write(sink);
		},
	};
	return doc;
}

const files = (doc: FileContent): Map<string, FileContent> => new Map([['host.json', '{}\n'], ['migration/report.md', doc]]);
const temps = async (dir: string) => (await readdir(dir, {recursive: true})).filter((f) => String(f).includes('ise-migrate-tmp'));

describe('write(): streamed documents', () => {
	it('writes the document as made, once, in more than one chunk, and records its hash', async () => {
		const dir = path.join(await tmp(), 'out');
		const doc = document(5000);
		let chunks = 0;
		doc.write(() => chunks++);
		doc.made = 0;
		expect(chunks).toBeGreaterThan(1);
		const result = await write(files(doc), dir);
		expect(doc.made).toBe(1);
		expect(result.written).toContain('migration/report.md');
		const onDisk = await readFile(path.join(dir, 'migration/report.md'), 'utf8');
		expect(onDisk).toBe(fileText(doc));
		const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as {files: Record<string, string>};
		expect(manifest.files['migration/report.md']).toBe(createHash('sha256').update(onDisk).digest('hex'));
		expect(await temps(dir)).toEqual([]);
	});

	it('on a re-run: unchanged when equal, replaced when still ours, kept with the new one beside it when edited', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(files(document(300, 'v1')), dir);
		const same = await write(files(document(300, 'v1')), dir);
		expect(same.unchanged).toContain('migration/report.md');
		const newer = await write(files(document(300, 'v2')), dir);
		expect(newer.written).toContain('migration/report.md');
		expect(await readFile(path.join(dir, 'migration/report.md'), 'utf8')).toContain('v2 report');
		await writeFile(path.join(dir, 'migration/report.md'), 'my notes\n');
		const edited = await write(files(document(300, 'v3')), dir);
		expect(edited.kept).toEqual(['migration/report.md']);
		expect(await readFile(path.join(dir, 'migration/report.md'), 'utf8')).toBe('my notes\n');
		expect(await readFile(path.join(dir, `migration/report.md${NEW_SUFFIX}`), 'utf8')).toBe(fileText(document(300, 'v3')));
		expect(await temps(dir)).toEqual([]);
	});

	it('a document that fails while it is made stops the run before any file of it is placed, and says what failed', async () => {
		const dir = path.join(await tmp(), 'out');
		// More files than one batch, so files before and after the document in path order are both at stake.
		const project = (version: string, doc: FileContent) =>
			new Map<string, FileContent>([
				...Array.from({length: 600}, (_, i) => [`a${String(i).padStart(4, '0')}/workflow.json`, `{"v": "${version}"}\n`] as [string, string]),
				['migration/report.md', doc],
				['z/workflow.json', `{"v": "${version}"}\n`],
			]);
		await write(project('v1', document(300, 'v1')), dir);
		const before = await readFile(path.join(dir, 'migration/report.md'), 'utf8');
		const failing: StreamedContent = {
			kind: 'streamed',
			write(sink) {
				document(5000, 'v2').write(sink);
				throw new TypeError('the report could not be made');
			},
		};
		const error = await write(project('v2', failing), dir).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TypeError);
		expect((error as Error).message).toBe('the report could not be made');
		expect(await readFile(path.join(dir, 'migration/report.md'), 'utf8')).toBe(before);
		for (const rel of ['a0000/workflow.json', 'a0599/workflow.json', 'z/workflow.json']) expect(await readFile(path.join(dir, rel), 'utf8')).toBe('{"v": "v1"}\n');
		expect(await temps(dir)).toEqual([]);
		// The next run finishes the job.
		const again = await write(project('v2', document(300, 'v2')), dir);
		expect(again.kept).toEqual([]);
		expect(await readFile(path.join(dir, 'a0000/workflow.json'), 'utf8')).toBe('{"v": "v2"}\n');
	});

	it('a run that fails after the document was made (its journal cannot be written) takes the temp of the document away', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(files(document(10)), dir);
		const disk = {...nodeDisk, appendSynced: () => Promise.reject(Object.assign(new Error('I/O error'), {code: 'EIO'}))};
		await expect(write(files(document(3000, 'v2')), dir, {disk})).rejects.toThrow(/I\/O error/);
		expect(await readFile(path.join(dir, 'migration/report.md'), 'utf8')).toBe(fileText(document(10)));
		expect(await temps(dir)).toEqual([]);
	});

	it('the temp of a run killed while it made the document goes with the next run', async () => {
		const dir = path.join(await tmp(), 'out');
		await write(files(document(10)), dir);
		// What such a run leaves: the path journaled with no hash yet, and half a temp.
		const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
		await writeFile(path.join(dir, JOURNAL), `${JSON.stringify({p: 'migration/report.md', h: '', k: 'own'})}\n`);
		await writeFile(path.join(dir, `migration/report.md.${dead}.0badc0de.ise-migrate-tmp`), '# half a rep');
		const again = await write(files(document(10)), dir);
		expect(again.unchanged).toContain('migration/report.md');
		expect(await temps(dir)).toEqual([]);
		expect(await readdir(dir)).not.toContain(JOURNAL);
	});

	it('a first run into a new folder killed while it made the document leaves a folder the next run takes as its own', async () => {
		const dir = path.join(await tmp(), 'out');
		// Killed as it starts the document: from then on nothing reaches the disk (no cleanup, no manifest).
		let dead = false;
		const disk = Object.fromEntries(
			Object.entries(nodeDisk).map(([name, op]: [string, (...args: never[]) => Promise<unknown>]) => [
				name,
				(...args: never[]) => {
					if (name === 'writeStreamed') dead = true;
					return dead ? Promise.reject(new Killed()) : op(...args);
				},
			]),
		) as unknown as typeof nodeDisk;
		await expect(write(files(document(10)), dir, {disk})).rejects.toThrow();
		const again = await write(files(document(10)), dir);
		expect(again.written).toContain('migration/report.md');
	});
});

const {mountPoint, mounted} = await tinyTmpfs('ise-full-streamed-');

describe.skipIf(!mounted)('a streamed document onto a full disk', () => {
	it('stops with the full-disk message, keeps the earlier document whole and leaves no temp file', async () => {
		const dir = path.join(mountPoint, 'out');
		await write(files(document(100, 'v1')), dir);
		const before = await readFile(path.join(dir, 'migration/report.md'), 'utf8');
		await expect(write(files(document(5000, 'v2')), dir)).rejects.toThrow(/disk holding .* is full/);
		expect(await readFile(path.join(dir, 'migration/report.md'), 'utf8')).toBe(before);
		expect(await temps(dir)).toEqual([]);
	});
});
