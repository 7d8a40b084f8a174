// Hostile input for the offline sources: JSON nested far too deep, files far too large, links leading out of
// the chosen folder. Each gets a reason naming the file and the limit; in a folder it is skipped and listed.
import {promises as fs} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {analyze} from '../../../source/analysis/index.js';
import {generate, plan} from '../../../source/generate/index.js';
import {MAX_JSON_DEPTH, parseJsonDocument} from '../../../source/sources/json.js';
import {MAX_SNAPSHOT_BYTES, openSource, SourceLoadError} from '../../../source/sources/from-path.js';
import {loadFromPath} from '../../../source/sources/templates/load.js';
import {tempFolders} from '../../helpers/temp.js';
import {fileText} from '../../../source/model/index.js';

const tmp = tempFolders('limits');

const DEF_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** An ARM template holding one workflow whose definition has these actions. */
function template(name: string, actions: unknown): string {
	return JSON.stringify({
		$schema: SCHEMA,
		contentVersion: '1.0.0.0',
		resources: [
			{
				type: 'Microsoft.Logic/workflows',
				apiVersion: '2019-05-01',
				name,
				location: 'westeurope',
				properties: {definition: {$schema: DEF_SCHEMA, contentVersion: '1.0.0.0', triggers: {manual: {type: 'Request', kind: 'Http', inputs: {}}}, actions}},
			},
		],
	});
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** Scopes inside scopes, `levels` deep, each holding a Compose with a deep value. */
function nestedScopes(levels: number, valueDepth: number): unknown {
	let actions: Record<string, unknown> = {inner: {type: 'Compose', inputs: JSON.parse(nested(valueDepth)), runAfter: {}}};
	for (let i = 0; i < levels; i++) actions = {[`scope${i}`]: {type: 'Scope', actions, runAfter: {}}};
	return actions;
}

describe('JSON nested too deep', () => {
	it('is refused with the limit and where, for plain JSON and JSON with comments alike', () => {
		for (const text of [nested(2000), `// a comment\n{"a": ${nested(100_000)}}`, `{"a": ${nested(MAX_JSON_DEPTH)}}`]) {
			const parsed = parseJsonDocument(text);
			expect(parsed.ok).toBe(false);
			expect(!parsed.ok && parsed.reason).toMatch(new RegExp(`nested more than ${MAX_JSON_DEPTH} levels deep \\(at line \\d+, column \\d+\\)`));
		}
		// Brackets inside strings and comments are not nesting.
		expect(parseJsonDocument(`/* ${'['.repeat(5000)} */ {"s": "${'{'.repeat(5000)}", "a": ${nested(MAX_JSON_DEPTH - 1)}}`).ok).toBe(true);
	});

	it('in a folder: that file is skipped and listed, the others are read', async () => {
		const root = await tmp();
		await fs.writeFile(path.join(root, 'deep.json'), template('deep', {a: {type: 'Compose', inputs: 'DEEP', runAfter: {}}}).replace('"DEEP"', nested(3000)));
		await fs.writeFile(path.join(root, 'fine.json'), template('fine', {}));
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows.map((w) => w.name)).toEqual(['fine']);
		expect(skipped).toEqual([{file: 'deep.json', reason: expect.stringMatching(/nested more than 256 levels deep/)}]);
	});

	it('named on its own: a clear error naming the file and the limit', async () => {
		const root = await tmp();
		const file = path.join(root, 'deep.json');
		await fs.writeFile(file, `{"a": ${nested(2000)}}`);
		const error = await openSource(file).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SourceLoadError);
		expect((error as Error).message).toMatch(/deep\.json cannot be used: nested more than 256 levels deep/);
	});

	it('at the limit, the whole pipeline runs without running out of stack', async () => {
		const root = await tmp();
		// Scopes nest 3 JSON levels each; with the template around them this stays just inside the limit.
		await fs.writeFile(path.join(root, 'wf.json'), template('deep-scopes', nestedScopes(60, 60)));
		const {inventory, skipped} = await loadFromPath(root);
		expect(skipped).toEqual([]);
		const files = generate(plan(inventory, analyze(inventory), {}), {generatedAt: 't', toolVersion: 't'});
		expect(fileText(files.get('deep-scopes/workflow.json'))).toContain('scope59');
	});
});

describe('files too large', () => {
	it('a template larger than the limit is skipped without being read', async () => {
		const root = await tmp();
		await fs.writeFile(path.join(root, 'fine.json'), template('fine', {}));
		// A sparse file: its size is what counts, nothing is read.
		const big = await fs.open(path.join(root, 'huge.json'), 'w');
		await big.truncate(65 * 1024 * 1024);
		await big.close();
		const {skipped} = await loadFromPath(root);
		expect(skipped).toEqual([{file: 'huge.json', reason: '65 MB, larger than the 64 MB ise-migrate reads'}]);
	});

	it('a snapshot larger than the limit: an error naming the file and the limit', async () => {
		const root = await tmp();
		const file = path.join(root, 'estate.json');
		const big = await fs.open(file, 'w');
		await big.truncate(MAX_SNAPSHOT_BYTES + 1024 * 1024);
		await big.close();
		await expect(openSource(file)).rejects.toThrow(/estate\.json cannot be used: 257 MB, larger than the 256 MB ise-migrate reads/);
	});
});

describe('links in a template folder', () => {
	it('are not followed out of the chosen folder, and are listed as skipped', async () => {
		const outside = await tmp();
		await fs.writeFile(path.join(outside, 'secret.json'), template('outside-wf', {}));
		await fs.mkdir(path.join(outside, 'more'));
		await fs.writeFile(path.join(outside, 'more', 'other.json'), template('outside-2', {}));
		const root = path.join(await tmp(), 'chosen');
		await fs.mkdir(path.join(root, 'sub'), {recursive: true});
		await fs.writeFile(path.join(root, 'sub', 'real.json'), template('inside-wf', {}));
		await fs.symlink(path.join(outside, 'secret.json'), path.join(root, 'leak.json'));
		await fs.symlink(path.join(outside, 'more'), path.join(root, 'more'));
		await fs.symlink(path.join(root, 'sub', 'real.json'), path.join(root, 'alias.json'));
		await fs.symlink(path.join(root, 'nowhere.json'), path.join(root, 'broken.json'));
		const {inventory, skipped} = await loadFromPath(root);
		expect(inventory.workflows.map((w) => w.name)).toEqual(['inside-wf']);
		const reason = (f: string) => skipped.find((s) => s.file === f)?.reason;
		expect(reason('leak.json')).toMatch(/a link leading outside .*chosen .*: not read/);
		expect(reason('more')).toMatch(/a link leading outside/);
		expect(reason('broken.json')).toMatch(/broken link/);
		// A link to a file inside the folder: that file is read once, where it is.
		expect(reason('alias.json')).toBe('a link to sub/real.json, which is read where it is');
	});

	it("a named template's parameters file that links outside its folder is not applied, and is listed", async () => {
		const outside = await tmp();
		await fs.writeFile(path.join(outside, 'p.json'), JSON.stringify({$schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: {}}));
		const root = await tmp();
		await fs.writeFile(path.join(root, 'logic.json'), template('wf', {}));
		await fs.symlink(path.join(outside, 'p.json'), path.join(root, 'logic.parameters.json'));
		const {skipped} = await loadFromPath(path.join(root, 'logic.json'));
		expect(skipped).toEqual([{file: 'logic.parameters.json', reason: expect.stringMatching(/a link leading outside/)}]);
	});
});
