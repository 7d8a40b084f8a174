// Pre-flight checks per workflow: what changes or breaks when a definition moves from the ISE to a Standard app.
// Only blockers and warnings carry an "exclude this workflow" option; info findings have a good default and
// offering exclusion everywhere would bury the admin in choices.
import {WORKFLOW_OPTION, olderDefinitionLanguage, type Finding, type FindingGroupSpec, type FindingOption, type Inventory, type Workflow} from '../../model/index.js';
import {catalogEntryForActionType} from '../catalog/index.js';
import {childActionMaps, isRecord, missingPredecessors, walkOperations, type OperationVisit} from '../walk.js';
import {iseSubject, makeFinding} from '../finding.js';

// Standard limits (domain.md §7).
const HTTP_TIMEOUT_S = 235;
const STATEFUL_RUN_S = 90 * 86_400;
const STATELESS_RUN_S = 5 * 60;

// Function and ApiManagement are described by their catalog entries (catalogEntryForActionType) and converted by the
// generator; batching has no entry and no Standard counterpart here.
const TYPE_REWIRE: Record<string, string> = {
	sendtobatch: 'batch (SendToBatch)',
	batch: 'batch trigger',
};

// Operations that wait for something outside the request, so they cannot fit a 5-minute stateless run.
const WAITING_TYPES = new Set([
	'until',
	'wait',
	'apiconnectionwebhook',
	'apiconnectionnotification',
	'httpwebhook',
	'workflow',
	'sendtobatch',
	'batch',
]);
const WEBHOOK_TYPES = new Set(['apiconnectionwebhook', 'apiconnectionnotification', 'httpwebhook']);

/** "A, B, C and 2 more": keeps long lists readable in a finding card. */
export function nameList(names: readonly string[], max = 5): string {
	if (names.length === 0) return 'none';
	if (names.length === 1) return names[0]!;
	if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
	return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Leaves the listed workflows out of the generated project. */
export function excludeOption(workflows: readonly string[], why?: (it: 'it' | 'they') => string): FindingOption {
	const one = workflows.length === 1;
	return {
		id: WORKFLOW_OPTION.exclude,
		label: one ? 'Leave this workflow out of the migration' : 'Leave these workflows out of the migration',
		consequence:
			`${nameList(workflows)} ${one ? 'is' : 'are'} not written to the Standard project; ` +
			(why ? why(one ? 'it' : 'they') : `you migrate or retire ${one ? 'it' : 'them'} separately.`),
		effects: workflows.map((workflow) => ({type: 'workflow', workflow, include: false})),
	};
}

const DURATION =
	/^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Seconds in an ISO 8601 duration (`PT235S`, `P1D`); undefined for expressions or garbage. Months count 30 days. */
export function parseDurationSeconds(v: unknown): number | undefined {
	if (typeof v !== 'string') return undefined;
	const m = DURATION.exec(v.trim());
	if (!m || v.trim().toUpperCase() === 'P' || /T$/i.test(v.trim())) return undefined;
	const n = (i: number) => Number(m[i] ?? 0);
	return (
		n(1) * 365 * 86_400 + n(2) * 30 * 86_400 + n(3) * 7 * 86_400 + n(4) * 86_400 + n(5) * 3600 + n(6) * 60 + n(7)
	);
}

const UNIT_S: Record<string, number> = {
	second: 1,
	minute: 60,
	hour: 3600,
	day: 86_400,
	week: 7 * 86_400,
	month: 30 * 86_400,
};

function typeOf(op: Record<string, unknown>): string {
	return typeof op.type === 'string' ? op.type.toLowerCase() : '';
}

function limitTimeout(op: Record<string, unknown>): {raw: string; seconds: number} | undefined {
	if (!isRecord(op.limit) || typeof op.limit.timeout !== 'string') return undefined;
	const seconds = parseDurationSeconds(op.limit.timeout);
	return seconds === undefined ? undefined : {raw: op.limit.timeout, seconds};
}

function waitSeconds(op: Record<string, unknown>): number | undefined {
	const inputs = op.inputs;
	if (!isRecord(inputs) || !isRecord(inputs.interval)) return undefined;
	const count = Number(inputs.interval.count);
	const unit = typeof inputs.interval.unit === 'string' ? UNIT_S[inputs.interval.unit.toLowerCase()] : undefined;
	return Number.isFinite(count) && unit !== undefined ? count * unit : undefined;
}

function isChunked(op: Record<string, unknown>): boolean {
	const rc = op.runtimeConfiguration;
	return (
		isRecord(rc) &&
		isRecord(rc.contentTransfer) &&
		typeof rc.contentTransfer.transferMode === 'string' &&
		rc.contentTransfer.transferMode.toLowerCase() === 'chunked'
	);
}

function describe(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'a list';
	if (typeof v === 'string') return `the text "${v.length > 30 ? v.slice(0, 30) + '…' : v}"`;
	return `a ${typeof v}`;
}

/** Structural defects that stop the checks from reading a definition; empty when it looks sound. */
export function definitionProblems(wf: Workflow): string[] {
	const def: unknown = wf.definition;
	if (!isRecord(def)) return [`the definition is ${describe(def)}, not a JSON object`];
	const problems: string[] = [];
	for (const part of ['triggers', 'actions'] as const) {
		const map = def[part];
		if (map === undefined) continue;
		if (!isRecord(map)) {
			problems.push(`its "${part}" is ${describe(map)}, not an object`);
			continue;
		}
		for (const [name, op] of Object.entries(map)) {
			if (!isRecord(op)) problems.push(`${part === 'triggers' ? 'trigger' : 'action'} ${name} is ${describe(op)}`);
		}
	}
	for (const v of walkOperations(def)) {
		if (typeof v.op.type !== 'string') problems.push(`${v.isTrigger ? 'trigger' : 'action'} ${v.name} has no type`);
		if (v.op.actions !== undefined && !isRecord(v.op.actions)) {
			problems.push(`the actions inside ${v.name} are ${describe(v.op.actions)}`);
		}
		for (const child of childActionMaps(v.op)) {
			for (const [name, op] of Object.entries(child)) {
				if (!isRecord(op)) problems.push(`action ${name} inside ${v.name} is ${describe(op)}`);
			}
		}
	}
	return problems;
}

/** The group option that leaves every member workflow out (each member's own exclude option does it). */
const LEAVE_OUT = {id: WORKFLOW_OPTION.exclude, label: 'Leave these workflows out of the migration', consequence: 'They are not written to the Standard project; you migrate or retire them separately.'};

/** One group per pre-flight question, so an estate's many workflows with the same finding are decided at once. */
const GROUPS = {
	unreadable: {
		key: 'workflow:unreadable',
		title: 'Workflows whose definition could not be analysed',
		detail: "Their checks are incomplete, so problems in them may only show up after deployment; each says what could not be read.",
		options: [
			{id: WORKFLOW_OPTION.review, label: "Migrate them as they are and review them by hand", consequence: "The definitions are copied unchanged; you fix and test them before cut-over."},
			{id: WORKFLOW_OPTION.exclude, label: "Leave them out of the migration", consequence: "They are not written to the Standard project; you migrate or retire them separately."},
		],
		recommended: WORKFLOW_OPTION.review,
	},
	'inline-code': {
		key: 'workflow:inline-code',
		title: 'Workflows with inline JavaScript',
		detail: "Microsoft's export tool fails on inline code (LogicAppsUX#4166); this tool copies the actions, but Standard runs them under different limits, so each must be tested.",
		options: [
			{id: WORKFLOW_OPTION.keep, label: "Keep the inline code and test it", consequence: "The actions are copied as they are; a cut-over task per workflow reminds you to test them."},
			LEAVE_OUT,
		],
		recommended: WORKFLOW_OPTION.keep,
	},
	'nested-workflow': {
		key: 'workflow:nested-workflow',
		title: 'Workflows that call other workflows',
		detail: "Calls to workflows that move too are rewritten to call them by name in the same app; calls to workflows outside this migration must go over HTTP. Each finding lists its calls.",
		options: [
			{id: WORKFLOW_OPTION.rewire, label: "Keep or rewire the calls, as each finding says", consequence: "Calls inside the app are tested after migration; calls outside it are rewired before cut-over (cut-over tasks list them)."},
			LEAVE_OUT,
		],
		recommended: WORKFLOW_OPTION.rewire,
	},
	rewiring: {
		key: 'workflow:rewiring',
		title: 'Workflows with Function, API Management or batch steps to rewire',
		detail: "Function and API Management calls are converted to their Standard form and need their app settings filled; batch operations must be reworked by hand.",
		options: [
			{id: WORKFLOW_OPTION.rewire, label: "Fill the settings and rewire as each finding says", consequence: "The converted calls fail until their settings are filled; batch steps until rewired. Both go on the cut-over checklist."},
			LEAVE_OUT,
		],
		recommended: WORKFLOW_OPTION.rewire,
	},
	'trigger-concurrency': {
		key: 'workflow:trigger-concurrency',
		title: 'Workflows whose trigger concurrency limit is not kept',
		detail: "Standard ignores trigger concurrency limits, so runs may overlap more than in the ISE.",
		options: [
			{id: WORKFLOW_OPTION.acknowledge, label: "Handle the concurrency after migration", consequence: "The workflows are migrated; a cut-over task per workflow reminds you to add throttling or ordering."},
			LEAVE_OUT,
		],
		recommended: WORKFLOW_OPTION.acknowledge,
	},
	'secure-parameters': {
		key: 'workflow:secure-parameters',
		title: 'Workflows with secure parameters',
		detail: "Standard's parameters.json has no secure types: the values must come from app settings, ideally Key Vault references; none was read from the ISE.",
		options: [
			{id: WORKFLOW_OPTION.keyVault, label: "Keep the values in Key Vault", consequence: "parameters.json refers to app settings, each a Key Vault reference you create with the secret."},
			{id: WORKFLOW_OPTION.appSettings, label: "Put the values in app settings", consequence: "parameters.json refers to app settings that hold the values directly; anyone who can read the app configuration sees them."},
		],
		recommended: WORKFLOW_OPTION.keyVault,
	},
	limits: {
		key: 'workflow:limits',
		title: 'Workflows that exceed a Standard limit',
		detail: "Some operations rely on ISE limits that are lower in Standard; each finding names them.",
		options: [
			{id: WORKFLOW_OPTION.acknowledge, label: "Adjust the operations after migration", consequence: "The workflows are migrated unchanged; runs that hit the lower limits fail until you adjust them (cut-over tasks list them)."},
			LEAVE_OUT,
		],
		recommended: WORKFLOW_OPTION.acknowledge,
	},
	'broken-source': {
		key: 'workflow:broken-source',
		title: 'Workflows the source holds in a form Standard cannot run',
		detail: "Their definitions in the source are in a form Standard cannot run (an older definition language, or steps that run after missing steps); each says what to fix before reading them again.",
		options: [LEAVE_OUT],
		recommended: WORKFLOW_OPTION.exclude,
	},
	stateless: {
		key: 'workflow:stateless',
		title: 'Workflows that could run stateless',
		detail: "They start on a request and only run short, synchronous steps. Stateless runs are faster and cheaper but keep no run history by default and must finish within 5 minutes.",
		options: [
			{id: WORKFLOW_OPTION.stateful, label: "Keep them Stateful", consequence: "They behave as in the ISE, with run history; the same choice as Microsoft's export tool."},
			{id: WORKFLOW_OPTION.stateless, label: "Make them Stateless", consequence: "Lower latency and storage cost; runs longer than 5 minutes fail, and failed runs leave no history."},
		],
		recommended: WORKFLOW_OPTION.stateful,
	},
} satisfies Record<string, FindingGroupSpec>;

function subject(wf: Workflow) {
	return {type: 'workflow' as const, key: wf.name, name: wf.name};
}

/** The warning for a workflow whose definition could not be (fully) analysed. */
export function unreadableFinding(wf: Workflow, reasons: readonly string[]): Finding {
	const why = reasons.length > 0 ? reasons.slice(0, 3).join('; ') : 'unknown reason';
	return makeFinding({
		kind: 'workflow',
		aspect: 'unreadable',
		group: GROUPS.unreadable,
		severity: 'warning',
		certainty: 'C',
		subject: subject(wf),
		title: `Definition of ${wf.name} could not be analysed`,
		detail:
			`The definition of ${wf.name} could not be analysed: ${why}. ` +
			'Its checks are incomplete, so problems in it may only show up after deployment.',
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.review,
				label: 'Migrate it as it is and review it by hand',
				consequence:
					'The definition is copied to the project unchanged; you fix and test it before cut-over.',
				effects: [{type: 'acknowledge', todo: `Review and fix the definition of ${wf.name} (${why}).`}],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.review,
	});
}

function opLabel(v: OperationVisit): string {
	return v.parents.length > 0 ? `${v.name} (in ${v.parents[v.parents.length - 1]!})` : v.name;
}

/** Name of the logic app a nested `Workflow` action calls, from its id (plain or ARM expression). */
export function nestedTarget(op: Record<string, unknown>): string | undefined {
	const inputs = op.inputs;
	if (!isRecord(inputs) || !isRecord(inputs.host) || !isRecord(inputs.host.workflow)) return undefined;
	const id = inputs.host.workflow.id;
	if (typeof id !== 'string') return undefined;
	const arm = /workflows'\s*,\s*'([^']+)'/i.exec(id);
	if (arm) return arm[1];
	const plain = /\/workflows\/([^/'"\]\s]+)/i.exec(id);
	return plain?.[1];
}

function inlineCode(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const code = ops.filter((v) => typeOf(v.op) === 'javascriptcode').map(opLabel);
	if (code.length === 0) return undefined;
	return makeFinding({
		kind: 'workflow',
		aspect: 'inline-code',
		group: GROUPS['inline-code'],
		severity: 'blocker',
		certainty: 'C',
		subject: subject(wf),
		title: `Inline JavaScript in ${wf.name}`,
		detail:
			`${wf.name} runs inline JavaScript in ${nameList(code)}. Microsoft's export tool is known to fail on inline code ` +
			'(LogicAppsUX#4166); this tool copies the action, but Standard runs it under different limits ' +
			'(up to 100,000 characters, 15 seconds per run) and without an integration account, so it must be tested.',
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.keep,
				label: 'Keep the inline code and test it',
				consequence: 'The actions are copied as they are; you test them in the Standard app before cut-over.',
				effects: [{type: 'acknowledge', todo: `Test the inline code actions in ${wf.name}: ${nameList(code, 10)}.`}],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.keep,
	});
}

/**
 * A definition the source holds in a form Standard cannot run: the 2015-08-01-preview language, or steps that run
 * after steps that are not beside them. Copying it would only fail at deployment (the project's own check refuses
 * it), so the workflow is left out until its files are fixed: in the Consumption designer (which updates an old
 * language), or by hand.
 */
function brokenInSource(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const language = olderDefinitionLanguage(wf.definition.$schema);
	const dangling = ops.flatMap((v) => missingPredecessors(v).map((after) => `${opLabel(v)} runs after '${after}', which is not a step beside it`));
	if (!language && dangling.length === 0) return undefined;
	const why = [
		...(language ? [`it is written in the ${language} workflow definition language, and Standard runs only the 2016-06-01 one: update it (the Consumption designer offers that) and export it again`] : []),
		...(dangling.length > 0
			? [`${[...dangling.slice(0, 3), ...(dangling.length > 3 ? [`${dangling.length - 3} more steps run after missing steps`] : [])].join('; ')}: Logic Apps refuses that, so the source differs from what ran; fix it`]
			: []),
	];
	return makeFinding({
		kind: 'workflow',
		aspect: 'broken-source',
		group: GROUPS['broken-source'],
		severity: 'blocker',
		certainty: 'C',
		subject: subject(wf),
		title: `${wf.name} cannot run in Standard as the source holds it`,
		detail: `${wf.name}: ${why.join('; and ')}, then read the source again to migrate it.`,
		workflows: [wf.name],
		options: [excludeOption([wf.name], (it) => `fix the source files and read them again to migrate ${it}.`)],
		recommended: WORKFLOW_OPTION.exclude,
	});
}

// The inventory's workflow names, lower-cased: built once per workflow list, not once per calling workflow
// (that was quadratic in the estate size).
const namesByList = new WeakMap<readonly Workflow[], Set<string>>();
function workflowNames(inv: Inventory): Set<string> {
	let names = namesByList.get(inv.workflows);
	if (!names) {
		names = new Set(inv.workflows.map((w) => w.name.toLowerCase()));
		namesByList.set(inv.workflows, names);
	}
	return names;
}

function nestedWorkflows(wf: Workflow, ops: OperationVisit[], inv: Inventory): Finding | undefined {
	const calls = ops.filter((v) => typeOf(v.op) === 'workflow');
	if (calls.length === 0) return undefined;
	const known = workflowNames(inv);
	const inApp: string[] = [];
	const elsewhere: string[] = [];
	const todo: string[] = [];
	for (const v of calls) {
		const target = nestedTarget(v.op);
		if (target && known.has(target.toLowerCase())) {
			inApp.push(`${opLabel(v)} → ${target}`);
			todo.push(`test ${v.name}, which now calls workflow ${target} in the same app`);
		} else {
			elsewhere.push(`${opLabel(v)} → ${target ?? 'a workflow the definition does not name'}`);
			todo.push(`replace ${v.name} with an HTTP call to ${target ?? 'its target'}'s request URL, or migrate the target too`);
		}
	}
	const parts: string[] = [];
	if (inApp.length > 0) {
		parts.push(
			`${nameList(inApp)}: the target moves into the same Standard app; the generated action calls it by workflow name instead of its ISE resource id (if you leave the target out of the migration, the call breaks).`,
		);
	}
	if (elsewhere.length > 0) {
		parts.push(
			`${nameList(elsewhere)}: the target is not in this inventory, so the call must go over HTTP to its request trigger, or the target must be migrated too.`,
		);
	}
	// Calls to workflows that move too are rewritten by the generator: something to test, not a blocker.
	const blocker = elsewhere.length > 0;
	return makeFinding({
		kind: 'workflow',
		aspect: 'nested-workflow',
		group: GROUPS['nested-workflow'],
		severity: blocker ? 'blocker' : 'warning',
		certainty: 'S',
		subject: subject(wf),
		title: `${wf.name} calls other workflows`,
		detail: `${wf.name} calls other logic apps. ${parts.join(' ')}`,
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.rewire,
				label: blocker ? 'Rewire the calls before cut-over' : 'Keep the rewritten calls and test them',
				consequence: blocker
					? 'The calls are listed on the cut-over checklist; until rewired they fail, because the ISE resource ids no longer exist.'
					: 'The calls go to the workflows of the same app; testing them is on the cut-over checklist.',
				effects: [{type: 'acknowledge', todo: `In ${wf.name}: ${todo.join('; ')}.`}],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.rewire,
	});
}

/** The resource a Function / ApiManagement action calls, from its ARM id: `app/function`, `service/api`. */
function rewiringTarget(op: Record<string, unknown>): string | undefined {
	const inputs = op.inputs;
	if (!isRecord(inputs)) return undefined;
	const id = isRecord(inputs.function) ? inputs.function.id : isRecord(inputs.api) ? inputs.api.id : undefined;
	if (typeof id !== 'string') return undefined;
	const m = /\/(?:sites|service)\/([^/]+)\/(?:functions|apis)\/([^/]+)/i.exec(id);
	return m ? `${m[1]}/${m[2]}` : undefined;
}

function rewiring(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const byKind = new Map<string, string[]>();
	const sections = new Map<string, string>();
	for (const v of ops) {
		const entry = catalogEntryForActionType(v.op.type);
		const what = entry?.displayName ?? TYPE_REWIRE[typeOf(v.op)];
		if (!what) continue;
		const target = entry ? rewiringTarget(v.op) : undefined;
		byKind.set(what, [...(byKind.get(what) ?? []), target ? `${opLabel(v)} → ${target}` : opLabel(v)]);
		if (entry?.actionType) sections.set(what, entry.actionType.connectionsSection);
	}
	if (byKind.size === 0) return undefined;
	const listed = [...byKind].map(([what, names]) => `${what}: ${nameList(names)}`);
	const converted = [...sections.keys()];
	const batch = [...byKind.keys()].filter((k) => !sections.has(k));
	const hasFn = [...sections.values()].includes('functionConnections');
	const hasApim = [...sections.values()].includes('apiManagementConnections');
	const fills = [...(hasFn ? ["each function's trigger URL and function key"] : []), ...(hasApim ? ["each API's base URL and subscription key"] : [])];
	const reach = [...(hasFn ? ['the function apps'] : []), ...(hasApim ? ['API Management'] : [])];
	const convertedText =
		converted.length > 0
			? `The ${converted.join(' and ')} actions are converted to their Standard form: each calls its target through an entry in ` +
				`connections.json (${[...new Set(sections.values())].join(', ')}), merged by resource id across workflows, with keys only as ` +
				'app setting references' +
				(hasApim ? ' (a literal subscription key is removed from the workflow)' : '') +
				`. What remains: fill the app settings (${fills.join('; ')}; keys as Key Vault references) and let the Standard app reach ` +
				`${reach.join(' and ')} from its VNet integration, as the ISE did. An action the converter cannot rewrite ` +
				'(its own authentication input, a target id that is an expression) is kept as it was and named in the conversion notes. '
			: '';
	const batchText = batch.length > 0 ? `${batch.join(' and ')} operations have no Standard counterpart here and must be reworked by hand. ` : '';
	const todo = [
		...(converted.length > 0
			? [`Fill the app settings for ${converted.join(' and ')} in ${wf.name} and check network access (${listed.filter((l) => converted.some((c) => l.startsWith(`${c}:`))).join('; ')}).`]
			: []),
		...(batch.length > 0 ? [`Rewire in ${wf.name}: ${listed.filter((l) => batch.some((b) => l.startsWith(`${b}:`))).join('; ')}.`] : []),
	].join(' ');
	return makeFinding({
		kind: 'workflow',
		aspect: 'rewiring',
		group: GROUPS.rewiring,
		severity: 'warning',
		certainty: 'S',
		subject: subject(wf),
		title: batch.length > 0 ? `${wf.name} needs manual rewiring` : `${wf.name}: converted Function / API Management calls need their settings`,
		detail: `${wf.name} uses operations that do not carry over by themselves (${listed.join('; ')}). ${convertedText}${batchText}`.trim(),
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.rewire,
				label: batch.length > 0 ? 'Rewire them by hand' : 'Fill the settings and check access',
				consequence:
					batch.length > 0
						? 'The batch operations are copied as they are and put on the cut-over checklist; they fail until rewired.'
						: 'The converted calls fail until their app settings are filled and the targets are reachable; both go on the cut-over checklist.',
				effects: [{type: 'acknowledge', todo}],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.rewire,
	});
}

function triggerConcurrency(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const limited: {name: string; runs?: number}[] = [];
	for (const v of ops) {
		if (!v.isTrigger || !isRecord(v.op.runtimeConfiguration)) continue;
		const c = v.op.runtimeConfiguration.concurrency;
		if (!isRecord(c)) continue;
		const runs = typeof c.runs === 'number' ? c.runs : undefined;
		limited.push({name: v.name, runs});
	}
	const single = limited.filter((t) => t.runs === 1);
	if (limited.length === 0) return undefined;
	const what = limited.map((t) => (t.runs !== undefined ? `${t.name} (${t.runs} at a time)` : t.name));
	return makeFinding({
		kind: 'workflow',
		aspect: 'trigger-concurrency',
		group: GROUPS['trigger-concurrency'],
		severity: 'warning',
		certainty: 'S',
		subject: subject(wf),
		title: `Trigger concurrency in ${wf.name} is not kept`,
		detail:
			`${wf.name} limits how many runs its trigger starts at once (${nameList(what)}), and Standard ignores that setting. ` +
			(single.length > 0
				? 'This workflow processed one item at a time; in Standard runs may overlap, which can reorder or double-process data.'
				: 'Runs may overlap more than before, which matters if downstream systems were protected by the limit.'),
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.acknowledge,
				label: 'Handle the concurrency after migration',
				consequence:
					'The workflow is migrated; you add throttling or ordering (for example sessions on a queue) before cut-over.',
				effects: [
					{type: 'acknowledge', todo: `Re-create the trigger concurrency limit of ${wf.name} (${nameList(what)}).`},
				],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.acknowledge,
	});
}

function secureParameters(wf: Workflow): Finding | undefined {
	const def = wf.definition;
	if (!isRecord(def) || !isRecord(def.parameters)) return undefined;
	const secure = Object.entries(def.parameters)
		.filter(([name, p]) => name !== '$connections' && isRecord(p) && typeof p.type === 'string' && /^secure(string|object)$/i.test(p.type))
		.map(([name]) => name);
	if (secure.length === 0) return undefined;
	return makeFinding({
		kind: 'workflow',
		aspect: 'secure-parameters',
		group: GROUPS['secure-parameters'],
		severity: 'warning',
		certainty: 'C',
		subject: subject(wf),
		title: `Secure parameters in ${wf.name}`,
		detail:
			`${wf.name} has secure parameters (${nameList(secure)}), a type Standard's parameters.json does not support. ` +
			'Their values must come from app settings, ideally Key Vault references, and were not read from the ISE.',
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.keyVault,
				label: 'Keep the values in Key Vault',
				consequence:
					'parameters.json refers to app settings, and each app setting is a Key Vault reference you create with the secret.',
				effects: [
					{
						type: 'acknowledge',
						todo: `Store ${nameList(secure, 10)} of ${wf.name} in Key Vault and add app settings that reference them.`,
					},
				],
			},
			{
				id: WORKFLOW_OPTION.appSettings,
				label: 'Put the values in app settings',
				consequence:
					'parameters.json refers to app settings that hold the values directly; anyone who can read the app configuration sees them.',
				effects: [{type: 'acknowledge', todo: `Add app settings with the values of ${nameList(secure, 10)} for ${wf.name}.`}],
			},
		],
		recommended: WORKFLOW_OPTION.keyVault,
	});
}

function shrinkingLimits(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const hits: string[] = [];
	for (const v of ops) {
		const type = typeOf(v.op);
		const t = limitTimeout(v.op);
		if (type === 'until') {
			if (t && t.seconds > STATEFUL_RUN_S) hits.push(`${opLabel(v)} loops for up to ${t.raw}, longer than a 90-day run`);
		} else if (WEBHOOK_TYPES.has(type)) {
			if (t && t.seconds > STATEFUL_RUN_S) hits.push(`${opLabel(v)} waits up to ${t.raw}, longer than a 90-day run`);
		} else if (t && t.seconds > HTTP_TIMEOUT_S && !v.isTrigger) {
			hits.push(`${opLabel(v)} has a ${t.raw} timeout, above Standard's 235-second request limit`);
		}
		if (type === 'wait') {
			const s = waitSeconds(v.op);
			if (s !== undefined && s > STATEFUL_RUN_S) hits.push(`${opLabel(v)} delays longer than a 90-day run`);
		}
		if (isChunked(v.op)) hits.push(`${opLabel(v)} uses chunking, capped at 1 GB in Standard instead of 5 GB`);
	}
	if (hits.length === 0) return undefined;
	return makeFinding({
		kind: 'workflow',
		aspect: 'limits',
		group: GROUPS.limits,
		severity: 'warning',
		certainty: 'C',
		subject: subject(wf),
		title: `${wf.name} exceeds a Standard limit`,
		detail: `Some operations in ${wf.name} rely on ISE limits that are lower in Standard: ${nameList(hits, 4)}.`,
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.acknowledge,
				label: 'Adjust the operations after migration',
				consequence:
					'The workflow is migrated unchanged; runs that hit the lower limits fail until you shorten the timeouts or split the work.',
				effects: [{type: 'acknowledge', todo: `Fit ${wf.name} to Standard limits: ${hits.join('; ')}.`}],
			},
			excludeOption([wf.name]),
		],
		recommended: WORKFLOW_OPTION.acknowledge,
	});
}

function statelessCandidate(wf: Workflow, ops: OperationVisit[]): Finding | undefined {
	const triggers = ops.filter((v) => v.isTrigger);
	if (triggers.length !== 1 || typeOf(triggers[0]!.op) !== 'request') return undefined;
	for (const v of ops) {
		if (WAITING_TYPES.has(typeOf(v.op)) || isChunked(v.op)) return undefined;
		const t = limitTimeout(v.op);
		if (t && t.seconds > STATELESS_RUN_S) return undefined;
	}
	return makeFinding({
		kind: 'workflow',
		aspect: 'stateless',
		group: GROUPS.stateless,
		severity: 'info',
		certainty: 'U',
		subject: subject(wf),
		title: `${wf.name} could run stateless`,
		detail:
			`${wf.name} starts on a request and only runs short, synchronous steps, so by our reading it could be a Stateless workflow. ` +
			'Stateless runs are faster and cheaper but keep no run history by default and must finish within 5 minutes.',
		workflows: [wf.name],
		options: [
			{
				id: WORKFLOW_OPTION.stateful,
				label: 'Keep it Stateful',
				consequence: 'It behaves as in the ISE, with run history; the same choice as Microsoft’s export tool.',
				effects: [{type: 'workflow', workflow: wf.name, kind: 'Stateful'}],
			},
			{
				id: WORKFLOW_OPTION.stateless,
				label: 'Make it Stateless',
				consequence:
					'Lower latency and storage cost; runs longer than 5 minutes fail, and failed runs leave no history to inspect.',
				effects: [{type: 'workflow', workflow: wf.name, kind: 'Stateless'}],
			},
		],
		recommended: WORKFLOW_OPTION.stateful,
	});
}

/** Every pre-flight finding for one workflow. A definition with structural problems is reported by analyze(). */
export function preflightFindings(wf: Workflow, inv: Inventory): Finding[] {
	if (definitionProblems(wf).length > 0) return [];
	const ops = [...walkOperations(wf.definition)];
	const found = [
		brokenInSource(wf, ops),
		inlineCode(wf, ops),
		nestedWorkflows(wf, ops, inv),
		rewiring(wf, ops),
		triggerConcurrency(wf, ops),
		secureParameters(wf),
		shrinkingLimits(wf, ops),
		statelessCandidate(wf, ops),
	];
	return found.filter((f): f is Finding => f !== undefined);
}

/** The platform limits every workflow is subject to, said once instead of per workflow. */
function platformLimits(inv: Inventory): Finding | undefined {
	if (inv.workflows.length === 0) return undefined;
	return makeFinding({
		kind: 'workflow',
		aspect: 'platform-limits',
		severity: 'info',
		certainty: 'C',
		subject: iseSubject(inv.ise.name),
		title: 'Lower platform limits in Standard',
		detail:
			'Standard keeps run history for 90 days by default (the ISE kept 366), a stateful run may last 90 days instead of 366, ' +
			'messages are capped at 100 MB (ISE: 200 MB) and outgoing HTTP requests time out after 235 seconds (ISE: 240). ' +
			'Retention and the HTTP timeout are configurable on the app.',
		options: [
			{
				id: WORKFLOW_OPTION.accept,
				label: 'Accept the Standard defaults',
				consequence: 'Run history older than 90 days is deleted; audit needs beyond that must be met elsewhere.',
				effects: [{type: 'acknowledge'}],
			},
			{
				id: WORKFLOW_OPTION.review,
				label: 'Review retention and timeouts after deployment',
				consequence: 'A cut-over task reminds you to raise retention or timeouts on the app where audits or slow partners need it.',
				effects: [
					{
						type: 'acknowledge',
						todo: 'Set run history retention and HTTP timeouts on the Standard app where the ISE defaults were relied on.',
					},
				],
			},
		],
		recommended: WORKFLOW_OPTION.accept,
	});
}

export function workflowFindings(inv: Inventory): Finding[] {
	const findings: Finding[] = [];
	for (const wf of inv.workflows) findings.push(...preflightFindings(wf, inv));
	const limits = platformLimits(inv);
	if (limits) findings.push(limits);
	return findings;
}
