// The bundled sample through the application layer (prepare → decide → preview), as the wizard and `generate` run it:
// the documents tests read what an admin would get for a given set of decisions.
import {prepareMigration, previewProject, type Migration, type Preview} from '../../../source/migration/index.js';
import type {Decision, Decisions, Finding, Inventory} from '../../../source/model/index.js';
import {contosoInventory} from '../../../source/sources/demo/contoso.js';
import {fileText} from '../../../source/model/fileset.js';

export const TIME = '2026-12-01T09:00:00.000Z';

export interface Sample {
	migration: Migration;
	preview: Preview;
	file: (name: string) => string;
}

/** What to decide for a finding: an option id, or a whole decision (note, value, who). */
export type Pick = (f: Finding) => string | Partial<Decision> | undefined;

export function decisionsFor(findings: readonly Finding[], pick?: Pick): Decisions {
	const decisions: Decisions = {};
	for (const f of findings) {
		const chosen = pick?.(f);
		if (!chosen) continue;
		const d = typeof chosen === 'string' ? {optionId: chosen} : chosen;
		decisions[f.id] = {findingId: f.id, optionId: d.optionId ?? f.recommended, decidedAt: TIME, ...d} as Decision;
	}
	return decisions;
}

export function sample(pick?: Pick, inventory: Inventory = contosoInventory(), extra: Decisions = {}): Sample {
	const migration = prepareMigration({inventory, source: {kind: 'demo'}});
	const preview = previewProject(migration, {...decisionsFor(migration.findings, pick), ...extra}, {generatedAt: TIME, toolVersion: 'test'});
	return {
		migration,
		preview,
		file: (name) => {
			const text = fileText(preview.files.get(name));
			if (text === undefined) throw new Error(`no ${name} in the project`);
			return text;
		},
	};
}
