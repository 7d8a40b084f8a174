// The Generate step says what it will write a line per kind: at 5,000 workflows the first dozen paths told nothing.
import {describe, expect, it} from 'vitest';
import {generate, plan} from '../../source/generate/index.js';
import {prepareMigration, recommendedDecisions} from '../../source/migration/index.js';
import {loadDemo} from '../../source/services.js';
import {previewSummary} from '../../source/wizard/selectors.js';

describe('the preview summary', () => {
	it('puts every file of the sample project in exactly one line: workflows, project files, other folders', () => {
		const m = prepareMigration(loadDemo());
		const files = generate(plan(m.inventory, m.findings, recommendedDecisions(m.findings, 't'), m.operations), {toolVersion: 'x'});
		const paths = [...files.keys()];
		const summary = previewSummary(paths);
		const included = m.inventory.workflows.length;
		expect(summary.workflowFolders).toHaveLength(included);
		expect(summary.projectFiles).toEqual(expect.arrayContaining(['connections.json', 'host.json', 'local.settings.json', 'parameters.json', '.vscode/settings.json']));
		expect(summary.folders.map((f) => f.name)).toEqual(expect.arrayContaining(['infra', 'migration']));
		expect(summary.folders.find((f) => f.name === 'migration')!.files).toEqual(expect.arrayContaining(['report.md', 'cutover.md', 'networking.md']));
		const listed = [
			...summary.workflowFolders.map((f) => `${f}/workflow.json`),
			...summary.projectFiles,
			...summary.folders.flatMap((f) => f.files.map((x) => `${f.name}/${x}`)),
		];
		expect(listed.sort()).toEqual(paths.sort());
	});

	it('keeps a file of a workflow folder that is not its workflow.json under that folder', () => {
		expect(previewSummary(['orders/workflow.json', 'orders/notes.md', 'host.json'])).toEqual({
			workflowFolders: ['orders'],
			projectFiles: ['host.json'],
			folders: [{name: 'orders', files: ['notes.md']}],
		});
	});
});
