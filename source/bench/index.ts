// `npm run bench`: the pipeline's speed and memory on a large estate, printed as ratios against a floor
// measured in the same run (a JSON round-trip of the same inventory), so figures compare across machines.
import {performance} from 'node:perf_hooks';
import {analyze} from '../analysis/index.js';
import {generate, plan} from '../generate/index.js';
import type {Inventory} from '../model/index.js';
import {contosoInventory} from '../sources/demo/contoso.js';

/** The sample ISE's workflows repeated until the estate has `count` workflows, each renamed. */
function largeEstate(count: number): Inventory {
	const base = contosoInventory();
	const workflows = [];
	for (let i = 0; workflows.length < count; i++) {
		for (const w of base.workflows) {
			if (workflows.length >= count) break;
			workflows.push({...structuredClone(w), name: `${w.name}-${i}`, id: `${w.id}-${i}`});
		}
	}
	return {...base, workflows};
}

function time(fn: () => unknown, rounds: number): number {
	fn();
	const start = performance.now();
	for (let i = 0; i < rounds; i++) fn();
	return (performance.now() - start) / rounds;
}

const sizes = [100, 500];
const targets = {pipelinePerFloor: 60};
let worst = 0;
for (const size of sizes) {
	const inv = largeEstate(size);
	const floor = time(() => JSON.parse(JSON.stringify(inv)), 5);
	const analyzeMs = time(() => analyze(inv), 3);
	const findings = analyze(inv);
	const pipelineMs = time(() => generate(plan(inv, findings, {}), {generatedAt: 'bench', toolVersion: 'bench'}), 3);
	// Retained memory: what the FileSet still holds after a full collection, against its own size.
	const gc = (globalThis as {gc?: () => void}).gc;
	gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const files = generate(plan(inv, findings, {}), {generatedAt: 'bench', toolVersion: 'bench'});
	gc?.();
	const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
	const bytes = [...files.values()].reduce((n, t) => n + t.length, 0) / (1024 * 1024);
	const ratio = (analyzeMs + pipelineMs) / floor;
	worst = Math.max(worst, ratio);
	console.log(
		`${String(size).padStart(4)} workflows: floor ${floor.toFixed(1)} ms · analyze ×${(analyzeMs / floor).toFixed(1)} · plan+generate ×${(pipelineMs / floor).toFixed(1)} · ` +
			`output ${bytes.toFixed(1)} MiB, heap growth ×${(heapGrowth / Math.max(bytes, 0.01)).toFixed(1)} of output`,
	);
}
console.log(`worst pipeline/floor ratio ×${worst.toFixed(1)} (target ≤ ×${targets.pipelinePerFloor})`);
process.exitCode = worst <= targets.pipelinePerFloor ? 0 : 1;
