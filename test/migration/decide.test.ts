// Decisions from a file, as `generate --decisions` reads them: findings and whole groups, checked against the
// inventory, with the place and the choices named when something is wrong.
import {describe, expect, it} from 'vitest';
import {groupFindings, findingState} from '../../source/model/index.js';
import {decisionsFromMap, DecisionsFileError, prepareMigration} from '../../source/migration/index.js';
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
