// The wizard on a source with a hostile ISE name and files it could not read: the suggested output folder is
// built through the path sanitiser (it stays inside the working folder), and the report lists the files.
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {contosoInventory} from '../../source/sources/demo/contoso.js';
import {realServices} from '../../source/services.js';
import {SessionStore} from '../../source/store/sessions.js';
import {KEY, render} from '../helpers/ink.js';
import {tempFolders} from '../helpers/temp.js';
import {stepIs, tabTo} from '../helpers/wizard.js';

const tmp = tempFolders('hostile');

describe('the wizard on a hostile source', () => {
	it('suggests an output folder inside the working folder, and the report lists the skipped files', async () => {
		const parent = await tmp();
		const cwd = path.join(parent, 'a', 'b');
		const base = realServices({store: new SessionStore({cwd: path.join(parent, '.config')}), cwd});
		const inventory = contosoInventory();
		const services = {
			...base,
			sources: {
				...base.sources,
				demo: () => ({
					inventory: {...inventory, ise: {...inventory.ise, name: '../../evil-ise'}},
					source: {kind: 'demo' as const},
					skipped: [{file: 'templates/broken.json', reason: 'not valid JSON: ValueExpected at line 1, column 14'}],
				}),
			},
		};
		const r = await render(<App services={services} />);
		await r.press(KEY.enter);
		await r.waitFor(stepIs(2));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(3));
		await tabTo(r, 8);
		expect(r.frame()).toContain('./evil-ise-standard');
		await r.press(KEY.enter);
		await r.waitFor((f) => /Will write \d+ files/.test(f));
		await r.press(KEY.enter);
		await r.waitFor(stepIs(9));
		await r.unmount();
		// Nothing above the working folder; the project where the suggestion said.
		expect((await readdir(parent)).sort()).toEqual(['.config', 'a']);
		expect(await readdir(path.join(parent, 'a'))).toEqual(['b']);
		const report = await readFile(path.join(cwd, 'evil-ise-standard/migration/report.md'), 'utf8');
		expect(report).toContain('## Input files not read');
		expect(report).toContain('| templates/broken.json | not valid JSON: ValueExpected at line 1, column 14 |');
	});

	it('says on the first screen that a damaged session store was set aside', async () => {
		const cwd = await tmp();
		await mkdir(path.join(cwd, '.config'));
		await writeFile(path.join(cwd, '.config/sessions.json'), '{"sessions": {broken');
		const services = realServices({store: new SessionStore({cwd: path.join(cwd, '.config')}), cwd});
		const r = await render(<App services={services} />);
		await r.waitFor((f) => /session store .*was damaged/.test(f.replace(/\s*\n\s*/g, ' ')));
		await r.unmount();
	});
});
