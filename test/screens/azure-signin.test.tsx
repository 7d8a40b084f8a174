// While a browser sign-in waits, the screen says where to finish it and what to do when no browser opens.
import {describe, expect, it} from 'vitest';
import {AUTH_METHOD_LABELS} from '../../source/azure/methods.js';
import {AzureSignInScreen} from '../../source/screens/azure-signin.js';
import {render} from '../helpers/ink.js';

const screen = (props: {choice: 'auto' | 'browser' | 'device'; trying?: 'browser' | 'device' | 'cli'}) =>
	render(<AzureSignInScreen {...props} labels={AUTH_METHOD_LABELS} onRetry={() => undefined} onBack={() => undefined} />);

describe('the sign-in screen', () => {
	it('sends the admin to the browser while a browser sign-in waits, and offers Esc for when none opens', async () => {
		for (const props of [{choice: 'browser' as const}, {choice: 'auto' as const, trying: 'browser' as const}]) {
			const r = await screen(props);
			const text = r.lastFrame()!.replace(/\s+/g, ' ');
			expect(text).toContain('A browser opens on this machine: finish signing in there. If none opens, press Esc and choose device code.');
			r.unmount();
		}
	});

	it('says nothing of a browser for the other methods', async () => {
		const r = await screen({choice: 'auto', trying: 'cli'});
		expect(r.lastFrame()).not.toMatch(/browser opens/);
		r.unmount();
	});
});
