// The one sanitiser for every name that becomes part of a path: workflow folders, the default output folder
// (from the ISE name), and anything else named after the admin's estate. Those names come from Azure, from
// templates, or from a hostile file: they must never escape the output folder, never be a name Windows
// refuses, and never collide on a case-insensitive disk.
import {FUNCIGNORE} from './project.js';

/** Longest folder name we make: leaves room under Windows' 260-character path limit. */
export const MAX_NAME_LENGTH = 80;

/**
 * Names Windows reserves for devices, in any case and with any extension: CON, PRN, AUX, NUL, COM0–9 and
 * LPT0–9, including the superscript digits ¹ ² ³ (which NFKD turns into 1 2 3 before this check).
 */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$|clock\$)(\..*)?$/i;

/**
 * Folders the generated project uses itself, and every name its .funcignore leaves out of the deployment (`test`):
 * a workflow folder must never take one's place, or be left out of the deployment by it. Derived from FUNCIGNORE so
 * a new entry there reserves its name here too (the default reserved set).
 */
export const PROJECT_FOLDERS: ReadonlySet<string> = new Set([
	'artifacts',
	'migration',
	'infra',
	'node_modules',
	'lib',
	'.vscode',
	...FUNCIGNORE.filter((entry) => !/[*?[]/.test(entry)).map((entry) => entry.replace(/^\/|\/$/g, '').toLowerCase()),
]);

export function isReservedDeviceName(segment: string): boolean {
	return DEVICE_NAME.test(segment.normalize('NFKD').replace(/[. ]+$/, ''));
}

/**
 * A path-safe name: ASCII letters, digits, `-` and `_` only (so no separators, `..`, control characters,
 * dots or spaces at the end), starting and ending with a letter or digit, never empty, never a Windows
 * device name or one of `reserved`, at most `maxLength` characters. Accents are dropped (`Übersicht` →
 * `Ubersicht`); everything else unusual becomes `-`.
 */
export function safeName(name: string, fallback = 'workflow', options: {reserved?: ReadonlySet<string>; maxLength?: number} = {}): string {
	const reserved = options.reserved ?? PROJECT_FOLDERS;
	const max = options.maxLength ?? MAX_NAME_LENGTH;
	const clean = (s: string) =>
		s
			.normalize('NFKD')
			.replace(/\p{M}+/gu, '')
			.replace(/[^A-Za-z0-9_-]+/g, '-')
			.replace(/-{2,}/g, '-')
			.slice(0, max)
			.replace(/^[-_]+|[-_]+$/g, '');
	let s = clean(name) || clean(fallback) || 'x';
	if (isReservedDeviceName(s) || reserved.has(s.toLowerCase())) s = `${s.slice(0, max - 2)}-x`;
	return s;
}

/**
 * Unique safe names for a list (the project's workflow folders), stable in input order; collisions get
 * `-2`, `-3` (case-insensitively).
 */
export function uniqueSafeNames(names: readonly string[], fallback = 'workflow', reserved: ReadonlySet<string> = PROJECT_FOLDERS): string[] {
	const taken = new Set<string>();
	return names.map((n) => {
		const base = safeName(n, fallback, {reserved});
		let candidate = base;
		for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
			const suffix = `-${i}`;
			candidate = `${base.slice(0, MAX_NAME_LENGTH - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
		}
		taken.add(candidate.toLowerCase());
		return candidate;
	});
}

/** The wizard's suggested output folder, relative to the working folder: `./<ise-name>-standard`. */
export function defaultOutputFolder(iseName: string): string {
	return `./${safeName(iseName, 'ise', {reserved: new Set(), maxLength: MAX_NAME_LENGTH - '-standard'.length})}-standard`;
}

/** Logic app names: lower-case letters, digits and hyphens, at most 60 characters. */
export function appNameFor(iseName: string): string {
	const base = iseName
		.toLowerCase()
		.replace(/[^a-z0-9-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '')
		.replace(/-?ise$/, '');
	return `${(base || 'logicapp').slice(0, 51)}-standard`;
}
