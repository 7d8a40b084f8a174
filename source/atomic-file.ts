// Write a file so that readers see the old content or the whole new content, never a part.
// write-file-atomic 6 issues a single write() and ignores a short count, so on a nearly full disk it renamed
// a truncated file into place; FileHandle.writeFile loops until everything is written or throws ENOSPC.
import {randomBytes} from 'node:crypto';
import {promises as fs} from 'node:fs';

export async function writeFileAtomic(target: string, content: string): Promise<void> {
	const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		const handle = await fs.open(temp, 'w', 0o644);
		try {
			await handle.writeFile(content, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}
		await fs.rename(temp, target);
	} catch (error) {
		await fs.rm(temp, {force: true}).catch(() => undefined);
		throw error;
	}
}
