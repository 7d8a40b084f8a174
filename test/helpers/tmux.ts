// Drive the BUILT cli in a real terminal: a private tmux server, fixed size, one key per send-keys,
// polling capture-pane until the expected text shows (never a fixed sleep).
import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export function hasTmux(): boolean {
	return spawnSync('tmux', ['-V']).status === 0;
}

export class Terminal {
	private readonly socket = `ise-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	private readonly session = 'w';

	constructor(
		private readonly cwd: string,
		private readonly env: Record<string, string>,
	) {}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
	}

	start(args: string[], size = {x: 110, y: 40}): void {
		const envArgs = Object.entries(this.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
		const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
		// `; sleep` keeps the pane after the CLI exits so its last words can be read.
		this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', this.session, '-x', String(size.x), '-y', String(size.y), '-c', this.cwd, ...envArgs, `env -u CI ${command}; echo "[exit $?]"; sleep 30`);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', this.session);
	}

	key(key: string): void {
		this.tmux('send-keys', '-t', this.session, key);
	}

	type(text: string): void {
		this.tmux('send-keys', '-t', this.session, '-l', text);
	}

	async waitFor(predicate: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
		const test = typeof predicate === 'function' ? predicate : (s: string) => (typeof predicate === 'string' ? s.includes(predicate) : predicate.test(s));
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = this.screen();
			if (test(last)) return last;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(`timed out waiting for ${String(predicate)}; screen was:\n${last}`);
	}

	/** Kill the CLI (the pane shell's only child) with SIGKILL, as a closed laptop or a dropped SSH session would. */
	killApp(): void {
		const pid = this.tmux('list-panes', '-t', this.session, '-F', '#{pane_pid}').trim();
		spawnSync('pkill', ['-KILL', '-P', pid]);
	}

	stop(): void {
		spawnSync('tmux', ['-L', this.socket, 'kill-server']);
	}
}
