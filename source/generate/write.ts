// write(): the only step that touches the disk. It never writes outside the chosen folder, never writes
// into a folder of someone else's files, and never overwrites a file the admin changed since the last run.
import {createHash} from 'node:crypto';
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {writeFileAtomic} from '../atomic-file.js';
import type {FileSet} from '../model/index.js';
import {mergeJsonFile} from './merge.js';

export const MANIFEST = '.ise-migrate.json';
/** Suffix of the freshly generated copy written beside a file the admin has edited. */
export const NEW_SUFFIX = '.ise-migrate-new';

export class WriteError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WriteError';
	}
}

export interface WriteResult {
	dir: string;
	written: string[];
	unchanged: string[];
	/** Files the admin edited: left alone, the new version written beside them with NEW_SUFFIX. */
	kept: string[];
	/** connections.json / parameters.json the admin edited: new entries added, the admin's kept. */
	merged: {file: string; added: string[]; conflicts: string[]}[];
}

interface Manifest {
	tool: 'ise-migrate';
	files: Record<string, string>;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A FileSet key must be a plain relative POSIX path that stays inside the folder. */
export function checkRelativePath(rel: string): string | undefined {
	if (!rel || rel.includes('\0') || rel.includes('\\')) return 'has an empty name, a NUL or a backslash';
	if (path.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'is absolute';
	const parts = rel.split('/');
	if (parts.some((p) => p === '..' || p === '.' || p === '')) return 'contains "..", "." or an empty segment';
	if (rel === MANIFEST) return 'is reserved for ise-migrate';
	return undefined;
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
	try {
		const parsed = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
		return parsed?.tool === 'ise-migrate' && typeof parsed.files === 'object' ? parsed : undefined;
	} catch {
		return undefined;
	}
}

async function readIfExists(file: string): Promise<string | undefined> {
	try {
		return await fs.readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Refuse to follow a symlink anywhere between the folder and the file: it could lead outside. */
async function assertNoSymlink(root: string, rel: string): Promise<void> {
	let current = root;
	for (const part of rel.split('/')) {
		current = path.join(current, part);
		try {
			const st = await fs.lstat(current);
			if (st.isSymbolicLink()) throw new WriteError(`${rel}: ${path.relative(root, current)} is a symbolic link; ise-migrate does not write through links. Remove it or choose another folder.`);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
	}
}

function describeFsError(error: unknown, dir: string, done: number, total: number): WriteError {
	const code = (error as NodeJS.ErrnoException).code;
	const progress = `${done} of ${total} files were written; nothing written earlier was lost.`;
	switch (code) {
		case 'ENOSPC':
			return new WriteError(`The disk holding ${dir} is full. ${progress} Free some space and run generate again: finished files are kept.`);
		case 'EACCES':
		case 'EPERM':
			return new WriteError(`No permission to write in ${dir}. ${progress} Choose a folder you can write to.`);
		case 'EROFS':
			return new WriteError(`${dir} is on a read-only file system. Choose another folder.`);
		default:
			return new WriteError(`Could not write into ${dir}: ${(error as Error).message}. ${progress}`);
	}
}

export async function write(files: FileSet, dir: string): Promise<WriteResult> {
	const root = path.resolve(dir);
	for (const rel of files.keys()) {
		const problem = checkRelativePath(rel);
		if (problem) throw new WriteError(`Refusing to write '${rel}': the path ${problem}.`);
	}

	let existing: string[] = [];
	try {
		const st = await fs.stat(root);
		if (!st.isDirectory()) throw new WriteError(`${root} exists and is not a folder. Choose another output folder.`);
		existing = await fs.readdir(root);
	} catch (error) {
		if (error instanceof WriteError) throw error;
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(error, root, 0, files.size);
	}
	const manifest = existing.length > 0 ? await readManifest(root) : undefined;
	if (existing.length > 0 && !manifest) {
		throw new WriteError(
			`${root} is not empty and was not written by ise-migrate, so nothing was written. Choose a new or empty folder (the default is ./<ise-name>-standard).`,
		);
	}

	const previous = manifest?.files ?? {};
	const next: Manifest = {tool: 'ise-migrate', files: {...previous}};
	const result: WriteResult = {dir: root, written: [], unchanged: [], kept: [], merged: []};
	let done = 0;
	const saveManifest = () => writeFileAtomic(path.join(root, MANIFEST), `${JSON.stringify(next, null, 2)}\n`);
	try {
		await fs.mkdir(root, {recursive: true});
		// Claim the folder before the first file, and record each file as it lands: after a crash or a full
		// disk the folder is still recognised as ours and the files already written are not taken for edits.
		await saveManifest();
		for (const [rel, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
			await assertNoSymlink(root, rel);
			const target = path.join(root, ...rel.split('/'));
			const current = await readIfExists(target);
			if (current === content) {
				result.unchanged.push(rel);
				next.files[rel] = sha(content);
				continue;
			}
			const editedByAdmin = current !== undefined && previous[rel] !== sha(current);
			await fs.mkdir(path.dirname(target), {recursive: true});
			const merge = editedByAdmin ? mergeJsonFile(rel, current, content) : undefined;
			if (merge) {
				if (merge.added.length > 0) await writeFileAtomic(target, merge.text);
				// The merged file is the admin's now: record it so the next run treats it the same way.
				next.files[rel] = previous[rel] ?? '';
				result.merged.push({file: rel, added: merge.added, conflicts: merge.conflicts});
				await saveManifest();
				continue;
			}
			if (editedByAdmin) {
				await writeFileAtomic(`${target}${NEW_SUFFIX}`, content);
				result.kept.push(rel);
				continue;
			}
			await writeFileAtomic(target, content);
			next.files[rel] = sha(content);
			result.written.push(rel);
			done++;
			await saveManifest();
		}
		await saveManifest();
	} catch (error) {
		// Record what did land so a re-run after the fault treats those files as ours, not the admin's.
		await saveManifest().catch(() => undefined);
		if (error instanceof WriteError) throw error;
		throw describeFsError(error, root, done, files.size);
	}
	return result;
}
