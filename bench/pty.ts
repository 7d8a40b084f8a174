// A program in a pseudo-terminal, its output timestamped, so the bench can time what a person would see:
// the first frame after start, the frame after a key.
import {spawn, type IPty} from '@lydell/node-pty';
import {performance} from 'node:perf_hooks';

// CSI and OSC sequences, and the single-character escapes Ink writes.
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
export const plain = (s: string) => s.replace(ANSI, '');

export interface Chunk {
	at: number;
	text: string;
}

export class Pty {
	readonly chunks: Chunk[] = [];
	readonly started = performance.now();
	private readonly pty: IPty;
	private exited = false;
	private waiters: (() => void)[] = [];

	constructor(args: string[], options: {cwd: string; env: NodeJS.ProcessEnv; cols?: number; rows?: number}) {
		this.pty = spawn(process.execPath, args, {name: 'xterm-256color', cols: options.cols ?? 120, rows: options.rows ?? 40, cwd: options.cwd, env: options.env as Record<string, string>});
		this.pty.onData((text) => {
			this.chunks.push({at: performance.now(), text});
			for (const w of this.waiters.splice(0)) w();
		});
		this.pty.onExit(() => {
			this.exited = true;
			for (const w of this.waiters.splice(0)) w();
		});
	}

	/** Everything written since chunk `from`, escapes removed. */
	textSince(from = 0): string {
		return plain(this.chunks.slice(from).map((c) => c.text).join(''));
	}

	/** The time of the first chunk (at index ≥ from) after which the output since `from` contains `text`. */
	async waitFor(text: string | RegExp, from = 0, timeoutMs = 60_000): Promise<{at: number; index: number}> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			let acc = '';
			for (let i = from; i < this.chunks.length; i++) {
				acc += this.chunks[i]!.text;
				const seen = plain(acc);
				if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return {at: this.chunks[i]!.at, index: i};
			}
			if (this.exited) throw new Error(`the program exited before showing ${String(text)}:\n${this.textSince(from).slice(-2000)}`);
			const left = deadline - performance.now();
			if (left <= 0) throw new Error(`timed out waiting for ${String(text)}:\n${this.textSince(from).slice(-2000)}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	/** Resolves once no output has arrived for `quietMs`. */
	async settle(quietMs = 150): Promise<void> {
		for (;;) {
			const last = this.chunks.at(-1)?.at ?? this.started;
			const wait = last + quietMs - performance.now();
			if (wait <= 0) return;
			await new Promise((r) => setTimeout(r, wait));
		}
	}

	write(data: string): number {
		const at = performance.now();
		this.pty.write(data);
		return at;
	}

	kill(): void {
		if (!this.exited) this.pty.kill();
	}

	async exit(): Promise<void> {
		while (!this.exited) await new Promise((r) => setTimeout(r, 20));
	}
}
