// Moving through the wizard's steps under ink-testing-library as an admin would: Tab to the next step, answering
// yes when a step with open blockers asks first.
import {KEY, type render} from './ink.js';

export const stepIs = (n: number) => (f: string) => f.includes(`step ${n} of 9`);

/** From the step before `to`, Tab until step `to` shows. */
export async function tabTo(r: Awaited<ReturnType<typeof render>>, to: number): Promise<void> {
	for (;;) {
		const frame = r.frame();
		const at = Number(/step (\d) of 9/.exec(frame)?.[1] ?? 0);
		if (at >= to) return;
		await r.press(KEY.tab);
		await r.waitFor((f) => stepIs(at + 1)(f) || f.includes('(y/n)'));
		if (r.frame().includes('(y/n)')) await r.press('y');
		await r.waitFor(stepIs(at + 1));
	}
}

/** Tab to Generate (past the steps between, blockers left for the report), preview the files and write them. */
export async function writeFromGenerate(r: Awaited<ReturnType<typeof render>>): Promise<void> {
	await tabTo(r, 8);
	await r.press(KEY.enter);
	await r.waitFor((f) => /Will write \d+ files/.test(f));
	await r.press(KEY.enter);
	await r.waitFor((f) => f.includes('step 9 of 9'));
}
