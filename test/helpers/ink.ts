// ink-testing-library under React's act(): without act, keys written right after a render can reach a stale handler.
import {render as inkRender} from 'ink-testing-library';
import {act, type ReactElement} from 'react';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

export const KEY = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	ctrlC: '\u0003',
} as const;

export async function render(tree: ReactElement) {
	let instance!: ReturnType<typeof inkRender>;
	await act(async () => {
		instance = inkRender(tree);
	});
	const press = async (...chunks: string[]) => {
		for (const chunk of chunks) {
			await act(async () => {
				instance.stdin.write(chunk);
			});
		}
	};
	/** Wait until the frame satisfies the predicate (async loaders settle), or fail with the last frame. */
	const waitFor = async (predicate: (frame: string) => boolean, timeoutMs = 5000) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const frame = instance.lastFrame() ?? '';
			if (predicate(frame)) return frame;
			if (Date.now() > deadline) throw new Error(`timed out waiting; last frame:\n${frame}`);
			await act(async () => {
				await new Promise((r) => setTimeout(r, 10));
			});
		}
	};
	const unmount = async () => {
		await act(async () => {
			instance.unmount();
		});
	};
	return {...instance, press, waitFor, unmount, frame: () => instance.lastFrame() ?? ''};
}
