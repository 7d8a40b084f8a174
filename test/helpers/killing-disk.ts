// A Disk for write() that dies at a chosen operation, the way a kill -9 would: from that instant nothing
// more reaches the disk. "during" leaves the operation half done (half a temp file, half a journal line).
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {nodeDisk, type Disk} from '../../source/generate/write.js';
import {fileText} from '../../source/model/index.js';

export class Killed extends Error {}

/** Kill just before operation `op`, or half-way through it (`during`, for operations that write bytes). */
export type KillPoint = {op: number; during: boolean};

export function killingDisk(at?: KillPoint): {disk: Disk; ops: () => number; killed: () => boolean; halfWayPoints: () => number[]} {
	let count = 0;
	let dead = false;
	const halfWay: number[] = [];
	const gate = async <T>(run: () => Promise<T>, half?: () => Promise<void>): Promise<T> => {
		if (dead) throw new Killed();
		const n = count++;
		if (half) halfWay.push(n);
		if (at && n === at.op) {
			dead = true;
			if (at.during && half) await half();
			throw new Killed();
		}
		return run();
	};
	const halfOf = (text: string | Uint8Array) => (typeof text === 'string' ? text : fileText(text)).slice(0, Math.floor(text.length / 2));
	const disk: Disk = {
		readFile: (f) => gate(() => nodeDisk.readFile(f)),
		hashFile: (f) => gate(() => nodeDisk.hashFile(f)),
		lstat: (f) => gate(() => nodeDisk.lstat(f)),
		readdir: (d) => gate(() => nodeDisk.readdir(d)),
		mkdir: (d) => gate(() => nodeDisk.mkdir(d)),
		chmod: (f, m) => gate(() => nodeDisk.chmod(f, m)),
		syncDir: (d) => gate(() => nodeDisk.syncDir(d)),
		rmdirIfEmpty: (d) => gate(() => nodeDisk.rmdirIfEmpty(d)),
		rename: (a, b) => gate(() => nodeDisk.rename(a, b)),
		rm: (f) => gate(() => nodeDisk.rm(f)),
		writeFile: (f, text, o) => gate(() => nodeDisk.writeFile(f, text, o), () => fs.writeFile(f, halfOf(text), {mode: o.mode ?? 0o644})),
		writeStreamed: (f, doc, o) => gate(() => nodeDisk.writeStreamed(f, doc, o), () => fs.writeFile(f, halfOf(fileText(doc)), {mode: o.mode ?? 0o644})),
		appendSynced: (f, text) => gate(() => nodeDisk.appendSynced(f, text), () => fs.appendFile(f, halfOf(text))),
	};
	return {disk, ops: () => count, killed: () => dead, halfWayPoints: () => halfWay};
}

/** Every file under `dir` with its mode and content: what a user would compare. */
export async function folderState(dir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	const walk = async (rel: string): Promise<void> => {
		for (const e of await fs.readdir(path.join(dir, rel), {withFileTypes: true})) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) await walk(r);
			else {
				const full = path.join(dir, r);
				const mode = ((await fs.stat(full)).mode & 0o777).toString(8);
				out[r] = `${mode} ${await fs.readFile(full, 'utf8')}`;
			}
		}
	};
	await walk('');
	return out;
}
