// Which connector steps of one workflow become built-in, decided for the workflow as a whole. Steps depend on each
// other: a later step reads an earlier one's output (which changes shape when that one converts), and a message is
// settled by the connector that received it. So the steps are converted on a copy, later ones first, and any step
// that cannot convert (with what it drags along) is taken out and the round repeated until nothing changes. The
// findings and the converter both read this one answer, so what the admin is told is what gets written.
import type {ApiRef, Certainty, ConnectionReference, ConnectorTarget, Workflow, WorkflowDefinition} from '../../model/index.js';
import {connectionKeyOf, isApiConnectionType, isRecord, walkOperations, type OperationVisit} from '../walk.js';
import {assessOperation, type Assessment} from './assess.js';
import {scanReferences} from './expressions.js';
import {apiOfConnection, catalogEntry, connectionResourceName, matchOperationObject} from './lookup.js';
import {safeKey} from '../../model/text.js';
import type {CatalogEntry, HostingKind, OperationMatch, ValueRef} from './types.js';
import type {OperationPlan} from './apply.js';

export interface PlannedOperation {
	name: string;
	/** Enclosing container actions, outermost first. */
	parents: string[];
	isTrigger: boolean;
	/** Unique within the workflow: the container path and the name. */
	key: string;
	ref?: ConnectionReference;
	api?: ApiRef;
	entry?: CatalogEntry;
	/** Set for every step whose connector was meant to become built-in. */
	assessment?: Assessment;
	/** Written as a built-in step. */
	converted: boolean;
}

export interface WorkflowPlanNote {
	operation: string;
	message: string;
	certainty: Certainty;
}

export interface WorkflowPlanOptions {
	/** Where the Standard app runs; default a Workflow Standard plan. */
	hosting?: HostingKind;
	/** The connector choice for one API in this workflow; default built-in wherever there is one. */
	targetFor?: (api: string) => ConnectorTarget;
	/** The workflow's connection for a `$connections` key; default connectionRefFor. */
	connectionFor?: (key: string | undefined) => ConnectionReference | undefined;
	/** Steps that may become built-in at all (the converter passes the verdicts the admin saw); default every one. */
	allow?: (step: {name: string; isTrigger: boolean}) => boolean;
	/** The connections.json name a converted step points at; default the connection's resource name. */
	connectionName?: (ref: ConnectionReference, scope: string | undefined, entry: CatalogEntry) => string;
}

export interface WorkflowPlan {
	/** A copy of the definition with every converted step in its built-in form and the expressions that read them rewritten. */
	definition: WorkflowDefinition;
	/** Every ApiConnection* trigger and action, in document order. */
	operations: PlannedOperation[];
	notes: WorkflowPlanNote[];
}

/** The workflow's connection reference for a `$connections` key (exact, else case-insensitive). */
function connectionRefFor(workflow: Workflow, key: string | undefined): ConnectionReference | undefined {
	if (key === undefined) return undefined;
	const refs = Array.isArray(workflow.connections) ? workflow.connections : [];
	return refs.find((c) => c?.key === key) ?? refs.find((c) => typeof c?.key === 'string' && c.key.toLowerCase() === key.toLowerCase());
}

function keyOf(v: {parents: string[]; name: string; isTrigger: boolean}): string {
	return `${v.isTrigger ? 'trigger' : 'action'}:${[...v.parents, v.name].join('/')}`;
}

function visitsByKey(definition: unknown): Map<string, OperationVisit> {
	return new Map([...walkOperations(definition)].map((v) => [keyOf(v), v]));
}

// ---------- pairing: a message is settled by the connector that received it ----------

const REF = /triggerBody\(\s*\)|triggerOutputs\(\s*\)|trigger\(\s*\)|(?:body|outputs|actions)\(\s*'((?:[^']|'')*)'\s*\)|items\(\s*'((?:[^']|'')*)'\s*\)|item\(\s*\)/gi;

function strings(v: unknown, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) for (const x of v) strings(x, out);
	else if (isRecord(v)) for (const x of Object.values(v)) strings(x, out);
	return out;
}

/**
 * The steps a value was read from, following loop items back to what the loop iterates. `undefined` when a
 * reference leads nowhere this tool can follow.
 */
function producersOf(value: unknown, visit: OperationVisit, all: Map<string, OperationVisit>, depth = 0): Set<string> | undefined {
	const found = new Set<string>();
	if (depth > 6) return undefined;
	const byName = (name: string) => [...all.values()].find((v) => v.name === name);
	for (const text of strings(value)) {
		if (!text.includes('@')) continue;
		for (const m of text.matchAll(REF)) {
			const token = m[0].toLowerCase();
			if (token.startsWith('trigger')) {
				const trigger = [...all.values()].find((v) => v.isTrigger);
				if (!trigger) return undefined;
				found.add(keyOf(trigger));
			} else if (m[1] !== undefined) {
				const target = byName(m[1].replace(/''/g, "'"));
				if (!target) return undefined;
				found.add(keyOf(target));
			} else {
				// items('L') names the loop; item() is the innermost enclosing Foreach.
				const loopName = m[2] !== undefined ? m[2].replace(/''/g, "'") : [...visit.parents].reverse().find((p) => /^foreach$/i.test(String(byName(p)?.op.type)));
				const loop = loopName === undefined ? undefined : byName(loopName);
				if (!loop || !/^foreach$/i.test(String(loop.op.type))) return undefined;
				const inner = producersOf(loop.op.foreach, loop, all, depth + 1);
				if (!inner) return undefined;
				for (const k of inner) found.add(k);
			}
		}
	}
	return found;
}

function pairedValues(refs: readonly ValueRef[], op: Record<string, unknown>, match: OperationMatch): unknown[] {
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	const lookup = (rec: unknown, name: string) => (isRecord(rec) ? Object.entries(rec).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] : undefined);
	return refs.map((r) => {
		if ('path' in r) return match.pathValues[r.path]?.value;
		if ('query' in r) return lookup(inputs.queries, r.query);
		if ('header' in r) return lookup(inputs.headers, r.header);
		if ('bodyField' in r) return lookup(inputs.body, r.bodyField);
		return undefined;
	});
}

// ---------- writing one built-in step ----------

// Properties the Consumption operation carries that mean nothing (or something else) on the built-in one.
const DROPPED_ON_CONVERT = new Set(['type', 'inputs', 'metadata', 'kind']);

function applyBuiltin(
	visit: OperationVisit,
	entry: CatalogEntry,
	match: OperationMatch,
	plan: OperationPlan,
	connectionName: string,
	definition: WorkflowDefinition,
	note: (message: string, certainty: Certainty) => void,
): void {
	const {mapping} = match;
	const old = visit.op;
	const oldInputs = isRecord(old.inputs) ? old.inputs : {};
	let next: Record<string, unknown>;
	if (mapping.actionType) {
		next = {type: mapping.actionType, inputs: {...plan.parameters}};
	} else {
		const inputs: Record<string, unknown> = {
			parameters: plan.parameters,
			serviceProviderConfiguration: {connectionName, operationId: mapping.operationId, serviceProviderId: entry.serviceProviderId},
		};
		next = {type: 'ServiceProvider', inputs};
	}
	if (oldInputs.retryPolicy !== undefined) (next.inputs as Record<string, unknown>).retryPolicy = oldInputs.retryPolicy;
	for (const [k, v] of Object.entries(old)) if (!DROPPED_ON_CONVERT.has(k)) next[k] = v;

	if (visit.isTrigger) {
		const t = mapping.trigger ?? {};
		if (t.push && next.recurrence !== undefined) {
			delete next.recurrence;
			note('the built-in trigger is push-based: the polling recurrence was removed', 'S');
		}
		if (t.polling) {
			// Reference workflows write built-in polling triggers with kind Polling next to the recurrence.
			next = {type: next.type, kind: 'Polling', ...Object.fromEntries(Object.entries(next).filter(([k]) => k !== 'type'))};
			if (next.recurrence === undefined) {
				next.recurrence = {frequency: 'Minute', interval: 3};
				note('the managed trigger had no recurrence; the built-in polling trigger checks every 3 minutes (adjust it)', 'U');
			}
		}
		if (t.splitOn === 'drop') {
			if (next.splitOn !== undefined) {
				delete next.splitOn;
				note('the built-in trigger fires once per item: the managed splitOn was removed', 'S');
			}
		} else if (typeof t.splitOn === 'string' && (!t.onlyWhenSplit || next.splitOn !== undefined)) {
			if (next.splitOn !== t.splitOn) {
				next.splitOn = t.splitOn;
				note(`the built-in trigger returns an array: splitOn set to ${t.splitOn}`, 'S');
			}
		}
	} else if (next.runAfter === undefined) {
		next.runAfter = {};
	}
	// Replace the object in place so its container keeps the key order.
	for (const k of Object.keys(old)) delete old[k];
	Object.assign(old, next);

	const out = mapping.output;
	let rewrites = out?.rewrites ?? [];
	const step = visit.isTrigger ? mapping.trigger?.contentStep : undefined;
	const stepName = step ? freeActionName(definition, step.name) : undefined;
	if (stepName) rewrites = rewrites.map((r) => (r.kind === 'reroot' ? {...r, to: r.to.replace('{step}', stepName)} : r));
	if (out && rewrites.length && out.certainty !== 'U') {
		const scan = scanReferences(definition, visit.name, visit.isTrigger, rewrites, {mutate: true, exclude: old});
		for (const change of scan.changes) note(`output shape changed (${out.change}): rewrote ${change}`, out.certainty);
	}
	// Added after the rewrites: its own input reads the built-in trigger as it is.
	if (step && stepName) {
		addContentStep(definition, stepName, step, connectionName, entry);
		note(`the built-in trigger returns file metadata, not the content: the new step '${stepName}' reads the content (${step.operationId}) before the other steps`, 'S');
	}
	for (const n of plan.notes) note(n.message, n.certainty);
	note(
		`converted '${mapping.label}' to built-in ${entry.displayName} '${mapping.actionType ?? mapping.operationId}' [${plan.certainty}]`,
		plan.certainty,
	);
}

/** Adds the built-in action that reads a trigger's file, first in the workflow, and runs the others after it. */
function freeActionName(definition: WorkflowDefinition, base: string): string {
	const taken = new Set([...walkOperations(definition)].map((v) => v.name.toLowerCase()));
	let name = base;
	for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
	return name;
}

function addContentStep(
	definition: WorkflowDefinition,
	name: string,
	step: {name: string; operationId: string; parameters: Record<string, unknown>},
	connectionName: string,
	entry: CatalogEntry,
): void {
	const actions = isRecord(definition.actions) ? definition.actions : {};
	for (const action of Object.values(actions)) {
		if (!isRecord(action)) continue;
		if (action.runAfter === undefined || (isRecord(action.runAfter) && Object.keys(action.runAfter).length === 0)) {
			action.runAfter = {[name]: ['Succeeded']};
		}
	}
	const added = {
		type: 'ServiceProvider',
		inputs: {
			parameters: structuredClone(step.parameters),
			serviceProviderConfiguration: {connectionName, operationId: step.operationId, serviceProviderId: entry.serviceProviderId},
		},
		runAfter: {},
	};
	// In place, so every reference to the actions map stays valid; the new step comes first.
	const rest = Object.entries(actions);
	for (const [k] of rest) delete actions[k];
	actions[name] = added;
	for (const [k, v] of rest) actions[k] = v;
	definition.actions = actions;
}

// ---------- the plan ----------

interface Candidate {
	op: PlannedOperation;
	/** Keys of the steps it must convert together with (pairing), both ways. */
	group: Set<string>;
}

function defaultName(ref: ConnectionReference, scope: string | undefined): string {
	const base = connectionResourceName(ref);
	return scope ? `${base}_${safeKey(scope).slice(0, 40)}` : base;
}

/** Merges the two groups (both ways), so a failure anywhere keeps them all managed. */
function mergeGroups(candidates: Map<string, Candidate>, a: Candidate, b: Candidate): void {
	const merged = new Set([...a.group, ...b.group]);
	for (const member of merged) candidates.get(member)!.group = merged;
}

/** The other candidates of `c`'s connector that return something (a trigger, a "get messages"): possible receivers. */
function receiversLike(c: Candidate, candidates: Map<string, Candidate>, visits: Map<string, OperationVisit>): Candidate[] {
	return [...candidates.values()].filter((r) => {
		if (r === c || r.op.api?.name !== c.op.api?.name || !r.op.entry) return false;
		const v = visits.get(r.op.key)!;
		return Boolean(matchOperationObject(r.op.api!.name, v.op, v.isTrigger)?.mapping.output);
	});
}

/** Decides and writes, on a copy, every built-in step of `workflow`. Pure: `workflow` is left untouched. */
export function planWorkflowConversion(workflow: Workflow, options: WorkflowPlanOptions = {}): WorkflowPlan {
	const original = (isRecord(workflow.definition) ? workflow.definition : {}) as WorkflowDefinition;
	const targetFor = options.targetFor ?? (() => 'builtin' as const);
	const nameFor = options.connectionName ?? defaultName;
	const originalVisits = visitsByKey(original);

	const operations: PlannedOperation[] = [];
	for (const visit of originalVisits.values()) {
		if (!isApiConnectionType(visit.op.type)) continue;
		const key = connectionKeyOf(visit.op);
		const ref = options.connectionFor ? options.connectionFor(key) : connectionRefFor(workflow, key);
		const api = ref ? apiOfConnection(ref) : undefined;
		const entry = api?.name && api.kind !== 'custom' ? catalogEntry(api.name) : undefined;
		operations.push({
			name: visit.name,
			parents: visit.parents,
			isTrigger: visit.isTrigger,
			key: keyOf(visit),
			...(ref ? {ref} : {}),
			...(api?.name ? {api} : {}),
			...(entry ? {entry} : {}),
			converted: false,
		});
	}

	// Candidates, with the steps each is paired with.
	const candidates = new Map<string, Candidate>();
	const final = new Map<string, Assessment>();
	for (const op of operations) {
		if (!op.api?.name || op.api.kind === 'custom' || targetFor(op.api.name) !== 'builtin') continue;
		if (options.allow && !options.allow(op)) continue;
		candidates.set(op.key, {op, group: new Set([op.key])});
	}
	for (const c of candidates.values()) {
		const visit = originalVisits.get(c.op.key)!;
		const match = c.op.entry ? matchOperationObject(c.op.api!.name, visit.op, visit.isTrigger) : undefined;
		const paired = match?.mapping.pairedBy;
		if (!match || !paired?.length) continue;
		const producers = new Set<string>();
		let unknown = false;
		for (const value of pairedValues(paired, visit.op, match)) {
			const found = producersOf(value, visit, originalVisits);
			// No step read at all (a variable, a parameter, a literal) is as unknown as a reference leading nowhere:
			// "no producer" must never mean "no dependency", or the step converts alone and settles with a lock token
			// the managed connector handed out.
			if (!found || found.size === 0) unknown = true;
			else for (const k of found) producers.add(k);
		}
		const foreign = [...producers].filter((k) => {
			const p = candidates.get(k);
			return !p || p.op.api?.name !== c.op.api!.name;
		});
		if (unknown || foreign.length) {
			const names = foreign.map((k) => `'${originalVisits.get(k)?.name ?? k}'`).join(', ');
			final.set(c.op.key, {
				convertible: false,
				certainty: 'S',
				match,
				reason: unknown
					? "the message or session it works on cannot be traced to the step that received it: its lock token or session id is not read from a step's output (it comes from a variable, say), and a message is settled by the connector that received it"
					: `the message or session it works on was received by ${names}, which is not a ${c.op.entry?.displayName ?? c.op.api!.name} step converting with it; a message is settled by the connector that received it`,
			});
			// Untraced, any step of the same connector that returns messages may have received it: they stay managed
			// with it, so neither side settles what the other received.
			if (unknown) for (const r of receiversLike(c, candidates, originalVisits)) mergeGroups(candidates, c, r);
			continue;
		}
		for (const k of producers) mergeGroups(candidates, c, candidates.get(k)!);
	}

	const remaining = new Set([...candidates.keys()].filter((k) => !final.has(k)));
	// Drop every step paired with one that already failed.
	const dropGroup = (key: string, why: Assessment) => {
		for (const member of candidates.get(key)?.group ?? []) {
			if (member === key || !remaining.has(member)) continue;
			remaining.delete(member);
			const failedName = originalVisits.get(key)?.name ?? key;
			// Its own catalog row still matches: findings name it instead of saying no mapping matches the step.
			const {op} = candidates.get(member)!;
			const visit = originalVisits.get(member)!;
			const match = op.entry ? matchOperationObject(op.api!.name, visit.op, visit.isTrigger) : undefined;
			final.set(member, {
				convertible: false,
				certainty: why.certainty,
				...(match ? {match} : {}),
				...(why.gap ? {gap: why.gap} : {}),
				reason: `it works on the same messages as '${failedName}', which stays on the managed connector (${why.reason ?? 'see its own finding'}); a message is received and settled by one connector`,
			});
		}
	};
	for (const [k, a] of [...final]) dropGroup(k, a);

	let definition = structuredClone(original);
	let notes: WorkflowPlanNote[] = [];
	for (let round = 0; round <= candidates.size; round++) {
		definition = structuredClone(original);
		notes = [];
		const visits = visitsByKey(definition);
		const passed = new Map<string, Assessment>();
		const failures: [string, Assessment][] = [];
		for (const op of [...operations].reverse()) {
			if (!remaining.has(op.key)) continue;
			const visit = visits.get(op.key)!;
			const match = op.entry ? matchOperationObject(op.api!.name, visit.op, visit.isTrigger) : undefined;
			const a = assessOperation(op.entry, match, visit.op, {definition, name: visit.name, isTrigger: visit.isTrigger, hosting: options.hosting});
			if (!a.convertible || !a.match || !a.plan || !op.entry) {
				failures.push([op.key, a]);
				continue;
			}
			const connectionName = nameFor(op.ref!, a.plan.connectionScope, op.entry);
			applyBuiltin(visit, op.entry, a.match, a.plan, connectionName, definition, (message, certainty) => notes.push({operation: visit.name, message, certainty}));
			passed.set(op.key, a);
		}
		if (failures.length === 0) {
			for (const [k, a] of passed) final.set(k, a);
			break;
		}
		for (const [k, a] of failures) {
			remaining.delete(k);
			final.set(k, a);
		}
		for (const [k, a] of failures) dropGroup(k, a);
	}
	// Notes come out in document order: the round converted later steps first.
	const order = new Map(operations.map((o, i) => [o.name, i]));
	notes.sort((a, b) => (order.get(a.operation) ?? 0) - (order.get(b.operation) ?? 0));

	for (const op of operations) {
		const a = final.get(op.key);
		if (a) op.assessment = a;
		op.converted = remaining.has(op.key) && Boolean(a?.convertible);
	}
	return {definition, operations, notes};
}
