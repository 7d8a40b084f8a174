// Reading an offline source from disk: a template file, a folder of templates (recursive), exported
// resource groups, saved API answers, bare workflow definitions. Reads and classifies files, pairs
// templates with their parameters files, then hands everything to the pure builder.

import {promises as fs} from 'node:fs';
import path from 'node:path';
import type {Inventory} from '../../model/index.js';
import {INFERRED_TAG, NO_ISE_REASON, buildInventory, type LoadedDocument} from './build.js';
import {classifyDocument, isObject, type Classification} from './classify.js';
import {SourceLoadError} from './errors.js';
import {parseJsonDocument, readTextFile, type SkippedFile} from '../json.js';

export {SourceLoadError} from './errors.js';

export interface LoadProgress {
	filesRead: number;
	resourcesFound: number;
	file?: string;
}

export interface LoadOptions {
	onProgress?: (p: LoadProgress) => void;
	signal?: AbortSignal;
	/** When the files hold several ISEs: the one to migrate (name or id). */
	ise?: string;
}

export interface LoadResult {
	inventory: Inventory;
	/** Every file found and not used, with the reason: shown to the admin and listed in the report. */
	skipped: SkippedFile[];
	stats: {filesRead: number; resourcesFound: number};
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', 'bin', 'obj']);

// ---------------------------------------------------------------------------------------------
// Reading

function nonJsonReason(file: string): string {
	const ext = path.extname(file).toLowerCase();
	if (ext === '.bicep' || ext === '.bicepparam') return 'Bicep source: build it to an ARM template first (az bicep build --file <file>) and load the .json';
	if (ext === '') return 'not a .json file';
	return `not a .json file (${ext})`;
}

interface Listing {
	json: string[];
	/** Absolute paths and why they are not read. */
	skipped: SkippedFile[];
}

function isInside(boundary: string, real: string): boolean {
	const rel = path.relative(boundary, real);
	return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Why a symbolic link is not followed: it leads outside the chosen folder (`boundary`, a real path), or nowhere. */
async function linkProblem(file: string, boundary: string): Promise<string | undefined> {
	let real: string;
	try {
		real = await fs.realpath(file);
	} catch {
		return 'a link to nothing (broken link): not read';
	}
	return isInside(boundary, real) ? undefined : `a link leading outside ${boundary} (to ${real}): not read`;
}

function unreadableFolder(error: unknown): string {
	return (error as NodeJS.ErrnoException).code === 'EACCES' ? 'folder cannot be read (permission denied)' : `folder cannot be read (${(error as Error).message})`;
}

async function listFolder(root: string, boundary: string, signal?: AbortSignal): Promise<Listing> {
	const out: Listing = {json: [], skipped: []};
	const walk = async (dir: string): Promise<void> => {
		signal?.throwIfAborted();
		let entries;
		try {
			entries = await fs.readdir(dir, {withFileTypes: true});
		} catch (error) {
			out.skipped.push({file: dir, reason: unreadableFolder(error)});
			return;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const e of entries) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) {
				// Version-control and tool folders hold no templates of the admin's.
				if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) out.skipped.push({file: `${full}${path.sep}`, reason: 'version-control or tool folder: not read'});
				else await walk(full);
			} else if (e.isSymbolicLink()) {
				// A link leading out of the folder is not read; one inside it names a file that is read where it is.
				const problem = await linkProblem(full, boundary);
				const target = problem ? undefined : path.relative(boundary, await fs.realpath(full)).split(path.sep).join('/');
				out.skipped.push({file: full, reason: problem ?? `a link to ${target}, which is read where it is`});
			} else if (e.isFile()) {
				if (/\.jsonc?$/i.test(e.name)) out.json.push(full);
				else out.skipped.push({file: full, reason: nonJsonReason(full)});
			} else {
				out.skipped.push({file: full, reason: 'not a regular file'});
			}
		}
	};
	await walk(root);
	return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters files

/**
 * Which parameters file goes with which template: `X.parameters.json` with `X.json` (also
 * `X.parameters.<env>.json`), `parameters.json` with `template.json` (portal export), and a lone
 * parameters file with the lone template in its folder. Pure: works on relative paths.
 */
export function pairParameterFiles(templates: string[], params: string[]): {pairs: Map<string, string>; unmatched: {file: string; reason: string}[]} {
	const pairs = new Map<string, string>();
	const used = new Set<string>();
	const dirOf = (f: string) => path.posix.dirname(f.split(path.sep).join('/'));
	const stem = (f: string) => path.posix.basename(f.split(path.sep).join('/')).replace(/\.jsonc?$/i, '').toLowerCase();
	const unmatched: {file: string; reason: string}[] = [];

	for (const t of templates) {
		const tStem = stem(t);
		const inDir = params.filter(p => dirOf(p) === dirOf(t) && !used.has(p));
		const named = inDir.filter(p => {
			const s = stem(p);
			return (s.startsWith(`${tStem}.`) && s.includes('parameters')) || (tStem === 'template' && s === 'parameters');
		});
		if (named.length === 0) continue;
		const exact = named.find(p => stem(p) === `${tStem}.parameters`) ?? named.find(p => stem(p) === 'parameters') ?? named[0]!;
		pairs.set(t, exact);
		used.add(exact);
		for (const other of named) {
			if (other === exact) continue;
			used.add(other);
			unmatched.push({file: other, reason: `another parameters file for ${path.posix.basename(t)}: only ${path.posix.basename(exact)} is applied (load a folder holding one set of values per template to use this one)`});
		}
	}
	// A folder with exactly one template left and one parameters file left: they belong together.
	for (const dir of new Set(params.filter(p => !used.has(p)).map(dirOf))) {
		const lonelyParams = params.filter(p => dirOf(p) === dir && !used.has(p));
		const lonelyTemplates = templates.filter(t => dirOf(t) === dir && !pairs.has(t));
		if (lonelyParams.length === 1 && lonelyTemplates.length === 1) {
			pairs.set(lonelyTemplates[0]!, lonelyParams[0]!);
			used.add(lonelyParams[0]!);
		}
	}
	for (const p of params) {
		if (used.has(p)) continue;
		const s = stem(p).replace(/\.parameters.*$/, '');
		unmatched.push({file: p, reason: `ARM parameters file with no matching template (expected ${s}.json next to it)`});
	}
	return {pairs, unmatched};
}

// ---------------------------------------------------------------------------------------------

interface ReadFile {
	file: string;
	rel: string;
	json?: unknown;
	classification?: Classification;
	error?: string;
}

/** Reads one file; with `boundary` (the chosen folder's real path), a link leading outside it is not read. */
async function readOne(file: string, rel: string, boundary?: string): Promise<ReadFile> {
	try {
		if (boundary && (await fs.lstat(file)).isSymbolicLink()) {
			const problem = await linkProblem(file, boundary);
			if (problem) return {file, rel, error: problem};
		}
		const stat = await fs.stat(file);
		if (!stat.isFile()) return {file, rel, error: 'not a regular file'};
		const read = await readTextFile(file, MAX_FILE_BYTES);
		if (!read.ok) return {file, rel, error: read.reason};
		const parsed = parseJsonDocument(read.text);
		if (!parsed.ok) return {file, rel, error: parsed.reason};
		return {file, rel, json: parsed.value, classification: classifyDocument(parsed.value, rel)};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {file, rel, error: code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${(error as Error).message})`};
	}
}

function declaredResources(json: unknown, c: Classification): number {
	if (c.kind === 'resources') return c.resources?.length ?? 0;
	if (c.kind === 'definition' || c.kind === 'code-view') return 1;
	if (c.kind !== 'template' && c.kind !== 'rg-export') return 0;
	let n = 0;
	const count = (t: unknown): void => {
		if (!isObject(t)) return;
		const list = Array.isArray(t['resources']) ? t['resources'] : isObject(t['resources']) ? Object.values(t['resources']) : [];
		for (const r of list) {
			if (!isObject(r)) continue;
			n++;
			count(r);
			if (isObject(r['properties'])) count(r['properties']['template']);
		}
	};
	count(json);
	return n;
}

function toPosix(p: string): string {
	return p.split(path.sep).join('/');
}

/**
 * The files that go with a single file the admin named: a template's parameters file(s) next to it,
 * or, for a parameters file, the template it belongs to.
 */
async function companions(file: string, kind: Classification['kind'], input: string): Promise<ReadFile[]> {
	const dir = path.dirname(file);
	const boundary = await fs.realpath(dir).catch(() => dir);
	const stemLower = path.basename(file).replace(/\.jsonc?$/i, '').toLowerCase();
	let names: string[];
	try {
		names = (await fs.readdir(dir)).filter(n => /\.jsonc?$/i.test(n)).sort();
	} catch {
		names = [];
	}
	const stemOf = (n: string) => n.replace(/\.jsonc?$/i, '').toLowerCase();
	if (kind === 'parameters') {
		const wanted = stemLower === 'parameters' ? 'template' : stemLower.replace(/\.parameters(\..*)?$/, '');
		const name = names.find(n => stemOf(n) === wanted);
		const t = name ? await readOne(path.join(dir, name), name, boundary) : undefined;
		if (!t || (t.classification?.kind !== 'template' && t.classification?.kind !== 'rg-export')) {
			throw new SourceLoadError(`${input} is an ARM parameters file and no template ${wanted}.json sits next to it: point at the template it belongs to, or at the folder holding both.`, input);
		}
		return [t];
	}
	if (kind !== 'template' && kind !== 'rg-export') return [];
	const out: ReadFile[] = [];
	for (const name of names) {
		const s = stemOf(name);
		if (!((s.startsWith(`${stemLower}.`) && s.includes('parameters')) || (stemLower === 'template' && s === 'parameters'))) continue;
		const r = await readOne(path.join(dir, name), name, boundary);
		// A parameters file that could not be read is listed as skipped, not dropped.
		if (r.classification?.kind === 'parameters' || r.error) out.push(r);
	}
	return out;
}

/** Reads a template file, a folder of them, or saved API answers into an Inventory. */
export async function loadFromPath(input: string, opts: LoadOptions = {}): Promise<LoadResult> {
	const {signal, onProgress} = opts;
	signal?.throwIfAborted();
	if (!input || input.trim() === '') throw new SourceLoadError('No path given: type the path of an ARM template, a folder of templates, or an ise-migrate snapshot.');
	const resolved = path.resolve(input);
	let stat;
	try {
		stat = await fs.stat(resolved);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			throw new SourceLoadError(`Nothing at ${input} (looked for ${resolved}). Check the path: it should name an ARM template (.json), a folder of templates, or an ise-migrate snapshot.`, input);
		}
		if (code === 'EACCES') throw new SourceLoadError(`${input} cannot be read (permission denied). Check its permissions or copy the files somewhere readable.`, input);
		throw new SourceLoadError(`${input} cannot be read: ${(error as Error).message}`, input);
	}

	const skipped: SkippedFile[] = [];
	const singleFile = stat.isFile();
	const root = singleFile ? path.dirname(resolved) : resolved;
	let jsonFiles: string[];
	if (singleFile) {
		jsonFiles = [resolved];
	} else if (stat.isDirectory()) {
		// The folder the admin chose, as the disk knows it: links leading out of it are not followed.
		const boundary = await fs.realpath(resolved);
		const listing = await listFolder(resolved, boundary, signal);
		jsonFiles = listing.json;
		for (const s of listing.skipped) skipped.push({file: toPosix(path.relative(root, s.file)) || path.basename(s.file), reason: s.reason});
	} else {
		throw new SourceLoadError(`${input} is neither a file nor a folder. Give the path of an ARM template, a folder of templates, or an ise-migrate snapshot.`, input);
	}

	let filesRead = 0;
	let declared = 0;
	const read: ReadFile[] = [];
	for (const file of jsonFiles) {
		signal?.throwIfAborted();
		const r = await readOne(file, toPosix(path.relative(root, file)));
		read.push(r);
		filesRead++;
		if (r.classification) declared += declaredResources(r.json, r.classification);
		onProgress?.({filesRead, resourcesFound: declared, file: r.rel});
	}

	if (singleFile) {
		const only = read[0]!;
		if (only.error) throw new SourceLoadError(`${input} cannot be used: ${only.error}. Fix the file, or point at the folder that holds your templates.`, input);
		const c = only.classification!;
		if (c.kind === 'snapshot') throw new SourceLoadError(`${input} is an ise-migrate snapshot, not a template: open it as a snapshot.`, input);
		if (c.kind === 'other') {
			throw new SourceLoadError(`${input} is not something ise-migrate can read: ${c.reason}. Give an ARM template, a folder of templates, saved workflow JSON, or an ise-migrate snapshot.`, input);
		}
		for (const companion of await companions(resolved, c.kind, input)) {
			signal?.throwIfAborted();
			filesRead++;
			if (companion.classification) declared += declaredResources(companion.json, companion.classification);
			onProgress?.({filesRead, resourcesFound: declared, file: companion.rel});
			read.push(companion);
		}
	}

	for (const r of read) {
		if (r.error) skipped.push({file: r.rel, reason: r.error});
		else if (r.classification && (r.classification.kind === 'other' || r.classification.kind === 'snapshot')) skipped.push({file: r.rel, reason: r.classification.reason ?? 'not used'});
	}

	const usable = read.filter(r => r.classification && !['other', 'snapshot', 'parameters'].includes(r.classification.kind));
	const paramFiles = read.filter(r => r.classification?.kind === 'parameters');
	const templates = usable.filter(r => r.classification!.kind === 'template' || r.classification!.kind === 'rg-export');
	const {pairs, unmatched} = pairParameterFiles(
		templates.map(t => t.rel),
		paramFiles.map(p => p.rel),
	);
	skipped.push(...unmatched);

	if (usable.length === 0) {
		const shown = skipped.slice(0, 3).map(s => `${s.file}: ${s.reason}`).join('; ');
		throw new SourceLoadError(
			`No ARM templates, workflow definitions or saved workflow resources in ${input} (${filesRead} JSON file${filesRead === 1 ? '' : 's'} read${skipped.length > 0 ? `; skipped ${shown}${skipped.length > 3 ? '; …' : ''}` : ''}). Point at the folder holding your Logic Apps templates, or at an ise-migrate snapshot.`,
			input,
		);
	}

	const byRel = new Map(paramFiles.map(p => [p.rel, p]));
	const documents: LoadedDocument[] = usable.map(r => {
		const kind = r.classification!.kind as LoadedDocument['kind'];
		const doc: LoadedDocument = {file: r.rel, kind, json: r.json};
		if (kind === 'resources') doc.resources = r.classification!.resources;
		const p = pairs.get(r.rel);
		const pf = p ? byRel.get(p) : undefined;
		if (pf) doc.parameters = {file: pf.rel, json: pf.json};
		return doc;
	});

	signal?.throwIfAborted();
	const name = singleFile ? path.basename(resolved).replace(/\.jsonc?$/i, '') : path.basename(resolved) || 'templates';
	const built = buildInventory(documents, {label: input, name, ise: opts.ise});
	skipped.push(...built.unused);
	const inv = built.inventory;
	if (inv.workflows.length === 0 && inv.integrationAccounts.length === 0 && inv.ise.tags?.[INFERRED_TAG] === NO_ISE_REASON) {
		const shown = skipped.slice(0, 3).map(s => `${s.file}: ${s.reason}`).join('; ');
		throw new SourceLoadError(
			`No workflows, ISE or integration accounts in ${input} (${filesRead} JSON file${filesRead === 1 ? '' : 's'} read; skipped ${shown}${skipped.length > 3 ? '; …' : ''}). Point at the folder holding your Logic Apps templates, or at an ise-migrate snapshot.`,
			input,
		);
	}
	onProgress?.({filesRead, resourcesFound: built.resourcesFound});
	return {inventory: built.inventory, skipped, stats: {filesRead, resourcesFound: built.resourcesFound}};
}
