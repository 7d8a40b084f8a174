// generate(): Plan → FileSet. Pure: the same plan and clock give the same files.
import {isUserAssignedIdentityId, type FileSet, type Workflow, type WorkflowDefinition} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {isRecord, walkOperations} from '../analysis/walk.js';
import {buildConnectionsJson, convertWorkflow, planConnectionNames, type ConvertedWorkflow, type ManagedConnection, type ServiceProviderConnection} from './convert/index.js';
import {moveCredentials} from './convert/secrets.js';
import {prefillSettings, type Prefill} from './connection-values.js';
import {managedConnectionSettings, reachModel} from './reach.js';
import {rewriteCustomConnectorSteps} from './custom.js';
import {infraTemplate} from './infra.js';
import {networkingGuide} from './networking.js';
import {buildParameters} from './parameters.js';
import {connectorTarget} from './plan.js';
import {PLATFORM_SETTING, settingName} from './app-settings.js';
import {triggerOf} from '../analysis/triggers.js';
import {
	FUNCIGNORE,
	GITIGNORE,
	HOST_JSON,
	VSCODE_EXTENSIONS,
	VSCODE_SETTINGS,
	localSettings,
	type AppSetting,
} from './project.js';
import {reportJson, reportMarkdown, type WorkflowOutcome} from './report.js';
import {cutoverMarkdown} from './cutover.js';
import {streamedJson} from './utf8-text.js';

export {plan, chosenOption, unresolvedBlockers} from './plan.js';
export type * from './plan-types.js';
export {checkProject, describeProblems, selfCheckMessage, type ProjectProblem} from './check.js';

export interface GenerateOptions {
	/**
	 * The time written into the report (ISO); passed in so generate() stays pure. The caller takes it from
	 * SOURCE_DATE_EPOCH when set, else from the decisions (migration/report-time.ts), never from the clock, so the
	 * same input gives the same files. Absent: the documents carry no time.
	 */
	generatedAt?: string;
	toolVersion: string;
	/** Input files the source did not read, listed in the report. */
	skippedInputs?: readonly {file: string; reason: string}[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * workflow.json is held as the bytes it is written as. As text, each became two copies in the heap (the string and
 * the flat one V8 makes of it with its line break the first time it is read): 48 MB at 5,000 workflows.
 */
const UTF8 = new TextEncoder();

/**
 * Nested `Workflow` actions point at the ISE workflow's ARM id; in Standard they call a workflow of the
 * same app by name, so the id becomes the new folder name.
 */
function rewriteNestedCalls(definition: WorkflowDefinition, folderByName: Map<string, string>, notes: WorkflowOutcome['notes']): string[] {
	const calls = new Set<string>();
	for (const visit of walkOperations(definition)) {
		if (visit.op.type !== 'Workflow' || !isRecord(visit.op.inputs) || !isRecord(visit.op.inputs.host)) continue;
		const host = visit.op.inputs.host;
		if (!isRecord(host.workflow) || typeof host.workflow.id !== 'string') continue;
		const target = host.workflow.id.split('/').filter(Boolean).pop() ?? '';
		const folder = folderByName.get(target.toLowerCase());
		if (folder) {
			host.workflow = {id: folder};
			calls.add(folder);
			notes.push({operation: visit.name, message: `calls workflow '${folder}' in the same Standard app now`, certainty: 'C'});
		} else {
			notes.push({
				operation: visit.name,
				message: `calls '${target}', which is not part of this migration: point it at the new location by hand`,
				certainty: 'C',
			});
		}
	}
	return [...calls].sort();
}

/**
 * Steps that sign in with a managed identity: with none named, the app's new system-assigned one (which needs the
 * roles the ISE workflow's identity had); with one named, that user-assigned identity, which the app must carry.
 */
function identityUse(definition: WorkflowDefinition): {system: string[]; userAssigned: {step: string; identity: string}[]} {
	const system: string[] = [];
	const userAssigned: {step: string; identity: string}[] = [];
	for (const visit of walkOperations(definition)) {
		const auth = isRecord(visit.op.inputs) && isRecord(visit.op.inputs.authentication) ? visit.op.inputs.authentication : undefined;
		if (!auth || !/^managedserviceidentity$/i.test(String(auth.type ?? ''))) continue;
		if (typeof auth.identity === 'string' && auth.identity.trim() !== '') userAssigned.push({step: visit.name, identity: auth.identity.trim()});
		else system.push(visit.name);
	}
	return {system, userAssigned};
}

function dedupeSettings(settings: AppSetting[], prefill: Prefill): AppSetting[] {
	const seen = new Map<string, AppSetting>();
	for (const s of settings) {
		if (seen.has(s.name)) continue;
		const known = s.secret ? undefined : prefill.values.get(s.name);
		const hint = s.secret ? prefill.hints.get(s.name) : undefined;
		seen.set(
			s.name,
			known
				? {...s, value: known.value, description: `${s.description} (filled in from ${known.from})`}
				: hint
					? {...s, description: `${s.description}; ${hint}`}
					: s,
		);
	}
	return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function generate(p: Plan, options: GenerateOptions): FileSet {
	const files: FileSet = new Map();
	const inv = p.inventory;
	const included = p.workflows.filter((w) => w.include);
	const byName = new Map<string, Workflow>(inv.workflows.map((w) => [w.name, w]));
	const folderByName = new Map(included.map((w) => [w.name.toLowerCase(), w.folder]));

	const customNotes = new Map<string, WorkflowOutcome['notes']>();
	const customSettings: AppSetting[] = [];
	const selected = included.flatMap((planned) => {
		const original = byName.get(planned.name);
		if (!original) return [];
		const custom = rewriteCustomConnectorSteps(original, p.customConnectors, p.operations.ofWorkflow(original.name));
		customNotes.set(planned.name, custom.notes);
		customSettings.push(...custom.appSettings);
		return [{planned, workflow: custom.workflow}];
	});
	// Names are planned across all workflows at once so two different connections never share a key.
	const connectionNames = planConnectionNames(selected.map((s) => s.workflow));
	const madeConnections = new Map<string, ServiceProviderConnection | ManagedConnection>();
	const converted: {planned: (typeof included)[number]; workflow: Workflow; result: ConvertedWorkflow}[] = selected.map(({planned, workflow}) => ({
		planned,
		workflow,
		result: convertWorkflow(
			workflow,
			// A custom connector the admin excluded is removed like any excluded connector; otherwise it stays a managed reference.
			(api) => (p.customConnectors[api] === 'exclude' ? 'exclude' : connectorTarget(p, workflow.name, api)),
			{connectionNames, madeConnections, operations: p.operations.ofWorkflow(workflow.name), hosting: p.hosting.kind},
		),
	}));

	// Credentials leave every definition before anything is written; their app settings get names no other setting has.
	const taken = new Set(
		[...customSettings, ...converted.flatMap((c) => [
			...Object.values(c.result.serviceProviderConnections).flatMap((x) => x.appSettings),
			...Object.values(c.result.managedConnections).flatMap((x) => x.appSettings),
			...(c.result.actionAppSettings ?? []),
		])].map((s) => s.name.toLowerCase()),
	);
	const credentials = new Map(converted.map((c) => [c.planned.folder, moveCredentials(c.result.definition, c.planned.folder, taken)]));

	const outcomes: WorkflowOutcome[] = [];
	const params = buildParameters(
		converted.map((c) => ({
			workflow: c.workflow,
			folder: c.planned.folder,
			definition: c.result.definition,
			secretParameters: credentials.get(c.planned.folder)!.secretParameters,
		})),
	);
	for (const c of converted) {
		const notes = [
			...(customNotes.get(c.planned.name) ?? []),
			...c.result.notes,
			...credentials.get(c.planned.folder)!.notes,
			...(params.leftovers.get(c.planned.folder) ?? []).map((left) => ({
				operation: left.step,
				message: left.secret
					? `the template expression ${left.expression.slice(0, 120)} read keys at deployment: it is now app parameter '${left.name}', taken from an app setting you fill (a Key Vault reference)`
					: `the template expression ${left.expression.slice(0, 120)} could not be evaluated from the files: it is now app parameter '${left.name}' in parameters.json, empty until you fill it in`,
				certainty: 'C' as const,
			})),
		];
		// The converter's own copy (shared in part with params.definitions): changed in place here, never the inventory's.
		const definition = params.definitions.get(c.planned.folder) ?? c.result.definition;
		const calls = rewriteNestedCalls(definition, folderByName, notes);
		const identity = identityUse(definition);
		files.set(`${c.planned.folder}/workflow.json`, UTF8.encode(json({definition, kind: c.planned.kind})));
		outcomes.push({
			name: c.planned.name,
			id: c.workflow.id,
			folder: c.planned.folder,
			included: true,
			kind: c.planned.kind,
			flowState: c.planned.flowState,
			counts: c.result.counts,
			notes,
			trigger: triggerOf(definition),
			calls,
			identitySteps: identity.system,
			userAssigned: identity.userAssigned,
		});
	}
	for (const w of p.workflows.filter((x) => !x.include)) {
		outcomes.push({
			name: w.name,
			id: byName.get(w.name)?.id ?? '',
			folder: w.folder,
			included: false,
			kind: w.kind,
			flowState: w.flowState,
			counts: {builtin: 0, managed: 0, excluded: 0},
			notes: [],
			calls: [],
			identitySteps: [],
			userAssigned: [],
		});
	}

	const connections = buildConnectionsJson(converted.map((c) => c.result));
	const appSettings = dedupeSettings(
		[...connections.appSettings, ...params.appSettings, ...customSettings, ...[...credentials.values()].flatMap((c) => c.appSettings)],
		prefillSettings(converted.map((c) => ({workflow: c.workflow, result: c.result}))),
	);
	// Every workflow's FlowState, Disabled unless decided otherwise: the parallel run never processes an item twice.
	for (const w of included) {
		appSettings.push({
			name: settingName.flowState(w.folder),
			description:
				w.flowState === 'Disabled'
					? `${w.name} is deployed disabled: cut-over sets Enabled once its ISE original is disabled (migration/cutover.md)`
					: `${w.name} is deployed enabled, as decided: it runs beside its ISE original until that one is disabled`,
			secret: false,
			value: w.flowState,
		});
	}
	appSettings.sort((a, b) => a.name.localeCompare(b.name));
	if (p.integrationAccount === 'account') {
		appSettings.push({
			name: PLATFORM_SETTING.integrationAccountCallbackUrl,
			description: 'Callback URL of the (non-ISE) integration account the B2B actions use',
			secret: true,
		});
	}

	files.set('host.json', json(HOST_JSON));
	files.set('connections.json', json(connections.json));
	files.set('parameters.json', json(params.parameters));
	files.set(
		'local.settings.json',
		json(localSettings(appSettings, {subscriptionId: inv.ise.subscriptionId, resourceGroup: inv.ise.resourceGroup, location: p.location})),
	);
	files.set('.funcignore', `${FUNCIGNORE.join('\n')}\n`);
	files.set('.gitignore', `${GITIGNORE.join('\n')}\n`);
	files.set('.vscode/settings.json', json(VSCODE_SETTINGS));
	files.set('.vscode/extensions.json', json(VSCODE_EXTENSIONS));
	if (p.integrationAccount === 'artifacts') {
		const lines = ['# Artifacts', '', 'Export these from the integration account into Maps/ and Schemas/ before deploying:', ''];
		for (const ia of inv.integrationAccounts) {
			for (const m of ia.maps) lines.push(`- Maps/${m.name} (${m.type ?? 'map'}) from ${ia.name}`);
			for (const s of ia.schemas) lines.push(`- Schemas/${s.name}.xsd from ${ia.name}`);
		}
		files.set('Artifacts/README.md', `${lines.join('\n')}\n`);
	}

	// How every system is reached after migration: one model for the template, the networking guide and the cut-over list.
	const reach = reachModel(p, converted.map((c) => ({workflow: c.workflow, result: c.result})));
	const needs = managedConnectionSettings(reach);
	// One entry per managed connection across all workflows, with what the reach model says it needs.
	const managedConnections = [
		...new Map(
			converted
				.flatMap((c) => Object.values(c.result.managedConnections))
				.map((m) => [
					m.connectionName,
					{name: m.connectionName, api: m.api, kind: m.apiKind, ...needs.get(m.connectionName.toLowerCase()), ...(m.managedIdentity ? {managedIdentity: m.managedIdentity} : {})},
				]),
		).values(),
	];
	// The user-assigned identities steps and connections name keep their roles: the app carries them (ids compared
	// without case, as ARM does).
	const userAssignedIdentities = [
		...new Map(
			[...outcomes.flatMap((o) => o.userAssigned.map((u) => u.identity)), ...managedConnections.flatMap((m) => m.managedIdentity?.identity ?? [])]
				.filter(isUserAssignedIdentityId)
				.map((id) => [id.toLowerCase(), id]),
		).values(),
	].sort();
	const infra = infraTemplate(p, {managedConnections, appSettings, userAssignedIdentities});
	files.set('infra/azuredeploy.json', json(infra.template));
	files.set('infra/azuredeploy.parameters.json', json(infra.parameters));
	files.set('infra/README.md', infra.readme);
	files.set('migration/networking.md', networkingGuide(p, {managedConnections, reach}));

	const reportInput = {
		plan: p,
		reach,
		managedConnections,
		userAssignedIdentities,
		workflows: outcomes,
		appSettings,
		parametersToFill: params.toFill,
		generatedAt: options.generatedAt,
		toolVersion: options.toolVersion,
		skippedInputs: options.skippedInputs,
	};
	// The documents that grow with the estate are streamed: made as they are written, never held (model/fileset.ts).
	files.set('migration/report.md', reportMarkdown(reportInput));
	files.set('migration/report.json', streamedJson(() => reportJson(reportInput)));
	files.set('migration/cutover.md', cutoverMarkdown(reportInput));
	return files;
}
