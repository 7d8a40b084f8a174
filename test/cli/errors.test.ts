// The failure an error becomes: `--json`'s code and the exit code tools rely on, for the errors that explain
// themselves; anything else is said to be unexpected, whatever it calls itself.
import {describe, expect, it} from 'vitest';
import {SignInError} from '../../source/azure/credentials.js';
import {toFailure} from '../../source/cli/errors.js';
import {EXIT} from '../../source/cli/spec.js';
import {SnapshotError} from '../../source/sources/snapshot.js';
import {StoreError} from '../../source/store/sessions.js';

describe('toFailure', () => {
	it('reports snapshot, session-store and sign-in errors under their own codes, with their message', () => {
		expect(toFailure(new SnapshotError('not a snapshot', 'estate.json'))).toEqual({code: 'snapshot', message: 'estate.json: not a snapshot', exitCode: EXIT.failed});
		expect(toFailure(new StoreError('Could not save to the session store'))).toMatchObject({code: 'session-store', exitCode: EXIT.failed});
		expect(toFailure(new SignInError('cli', new Error('az not found'), []))).toMatchObject({code: 'sign-in', message: expect.stringMatching(/^Sign-in with .* failed$/)});
	});

	it('does not take an error for one of ours because of its name', () => {
		const impostor = Object.assign(new Error('boom'), {name: 'StoreError'});
		expect(toFailure(impostor)).toMatchObject({code: 'unexpected', message: 'unexpected error: boom'});
		expect(toFailure('a string')).toMatchObject({code: 'unexpected', message: 'unexpected error: a string'});
	});
});
