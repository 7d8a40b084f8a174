// Re-running into a project the admin has edited: connections.json and parameters.json are merged, not
// replaced. The admin's entries win; entries the new run adds are added; where both have an entry with a
// different value, the admin's stays and the difference is reported.

export interface MergeResult {
	text: string;
	added: string[];
	conflicts: string[];
}

import {isRecord} from '../model/text.js';

type Obj = Record<string, unknown>;

/** Files merged entry by entry, and how deep their entries sit (connections.json: section → entry). */
export const MERGEABLE: Readonly<Record<string, number>> = {'connections.json': 2, 'parameters.json': 1};

function mergeLevel(mine: Obj, generated: Obj, depth: number, prefix: string, out: {added: string[]; conflicts: string[]}): Obj {
	const merged: Obj = {...mine};
	for (const [key, value] of Object.entries(generated)) {
		const where = prefix ? `${prefix}.${key}` : key;
		if (!(key in mine)) {
			merged[key] = value;
			out.added.push(where);
		} else if (depth > 1 && isRecord(mine[key]) && isRecord(value)) {
			merged[key] = mergeLevel(mine[key] as Obj, value, depth - 1, where, out);
		} else if (JSON.stringify(mine[key]) !== JSON.stringify(value)) {
			out.conflicts.push(where);
		}
	}
	return merged;
}

/** undefined when either side is not a JSON object: the caller then keeps the admin's file untouched. */
export function mergeJsonFile(rel: string, mine: string, generated: string): MergeResult | undefined {
	const depth = Object.hasOwn(MERGEABLE, rel) ? MERGEABLE[rel] : undefined;
	if (!depth) return undefined;
	let a: unknown;
	let b: unknown;
	try {
		a = JSON.parse(mine.replace(/^\uFEFF/, ''));
		b = JSON.parse(generated);
	} catch {
		return undefined;
	}
	if (!isRecord(a) || !isRecord(b)) return undefined;
	const out = {added: [] as string[], conflicts: [] as string[]};
	const merged = mergeLevel(a, b, depth, '', out);
	return {text: `${JSON.stringify(merged, null, 2)}\n`, ...out};
}
