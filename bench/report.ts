// The bench's table on stdout: figures as ratios against their floors, then the targets as met / missed.
import type {StartupResult, WizardResult} from './interactive.js';
import type {InventoryResult} from './inventory.js';
import type {PipelineResult} from './pipeline.js';
import type {Target} from './targets.js';

interface Report {
	machine: {cpu: string; memoryGiB: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[]};
	pipeline: PipelineResult[];
	inventory: InventoryResult[];
	startup?: StartupResult;
	wizard?: WizardResult;
	targets: Target[];
}

function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
const x = (n: number) => `×${n.toFixed(n < 10 ? 2 : 1)}`;

export function printReport(r: Report): void {
	const out: string[] = [];
	out.push(`Machine: ${r.machine.cpu}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadAverageAtStart.join(' ')} → ${r.machine.loadAverageAtEnd.join(' ')}`);
	if (r.pipeline.length > 0) {
		out.push('', 'Pipeline (phases in process, end to end as a child process), × the floor: JSON.parse + JSON.stringify of the snapshot + the same files written with fs.writeFile');
		out.push(
			table(
				['workflows', 'snapshot', 'output', 'floor', 'parse', 'analyze', 'plan', 'generate', 'write', 'phases', 'e2e', 'e2e time', 'peak RSS'],
				r.pipeline.map((p) => {
					const f = p.floor.total;
					return [
						p.workflows.toLocaleString('en'),
						`${p.snapshotMiB.toFixed(1)} MiB`,
						`${p.output.files} files, ${p.output.MiB.toFixed(1)} MiB`,
						ms(f),
						x(p.phases.parse / f),
						x(p.phases.analyze / f),
						x(p.phases.plan / f),
						x(p.phases.generate / f),
						x(p.phases.write / f),
						x(p.phases.total / f),
						x(p.e2e.ms / f),
						ms(p.e2e.ms),
						p.e2e.peakRssMB === undefined ? '?' : `${p.e2e.peakRssMB.toFixed(0)} MB`,
					];
				}),
			),
		);
	}
	if (r.inventory.length > 0) {
		out.push('', 'Inventory from the fake ARM, × (requests ÷ concurrency) × latency (time: a second read in the same process; first: the cold one)');
		out.push(
			table(
				['workflows', 'requests', 'latency', 'concurrency', 'floor', 'time', 'ratio', 'first', 'ratio'],
				r.inventory.map((i) => [i.workflows.toLocaleString('en'), String(i.requests), ms(i.latencyMs), String(i.concurrency), ms(i.floorMs), ms(i.ms), x(i.ms / i.floorMs), ms(i.coldMs), x(i.coldMs / i.floorMs)]),
			),
		);
	}
	if (r.startup) {
		const s = r.startup;
		out.push('', 'Start-up');
		out.push(
			table(
				['what', 'floor', 'time', 'ratio'],
				[
					['--version (floor: node -e 0)', ms(s.version.floorMs), ms(s.version.ms), x(s.version.ms / s.version.floorMs)],
					['first frame of --demo (floor: one-line Ink app)', ms(s.firstFrame.floorMs), ms(s.firstFrame.ms), x(s.firstFrame.ms / s.firstFrame.floorMs)],
					['the sample ISE on screen (--demo, step 2)', ms(s.firstFrame.floorMs), ms(s.firstFrame.sampleScreenMs), x(s.firstFrame.sampleScreenMs / s.firstFrame.floorMs)],
				],
			),
		);
	}
	if (r.wizard) {
		const w = r.wizard;
		out.push('', `The wizard at ${w.workflows.toLocaleString('en')} workflows (snapshot open to ISE screen ${ms(w.openMs)})`);
		out.push(
			table(
				['what', 'p50', 'p95 / max', 'samples'],
				[
					['key (↓ ↑) to frame in Resolve', ms(w.keystroke.p50), ms(w.keystroke.p95), String(w.keystroke.samples)],
					['  floor: the same key in a full-screen Ink app', ms(w.keyFloor.p50), ms(w.keyFloor.p95), String(w.keyFloor.samples)],
					[`option chosen to "Saved" frame (${w.decision.saved} saved)`, ms(w.decision.p50), ms(w.decision.max), String(w.decision.samples)],
				],
			),
		);
	}
	out.push('', 'Targets');
	out.push(
		table(
			['target', 'value', 'limit', ''],
			r.targets.map((t) => [
				t.what,
				t.value === undefined ? '—' : t.unit === '×' ? x(t.value) : `${t.value.toFixed(t.unit === 'ms' ? 1 : 0)} ${t.unit}`,
				t.unit === '×' ? `≤ ×${t.limit}` : `≤ ${t.limit} ${t.unit}`,
				t.met === undefined ? 'not measured' : t.met ? 'met' : 'MISSED',
			]),
		),
	);
	const measured = r.targets.filter((t) => t.met !== undefined);
	out.push('', `${measured.filter((t) => t.met).length} of ${measured.length} measured targets met.`);
	console.log(out.join('\n'));
}
