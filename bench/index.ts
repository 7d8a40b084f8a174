// `npm run bench`: speed and memory at estate scale, each figure a ratio against a floor measured in the same
// run on the same machine, so results compare across machines. Prints a table, checks the targets, and (for a
// full run) writes bench/results/latest.json.
//   --sizes 100,1000   estate sizes (default 100,1000,5000)
//   --only pipeline,inventory,startup,wizard
//   --quick            one round of everything
//   --out FILE         where to write the results (a partial run writes only when given)
//   --strict           exit 1 when a target is missed
import {execFileSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {writeEstateSnapshot, type EstateFile} from './estate.js';
import {measureStartup, measureWizard, type StartupResult, type WizardResult} from './interactive.js';
import {measureInventory, type InventoryResult} from './inventory.js';
import {REPO, tempDir} from './measure.js';
import {measurePipeline, type PipelineResult} from './pipeline.js';
import {printReport} from './report.js';
import {checkTargets} from './targets.js';

const {values} = parseArgs({
	options: {
		sizes: {type: 'string'},
		only: {type: 'string'},
		quick: {type: 'boolean', default: false},
		out: {type: 'string'},
		strict: {type: 'boolean', default: false},
	},
});
const sizes = (values.sizes ?? '100,1000,5000').split(',').map(Number);
const parts = new Set((values.only ?? 'pipeline,inventory,startup,wizard').split(','));
const full = !values.sizes && !values.only && !values.quick;
const rounds = (n: number) => (values.quick ? 1 : n <= 100 ? 5 : n <= 1000 ? 3 : 1);
/** Per ARM request; real ARM answers a workflow GET in roughly 50–300 ms. */
const LATENCY_MS = 50;
const WIZARD_SIZE = Math.max(...sizes);

function machine() {
	const cpus = os.cpus();
	let commit: string | undefined;
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
	} catch {
		commit = undefined;
	}
	return {
		cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
		...(commit ? {commit} : {}),
	};
}

const started = new Date();
const host = machine();
const estatesDir = tempDir('estates');
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
try {
	const estates: EstateFile[] = sizes.map((n) => writeEstateSnapshot(n, estatesDir));
	const pipeline: PipelineResult[] = [];
	const inventory: InventoryResult[] = [];
	let startup: StartupResult | undefined;
	let wizard: WizardResult | undefined;

	if (parts.has('startup')) {
		progress('start-up: --version against node -e 0, the first frame of --demo against a one-line Ink app');
		startup = await measureStartup(values.quick ? 1 : 7);
	}
	for (const estate of estates) {
		if (parts.has('pipeline')) {
			progress(`pipeline at ${estate.count} workflows (${rounds(estate.count)} round(s))`);
			pipeline.push(await measurePipeline(estate, rounds(estate.count)));
		}
		if (parts.has('inventory')) {
			progress(`inventory of ${estate.count} workflows from the fake ARM at ${LATENCY_MS} ms a request`);
			inventory.push(await measureInventory(estate.count, LATENCY_MS));
		}
	}
	if (parts.has('wizard')) {
		progress(`the wizard at ${WIZARD_SIZE} workflows: keys and decisions in Resolve`);
		// 100 keys, so the p95 is not just the second-slowest of a few.
		wizard = await measureWizard(estates.find((e) => e.count === WIZARD_SIZE)!.file, WIZARD_SIZE, values.quick ? 10 : 100, values.quick ? 2 : 7);
	}

	const targets = checkTargets({pipeline, inventory, startup, wizard});
	const results = {
		generatedAt: started.toISOString(),
		durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
		machine: {...host, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2)))},
		estates: estates.map((e) => ({workflows: e.count, snapshotMiB: Number((e.bytes / 2 ** 20).toFixed(1)), sha256: e.sha256})),
		settings: {inventoryLatencyMs: LATENCY_MS, inventoryConcurrency: 8, rounds: Object.fromEntries(sizes.map((n) => [n, rounds(n)]))},
		pipeline,
		inventory,
		startup,
		wizard,
		targets,
	};
	printReport(results);
	const out = values.out ?? (full ? path.join(REPO, 'bench/results/latest.json') : undefined);
	if (out) {
		mkdirSync(path.dirname(out), {recursive: true});
		writeFileSync(out, `${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(2)) : v), 2)}\n`);
		console.log(`\nResults written to ${path.relative(process.cwd(), out) || out}`);
	}
	const missed = targets.filter((t) => t.met === false).length;
	if (values.strict && missed > 0) process.exitCode = 1;
} finally {
	rmSync(estatesDir, {recursive: true, force: true});
}
