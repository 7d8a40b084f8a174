// Every trigger and action that uses a connection, resolved ONCE per inventory into an OperationUse record: which
// workflow and step, which `$connections` entry, which API, which catalog entry, and whether it converts to the
// built-in (the assessment). Rules, the converter, the screens and the report all read these records, so the
// question "what is this step and where does it go" has one answer everywhere.
import type {ApiRef, ConnectionReference, Inventory, Workflow} from '../model/index.js';
import {
	apiOfConnection,
	catalogEntry,
	catalogEntryForActionType,
	planWorkflowConversion,
	type Assessment,
	type CatalogEntry,
	type HostingKind,
} from './catalog/index.js';
import {connectionKeyOf, isApiConnectionType, walkOperations} from './walk.js';

/** A `$connections` entry of a workflow with its API parsed. */
export interface ResolvedConnection {
	ref: ConnectionReference;
	api: ApiRef;
}

/**
 * How a step reaches its target: through a connection (`ApiConnection*`, the connector operations), or through an
 * action type of its own whose target becomes a connections.json entry in Standard (Function, API Management).
 */
export type OperationVia = 'connection' | 'function' | 'api-management';

export interface OperationUse {
	/** `workflow/step`: unique, since step names are unique within a definition. Finding ids are built from it. */
	key: string;
	workflow: Workflow;
	/** Trigger or action name. */
	name: string;
	/** Enclosing container actions, outermost first. */
	parents: string[];
	isTrigger: boolean;
	/** The step as the ISE definition has it. Read-only: the converter works on a copy. */
	op: Readonly<Record<string, unknown>>;
	via: OperationVia;
	/** Waits for the service to call back (ApiConnectionWebhook / ApiConnectionNotification, trigger or action). */
	callback: boolean;
	/** The `$connections` key the step names (connection steps only). */
	connectionKey?: string;
	/** The connection it uses; absent when the key matches none of the workflow's connections (unresolved). */
	connection?: ResolvedConnection;
	/** The catalog entry of its API (or of its action type). */
	entry?: CatalogEntry;
	/** Whether it converts to its built-in, and why not: connection steps of non-custom APIs only. */
	assessment?: StepVerdict;
}

/**
 * What the record keeps of the whole-workflow plan's assessment: the verdict and what findings quote from it, not
 * the working (the built-in step's inputs, the values matched out of the managed one). The converter plans the
 * workflow again for the admin's choices, so the working would only be carried for as long as the wizard runs
 * (about a fifth of the analysis' memory at 5,000 workflows).
 */
export interface StepVerdict extends Pick<Assessment, 'convertible' | 'certainty' | 'reason' | 'gap'> {
	/** The catalog row the step matched. */
	mapping?: NonNullable<Assessment['match']>['mapping'];
	/** Expressions of later steps that read its output: how many the conversion rewrites, and those it cannot. */
	references?: NonNullable<Assessment['plan']>['references'];
}

function verdictOf(a: Assessment): StepVerdict {
	return {
		convertible: a.convertible,
		certainty: a.certainty,
		...(a.reason !== undefined ? {reason: a.reason} : {}),
		...(a.gap !== undefined ? {gap: a.gap} : {}),
		...(a.match ? {mapping: a.match.mapping} : {}),
		...(a.plan?.references ? {references: a.plan.references} : {}),
	};
}

export interface OperationIndex {
	readonly all: readonly OperationUse[];
	/** Workflows whose steps could not be resolved (a definition that breaks the catalog), with the reason. */
	readonly failed: ReadonlyMap<string, string>;
	/** Each workflow's `$connections` entries with their API, in definition order. */
	connectionsOf(workflow: string): readonly ResolvedConnection[];
	/** The records of one workflow, in document order. */
	ofWorkflow(workflow: string): readonly OperationUse[];
	/** The record of one step. */
	find(workflow: string, step: string, isTrigger: boolean): OperationUse | undefined;
}

const CALLBACK_TYPE = /^ApiConnection(Webhook|Notification)$/i;

function resolveConnections(wf: Workflow): ResolvedConnection[] {
	const refs = Array.isArray(wf.connections) ? wf.connections : [];
	return refs.filter((ref) => ref && typeof ref.key === 'string').map((ref) => ({ref, api: apiOfConnection(ref)}));
}

/** The connection a key names: exact first, then ignoring case (definitions and `$connections` disagree on case). */
function connectionFor(connections: readonly ResolvedConnection[], key: string | undefined): ResolvedConnection | undefined {
	if (key === undefined) return undefined;
	const lower = key.toLowerCase();
	return connections.find((c) => c.ref.key === key) ?? connections.find((c) => c.ref.key.toLowerCase() === lower);
}

function recordsOf(wf: Workflow, connections: readonly ResolvedConnection[], hosting: HostingKind | undefined): OperationUse[] {
	const records: OperationUse[] = [];
	// Steps depend on each other (outputs read later, messages settled by the receiver's connector), so the catalog
	// assesses the workflow as a whole, every connector that has a built-in moving to it.
	const plan = planWorkflowConversion(wf, {...(hosting ? {hosting} : {}), connectionFor: (key) => connectionFor(connections, key)?.ref});
	const verdicts = new Map(plan.operations.map((o) => [`${o.isTrigger ? 't' : 'a'}|${o.name}`, o.assessment && verdictOf(o.assessment)]));
	for (const visit of walkOperations(wf.definition)) {
		const base = {
			key: `${wf.name}/${visit.name}`,
			workflow: wf,
			name: visit.name,
			parents: visit.parents,
			isTrigger: visit.isTrigger,
			op: visit.op,
		};
		if (isApiConnectionType(visit.op.type)) {
			const connectionKey = connectionKeyOf(visit.op);
			const connection = connectionFor(connections, connectionKey);
			const callback = CALLBACK_TYPE.test(String(visit.op.type));
			const api = connection?.api;
			const entry = api?.name && api.kind !== 'custom' ? catalogEntry(api.name) : undefined;
			const record: OperationUse = {...base, via: 'connection', callback, ...(connectionKey !== undefined ? {connectionKey} : {}), ...(connection && api?.name ? {connection} : {})};
			if (connection && api?.name && api.kind !== 'custom') {
				record.entry = entry;
				record.assessment = verdicts.get(`${visit.isTrigger ? 't' : 'a'}|${visit.name}`) ?? {
					convertible: false,
					certainty: 'U',
					reason: 'the connector is not in the catalog, so no built-in mapping is known',
				};
			}
			records.push(record);
			continue;
		}
		const actionEntry = catalogEntryForActionType(visit.op.type);
		if (actionEntry?.actionType) {
			const via: OperationVia = actionEntry.actionType.connectionsSection === 'functionConnections' ? 'function' : 'api-management';
			records.push({...base, via, callback: false, entry: actionEntry});
		}
	}
	return records;
}

/**
 * Resolves every connection-using step of the inventory once. Tolerates malformed definitions (they have no steps).
 * `hosting` is where the Standard app runs (File System converts only on an App Service Environment v3).
 */
export function resolveOperations(inv: Pick<Inventory, 'workflows'>, hosting?: HostingKind): OperationIndex {
	const connections = new Map<string, ResolvedConnection[]>();
	const byWorkflow = new Map<string, OperationUse[]>();
	const all: OperationUse[] = [];
	const failed = new Map<string, string>();
	for (const wf of inv.workflows) {
		let conns: ResolvedConnection[] = [];
		let records: OperationUse[] = [];
		try {
			conns = resolveConnections(wf);
			records = recordsOf(wf, conns, hosting);
		} catch (error) {
			// One odd definition costs only its own steps; analysis reports the workflow as not fully analysed.
			failed.set(wf.name, error instanceof Error ? error.message : String(error));
		}
		connections.set(wf.name, conns);
		byWorkflow.set(wf.name, records);
		all.push(...records);
	}
	const byStep = new Map(all.map((r) => [`${r.isTrigger ? 't' : 'a'}|${r.key}`, r]));
	return {
		all,
		failed,
		connectionsOf: (workflow) => connections.get(workflow) ?? [],
		ofWorkflow: (workflow) => byWorkflow.get(workflow) ?? [],
		find: (workflow, step, isTrigger) => byStep.get(`${isTrigger ? 't' : 'a'}|${workflow}/${step}`),
	};
}

/** The same index restricted to some workflows (analysis re-runs a failing rule family without the culprits). */
export function restrictOperations(index: OperationIndex, workflows: readonly Workflow[]): OperationIndex {
	const keep = new Set(workflows.map((w) => w.name));
	// Read through the per-workflow lists, not a filter of every record: analysis restricts the index to each
	// workflow alone when a rule family fails, and filtering `all` each time made that quadratic.
	const all = [...keep].flatMap((w) => index.ofWorkflow(w));
	return {
		all,
		failed: new Map([...keep].filter((w) => index.failed.has(w)).map((w) => [w, index.failed.get(w)!])),
		connectionsOf: (w) => (keep.has(w) ? index.connectionsOf(w) : []),
		ofWorkflow: (w) => (keep.has(w) ? index.ofWorkflow(w) : []),
		find: (w, step, isTrigger) => (keep.has(w) ? index.find(w, step, isTrigger) : undefined),
	};
}
