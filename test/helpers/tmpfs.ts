// A tiny tmpfs stands in for a full disk; mounting one needs root (CI and the dev machines run as root), and the
// tests that use it are skipped without. Unmounted and removed after the file's tests.
import {spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

export async function tinyTmpfs(prefix: string, size = '64k'): Promise<{mountPoint: string; mounted: boolean}> {
	const mountPoint = await mkdtemp(path.join(os.tmpdir(), prefix));
	const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]).status === 0;
	afterAll(async () => {
		if (mounted) spawnSync('umount', [mountPoint]);
		await rm(mountPoint, {recursive: true, force: true});
	});
	return {mountPoint, mounted};
}
