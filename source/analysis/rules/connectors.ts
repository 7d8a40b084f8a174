// Connector findings: one per API the ISE workflows use (built-in, managed or leave out), one per operation
// that cannot convert confidently, pre-flight checks for operations Microsoft's exporter is known to break on
// (domain.md §5), and per-workflow choices for shared connectors. The counts come from the same assessment the
// converter applies, and every mapping's certainty ([C]/[S]/[U]) is shown to the admin.
import {triggerBodyExpressions, type Assessment, type CatalogEntry} from '../catalog/index.js';
import {resolveOperations, type OperationIndex, type OperationUse, type StepVerdict} from '../operations.js';
import {isRecord, walkOperations} from '../walk.js';
import {ACKNOWLEDGE_OPTION, CONNECTOR_OPTION, PREFLIGHT_OPTION, STEP_OPTION, WORKFLOW_CONNECTOR_OPTION, type ApiRef, type Certainty, type Finding, type FindingGroupSpec, type FindingOption, type HostingKind, type Inventory, type Relevance} from '../../model/index.js';
import {makeFinding, type FindingTexts} from '../finding.js';
import {groupBy} from '../../model/text.js';

/** A connector step with its assessment (every resolved, non-custom connection step has one). */
type OpUse = OperationUse & {assessment: Assessment};

interface ApiUse {
	api: string;
	kinds: Set<ApiRef['kind']>;
	entry: CatalogEntry | undefined;
	ops: OpUse[];
	workflows: Set<string>;
}

const RANK: Record<Certainty, number> = {C: 2, S: 1, U: 0};
const lowest = (cs: Certainty[]): Certainty => cs.reduce<Certainty>((a, b) => (RANK[b] < RANK[a] ? b : a), 'C');

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function listNames(names: readonly string[], max = 5): string {
	const shown = names.slice(0, max).map((n) => `'${n}'`);
	return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/** Expressions for a sentence: no extra quotes, since they contain quotes themselves. */
function listExprs(exprs: readonly string[], max = 5): string {
	const shown = exprs.slice(0, max);
	return exprs.length > max ? `${shown.join(', ')} and ${exprs.length - max} more` : shown.join(', ');
}

/** Every connector step of the inventory, grouped by API (custom connectors have their own rule). */
function collect(ops: OperationIndex): {apis: Map<string, ApiUse>; unresolved: OperationUse[]} {
	const apis = new Map<string, ApiUse>();
	const unresolved: OperationUse[] = [];
	for (const o of ops.all) {
		if (o.via !== 'connection') continue;
		if (!o.connection) {
			unresolved.push(o);
			continue;
		}
		const api = o.connection.api;
		if (api.kind === 'custom' || !o.assessment) continue;
		let use = apis.get(api.name);
		if (!use) {
			use = {api: api.name, kinds: new Set(), entry: o.entry, ops: [], workflows: new Set()};
			apis.set(api.name, use);
		}
		use.kinds.add(api.kind);
		use.workflows.add(o.workflow.name);
		use.ops.push(o as OpUse);
	}
	return {apis, unresolved};
}

/** `[C] 4, [S] 2`: how sure the mappings behind a count are. */
function certaintyCounts(cs: readonly Certainty[]): string {
	const n: Record<Certainty, number> = {C: 0, S: 0, U: 0};
	for (const c of cs) n[c]++;
	return (['C', 'S', 'U'] as const)
		.filter((c) => n[c] > 0)
		.map((c) => `[${c}] ${n[c]}`)
		.join(', ');
}

/** One entry per catalog row, with how many operations use it: `'Insert row (V2)' → insertRow [C] ×3`. */
function mappingSummary(ops: readonly OpUse[], converting: boolean): string {
	const rows = new Map<string, {text: string; count: number}>();
	for (const o of ops) {
		const m = o.assessment.mapping;
		const key = m ? `${m.id}|${converting ? o.assessment.certainty : ''}` : '?';
		const text = !m
			? 'no matching catalog row'
			: converting
				? `'${m.label}' → ${m.operationId} [${o.assessment.certainty}]`
				: `'${m.label}'${m.operationId ? ` → ${m.operationId}` : ''} [${m.certainty}]`;
		const row = rows.get(key) ?? {text, count: 0};
		row.count++;
		rows.set(key, row);
	}
	return [...rows.values()].map((r) => (r.count > 1 ? `${r.text} ×${r.count}` : r.text)).join('; ');
}

/** A built-in counterpart the admin can choose for the connector as a whole. */
function hasBuiltin(entry: CatalogEntry | undefined): entry is CatalogEntry & {target: 'builtin' | 'builtin-b2b'} {
	return entry !== undefined && (entry.target === 'builtin' || entry.target === 'builtin-b2b');
}

function apiFinding(use: ApiUse, perWorkflow: readonly string[]): Finding {
	const {api, entry} = use;
	const name = entry?.displayName ?? api;
	const workflows = [...use.workflows].sort();
	const total = use.ops.length;
	const converting = use.ops.filter((o) => o.assessment.convertible);
	const confident = converting.length;
	const stay = total - confident;
	const builtinExists = hasBuiltin(entry);
	const counts = certaintyCounts(converting.map((o) => o.assessment.certainty));
	const webhookOps = use.ops.filter((o) => o.isTrigger && o.callback);
	const wasIse = use.kinds.has('ise');
	const privateReach = Boolean(entry?.reachesPrivateNetwork) || wasIse;
	const recommended = builtinExists && confident > 0 ? CONNECTOR_OPTION.builtin : CONNECTOR_OPTION.managed;

	const options: FindingOption[] = [];
	// Choosing built-in when no step converts would change nothing: the option is not offered then.
	if (builtinExists && confident > 0) {
		const b2b = entry.target === 'builtin-b2b';
		options.push({
			id: CONNECTOR_OPTION.builtin,
			label: b2b ? 'Use the built-in B2B actions' : `Use the built-in ${name} connector`,
			// Offered only when some step converts (X12 Decode/Encode do), so the count is said, never "none".
			consequence: b2b
				? `${confident} of ${total} ${name} steps become built-in B2B actions that use the integration account linked to the app, with no connection.${
						stay ? ` ${plural(stay, 'step')} cannot be converted with confidence and ${stay === 1 ? 'stays' : 'stay'} on the managed connector until rebuilt.` : ''
					}`
				: `${confident} of ${total} operations become built-in operations that run inside the logic app and reach private resources through its VNet integration; connection secrets move to app settings.${
						stay ? ` ${plural(stay, 'operation')} cannot be converted with confidence and ${stay === 1 ? 'stays' : 'stay'} on the managed connector.` : ''
					}`,
			effects: [{type: 'connector', api, target: 'builtin'}],
		});
	}
	options.push({
		id: CONNECTOR_OPTION.managed,
		label: `Keep the managed ${name} connector`,
		consequence: `Every step keeps using the multi-tenant managed connector through a new API connection with an access policy for the app's identity.${
			privateReach
				? ' It runs outside your network: systems the ISE reached privately must then be reachable through an on-premises data gateway or a public endpoint.'
				: ''
		}${webhookOps.length ? ' Its webhook trigger needs the app to accept calls from the internet.' : ''}`,
		effects: [{type: 'connector', api, target: 'managed'}],
	});
	options.push({
		id: CONNECTOR_OPTION.exclude,
		label: `Leave ${name} out`,
		consequence: `${total === 1 ? 'Its step becomes a placeholder' : `Its ${total} steps become placeholders`} that do nothing (a Compose action, or a Request trigger for a trigger); you rebuild or remove ${total === 1 ? 'it' : 'them'} by hand.`,
		effects: [{type: 'connector', api, target: 'exclude'}],
	});

	const parts: string[] = [];
	parts.push(`Used by ${plural(workflows.length, 'workflow')} (${listNames(workflows)}) in ${plural(total, 'operation')}.`);
	if (!entry) {
		parts.push('This connector is not in the catalog: nothing is known about a built-in version, so it stays managed unless you leave it out.');
	} else if (builtinExists) {
		// B2B steps are counted like any other: some convert (X12 Decode/Encode), others keep an undocumented built-in.
		const b2b = entry.target === 'builtin-b2b';
		parts.push(
			`${b2b ? 'Standard has built-in B2B actions for it: action types of their own that use the integration account linked to the app.' : `A built-in version exists (${entry.serviceProviderId}).`} ${
				confident || !b2b
					? `${confident} of ${total} operations convert with confidence${confident ? ` (${counts}): ${mappingSummary(converting, true)}` : ''}.`
					: `${total === 1 ? 'Its only operation does not convert' : `None of its ${total} operations converts`} with confidence.`
			}`,
		);
		if (stay) {
			parts.push(
				`${stay} would stay on the managed connector, each with its own finding: ${mappingSummary(
					use.ops.filter((o) => !o.assessment.convertible),
					false,
				)}.`,
			);
		}
		const choose = `you choose here${perWorkflow.length ? `, and for single workflows in the '${name} in …' entries further down (${plural(perWorkflow.length, 'workflow')})` : ''}.`;
		parts.push(
			`([C] confirmed in a primary source, [S] from secondary sources; [U] inferences are never applied.)${
				!b2b ? ` Unlike Microsoft's exporter, which converts every connector that has a built-in version, ${choose}` : confident ? ` ${capitalize(choose)}` : ''
			}`,
		);
	} else if (entry.target === 'builtin-action') {
		parts.push(`In Standard ${name} is called through its own action type (${entry.actionType?.type ?? 'a built-in action'}), not through a connection like this one, so these steps stay managed until rebuilt.`);
	} else {
		parts.push('There is no built-in version: Standard uses the managed connector.');
	}
	if (webhookOps.length) {
		parts.push(
			`${listNames(webhookOps.map((o) => o.key))} ${webhookOps.length === 1 ? 'is a webhook trigger' : 'are webhook triggers'}: the service calls the app back, so the app needs public inbound access for ${webhookOps.length === 1 ? 'it' : 'them'}.`,
		);
	} else if (entry?.webhookTrigger && use.ops.some((o) => o.isTrigger)) {
		parts.push(`Note: ${entry.webhookTrigger.note}.`);
	}
	if (wasIse) parts.push('In the ISE this ran as an ISE connector inside your network.');
	for (const n of entry?.notes ?? []) parts.push(n);

	const warn = !entry || (builtinExists && stay > 0) || webhookOps.length > 0 || (recommended === 'managed' && privateReach);
	const certainty = entry ? lowest([entry.certainty, ...use.ops.filter((o) => o.assessment.convertible).map((o) => o.assessment.certainty)]) : 'U';
	return makeFinding({
		kind: 'connector',
		severity: warn ? 'warning' : 'info',
		certainty,
		subject: {type: 'connector', key: api, name},
		// Titles state facts, not choices: the choice in force is shown beside them and changes with a decision.
		title: !entry
			? `Connector '${api}': no built-in version known to this tool`
			: builtinExists && confident > 0
				? `${name}: ${confident} of ${total} steps can convert to built-in (${counts})`
				: builtinExists
					? `${name}: ${total === 1 ? 'its only step cannot' : `none of its ${total} steps can`} convert to built-in`
					: `${name}: no built-in conversion`,
		detail: parts.join(' '),
		workflows,
		options,
		recommended,
	});
}

/** The steps of one connector that stay managed although the connector moves to built-in: one question, one row. */
function stepGroup(use: ApiUse): FindingGroupSpec {
	const name = use.entry?.displayName ?? use.api;
	return {
		key: `connector-steps:${use.api}`,
		title: `${name} steps that cannot be converted to built-in`,
		detail: `Even when ${name} moves to built-in, these steps cannot be converted with confidence; each says why. They keep working through managed API connections, which run outside your network.`,
		options: [
			{id: STEP_OPTION.keepManaged, label: 'Keep these steps on the managed connector', consequence: 'Each step is carried over unchanged with a managed API connection; a cut-over task per step reminds you to check it.'},
			{id: STEP_OPTION.managedInWorkflow, label: `Keep ${name} managed in every workflow with such a step`, consequence: `Those workflows use only the managed ${name} connector, one kind of connection each; the others still convert.`},
		],
		recommended: STEP_OPTION.keepManaged,
	};
}

function builtinOnly(use: ApiUse, workflow: string): Relevance {
	return {type: 'connector-target', api: use.api, apiName: use.entry?.displayName ?? use.api, workflow, target: 'builtin'};
}

function operationFinding(use: ApiUse, o: OpUse, group: FindingGroupSpec): Finding {
	const name = use.entry?.displayName ?? use.api;
	const key = o.key;
	const reason = o.assessment.reason ?? 'no confident built-in mapping';
	const mapping = o.assessment.mapping;
	return makeFinding({
		kind: 'connector',
		severity: 'warning',
		certainty: mapping?.certainty ?? 'U',
		// Namespaced by the API so the id keeps its `${kind}:${subject.key}` form.
		subject: {type: 'operation', key: `${use.api}:op:${key}`, name: `${o.name} in ${o.workflow.name}`},
		title: `'${o.name}' in ${o.workflow.name} cannot convert to built-in ${name}`,
		workflows: [o.workflow.name],
		options: [
			{
				id: STEP_OPTION.keepManaged,
				label: 'Keep this step on the managed connector',
				effects: [{type: 'acknowledge', todo: `Check '${o.name}' in ${o.workflow.name}: it still uses the managed ${name} connector (${reason}).`}],
			},
			{
				id: STEP_OPTION.managedInWorkflow,
				label: `Keep ${name} managed in this whole workflow`,
				effects: [{type: 'connector', api: use.api, target: 'managed', workflow: o.workflow.name}],
			},
		],
		texts: operationTexts(name, o.workflow.name, o.isTrigger, reason, mapping),
		recommended: STEP_OPTION.keepManaged,
		group,
		relevantWhen: builtinOnly(use, o.workflow.name),
	});
}

/** Made when read (one finding per step: see DeferredFindingInput). */
function operationTexts(name: string, workflow: string, isTrigger: boolean, reason: string, mapping: StepVerdict['mapping']): () => FindingTexts {
	return () => ({
		detail: `Even when ${name} moves to built-in, this ${isTrigger ? 'trigger' : 'step'} is not converted because ${reason}. It keeps working through a managed API connection${
			mapping
				? `; the catalog maps '${mapping.label}'${mapping.operationId ? ` to built-in '${mapping.operationId}'` : ''} with certainty [${mapping.certainty}]${
						mapping.certainty === 'U' ? ' (our inference, never applied automatically)' : ''
					}`
				: '; no catalog mapping matches this operation'
		}.`,
		consequences: {
			[STEP_OPTION.keepManaged]: 'The step is carried over unchanged with a managed API connection; a cut-over task reminds you to check it.',
			[STEP_OPTION.managedInWorkflow]: `Every ${name} step of ${workflow} stays managed, so the workflow uses one kind of connection.`,
		},
	});
}

/**
 * A step whose built-in runs only on one hosting (File System: App Service Environment v3). It converts there; on
 * the other hosting it stays on the managed connector, which reaches the system only through a data gateway.
 * The finding asks only while the app is on the other hosting and the connector goes built-in.
 */
function hostingFinding(use: ApiUse, o: OpUse, group: FindingGroupSpec): Finding | undefined {
	const only = use.entry?.hosting;
	if (!only || !o.assessment.convertible) return undefined;
	const name = use.entry?.displayName ?? use.api;
	const other: HostingKind = only.requires === 'ase' ? 'ws' : 'ase';
	const where = only.requires === 'ase' ? 'App Service Environment v3' : 'a Workflow Standard plan';
	return makeFinding({
		kind: 'connector',
		severity: 'warning',
		certainty: 'C',
		subject: {type: 'operation', key: `${use.api}:op:${o.key}`, name: `${o.name} in ${o.workflow.name}`},
		title: `'${o.name}' in ${o.workflow.name} converts to built-in ${name} only on ${where}`,
		detail: `Even when ${name} moves to built-in, ${only.reason}. On the hosting chosen this ${o.isTrigger ? 'trigger' : 'step'} stays on the managed connector, which runs outside your network and reaches the system only through an on-premises data gateway. Choose ${where} under Sizing to convert it.`,
		workflows: [o.workflow.name],
		options: [
			{
				id: STEP_OPTION.keepManaged,
				label: 'Keep this step on the managed connector (data gateway)',
				consequence: 'The step is carried over with a managed API connection; a cut-over task reminds you to set up the gateway path to the system.',
				effects: [{type: 'acknowledge', todo: `Reach the system of '${o.name}' in ${o.workflow.name} through an on-premises data gateway: the ${name} built-in needs ${where}.`}],
			},
			{
				id: STEP_OPTION.managedInWorkflow,
				label: `Keep ${name} managed in this whole workflow`,
				consequence: `Every ${name} step of ${o.workflow.name} stays managed, whatever the hosting.`,
				effects: [{type: 'connector', api: use.api, target: 'managed', workflow: o.workflow.name}],
			},
		],
		recommended: STEP_OPTION.keepManaged,
		group,
		relevantWhen: {...builtinOnly(use, o.workflow.name), hosting: other},
	});
}

function preflightOptions(api: string, name: string, wf: string, todo: string, converts: boolean): FindingOption[] {
	return [
		{
			id: PREFLIGHT_OPTION.convert,
			label: converts ? 'Convert it and test this step after migration' : 'Noted; test this step after migration',
			consequence: converts
				? 'The step converts like the others; a cut-over task reminds you to test it.'
				: 'The step follows the connector choice (today it would stay on the managed connector); a cut-over task reminds you to test it.',
			effects: [{type: 'acknowledge', todo}],
		},
		{
			id: PREFLIGHT_OPTION.keepManaged,
			label: `Keep ${name} managed in ${wf}`,
			consequence: `Every ${name} step of ${wf} stays on the managed connector, exactly as today.`,
			effects: [{type: 'connector', api, target: 'managed', workflow: wf}],
		},
	];
}

/** Steps of one connector that match the same known problem, decided together. */
function preflightGroup(use: ApiUse, aspect: string, title: string, detail: string): FindingGroupSpec {
	const name = use.entry?.displayName ?? use.api;
	return {
		key: `preflight:${aspect}`,
		title,
		detail,
		options: [
			{id: PREFLIGHT_OPTION.convert, label: 'Convert them and test each after migration', consequence: 'The steps follow the connector choice; a cut-over task per step reminds you to test it.'},
			{id: PREFLIGHT_OPTION.keepManaged, label: `Keep ${name} managed in those workflows`, consequence: `Every ${name} step of those workflows stays on the managed connector, exactly as today.`},
		],
		recommended: PREFLIGHT_OPTION.convert,
	};
}

function hasQuery(op: Readonly<Record<string, unknown>>, name: string): boolean {
	const q = isRecord(op.inputs) ? op.inputs.queries : undefined;
	if (!isRecord(q)) return false;
	return Object.entries(q).some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v !== undefined && v !== null && String(v) !== '');
}

function preflightFindings(use: ApiUse): Finding[] {
	const out: Finding[] = [];
	if (!use.entry || use.entry.target !== 'builtin') return out;
	const name = use.entry.displayName;
	const groups = {
		queues: preflightGroup(use, 'azure-queues', 'Queue steps that match a known export failure', "V1 queue paths and a missing visibility timeout break Microsoft's exporter (LogicAppsUX#2489, logicapps#1287). This tool maps these steps itself; test each after migration."),
		serviceBus: preflightGroup(use, 'servicebus-trigger-array', 'Service Bus triggers that return an array after conversion', 'The built-in Service Bus trigger returns an array of messages where the managed one returned one (LogicAppsUX#4846); each finding lists the expressions that read the trigger body.'),
		tables: preflightGroup(use, 'tables-in-foreach', 'Table "Get entities" steps inside a For each', 'Microsoft\'s exporter failed on Table "Get entities" inside a For each (LogicAppsUX#2489); test the loops after migration.'),
	};
	for (const o of use.ops) {
		const wf = o.workflow;
		const visit = o;
		const key = o.key;
		const mapping = o.assessment.mapping;
		const path = isRecord(visit.op.inputs) && typeof visit.op.inputs.path === 'string' ? visit.op.inputs.path : '';

		if (use.api === 'azurequeues') {
			const problems: string[] = [];
			if (!/^\/v2\//i.test(path)) problems.push(`it uses a V1 queue path (${path || 'no path'})`);
			const reads = visit.isTrigger || mapping?.operationId === 'getMessages';
			if (reads && !hasQuery(visit.op, 'visibilitytimeout')) problems.push('it sets no visibility timeout');
			if (problems.length) {
				out.push(makeFinding({
					kind: 'workflow',
					aspect: 'azure-queues',
					severity: 'warning',
					certainty: 'S',
					subject: {type: 'operation', key, name: `${visit.name} in ${wf.name}`},
					title: `Queue step '${visit.name}' in ${wf.name} matches a known export failure`,
					detail: `${capitalize(problems.join(' and '))}. Microsoft's exporter fails on V1 queue paths and a missing visibility timeout (LogicAppsUX#2489, logicapps#1287). This tool maps the step itself${
						o.assessment.convertible ? '' : ` (here it stays managed: ${o.assessment.reason})`
					}, but test it after migration.`,
					workflows: [wf.name],
					options: preflightOptions(use.api, name, wf.name, `Test queue step '${visit.name}' in ${wf.name} (V1 path / visibility timeout).`, o.assessment.convertible),
					recommended: PREFLIGHT_OPTION.convert,
					group: groups.queues,
					relevantWhen: builtinOnly(use, wf.name),
				}));
			}
		}

		// Only a converted trigger changes shape; one that stays managed keeps returning a single message.
		if (use.api === 'servicebus' && visit.isTrigger && o.assessment.convertible && typeof mapping?.trigger?.splitOn === 'string') {
			const exprs = triggerBodyExpressions(wf.definition, visit.op);
			const rewritten = o.assessment.references?.rewritten ?? 0;
			const leftovers = o.assessment.references?.leftovers ?? [];
			out.push(makeFinding({
				kind: 'workflow',
				aspect: 'servicebus-trigger-array',
				severity: 'warning',
				certainty: 'S',
				subject: {type: 'operation', key, name: `${visit.name} in ${wf.name}`},
				title: `Service Bus trigger of ${wf.name} returns an array after conversion`,
				detail: `The built-in Service Bus trigger returns an array of messages with plain (not base64) camelCase fields, where the managed one returned one message (LogicAppsUX#4846). ${
					exprs.length
						? `These expressions read the trigger body and break unless rewritten: ${listExprs(exprs, 8)}. `
						: 'No expression reads the trigger body. '
				}The conversion adds splitOn so each message starts its own run${rewritten ? ` and rewrites ${plural(rewritten, 'expression')}` : ''}${
					leftovers.length ? `; check by hand: ${listExprs(leftovers, 5)}` : ''
				}.`,
				workflows: [wf.name],
				options: preflightOptions(use.api, name, wf.name, `Test the Service Bus trigger of ${wf.name}: it now splits an array of messages.`, true),
				recommended: PREFLIGHT_OPTION.convert,
				group: groups.serviceBus,
				relevantWhen: builtinOnly(use, wf.name),
			}));
		}

		if (use.api === 'azuretables' && mapping?.operationId === 'queryEntities') {
			const ops = new Map<string, Record<string, unknown>>();
			for (const v of walkOperations(wf.definition)) ops.set(v.name, v.op);
			const loop = visit.parents.find((p) => /^foreach$/i.test(String(ops.get(p)?.type ?? '')));
			if (loop) {
				out.push(makeFinding({
					kind: 'workflow',
					aspect: 'tables-in-foreach',
					severity: 'warning',
					certainty: 'S',
					subject: {type: 'operation', key, name: `${visit.name} in ${wf.name}`},
					title: `"Get entities" inside For each '${loop}' in ${wf.name}`,
					detail: `Microsoft's exporter failed on Table "Get entities" inside a For each (LogicAppsUX#2489). ${
						o.assessment.convertible
							? 'This tool converts it like any other step (its output becomes {entities, continuationToken}),'
							: `Here it stays on the managed connector (${o.assessment.reason}),`
					} but test the loop after migration.`,
					workflows: [wf.name],
					options: preflightOptions(use.api, name, wf.name, `Test "${visit.name}" inside For each '${loop}' in ${wf.name}.`, o.assessment.convertible),
					recommended: PREFLIGHT_OPTION.convert,
					group: groups.tables,
					relevantWhen: builtinOnly(use, wf.name),
				}));
			}
		}
	}
	return out;
}

const UNRESOLVED_GROUP: FindingGroupSpec = {
	key: 'connector-unresolved',
	title: 'Steps whose connection could not be resolved',
	detail: "These steps name a connection that is not among their workflow's connections (or compute it at run time). Each is carried over pointing at a placeholder connection that you must replace.",
	options: [{id: ACKNOWLEDGE_OPTION.acknowledge, label: 'Fix the connections by hand after generation', consequence: 'The steps keep their managed form with placeholder connections; a cut-over task per step reminds you to set it.'}],
	recommended: ACKNOWLEDGE_OPTION.acknowledge,
};

function unresolvedFinding(u: OperationUse): Finding {
	const key = u.key;
	return makeFinding({
		kind: 'connector',
		severity: 'warning',
		certainty: 'U',
		subject: {type: 'operation', key: `unresolved:op:${key}`, name: `${u.name} in ${u.workflow.name}`},
		title: `The connection of '${u.name}' in ${u.workflow.name} could not be resolved`,
		detail: 'The step names a connection that is not among the workflow\'s connections (or computes it at run time), so its connector is unknown. It is carried over pointing at a placeholder connection that you must replace.',
		workflows: [u.workflow.name],
		options: [
			{
				id: ACKNOWLEDGE_OPTION.acknowledge,
				label: 'Fix the connection by hand after generation',
				consequence: 'The step keeps its managed form with a placeholder connection; a cut-over task reminds you to set it.',
				effects: [{type: 'acknowledge', todo: `Set the connection of '${u.name}' in ${u.workflow.name}: it could not be resolved.`}],
			},
		],
		recommended: ACKNOWLEDGE_OPTION.acknowledge,
		group: UNRESOLVED_GROUP,
	});
}

/**
 * Workflows of a shared connector where a choice of their own changes the output: the connector has a built-in
 * version and this workflow has steps that would convert. Elsewhere the connector-wide finding already says it all
 * (one workflow), or built-in and managed give the same result (nothing converts), so no entry is offered.
 */
function perWorkflowChoices(use: ApiUse): {workflow: string; ops: OpUse[]}[] {
	if (use.entry?.target !== 'builtin' || use.workflows.size < 2) return [];
	// Grouped in one pass: filtering every op for every workflow was quadratic on a large estate.
	const byWorkflow = groupBy(use.ops, (o) => o.workflow.name);
	return [...use.workflows]
		.sort()
		.map((workflow) => ({workflow, ops: byWorkflow.get(workflow) ?? []}))
		.filter((w) => w.ops.some((o) => o.assessment.convertible));
}

/**
 * The connector choice for one workflow. Its default follows the connector-wide decision and changes nothing: an
 * override effect as default would pin this workflow and silently ignore a later connector-wide change.
 */
/** Per-workflow choices of one connector: by default every workflow follows the connector-wide choice. */
function workflowChoiceGroup(use: ApiUse, count: number): FindingGroupSpec {
	const name = use.entry?.displayName ?? use.api;
	return {
		key: `connector-in-workflow:${use.api}`,
		title: `${name} in single workflows (${plural(count, 'workflow')} could differ)`,
		detail: `By default every workflow follows the choice made for ${name} as a whole. Decide here only where workflows must differ; open the group to choose per workflow.`,
		options: [
			{id: WORKFLOW_CONNECTOR_OPTION.inherit, label: `Every workflow follows the ${name} choice`, consequence: `Nothing differs per workflow: the ${name} decision applies everywhere.`},
			{id: CONNECTOR_OPTION.builtin, label: `Built-in ${name} in all of them`, consequence: `The convertible ${name} steps of these workflows become built-in whatever is chosen for ${name} as a whole.`},
			{id: CONNECTOR_OPTION.managed, label: `Managed ${name} in all of them`, consequence: `These workflows keep the managed ${name} connector whatever is chosen for ${name} as a whole.`},
			{id: CONNECTOR_OPTION.exclude, label: `Leave ${name} out of all of them`, consequence: `Their ${name} steps become placeholders that do nothing.`},
		],
		recommended: WORKFLOW_CONNECTOR_OPTION.inherit,
	};
}

function workflowChoiceFinding(use: ApiUse, workflow: string, ops: readonly OpUse[], group: FindingGroupSpec): Finding {
	const {api} = use;
	const name = use.entry?.displayName ?? api;
	const certainties = ops.filter((o) => o.assessment.convertible).map((o) => o.assessment.certainty);
	const total = ops.length;
	return makeFinding({
		kind: 'connector',
		severity: 'info',
		certainty: lowest(certainties),
		subject: {type: 'connector', key: `${api}@${workflow}`, name: `${name} in ${workflow}`},
		title: `${name} in ${workflow} only (${certainties.length} of ${total} ${total === 1 ? 'step' : 'steps'} can convert)`,
		workflows: [workflow],
		options: [
			{id: WORKFLOW_CONNECTOR_OPTION.inherit, label: `Follow the ${name} choice`, effects: [{type: 'acknowledge'}]},
			{id: CONNECTOR_OPTION.builtin, label: `Built-in ${name} in ${workflow}`, effects: [{type: 'connector', api, target: 'builtin', workflow}]},
			{id: CONNECTOR_OPTION.managed, label: `Managed ${name} in ${workflow}`, effects: [{type: 'connector', api, target: 'managed', workflow}]},
			{id: CONNECTOR_OPTION.exclude, label: `Leave ${name} out of ${workflow}`, effects: [{type: 'connector', api, target: 'exclude', workflow}]},
		],
		texts: workflowChoiceTexts(name, workflow, total, certainties, use.workflows.size - 1),
		recommended: WORKFLOW_CONNECTOR_OPTION.inherit,
		group,
	});
}

/** Made when read (see DeferredFindingInput); the closure holds only these few values, not the step records. */
function workflowChoiceTexts(name: string, workflow: string, total: number, certainties: readonly Certainty[], others: number): () => FindingTexts {
	return () => {
		const converting = certainties.length;
		const steps = total === 1 ? 'step' : 'steps';
		return {
			detail:
				`${workflow} uses ${name} in ${plural(total, 'step')}; ${
					total === 1 ? 'it converts' : `${converting} of them ${converting === 1 ? 'converts' : 'convert'}`
				} to built-in (${certaintyCounts(certainties)}). ` +
				`By default this workflow follows the choice made for ${name} as a whole. Choose here only if ${workflow} must differ from the other ${plural(others, 'workflow')} using ${name}: ` +
				'for example keep it on the managed connector while they convert, or leave the connector out of this workflow alone.',
			consequences: {
				[WORKFLOW_CONNECTOR_OPTION.inherit]: `${workflow} converts, keeps or leaves out its ${name} ${steps} exactly as decided for ${name} as a whole.`,
				[CONNECTOR_OPTION.builtin]: `${converting} of ${total} ${name} ${steps} of ${workflow} become built-in operations whatever is chosen for ${name} elsewhere${
					converting < total ? '; the others stay managed' : ''
				}.`,
				[CONNECTOR_OPTION.managed]: `Every ${name} step of ${workflow} keeps the managed connector (an API connection with an access policy for the app's identity), whatever is chosen elsewhere.`,
				[CONNECTOR_OPTION.exclude]: `The ${name} ${steps} of ${workflow} become placeholders that do nothing; you rebuild or remove them by hand. Other workflows are not affected.`,
			},
		};
	};
}

export function connectorFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const {apis, unresolved} = collect(ops);
	const findings: Finding[] = [];
	// Per-workflow choices come after every connector-wide one, so the list reads "decide the connector, then refine".
	const refinements: Finding[] = [];
	for (const use of [...apis.values()].sort((a, b) => a.api.localeCompare(b.api))) {
		const choices = perWorkflowChoices(use);
		findings.push(apiFinding(use, choices.map((c) => c.workflow)));
		if (hasBuiltin(use.entry)) {
			const group = stepGroup(use);
			for (const o of use.ops) {
				const f = o.assessment.convertible ? hostingFinding(use, o, group) : operationFinding(use, o, group);
				if (f) findings.push(f);
			}
		}
		findings.push(...preflightFindings(use));
		const group = workflowChoiceGroup(use, choices.length);
		for (const c of choices) refinements.push(workflowChoiceFinding(use, c.workflow, c.ops, group));
	}
	for (const u of unresolved) findings.push(unresolvedFinding(u));
	return [...findings, ...refinements];
}
