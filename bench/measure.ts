// Timing helpers: medians of repeated runs, percentiles, and child processes timed with their peak RSS.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The compiled bench lives in dist-bench/bench; the repository is two levels up. */
export const REPO = path.resolve(here, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');
const RSS_PROBE = path.join(here, 'rss-probe.js');

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Median wall time (ms) of `rounds` runs of `fn`, each preceded by `before` (not timed). */
export async function timeMedian(rounds: number, fn: () => unknown, before?: () => unknown): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < rounds; i++) {
		await before?.();
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	return median(times);
}

export interface ChildRun {
	ms: number;
	/** Peak resident set size in MB (10^6 bytes) (only when asked for). */
	peakRssMB?: number;
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Run `node <args>` to completion and time it from spawn to exit. With `rss`, a preloaded probe records the
 * process's peak RSS (getrusage maxrss) as it exits; the probe is not loaded otherwise.
 */
export function runNode(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; rss?: boolean} = {}): Promise<ChildRun> {
	const probeDir = options.rss ? mkdtempSync(path.join(os.tmpdir(), 'ise-bench-rss-')) : undefined;
	const rssFile = probeDir ? path.join(probeDir, 'maxrss') : undefined;
	const nodeArgs = rssFile ? ['--import', new URL(`file://${RSS_PROBE}`).href, ...args] : args;
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn(process.execPath, nodeArgs, {
			cwd: options.cwd ?? REPO,
			env: {...process.env, ...options.env, ...(rssFile ? {ISE_BENCH_RSS_FILE: rssFile} : {})},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('close', (status) => {
			const ms = performance.now() - start;
			let peakRssMB: number | undefined;
			if (rssFile) {
				try {
					peakRssMB = (Number(readFileSync(rssFile, 'utf8')) * 1024) / 1e6;
				} catch {
					peakRssMB = undefined;
				}
				rmSync(probeDir!, {recursive: true, force: true});
			}
			resolve({ms, status, stdout, stderr, ...(peakRssMB !== undefined ? {peakRssMB} : {})});
		});
	});
}

export function tempDir(prefix: string): string {
	return mkdtempSync(path.join(os.tmpdir(), `ise-bench-${prefix}-`));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
