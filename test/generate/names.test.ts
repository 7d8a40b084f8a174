// The one sanitiser for names that become paths, tested over generated hostile names: never a path outside
// the output folder (on POSIX or Windows), never a name Windows refuses, never a collision.
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {generate, plan} from '../../source/generate/index.js';
import {defaultOutputFolder, isReservedDeviceName, MAX_NAME_LENGTH, safeName, uniqueSafeNames} from '../../source/generate/names.js';
import {write} from '../../source/generate/write.js';
import {inventory, workflow} from '../helpers/inventory.js';
import {tempFolders} from '../helpers/temp.js';

/** Pieces attackers and unlucky admins put in names. */
const hostilePiece = fc.constantFrom(
	'..', '.', '/', '\\', '\0', '\u0001', '\u001f', '\u007f', '\n', ' ', '...', 'C:', 'c:\\', '~', '$', '%2e%2e%2f',
	'CON', 'con', 'PRN', 'AuX', 'NUL', 'nul.txt', 'COM0', 'COM1', 'com9', 'LPT0', 'lpt5', 'COM¹', 'com²', 'LPT³', 'LPT¹.log',
	'CONIN$', 'conout$', 'artifacts', 'Migration', 'INFRA', 'node_modules',
	'／', '．．', '＼', '‥', '︰', 'ﬁ', 'Ⅻ', 'ǅ', '\u202e', '\u200b', '\ufeff', 'é', 'e\u0301', 'Ü', '𝒜', '中文', '🙂', '-', '_', '--', '__',
);
const hostileName = fc.oneof(
	fc.array(fc.oneof(hostilePiece, fc.string({maxLength: 4})), {maxLength: 8}).map((parts) => parts.join('')),
	fc.string({unit: 'grapheme', maxLength: 40}),
	fc.string({unit: 'binary', maxLength: 40}),
	fc.string({unit: fc.constantFrom('a', 'A', '.', ' ', '-'), minLength: 60, maxLength: 200}),
	hostilePiece,
);

/** A device name Windows refuses, stated independently of the implementation. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function assertSafeSegment(s: string): void {
	expect(s).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/);
	expect(s.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
	expect(s).not.toMatch(WINDOWS_DEVICE);
	// Inside the folder, as one segment, whichever OS resolves it.
	expect(path.posix.relative('/out', path.posix.resolve('/out', s))).toBe(s);
	expect(path.win32.relative('C:\\out', path.win32.resolve('C:\\out', s))).toBe(s);
}

describe('safeName()', () => {
	it('gives a single safe path segment for any name', () => {
		fc.assert(
			fc.property(hostileName, (name) => {
				const s = safeName(name);
				assertSafeSegment(s);
				expect(['artifacts', 'migration', 'infra', 'node_modules', 'lib']).not.toContain(s.toLowerCase());
			}),
			{numRuns: 2000},
		);
	});

	it('knows every Windows device name, superscript digits included', () => {
		for (const n of ['CON', 'prn', 'AUX', 'nul', 'COM0', 'com9', 'LPT0', 'lpt9', 'COM¹', 'COM²', 'COM³', 'LPT¹', 'LPT²', 'LPT³', 'com2.txt', 'LPT9. ']) {
			expect(isReservedDeviceName(n), n).toBe(true);
			expect(safeName(n), n).not.toMatch(WINDOWS_DEVICE);
		}
		for (const n of ['COM10', 'console', 'CONTOSO', 'lpt']) expect(isReservedDeviceName(n), n).toBe(false);
	});

	it('keeps readable names readable', () => {
		expect(safeName('Order intake (v2)')).toBe('Order-intake-v2');
		expect(safeName('Bestellübersicht')).toBe('Bestellubersicht');
		expect(safeName('../..')).toBe('workflow');
		expect(safeName('COM²')).toBe('COM2-x');
		expect(safeName('trailing. . .')).toBe('trailing');
		expect(safeName('a'.repeat(300)).length).toBe(MAX_NAME_LENGTH);
	});
});

describe('uniqueSafeNames()', () => {
	it('never gives two names that collide on a case-insensitive disk', () => {
		fc.assert(
			fc.property(fc.array(hostileName, {maxLength: 30}), fc.array(fc.nat(), {maxLength: 30}), (names, dupes) => {
				// Repeat some names, in other cases, so collisions are common.
				const all = [...names, ...dupes.filter((i) => names.length > 0).map((i) => names[i % names.length]!.toUpperCase())];
				const out = uniqueSafeNames(all);
				expect(out).toHaveLength(all.length);
				expect(new Set(out.map((s) => s.toLowerCase())).size).toBe(out.length);
				for (const s of out) assertSafeSegment(s);
			}),
			{numRuns: 500},
		);
		const long = 'x'.repeat(200);
		expect(uniqueSafeNames([long, long, long]).map((s) => s.length)).toEqual([MAX_NAME_LENGTH, MAX_NAME_LENGTH, MAX_NAME_LENGTH]);
	});
});

describe('defaultOutputFolder()', () => {
	it('is a folder directly inside the working folder, whatever the ISE is called', () => {
		fc.assert(
			fc.property(hostileName, (ise) => {
				const out = defaultOutputFolder(ise);
				expect(out).toMatch(/^\.\/[A-Za-z0-9][A-Za-z0-9_-]*-standard$/);
				expect(path.posix.dirname(path.posix.resolve('/work', out))).toBe('/work');
				expect(path.win32.dirname(path.win32.resolve('C:\\work', out))).toBe('C:\\work');
				expect(out.length).toBeLessThanOrEqual(MAX_NAME_LENGTH + 2);
			}),
			{numRuns: 1000},
		);
		expect(defaultOutputFolder('../../evil-ise')).toBe('./evil-ise-standard');
		expect(defaultOutputFolder('contoso-ise')).toBe('./contoso-ise-standard');
	});
});

describe('a generated project with hostile workflow names', () => {
	const tmp = tempFolders('names');

	it('is written entirely inside the output folder, one folder per workflow', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uniqueArray(hostileName, {minLength: 1, maxLength: 6}), async (names) => {
				const inv = inventory({workflows: names.map((n, i) => ({...workflow(`wf${i}`), name: n}))});
				const files = generate(plan(inv, analyze(inv), {}), {generatedAt: 't', toolVersion: 't'});
				const parent = await tmp();
				await write(files, path.join(parent, 'out'));
				expect(await readdir(parent)).toEqual(['out']);
				const folders = [...files.keys()].filter((f) => f.endsWith('/workflow.json'));
				expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(names.length);
			}),
			{numRuns: 25},
		);
	});
});

describe("workflow folders and the project's own names", () => {
	/** Whether a .funcignore line (gitignore syntax, unanchored) matches a top-level folder name. */
	const hides = (pattern: string, folder: string) => {
		const body = pattern.replace(/^\/|\/$/g, '');
		const re = new RegExp(`^${body.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
		return re.test(folder);
	};
	const OWN = ['migration', 'infra', 'Artifacts', '.vscode', 'workflow-designtime', 'node_modules', 'lib'];

	it('never take a folder the project uses, nor a name its .funcignore leaves out of the deployment', () => {
		const names = ['infra', 'test', 'migration', 'Artifacts', 'TEST', 'workflow-designtime', 'lib', 'node_modules', '.vscode', 'local.settings.json', '__blobstorage__', 'orders'];
		const inv = inventory({workflows: names.map((n, i) => ({...workflow(`wf${i}`), name: n}))});
		const files = generate(plan(inv, analyze(inv), {}), {toolVersion: 't'});
		const folders = [...files.keys()].filter((f) => f.endsWith('/workflow.json')).map((f) => f.split('/')[0]!);
		expect(folders).toHaveLength(names.length);
		const funcignore = files.get('.funcignore')!.split('\n').filter(Boolean);
		for (const folder of folders) {
			expect(OWN.map((o) => o.toLowerCase()), folder).not.toContain(folder.toLowerCase());
			for (const pattern of funcignore) expect(hides(pattern, folder), `${pattern} hides ${folder}`).toBe(false);
		}
		expect(folders).toContain('orders');
		expect(folders).toContain('test-x');
		expect(folders).toContain('infra-x');
		// The tool's own files are still where they belong.
		expect(files.has('infra/azuredeploy.json')).toBe(true);
		expect(files.has('migration/report.md')).toBe(true);
	});

	it('the checker catches a .funcignore entry that would hide a workflow folder', () => {
		expect(hides('test', 'test')).toBe(true);
		expect(hides('infra/', 'Infra')).toBe(true);
		expect(hides('test', 'test-x')).toBe(false);
	});
});
