// Decisions from a file, as `generate --decisions` reads them: findings and whole groups, checked against the
// inventory, with the place and the choices named when something is wrong; and a wizard change, checked the same way.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {groupFindings, findingState} from '../../source/model/index.js';
import {decisionsFromMap, DecisionsFileError, openSession, prepareMigration, saveChange, SaveError} from '../../source/migration/index.js';
import {SessionStore} from '../../source/store/sessions.js';
import {loadDemo} from '../../source/services.js';

const migration = prepareMigration(loadDemo());
const group = [...groupFindings(migration.findings).values()].find((g) => g.spec.options.length > 1)!;

describe('a decisions file', () => {
	it('decides a whole group under its id, and every member without its own decision follows', () => {
		const other = group.spec.options.find((o) => o.id !== group.spec.recommended)!;
		const decisions = decisionsFromMap({[group.id]: other.id}, migration.findings, 't', 'd.json');
		for (const m of group.members) {
			if (!m.options.some((o) => o.id === other.id)) continue;
			expect(findingState(m, decisions)).toMatchObject({status: 'group', option: {id: other.id}});
		}
	});

	it("names a group's options when the file gives one it does not have", () => {
		expect(() => decisionsFromMap({[group.id]: 'nope'}, migration.findings, 't', 'd.json')).toThrow(DecisionsFileError);
		expect(() => decisionsFromMap({[group.id]: 'nope'}, migration.findings, 't', 'd.json')).toThrow(`options: ${group.spec.options.map((o) => o.id).join(', ')}`);
	});

	it('says an unknown id is neither a finding nor a group, and how to list them', () => {
		expect(() => decisionsFromMap({'group:none': 'x'}, migration.findings, 't', 'd.json')).toThrow(/no finding or group 'group:none'.*--json/);
	});
});

describe('saving a change from the wizard', () => {
	it('never saves an option that takes a value without a valid one, and says what it needs', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'ise-save-'));
		try {
			const store = new SessionStore({cwd: dir});
			const {session} = openSession(store, migration, {resume: false});
			const hosting = migration.findings.find((f) => f.options.some((o) => o.input?.kind === 'ase-resource-id'))!;
			const change = {type: 'decide' as const, id: hosting.id, optionId: 'ase-existing', label: 'Hosting'};
			expect(() => saveChange(store, session.id, change, 't', migration.findings)).toThrow(SaveError);
			expect(() => saveChange(store, session.id, change, 't', migration.findings)).toThrow(/needs a value \(Resource id of the App Service Environment v3\)/);
			expect(() => saveChange(store, session.id, {...change, value: '/subscriptions/x'}, 't', migration.findings)).toThrow(/ase-existing/);
			expect(store.get(session.id)!.decisions[hosting.id]).toBeUndefined();
			const id = '/subscriptions/6b1f3c2e-8d47-4a5b-9e0c-2f7a5d1b8c34/resourceGroups/rg/providers/Microsoft.Web/hostingEnvironments/ase';
			expect(saveChange(store, session.id, {...change, value: id}, 't', migration.findings)[hosting.id]).toMatchObject({optionId: 'ase-existing', value: id});
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
