import {createHash} from 'node:crypto';
import type {Inventory} from './index.js';

/**
 * Identifies an inventory's content, ignoring when it was captured, so a session can tell if the estate changed.
 * The hash is of JSON.stringify(inventory without source), fed one workflow at a time: the same digest without
 * building the whole text at once (tens of MB for a large estate).
 */
export function fingerprint(inv: Inventory): string {
	const {source: _source, ...facts} = inv;
	const hash = createHash('sha256');
	let first = true;
	hash.update('{');
	for (const [key, value] of Object.entries(facts)) {
		if (key !== 'workflows' || !Array.isArray(value)) {
			const text = JSON.stringify(value);
			if (text === undefined) continue;
			hash.update(`${first ? '' : ','}${JSON.stringify(key)}:${text}`);
		} else {
			hash.update(`${first ? '' : ','}${JSON.stringify(key)}:[`);
			value.forEach((w: unknown, i) => hash.update(`${i > 0 ? ',' : ''}${JSON.stringify(w) ?? 'null'}`));
			hash.update(']');
		}
		first = false;
	}
	hash.update('}');
	return hash.digest('hex').slice(0, 16);
}
