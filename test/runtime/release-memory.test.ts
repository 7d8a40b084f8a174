// The hint `generate` gives between its phases must really run a full collection, or the peak it exists for
// comes back unnoticed.
import {expect, test} from 'vitest';
import {releaseMemory} from '../../source/runtime-memory.js';

test('releaseMemory() runs a full collection: an object nothing holds is gone after it', async () => {
	let held: object | undefined = {payload: new Array(1000).fill('x')};
	const ref = new WeakRef(held);
	held = undefined;
	// A WeakRef keeps its target for the rest of the job that made it: collect from a later one.
	await new Promise((resolve) => setTimeout(resolve, 0));
	releaseMemory();
	expect(ref.deref()).toBeUndefined();
});
