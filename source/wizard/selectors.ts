// Selectors: what the screens show, derived from the wizard's data. Screens get rows, not models to interpret,
// so the way a choice is read (per-workflow overrides included) is written once and tested without rendering.
import type {ApiRef, ConnectorTarget, CustomConnectorTarget, Inventory} from '../model/index.js';
import type {Plan} from '../generate/index.js';
import type {OperationIndex} from '../analysis/operations.js';
import {connectorTarget} from '../generate/plan.js';

export type ConnectorRowTarget = ConnectorTarget | CustomConnectorTarget | 'undecided';

export interface ConnectorRow {
	api: string;
	kind: ApiRef['kind'];
	/** Workflows that use it (included in the migration or not). */
	workflows: number;
	/** How many of those workflows send it where: per-workflow choices count where they apply. */
	targets: Partial<Record<ConnectorRowTarget, number>>;
}

/** One row per connector in use, with where its steps go now in each workflow. */
export function connectorRows(plan: Plan): ConnectorRow[] {
	const rows = new Map<string, ConnectorRow>();
	for (const wf of plan.inventory.workflows) {
		const seen = new Set<string>();
		for (const {api} of plan.operations.connectionsOf(wf.name)) {
			if (!api.name || seen.has(api.name)) continue;
			seen.add(api.name);
			const row = rows.get(api.name) ?? {api: api.name, kind: api.kind, workflows: 0, targets: {}};
			const target: ConnectorRowTarget =
				api.kind === 'custom' ? (plan.customConnectors[api.name] ?? 'undecided') : connectorTarget(plan, wf.name, api.name);
			row.workflows++;
			row.targets[target] = (row.targets[target] ?? 0) + 1;
			rows.set(api.name, row);
		}
	}
	return [...rows.values()].sort((a, b) => a.api.localeCompare(b.api));
}

/** Names of the connectors the workflows use, sorted. */
export function connectorsInUse(inv: Inventory, operations: OperationIndex): string[] {
	const names = new Set<string>();
	for (const wf of inv.workflows) for (const {api} of operations.connectionsOf(wf.name)) if (api.name) names.add(api.name);
	return [...names].sort();
}

/** What a preview will write, by kind: a line each instead of the first dozen paths of thousands. */
export interface PreviewSummary {
	/** Folders holding a workflow.json: one per workflow written, sorted. */
	workflowFolders: string[];
	/** The project's own files: those at its top level and in .vscode/. */
	projectFiles: string[];
	/** Every other folder (infra/, migration/, Artifacts/…) with its files, relative to it. */
	folders: {name: string; files: string[]}[];
}

export function previewSummary(paths: readonly string[]): PreviewSummary {
	const workflowFolders: string[] = [];
	const projectFiles: string[] = [];
	const folders = new Map<string, string[]>();
	for (const p of [...paths].sort()) {
		const slash = p.indexOf('/');
		const top = slash < 0 ? '' : p.slice(0, slash);
		const rest = p.slice(slash + 1);
		if (!top || top === '.vscode') projectFiles.push(p);
		else if (rest === 'workflow.json') workflowFolders.push(top);
		else folders.set(top, [...(folders.get(top) ?? []), rest]);
	}
	// A folder that holds a workflow is shown as one; anything else of its own stays listed under it.
	return {workflowFolders, projectFiles, folders: [...folders].map(([name, files]) => ({name, files}))};
}
