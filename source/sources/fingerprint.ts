import {createHash} from 'node:crypto';
import type {Inventory} from '../model/index.js';

/** Identifies an inventory's content, ignoring when it was captured, so a session can tell if the estate changed. */
export function fingerprint(inv: Inventory): string {
	const {source: _source, ...facts} = inv;
	return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16);
}
