// Opening a source from the wizard: going back or quitting while a folder is read stops the reading itself.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {reopenSource} from '../../source/migration/index.js';
import {sourcePort} from '../../source/services.js';

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((d) => rm(d, {recursive: true, force: true}))));

describe('reopening a saved session', () => {
	it('stops reading the folder when the wizard no longer wants it', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-open-'));
		temps.push(dir);
		await writeFile(path.join(dir, 'template.json'), JSON.stringify({$schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: []}));
		const progress: string[] = [];
		await expect(reopenSource(sourcePort, {kind: 'templates', path: dir}, (t) => progress.push(t), AbortSignal.abort())).rejects.toThrow(/abort/i);
		expect(progress).toEqual([]);
		// Without the signal the same folder is read (and found to hold nothing to migrate).
		await expect(reopenSource(sourcePort, {kind: 'templates', path: dir})).rejects.toThrow(/1 JSON file read/);
	});
});
