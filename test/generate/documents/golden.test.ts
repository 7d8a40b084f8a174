// The sample's documents, as an admin reads them, committed under test/golden/contoso so a reviewer sees in a diff
// what a change does to them. `npm run golden` (UPDATE_GOLDEN=1) writes them again; the normal suite compares.
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {groupDecisionId} from '../../../source/model/decisions.js';
import {sample, TIME} from './sample.js';

const GOLDEN = path.join(import.meta.dirname, '../../golden/contoso');
const DOCUMENTS = ['migration/report.md', 'migration/cutover.md', 'migration/networking.md'];
const update = process.env.UPDATE_GOLDEN === '1';

// A review as an admin would leave it: the blockers and the hosting decided with notes, the start-up of every
// workflow decided for the whole group, the rest left to the recommendations.
const s = sample(
	(f) =>
		f.id === 'endpoint:contoso-ise:webhooks'
			? {optionId: 'convert', note: 'Event Grid deliveries move to a Service Bus queue the app reads privately (change 4711).'}
			: f.id === 'workflow:invoice-email-intake:inline-code'
				? 'keep'
				: f.id === 'sku:contoso-ise'
					? {optionId: 'ase-new', note: 'Isolation as in the ISE; the finance file shares need the File System built-in.'}
					: undefined,
	undefined,
	{[groupDecisionId('workflow:flow-state')]: {findingId: groupDecisionId('workflow:flow-state'), optionId: 'disabled', decidedAt: TIME}},
);

describe('golden documents of the sample', () => {
	test.each(DOCUMENTS)('%s', async (name) => {
		const file = path.join(GOLDEN, path.basename(name));
		const text = s.file(name);
		if (update) {
			await mkdir(GOLDEN, {recursive: true});
			await writeFile(file, text);
		}
		const golden = await readFile(file, 'utf8').catch(() => '');
		expect(text === golden, `${name} differs from test/golden/contoso/${path.basename(name)}: read the diff, then run \`npm run golden\` to accept it`).toBe(true);
	});
});
