// The pipeline at one estate size: each phase in process, `generate --from` end to end as a child process,
// and the floor they are measured against, all in the same run.
import {promises as fs, rmSync} from 'node:fs';
import path from 'node:path';
import {generate, plan, type Plan} from '../source/generate/index.js';
import {write} from '../source/generate/write.js';
import {prepareMigration, recommendedDecisions, type Migration} from '../source/migration/index.js';
import {isStreamed, type FileContent, type FileSet, type Inventory} from '../source/model/index.js';
import {parseSnapshot} from '../source/sources/snapshot.js';
import type {EstateFile} from './estate.js';
import {CLI, runNode, tempDir, timeMedian} from './measure.js';

export interface PipelineResult {
	workflows: number;
	snapshotMiB: number;
	output: {files: number; MiB: number};
	/** ms, median of the rounds. */
	floor: {jsonRoundTrip: number; plainWrite: number; total: number};
	phases: {parse: number; analyze: number; plan: number; generate: number; write: number; total: number};
	e2e: {ms: number; peakRssMB: number | undefined; exitCode: number | null};
}

/** Bytes of a file's contents; a streamed document is made once to count them. */
function byteSize(content: FileContent): number {
	if (!isStreamed(content)) return Buffer.byteLength(content);
	let bytes = 0;
	content.write((chunk) => (bytes += chunk.byteLength));
	return bytes;
}

/** The floor's disk half: the same files (paths and sizes) written with plain mkdir + fs.writeFile. */
async function plainWrite(files: {rel: string; bytes: number}[], dir: string): Promise<void> {
	const made = new Set<string>();
	for (const f of files) {
		const target = path.join(dir, f.rel);
		const parent = path.dirname(target);
		if (!made.has(parent)) {
			await fs.mkdir(parent, {recursive: true});
			made.add(parent);
		}
		await fs.writeFile(target, 'x'.repeat(f.bytes));
	}
}

export async function measurePipeline(estate: EstateFile, rounds: number): Promise<PipelineResult> {
	const scratch = tempDir('pipeline');
	const fresh = (name: string) => {
		const dir = path.join(scratch, name);
		rmSync(dir, {recursive: true, force: true});
		return dir;
	};
	try {
		// The phases as `generate --from` runs them through the application layer (migration/), decisions being every
		// finding's recommended option. One pass first, to get the output the floor writes an equal amount of.
		const clock = {generatedAt: 'bench', toolVersion: 'bench'};
		const source = {kind: 'snapshot', path: estate.file} as const;
		const open = (inventory: Inventory) => prepareMigration({inventory, source});
		const planFor = (m: Migration) => plan(m.inventory, m.findings, recommendedDecisions(m.findings, new Date(0).toISOString()), m.operations);
		const files = generate(planFor(open(parseSnapshot(estate.text))), clock);
		const shapes = [...files].map(([rel, content]) => ({rel, bytes: byteSize(content)}));
		const outputBytes = shapes.reduce((n, f) => n + f.bytes, 0);

		// The floor and the end-to-end run are what the targets divide: at least three rounds each, so one busy
		// moment of the machine does not decide a ratio.
		const steady = Math.max(rounds, 3);
		const jsonRoundTrip = await timeMedian(steady, () => JSON.stringify(JSON.parse(estate.text)));
		const plainWriteMs = await timeMedian(steady, () => plainWrite(shapes, fresh('plain')), () => fresh('plain'));

		let inv!: Inventory;
		let migration!: Migration;
		let p!: Plan;
		let set: FileSet = files;
		const parse = await timeMedian(rounds, () => (inv = parseSnapshot(estate.text)));
		// Unique names, every step resolved and assessed once, the findings: prepareMigration.
		const analyzeMs = await timeMedian(rounds, () => (migration = open(inv)));
		const planMs = await timeMedian(rounds, () => (p = planFor(migration)));
		const generateMs = await timeMedian(rounds, () => (set = generate(p, clock)));
		const writeMs = await timeMedian(rounds, () => write(set, fresh('write')), () => fresh('write'));

		// End to end, as a user runs it: a new process, module loading included.
		const e2eRuns = [];
		for (let i = 0; i < steady; i++) {
			const out = fresh('e2e');
			e2eRuns.push(await runNode([CLI, 'generate', '--from', estate.file, '--out', out], {rss: true, env: {ISE_MIGRATE_CONFIG_DIR: path.join(scratch, 'config')}}));
		}
		e2eRuns.sort((a, b) => a.ms - b.ms);
		const e2e = e2eRuns[Math.floor((e2eRuns.length - 1) / 2)]!;
		if (e2e.status !== 0) throw new Error(`generate --from ${estate.file} exited ${e2e.status}: ${e2e.stderr}`);

		return {
			workflows: estate.count,
			snapshotMiB: estate.bytes / 1048576,
			output: {files: files.size, MiB: outputBytes / 1048576},
			floor: {jsonRoundTrip, plainWrite: plainWriteMs, total: jsonRoundTrip + plainWriteMs},
			phases: {parse, analyze: analyzeMs, plan: planMs, generate: generateMs, write: writeMs, total: parse + analyzeMs + planMs + generateMs + writeMs},
			e2e: {ms: e2e.ms, peakRssMB: Math.max(...e2eRuns.map((r) => r.peakRssMB ?? 0)) || undefined, exitCode: e2e.status},
		};
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}
