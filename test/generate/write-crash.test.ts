// write() killed at every instant — before, during and after each file, journal and manifest update — and
// run again: the folder must end up exactly as a run that was never interrupted leaves it (same files, same
// contents, same modes, same manifest; the admin's edits kept; no temp file, no journal).
import {spawnSync} from 'node:child_process';
import {cp, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {write} from '../../source/generate/write.js';
import {streamedLines} from '../../source/generate/utf8-text.js';
import {fileText, type FileContent} from '../../source/model/index.js';
import {folderState, Killed, killingDisk, type KillPoint} from '../helpers/killing-disk.js';
import {tempFolders} from '../helpers/temp.js';

const tmp = tempFolders('crash');

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
/** A small project; `variant` changes some contents, as a changed decision between runs does. */
type Variant = 'A' | 'B' | 'C';
function project(variant: Variant): Map<string, FileContent> {
	const target = {A: 'builtin', B: 'managed', C: 'http'}[variant];
	return new Map([
		['host.json', json({version: '2.0'})],
		['connections.json', json({serviceProviderConnections: {sql: {target}}, managedApiConnections: variant === 'A' ? {} : {office365: {api: {variant}}}})],
		['parameters.json', json({sqlServer: {type: 'String', value: variant}})],
		['local.settings.json', json({IsEncrypted: false, Values: {sql_connectionString: ''}})],
		['order-intake/workflow.json', json({kind: 'Stateful', uses: target})],
		['invoice-sync/workflow.json', json({kind: 'Stateful', uses: target})],
		...(variant === 'A' ? [['old-only/workflow.json', json({kind: 'Stateless'})] as [string, string]] : []),
		['infra/azuredeploy.json', json({resources: [variant]})],
		// Streamed, as the generated documents are: written to its temp before it is journaled.
		['migration/report.md', streamedLines((L) => L.push(`# Report ${variant}`, '', ...Array.from({length: 50}, (_, i) => `- item ${i}`)))],
	]);
}

const EDITED = ['local.settings.json', 'order-intake/workflow.json'];
/** The admin's edits between runs: a workflow, connections.json (merged) and the secrets file. */
async function adminEdits(dir: string): Promise<void> {
	await writeFile(path.join(dir, 'order-intake/workflow.json'), '{"edited": "by the admin"}\n');
	const conns = JSON.parse(await readFile(path.join(dir, 'connections.json'), 'utf8'));
	conns.serviceProviderConnections.mine = {added: 'by hand'};
	await writeFile(path.join(dir, 'connections.json'), json(conns));
	await writeFile(path.join(dir, 'local.settings.json'), json({IsEncrypted: false, Values: {sql_connectionString: 'Server=secret'}}));
}

interface Scenario {
	name: string;
	/** Brings a folder to the state the killed run starts from. */
	before: (dir: string) => Promise<void>;
	killed: Variant;
	rerun: Variant;
}

const scenarios: Scenario[] = [
	{name: 'first run, re-run the same', before: async () => undefined, killed: 'A', rerun: 'A'},
	{name: 'first run, re-run after a changed decision', before: async () => undefined, killed: 'A', rerun: 'B'},
	{
		name: 'run over a project the admin edited',
		before: async (dir) => {
			await write(project('A'), dir);
			await adminEdits(dir);
		},
		killed: 'B',
		rerun: 'B',
	},
	{
		// old-only/workflow.json (a workflow left out since) is removed by the killed run, or by the re-run.
		name: 'a re-run that leaves a workflow out, killed while removing its folder',
		before: async (dir) => {
			await write(project('A'), dir);
		},
		killed: 'B',
		rerun: 'B',
	},
	{
		name: 'run over a project the admin edited, re-run after a changed decision',
		before: async (dir) => {
			await write(project('A'), dir);
			await adminEdits(dir);
		},
		killed: 'B',
		rerun: 'C',
	},
];

/**
 * What uninterrupted runs leave. When the killed run had other files to write than the re-run, it may have
 * written them before the kill, or not: both outcomes are clean ones (run 1 finished, or never started).
 */
async function cleanResults(s: Scenario): Promise<Record<string, string>[]> {
	const outcomes = [];
	for (const killedRunFinished of s.killed === s.rerun ? [true] : [true, false]) {
		const dir = path.join(await tmp(), 'out');
		await s.before(dir);
		if (killedRunFinished && s.killed !== s.rerun) await write(project(s.killed), dir);
		await write(project(s.rerun), dir);
		outcomes.push(await folderState(dir));
	}
	return outcomes;
}

/** The folder the killed run starts from, made once and copied for each kill point. */
async function startingPoint(s: Scenario): Promise<() => Promise<string>> {
	const template = path.join(await tmp(), 'out');
	await s.before(template);
	return async () => {
		const dir = path.join(await tmp(), 'out');
		await cp(template, dir, {recursive: true}).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'ENOENT') throw error;
		});
		return dir;
	};
}

/** Every instant an uninterrupted run of this scenario can be killed at: before each disk operation, and half-way through each that writes bytes. */
async function killPoints(s: Scenario): Promise<{total: number; points: KillPoint[]}> {
	const dir = await (await startingPoint(s))();
	const counter = killingDisk();
	await write(project(s.killed), dir, {disk: counter.disk});
	const total = counter.ops();
	const points: KillPoint[] = [];
	for (let op = 0; op <= total; op++) points.push({op, during: false});
	for (const op of counter.halfWayPoints()) points.push({op, during: true});
	return {total, points};
}

describe('write() killed at any instant', () => {
	for (const s of scenarios) {
		it(`${s.name}: the re-run equals a clean run, at every kill point`, async () => {
			const expected = await cleanResults(s);
			expect(Object.keys(expected[0]!).some((f) => f.includes('.ise-migrate-tmp') || f.includes('journal'))).toBe(false);
			const {total, points} = await killPoints(s);
			expect(total).toBeGreaterThan(20);
			const fresh = await startingPoint(s);
			for (const point of points) {
				const dir = await fresh();
				const k = killingDisk(point);
				const outcome = await write(project(s.killed), dir, {disk: k.disk}).then(
					() => 'finished',
					(error: unknown) => (error instanceof Killed || (error as Error).cause instanceof Killed ? 'killed' : error),
				);
				expect(outcome, `kill at op ${point.op}${point.during ? ' (during)' : ''}`).toBe(point.op < total ? 'killed' : 'finished');
				const rerun = await write(project(s.rerun), dir);
				expect(rerun.kept.filter((f) => !EDITED.includes(f)), `kill at op ${point.op}`).toEqual([]);
				expect(expected, `kill at op ${point.op}${point.during ? ' (during)' : ''}`).toContainEqual(await folderState(dir));
				await rm(dir, {recursive: true, force: true});
			}
		});
	}

	it('killed twice in a row, with a changed decision in between, still ends like a clean run', async () => {
		const s = scenarios[1]!;
		const expected = await cleanResults(s);
		const {total} = await killPoints(s);
		for (let first = 0; first < total; first += 3) {
			const dir = path.join(await tmp(), 'out');
			await write(project('A'), dir, {disk: killingDisk({op: first, during: true}).disk}).catch(() => undefined);
			await write(project('B'), dir, {disk: killingDisk({op: (first * 7) % total, during: false}).disk}).catch(() => undefined);
			await write(project('B'), dir);
			expect(expected, `kills at ${first} and ${(first * 7) % total}`).toContainEqual(await folderState(dir));
			await rm(dir, {recursive: true, force: true});
		}
	});

	it('a real kill -9 of a process in the middle of writing: the next run finishes the job', async () => {
		const s = scenarios[2]!;
		const [expected] = await cleanResults(s);
		const {total} = await killPoints(s);
		const fresh = await startingPoint(s);
		const script = path.resolve(import.meta.dirname, '../helpers/kill-writer.mjs');
		for (let op = 1; op < total; op += Math.ceil(total / 6)) {
			const dir = await fresh();
			const files = Object.fromEntries([...project('B')].map(([rel, v]) => [rel, typeof v === 'string' ? v : {streamed: fileText(v)}]));
			const child = spawnSync(process.execPath, [script, dir, String(op)], {input: JSON.stringify(files), encoding: 'utf8'});
			expect(child.signal, child.stderr).toBe('SIGKILL');
			const rerun = await write(project('B'), dir);
			expect(rerun.kept).toEqual(EDITED);
			expect(await folderState(dir), `kill -9 at op ${op}`).toEqual(expected);
		}
	});
});
