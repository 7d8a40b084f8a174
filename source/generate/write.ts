// write(): the only step that touches the disk. It never writes outside the chosen folder, never writes
// into a folder of someone else's files, and never overwrites a file the admin changed since the last run.
//
// Crash consistency. The manifest (.ise-migrate.json: path → hash of what ise-migrate last wrote) is what
// tells our files from the admin's edits, but rewriting it after every file made 5,000 workflows take
// 40 s. Instead, before a batch of files is written, one line per file ("about to write path → hash") is
// appended to a journal (.ise-migrate.journal) and fsynced; each file then goes to a temp file that is
// renamed into place. The manifest is rewritten once, at the end, and the journal removed after it. After a
// kill at any instant the next run reads the journal left behind: a file whose content hashes to what the
// manifest or the journal says ise-migrate wrote is ours (not an admin edit), and the temp files the
// journal names are removed. A run that stops on an error keeps its journal for the same reason.
// Files are not fsynced one by one (that doubled the time): a kill loses nothing the kernel was given, and
// after a power cut a file the disk had not flushed reads as an edit, so it is kept and the new version is
// written beside it — the safe side.
// Streamed documents (report.md, report.json, cutover.md) are made before any file is placed, straight into their
// temp file, which is how their hash becomes known: so their path goes into the journal first with no hash (it
// matches no file, so it never makes a file ours) and the temp is found and removed after a kill; the line with
// the hash follows with the batch, before the temp is renamed into place.
//
// Re-runs stay true. A file the last run wrote that this run no longer generates (a workflow left out since) would
// still deploy, so it is removed when it is still exactly what ise-migrate wrote, and its folder with it once empty;
// a file the admin edited since is kept, and reported. Removal is idempotent and the manifest is only rewritten at
// the end, so a kill in the middle leaves a folder the next run finishes the same way.
import {createHash} from 'node:crypto';
import {createReadStream, promises as fs, type Stats} from 'node:fs';
import path from 'node:path';
import {nodeFileOps, TEMP_SUFFIX, tempTargets, writeFileAtomic, writeStreamedTemp, type FileOps} from '../atomic-file.js';
import {FolderBusyError, LOCK, lockFolder, type FolderLock} from '../folder-lock.js';
import {fileText, isStreamed, type FileContent, type FileSet, type StreamedContent} from '../model/index.js';
import {MERGEABLE, mergeJsonFile} from './merge.js';

export const MANIFEST = '.ise-migrate.json';
export const JOURNAL = '.ise-migrate.journal';
/** Suffix of the freshly generated copy written beside a file the admin has edited. */
export const NEW_SUFFIX = '.ise-migrate-new';
/** Files the admin puts secrets in: created 0600, and tightened to 0600 when found readable by others. */
export const PRIVATE_FILES: ReadonlySet<string> = new Set(['local.settings.json']);

/** Files per journal fsync, and files in flight at once. */
const BATCH = 512;
const PARALLEL = 16;

export class WriteError extends Error {
	constructor(message: string, options?: {cause?: unknown}) {
		super(message, options);
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
	/** Files an earlier run wrote that this run no longer generates (e.g. a workflow left out since): removed, unchanged. */
	removed: string[];
	/** Such files the admin had edited: kept where they are, to be deleted by hand if they must not deploy. */
	keptStale: string[];
}

interface Manifest {
	tool: 'ise-migrate';
	files: Record<string, string>;
}

/** Every disk operation write() makes. Tests pass one that "kills" the writer at a chosen operation. */
export interface Disk extends FileOps {
	/** undefined when the file does not exist. */
	readFile(file: string): Promise<string | undefined>;
	/** sha256 (hex) of the file's bytes, read a chunk at a time; undefined when it does not exist. */
	hashFile(file: string): Promise<string | undefined>;
	/** undefined when nothing is there. */
	lstat(file: string): Promise<Stats | undefined>;
	readdir(dir: string): Promise<string[]>;
	mkdir(dir: string): Promise<void>;
	/** Append to `file` (created when absent) and fsync it. */
	appendSynced(file: string, text: string): Promise<void>;
	chmod(file: string, mode: number): Promise<void>;
	/** fsync a folder, so the renames in it are durable. */
	syncDir(dir: string): Promise<void>;
	/** Remove a folder if it is empty; a folder with anything in it (or none at all) is left as it is. */
	rmdirIfEmpty(dir: string): Promise<void>;
}

const missing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

export const nodeDisk: Disk = {
	...nodeFileOps,
	async readFile(file) {
		try {
			return await fs.readFile(file, 'utf8');
		} catch (error) {
			if (missing(error)) return undefined;
			throw error;
		}
	},
	async hashFile(file) {
		const hash = createHash('sha256');
		try {
			for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
		} catch (error) {
			if (missing(error)) return undefined;
			throw error;
		}
		return hash.digest('hex');
	},
	async lstat(file) {
		try {
			return await fs.lstat(file);
		} catch (error) {
			if (missing(error)) return undefined;
			throw error;
		}
	},
	readdir: (dir) => fs.readdir(dir),
	mkdir: async (dir) => void (await fs.mkdir(dir, {recursive: true})),
	async appendSynced(file, text) {
		const handle = await fs.open(file, 'a', 0o644);
		try {
			await handle.writeFile(text, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
	},
	chmod: (file, mode) => fs.chmod(file, mode),
	async rmdirIfEmpty(dir) {
		await fs.rmdir(dir).catch((error: NodeJS.ErrnoException) => {
			if (!['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR'].includes(error.code ?? '')) throw error;
		});
	},
	async syncDir(dir) {
		// Not every platform can fsync a folder (Windows cannot open one); the rename is still atomic there.
		const handle = await fs.open(dir, 'r').catch(() => undefined);
		if (!handle) return;
		try {
			await handle.sync().catch(() => undefined);
		} finally {
			await handle.close();
		}
	},
};

/** Plain contents only: a streamed document's hash comes from writing it (writeStreamedTemp). */
const sha = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

/** Whether a folder with these entries looks like one ise-migrate wrote, or began to write (a killed first run leaves only the journal). */
export function isOwnFolder(entries: readonly string[]): boolean {
	const rest = entries.filter((e) => e !== LOCK);
	return rest.length === 0 || rest.includes(MANIFEST) || rest.includes(JOURNAL);
}

/** Names ise-migrate keeps for itself in the output folder. */
function isReservedName(rel: string): boolean {
	return rel === MANIFEST || rel === JOURNAL || rel === LOCK || rel.endsWith(TEMP_SUFFIX) || rel.endsWith(NEW_SUFFIX);
}

/** A FileSet key must be a plain relative POSIX path that stays inside the folder. */
export function checkRelativePath(rel: string): string | undefined {
	if (!rel || rel.includes('\0') || rel.includes('\\')) return 'has an empty name, a NUL or a backslash';
	if (path.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) return 'is absolute';
	const parts = rel.split('/');
	if (parts.some((p) => p === '..' || p === '.' || p === '')) return 'contains "..", "." or an empty segment';
	if (isReservedName(rel)) return 'is reserved for ise-migrate';
	return undefined;
}

function parseManifest(text: string | undefined): Manifest | undefined {
	if (text === undefined) return undefined;
	try {
		const parsed = JSON.parse(text) as Manifest;
		return parsed?.tool === 'ise-migrate' && typeof parsed.files === 'object' && parsed.files !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}

type IntentKind = 'own' | 'merged' | 'beside';
interface Intent {
	/** The path about to be written (for 'beside', the NEW_SUFFIX copy). */
	p: string;
	/** sha256 of the content about to be written. */
	h: string;
	k: IntentKind;
}

/** The journal a killed run left: its last line may be torn, and is then ignored. */
function parseJournal(text: string | undefined): Intent[] {
	if (!text) return [];
	const out: Intent[] = [];
	for (const line of text.split('\n')) {
		try {
			const i = JSON.parse(line) as Intent;
			if (typeof i?.p === 'string' && typeof i.h === 'string' && checkRelativePath(i.p.endsWith(NEW_SUFFIX) ? i.p.slice(0, -NEW_SUFFIX.length) : i.p) === undefined) out.push(i);
		} catch {
			// A line cut short by the kill: nothing was written for it yet.
		}
	}
	return out;
}

/** Files written by ise-migrate 0.1 before the journal existed: `.ise-migrate.json.<pid>.<hex>.tmp`. */
const OLD_MANIFEST_TEMP = /^\.ise-migrate\.json\.\d+\.[0-9a-f]+\.tmp$/;

function describeFsError(error: unknown, dir: string, done: number, total: number): WriteError {
	const code = (error as NodeJS.ErrnoException).code;
	const progress = `${done} of ${total} files were written; nothing written earlier was lost.`;
	switch (code) {
		case 'ENOSPC':
			return new WriteError(`The disk holding ${dir} is full. ${progress} Free some space and run generate again: finished files are kept.`, {cause: error});
		case 'EACCES':
		case 'EPERM':
			return new WriteError(`No permission to write in ${dir}. ${progress} Choose a folder you can write to.`, {cause: error});
		case 'EROFS':
			return new WriteError(`${dir} is on a read-only file system. Choose another folder.`, {cause: error});
		default:
			return new WriteError(`Could not write into ${dir}: ${(error as Error).message}. ${progress}`, {cause: error});
	}
}

/** Run `fn` over `items`, `limit` at a time; on a failure, start nothing new, let the running ones finish, rethrow. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	let failure: {error: unknown} | undefined;
	const worker = async () => {
		while (!failure && next < items.length) {
			const item = items[next++]!;
			try {
				await fn(item);
			} catch (error) {
				failure ??= {error};
			}
		}
	};
	await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
	if (failure) throw failure.error;
}

/**
 * What to do with one file. `write` and `beside` carry either the contents or, for a streamed document, the temp
 * it was already written to while its hash was worked out (then performing is only the rename).
 */
type Payload = {content: string | Uint8Array; temp?: undefined} | {temp: string; content?: undefined};
type Action =
	| {kind: 'unchanged'; rel: string; hash: string}
	| ({kind: 'write'; rel: string; hash: string} & Payload)
	| {kind: 'merge'; rel: string; text?: string; added: string[]; conflicts: string[]}
	| ({kind: 'beside'; rel: string; hash: string; tighten: boolean} & Payload);

class ProjectWriter {
	private readonly checkedDirs = new Map<string, Promise<boolean>>();
	private readonly madeDirs = new Map<string, Promise<void>>();
	/** Temps of streamed documents written but not yet renamed into place: removed if the run stops first. */
	private readonly unplaced = new Set<string>();
	private readonly next: Manifest;
	readonly result: WriteResult;
	done = 0;

	constructor(
		private readonly root: string,
		private readonly disk: Disk,
		private readonly previous: Record<string, string>,
		/** Hashes of what an unfinished earlier run wrote or was about to write, per path. */
		private readonly pending: Map<string, Set<string>>,
		/** The folder was new or empty: nothing in it can be the admin's. */
		private readonly fresh: boolean,
	) {
		this.next = {tool: 'ise-migrate', files: {...previous}};
		this.result = {dir: root, written: [], unchanged: [], kept: [], merged: [], removed: [], keptStale: []};
	}

	private abs(rel: string): string {
		return path.join(this.root, ...rel.split('/'));
	}

	/** False when a folder on the way to `rel` is a symbolic link (it could lead outside). */
	private dirIsReal(relDir: string): Promise<boolean> {
		let known = this.checkedDirs.get(relDir);
		if (!known) {
			known = (async () => {
				if (relDir === '.') return true;
				if (!(await this.dirIsReal(path.posix.dirname(relDir)))) return false;
				const st = await this.disk.lstat(this.abs(relDir));
				return !st?.isSymbolicLink();
			})();
			this.checkedDirs.set(relDir, known);
		}
		return known;
	}

	private mkdirFor(rel: string): Promise<void> {
		const dir = path.posix.dirname(rel);
		if (dir === '.') return Promise.resolve();
		let made = this.madeDirs.get(dir);
		if (!made) {
			made = this.disk.mkdir(this.abs(dir));
			this.madeDirs.set(dir, made);
		}
		return made;
	}

	private isOurs(rel: string, hash: string): boolean {
		return this.previous[rel] === hash || Boolean(this.pending.get(rel)?.has(hash));
	}

	/**
	 * Removes the temp files an unfinished earlier run may have left for the paths it journaled (and the manifest):
	 * their names are unique per write, so each journaled path's folder is read for the temps of its file.
	 */
	async cleanUp(intents: Intent[], rootEntries: string[]): Promise<void> {
		const journaled = new Map<string, Set<string>>();
		for (const p of [MANIFEST, ...intents.map((i) => i.p)]) {
			const dir = path.posix.dirname(p);
			(journaled.get(dir) ?? journaled.set(dir, new Set()).get(dir)!).add(path.posix.basename(p));
		}
		const temps: string[] = [];
		await eachLimited([...journaled], PARALLEL, async ([dir, names]) => {
			if (!(await this.dirIsReal(dir))) return;
			const entries = dir === '.' ? rootEntries : await this.disk.readdir(this.abs(dir)).catch((error: unknown) => (missing(error) ? [] : Promise.reject(error)));
			for (const name of entries) {
				const rel = dir === '.' ? name : `${dir}/${name}`;
				if (tempTargets(name).some((t) => names.has(t)) || (dir === '.' && OLD_MANIFEST_TEMP.test(name))) temps.push(rel);
			}
		});
		await eachLimited(temps.sort(), PARALLEL, (rel) => this.disk.rm(this.abs(rel)));
	}

	/** Refuses links and folders where a file goes; what is there now (undefined when nothing is). */
	private async existing(rel: string): Promise<Stats | undefined> {
		const where = path.posix.dirname(rel);
		if (!(await this.dirIsReal(where))) throw new WriteError(`${rel}: a folder on its path is a symbolic link; ise-migrate does not write through links. Remove it or choose another folder.`);
		const st = await this.disk.lstat(this.abs(rel));
		if (st?.isSymbolicLink()) throw new WriteError(`${rel} is a symbolic link; ise-migrate does not write through links. Remove it or choose another folder.`);
		if (st?.isDirectory()) throw new WriteError(`${rel} is a folder in ${this.root}, where ise-migrate writes a file. Move it away or choose another folder.`);
		return st;
	}

	private tighten(rel: string, st: Stats | undefined): boolean {
		return PRIVATE_FILES.has(rel) && ((st?.mode ?? 0) & 0o077) !== 0;
	}

	private async inspect(rel: string, content: string | Uint8Array): Promise<Action> {
		const hash = sha(content);
		if (this.fresh) return {kind: 'write', rel, hash, content};
		const st = await this.existing(rel);
		const current = st ? await this.disk.readFile(this.abs(rel)) : undefined;
		const currentHash = current === undefined ? undefined : sha(current);
		if (currentHash === hash) return {kind: 'unchanged', rel, hash};
		if (currentHash === undefined || this.isOurs(rel, currentHash)) return {kind: 'write', rel, hash, content};
		const merge = Object.hasOwn(MERGEABLE, rel) ? mergeJsonFile(rel, current!, fileText(content)) : undefined;
		if (merge) return {kind: 'merge', rel, added: merge.added, conflicts: merge.conflicts, ...(merge.added.length > 0 ? {text: merge.text} : {})};
		return {kind: 'beside', rel, hash, content, tighten: this.tighten(rel, st)};
	}

	/**
	 * A streamed document is written once, to a temp beside its target, which gives its hash; then it is placed like
	 * any file (renamed over ours, beside an edited one) or dropped when the file there is already the same. Its
	 * temp is on disk before its hash is known, so the journal names its path first (with no hash, which matches no
	 * file): after a kill there, the folder is still ours and the next run finds and removes the temp.
	 */
	private async inspectStreamed(rel: string, content: StreamedContent): Promise<Action> {
		const st = this.fresh ? undefined : await this.existing(rel);
		// The file there is hashed a chunk at a time: a document of tens of MB is not read whole either.
		const currentHash = st ? await this.disk.hashFile(this.abs(rel)) : undefined;
		await this.disk.appendSynced(this.abs(JOURNAL), `${JSON.stringify({p: rel, h: '', k: 'own'} satisfies Intent)}\n`);
		await this.mkdirFor(rel);
		const mode = PRIVATE_FILES.has(rel) ? 0o600 : undefined;
		const {temp, hash} = await writeStreamedTemp(this.abs(rel), content, {sync: false, ...(mode ? {mode} : {})}, this.disk);
		this.unplaced.add(temp);
		if (currentHash === hash) {
			await this.dropTemp(temp);
			return {kind: 'unchanged', rel, hash};
		}
		if (currentHash === undefined || this.isOurs(rel, currentHash)) return {kind: 'write', rel, hash, temp};
		return {kind: 'beside', rel, hash, temp, tighten: this.tighten(rel, st)};
	}

	private async dropTemp(temp: string): Promise<void> {
		await this.disk.rm(temp);
		this.unplaced.delete(temp);
	}

	/** After a failure: the temps of streamed documents that were never placed. */
	async dropUnplaced(): Promise<void> {
		for (const temp of [...this.unplaced]) await this.dropTemp(temp).catch(() => undefined);
	}

	private intent(a: Action): Intent | undefined {
		switch (a.kind) {
			case 'write':
				return {p: a.rel, h: a.hash, k: 'own'};
			case 'merge':
				return a.text === undefined ? undefined : {p: a.rel, h: sha(a.text), k: 'merged'};
			case 'beside':
				return {p: `${a.rel}${NEW_SUFFIX}`, h: a.hash, k: 'beside'};
			default:
				return undefined;
		}
	}

	private async perform(a: Action): Promise<void> {
		const mode = PRIVATE_FILES.has(a.rel) ? 0o600 : undefined;
		const put = async (rel: string, payload: Payload) => {
			if (payload.temp !== undefined) {
				await this.disk.rename(payload.temp, this.abs(rel));
				this.unplaced.delete(payload.temp);
				return;
			}
			await this.mkdirFor(rel);
			await writeFileAtomic(this.abs(rel), payload.content, {sync: false, ...(mode ? {mode} : {})}, this.disk);
		};
		switch (a.kind) {
			case 'unchanged':
				return;
			case 'write':
				await put(a.rel, a);
				this.done++;
				return;
			case 'merge':
				if (a.text !== undefined) await put(a.rel, {content: a.text});
				return;
			case 'beside':
				await put(`${a.rel}${NEW_SUFFIX}`, a);
				if (a.tighten) await this.disk.chmod(this.abs(a.rel), 0o600);
				return;
		}
	}

	/** Records what landed, in FileSet order. */
	private record(a: Action): void {
		switch (a.kind) {
			case 'unchanged':
				this.next.files[a.rel] = a.hash;
				this.result.unchanged.push(a.rel);
				return;
			case 'write':
				this.next.files[a.rel] = a.hash;
				this.result.written.push(a.rel);
				return;
			case 'merge':
				// The merged file is the admin's now: keep the old hash so the next run treats it the same way.
				this.next.files[a.rel] = this.previous[a.rel] ?? '';
				this.result.merged.push({file: a.rel, added: a.added, conflicts: a.conflicts});
				return;
			case 'beside':
				this.result.kept.push(a.rel);
				return;
		}
	}

	async writeAll(entries: [string, FileContent][]): Promise<void> {
		const journal = this.abs(JOURNAL);
		// Streamed documents are made first, before any file is placed: a document that cannot be made (a defect, a
		// full disk) then stops the run with nothing of this run in place, as when generating failed.
		const made = new Map<string, Action>();
		for (const [rel, content] of entries) if (isStreamed(content)) made.set(rel, await this.inspectStreamed(rel, content));
		for (let start = 0; start < entries.length; start += BATCH) {
			const batch = entries.slice(start, start + BATCH);
			const actions: Action[] = new Array(batch.length);
			await eachLimited(
				batch.map((e, i) => [i, e] as const),
				PARALLEL,
				async ([i, [rel, content]]) => void (actions[i] = isStreamed(content) ? made.get(rel)! : await this.inspect(rel, content)),
			);
			const intents = actions.map((a) => this.intent(a)).filter((i): i is Intent => i !== undefined);
			// What is about to be placed is on disk before any of it is (a streamed document sits in its temp so far).
			if (intents.length > 0) await this.disk.appendSynced(journal, intents.map((i) => `${JSON.stringify(i)}\n`).join(''));
			const landed: boolean[] = new Array(actions.length).fill(false);
			try {
				await eachLimited(
					actions.map((a, i) => [i, a] as const),
					PARALLEL,
					async ([i, a]) => {
						await this.perform(a);
						landed[i] = true;
					},
				);
			} finally {
				actions.forEach((a, i) => landed[i] && this.record(a));
			}
		}
	}

	/**
	 * Files of an earlier run (the manifest's, or an unfinished run's) that this run does not generate: removed when
	 * still exactly what ise-migrate wrote, then their folders when empty; kept and reported when the admin edited them.
	 * A file an unfinished run wrote for a decision changed since is ours by the journal, which stays until commit()
	 * has recorded this run, so it needs no manifest entry of its own: it is removed here, or by the next run.
	 */
	async removeStale(generated: ReadonlySet<string>): Promise<void> {
		const candidates = [...new Set([...Object.keys(this.next.files), ...this.pending.keys()])].filter((p) => !generated.has(p) && checkRelativePath(p) === undefined).sort();
		const dirs = new Set<string>();
		const gone: string[] = [];
		const folderMayEmpty = (rel: string) => {
			for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) dirs.add(d);
		};
		await eachLimited(candidates, PARALLEL, async (rel) => {
			if (!(await this.dirIsReal(path.posix.dirname(rel)))) return;
			const st = await this.disk.lstat(this.abs(rel));
			if (!st) {
				// Already gone: a run that stopped between removing it and its folder left the folder, maybe empty.
				gone.push(rel);
				folderMayEmpty(rel);
				return;
			}
			if (!st.isFile()) return;
			const text = await this.disk.readFile(this.abs(rel));
			const hash = text === undefined ? undefined : sha(text);
			if (hash === undefined || !this.isOurs(rel, hash)) {
				this.result.keptStale.push(rel);
				return;
			}
			await this.disk.rm(this.abs(rel));
			gone.push(rel);
			this.result.removed.push(rel);
			folderMayEmpty(rel);
		});
		for (const rel of gone) delete this.next.files[rel];
		// Deepest first, so a folder emptied by its subfolder's removal goes too.
		for (const dir of [...dirs].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1))) await this.disk.rmdirIfEmpty(this.abs(dir));
		this.result.removed.sort();
		this.result.keptStale.sort();
	}

	private manifestText(): string {
		const files = Object.fromEntries(Object.entries(this.next.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
		return `${JSON.stringify({...this.next, files}, null, 2)}\n`;
	}

	/** The manifest, rewritten once; then the journal is no longer needed. */
	async commit(): Promise<void> {
		await writeFileAtomic(this.abs(MANIFEST), this.manifestText(), {sync: true}, this.disk);
		await this.disk.syncDir(this.root);
		await this.disk.rm(this.abs(JOURNAL));
	}

	/** After a failure: record what did land, keeping the journal for whatever did not. */
	async commitLanded(): Promise<void> {
		await writeFileAtomic(this.abs(MANIFEST), this.manifestText(), {sync: true}, this.disk);
	}
}

export interface WriteOptions {
	/** The disk operations (tests inject faults and kills); the real file system by default. */
	disk?: Disk;
}

export async function write(files: FileSet, dir: string, options: WriteOptions = {}): Promise<WriteResult> {
	const disk = options.disk ?? nodeDisk;
	const root = path.resolve(dir);
	for (const rel of files.keys()) {
		const problem = checkRelativePath(rel);
		if (problem) throw new WriteError(`Refusing to write '${rel}': the path ${problem}.`);
	}

	const notOurs = () =>
		new WriteError(`${root} is not empty and was not written by ise-migrate, so nothing was written. Choose a new or empty folder (the default is ./<ise-name>-standard).`);
	try {
		const st = await fs.stat(root);
		if (!st.isDirectory()) throw new WriteError(`${root} exists and is not a folder. Choose another output folder.`);
		// A folder that is not ours gets nothing, not even the lock.
		if (!isOwnFolder(await disk.readdir(root))) throw notOurs();
	} catch (error) {
		if (error instanceof WriteError) throw error;
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(error, root, 0, files.size);
	}
	// Everything from reading the manifest to the last rename happens under the folder's lock.
	let lock: FolderLock;
	try {
		await disk.mkdir(root);
		lock = await lockFolder(root);
	} catch (error) {
		if (error instanceof FolderBusyError) throw new WriteError(error.message);
		throw describeFsError(error, root, 0, files.size);
	}
	try {
		return await writeLocked(files, root, disk, notOurs);
	} finally {
		await lock.release();
	}
}

async function writeLocked(files: FileSet, root: string, disk: Disk, notOurs: () => WriteError): Promise<WriteResult> {
	let existing: string[];
	let manifest: Manifest | undefined;
	let intents: Intent[];
	try {
		existing = (await disk.readdir(root)).filter((e) => e !== LOCK);
		manifest = existing.includes(MANIFEST) ? parseManifest(await disk.readFile(path.join(root, MANIFEST))) : undefined;
		intents = existing.includes(JOURNAL) ? parseJournal(await disk.readFile(path.join(root, JOURNAL))) : [];
	} catch (error) {
		if (error instanceof WriteError) throw error;
		throw describeFsError(error, root, 0, files.size);
	}
	if (existing.length > 0 && !manifest && !existing.includes(JOURNAL)) throw notOurs();
	const pending = new Map<string, Set<string>>();
	for (const i of intents) if (i.k === 'own') (pending.get(i.p) ?? pending.set(i.p, new Set()).get(i.p)!).add(i.h);

	const writer = new ProjectWriter(root, disk, manifest?.files ?? {}, pending, existing.length === 0);
	const entries = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	try {
		await writer.cleanUp(intents, existing);
		await writer.writeAll(entries);
		await writer.removeStale(new Set(files.keys()));
		await writer.commit();
	} catch (error) {
		// Record what did land; the journal stays, so a re-run also recognises anything half-recorded.
		await writer.dropUnplaced();
		await writer.commitLanded().catch(() => undefined);
		if (error instanceof WriteError) throw error;
		// Only a file system error is told as one; anything else is a defect, and says so as it is.
		if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
		throw describeFsError(error, root, writer.done, files.size);
	}
	return writer.result;
}
