// Make a folder refuse new entries, even for root (the tests run as root on CI): `chattr +i` where the file
// system supports it, else a plain chmod (enough for a normal user). Returns the undo, or undefined when
// neither works here (the caller skips).
import {spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync, rmSync} from 'node:fs';
import path from 'node:path';

export function makeReadOnly(dir: string): (() => void) | undefined {
	if (process.getuid?.() === 0) {
		if (spawnSync('chattr', ['+i', dir]).status !== 0) return undefined;
		return () => void spawnSync('chattr', ['-i', dir]);
	}
	chmodSync(dir, 0o500);
	const undo = () => chmodSync(dir, 0o700);
	try {
		writeFileSync(path.join(dir, '.probe'), '');
		rmSync(path.join(dir, '.probe'));
		undo();
		return undefined;
	} catch {
		return undo;
	}
}
