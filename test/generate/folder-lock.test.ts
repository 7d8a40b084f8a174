// The output folder's lock: made whole in one step, taken over from a dead holder by exactly one run, and released
// only by its own holder.
import {spawnSync} from 'node:child_process';
import {lstat, readdir, readlink, rm, symlink, utimes, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {FolderBusyError, LOCK, lockFolder, takeOver} from '../../source/folder-lock.js';
import {tempFolders} from '../helpers/temp.js';

const tmp = tempFolders('lock');
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const holder = (pid: number, since = '2026-12-07T00:00:00.000Z') => JSON.stringify({pid, host: os.hostname(), since});

describe('the folder lock', () => {
	it('is made with its holder in one step: never an empty lock for another run to read', async () => {
		const dir = await tmp();
		const lock = await lockFolder(dir, () => '2026-12-07T01:00:00.000Z');
		const st = await lstat(path.join(dir, LOCK));
		const text = st.isSymbolicLink() ? await readlink(path.join(dir, LOCK)) : '';
		expect(JSON.parse(text)).toEqual({pid: process.pid, host: os.hostname(), since: '2026-12-07T01:00:00.000Z'});
		await lock.release();
		expect(await readdir(dir)).toEqual([]);
	});

	it("two runs taking over the same dead holder's lock: exactly one gets it, the other is told who has it", async () => {
		const dir = await tmp();
		await symlink(holder(deadPid()), path.join(dir, LOCK));
		const results = await Promise.allSettled([lockFolder(dir, () => 'A'), lockFolder(dir, () => 'B')]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect(lost[0]!.reason).toBeInstanceOf(FolderBusyError);
		expect(String(lost[0]!.reason.message)).toMatch(new RegExp(`Another ise-migrate \\(process ${process.pid}, since [AB]\\) is writing into`));
		// Nothing but the winner's lock is left, and releasing it leaves the folder empty.
		expect(await readdir(dir)).toEqual([LOCK]);
		await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof lockFolder>>>).value.release();
		expect(await readdir(dir)).toEqual([]);
	});

	it('a run that judged the holder dead a moment ago never removes the lock another run has taken since', async () => {
		const dir = await tmp();
		const file = path.join(dir, LOCK);
		const dead = {pid: deadPid(), host: os.hostname(), since: 'long ago'};
		// Run A took the dead holder's lock over and holds it now; run B read the dead holder before that.
		const a = await lockFolder(dir, () => 'A');
		await expect(takeOver(dir, file, dead)).rejects.toThrow(new RegExp(`Another ise-migrate \\(process ${process.pid}, since A\\)`));
		expect(JSON.parse(await readlink(file)).since).toBe('A');
		expect(await readdir(dir)).toEqual([LOCK]);
		await a.release();
	});

	it('releasing never removes a lock another run holds now', async () => {
		const dir = await tmp();
		const mine = await lockFolder(dir, () => 'mine');
		// Another run took the folder over meanwhile (say this run's lock was judged dead).
		const file = path.join(dir, LOCK);
		await rm(file);
		await symlink(holder(process.pid, 'theirs'), file);
		await mine.release();
		expect(JSON.parse(await readlink(file)).since).toBe('theirs');
	});

	it('a lock it cannot read is left alone for a moment (it may be being made), then taken over', async () => {
		const dir = await tmp();
		const file = path.join(dir, LOCK);
		await writeFile(file, '');
		await expect(lockFolder(dir)).rejects.toThrow(/starting to write into .* Wait a moment/);
		const old = new Date(Date.now() - 60_000);
		await utimes(file, old, old);
		const lock = await lockFolder(dir);
		await lock.release();
		expect(await readdir(dir)).toEqual([]);
	});
});
