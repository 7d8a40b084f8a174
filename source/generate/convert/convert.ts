// Converting one Consumption/ISE workflow definition to Standard. Works on a deep copy; the input is never
// changed. Every decision that is not a plain 1:1 rewrite is recorded as a note with its certainty.
import {CONNECTIONS_REFERENCE, mentionsConnections} from '../../model/connection-ref.js';
import {groupBy, safeKey} from '../../model/text.js';
import {appSettingRef, PLATFORM_SETTING, settingName} from '../app-settings.js';
import {resolveOperations, type OperationUse} from '../../analysis/operations.js';
import {
	connectionResourceName,
	planWorkflowConversion,
	type CatalogEntry,
	type PlannedOperation,
} from '../../analysis/catalog/index.js';
import {connectionKeyOf, describeRequest, isRecord, walkOperations, type OperationVisit} from '../../analysis/walk.js';
import {managedIdentitySignIn, signsInWithManagedIdentity, type ApiRef, type ManagedIdentitySignIn, type ConnectionReference, type ConnectorTarget, type Workflow, type WorkflowDefinition} from '../../model/index.js';
import type {AppSettingSpec, ConversionNote, ConvertContext, ConvertedWorkflow, ManagedConnection, ServiceProviderConnection} from './types.js';
import {rewriteFunctionAndApiManagementActions} from './actions.js';
import {canonicalDefinition} from './canonical.js';

/** What identifies a Microsoft.Web/connections resource: its id (case-insensitive), else the workflow's key. */
export function connectionIdentity(workflow: Workflow, ref: ConnectionReference): string {
	const id = (ref.connectionId ?? '').trim().toLowerCase();
	return id || `${String(workflow.id ?? workflow.name ?? '').toLowerCase()}#${ref.key}`;
}

function resourceGroupOf(id: string): string | undefined {
	return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

/**
 * Unique connections.json names for every connection of the given workflows, stable for the same inventory: a
 * connection shared by several workflows gets one name; different connections that happen to share a resource
 * name (other resource groups) get the resource group, then a number, appended.
 */
export function planConnectionNames(workflows: readonly Workflow[]): Record<string, string> {
	const byIdentity: Record<string, string> = {};
	const taken = new Map<string, string>();
	const sorted = [...workflows].sort((a, b) => String(a.name).localeCompare(String(b.name)) || String(a.id).localeCompare(String(b.id)));
	for (const wf of sorted) {
		const refs = [...(Array.isArray(wf.connections) ? wf.connections : [])]
			.filter((r) => r && typeof r.key === 'string')
			.sort((a, b) => a.key.localeCompare(b.key));
		for (const ref of refs) {
			const identity = connectionIdentity(wf, ref);
			if (byIdentity[identity]) continue;
			const base = connectionResourceName(ref);
			const rg = resourceGroupOf(ref.connectionId ?? '');
			const candidates = [base, ...(rg ? [`${base}-${safeKey(rg)}`] : [])];
			let name = candidates.find((c) => !taken.has(c.toLowerCase()));
			for (let i = 2; !name; i++) if (!taken.has(`${base}-${i}`.toLowerCase())) name = `${base}-${i}`;
			taken.set(name.toLowerCase(), identity);
			byIdentity[identity] = name;
		}
	}
	return byIdentity;
}

class Converter {
	readonly notes: ConversionNote[] = [];
	readonly serviceProviderConnections: Record<string, ServiceProviderConnection> = {};
	readonly managedConnections: Record<string, ManagedConnection> = {};
	readonly counts = {builtin: 0, managed: 0, excluded: 0};
	definition: WorkflowDefinition = {};

	constructor(
		private readonly workflow: Workflow,
		private readonly targetFor: (api: string) => ConnectorTarget,
		private readonly ctx: ConvertContext,
		private readonly records: readonly OperationUse[],
	) {}

	/** The connections.json name of a connection: from the inventory-wide plan when given, else its own name. */
	private nameOf(ref: ConnectionReference): string {
		return this.ctx.connectionNames?.[connectionIdentity(this.workflow, ref)] ?? connectionResourceName(ref);
	}

	private spName(ref: ConnectionReference, scope: string | undefined): string {
		const base = this.nameOf(ref);
		return scope ? `${base}_${safeKey(scope).slice(0, 40)}` : base;
	}

	note(operation: string, message: string, certainty: ConversionNote['certainty']): void {
		this.notes.push({operation, message, certainty});
	}

	run(): void {
		// Only steps analysis found convertible (what the admin saw) may become built-in; the catalog then decides and
		// writes them for the workflow as a whole, on a copy, with the connector choices in force.
		const verdicts = new Map(this.records.map((r) => [`${r.isTrigger ? 't' : 'a'}|${r.name}`, r]));
		const refs = new Map(this.records.flatMap((r) => (r.connectionKey !== undefined && r.connection ? [[r.connectionKey, r.connection.ref] as const] : [])));
		const plan = planWorkflowConversion(this.workflow, {
			connectionFor: (key) => (key === undefined ? undefined : refs.get(key)),
			targetFor: this.targetFor,
			hosting: this.ctx.hosting ?? 'ws',
			allow: (step) => verdicts.get(`${step.isTrigger ? 't' : 'a'}|${step.name}`)?.assessment?.convertible !== false,
			connectionName: (ref, scope) => this.spName(ref, scope),
		});
		this.definition = plan.definition;
		const visits = new Map([...walkOperations(this.definition)].map((v) => [`${v.isTrigger ? 't' : 'a'}|${v.name}`, v]));
		const planNotes = groupBy(plan.notes, (n) => n.operation);
		for (const op of plan.operations) {
			const visit = visits.get(`${op.isTrigger ? 't' : 'a'}|${op.name}`);
			if (!visit) continue;
			if (op.converted && op.entry && op.ref) {
				const a = op.assessment!;
				if (!a.match?.mapping.actionType) {
					this.addServiceProviderConnection(this.spName(op.ref, a.plan?.connectionScope), op.entry, a.plan?.connectionScope, op.ref, op.name);
				}
				for (const n of planNotes.get(op.name) ?? []) this.note(n.operation, n.message, n.certainty);
				this.counts.builtin++;
				continue;
			}
			this.keepOrExclude(visit, op, verdicts.get(`${op.isTrigger ? 't' : 'a'}|${op.name}`));
		}
	}

	private keepOrExclude(visit: OperationVisit, op: PlannedOperation, record: OperationUse | undefined): void {
		const {ref, api} = op;
		if (!ref || !api?.name) {
			this.unresolved(visit, record?.connectionKey ?? connectionKeyOf(visit.op));
			return;
		}
		const target = this.targetFor(api.name);
		if (target === 'exclude') {
			this.exclude(visit, api.name);
			return;
		}
		this.managed(visit, ref, api);
		if (api.kind === 'custom') {
			this.note(
				visit.name,
				`uses custom connector '${api.name}': kept as a managed reference for now; Standard cannot run custom managed connectors, so the custom connector decision (API Management or HTTP) replaces it`,
				'C',
			);
		} else if (target === 'builtin') {
			const why = record?.assessment?.convertible === false ? record.assessment.reason : op.assessment?.reason;
			this.note(visit.name, `stays on the managed '${api.name}' connector: ${why ?? (op.entry ? 'no confident built-in mapping' : 'the connector is not in the catalog')}`, 'U');
		}
	}

	private addServiceProviderConnection(name: string, entry: CatalogEntry, scope: string | undefined, ref: ConnectionReference, step: string): void {
		if (this.serviceProviderConnections[name]) return;
		const source = connectionIdentity(this.workflow, ref);
		// An ISE connection that signed in with the workflow's managed identity stays keyless where the built-in can.
		const identity = signsInWithManagedIdentity(ref) ? entry.connection?.managedIdentity : undefined;
		const spec = identity ?? entry.connection;
		if (identity) {
			this.note(step, `its connection '${name}' signed in with the workflow's managed identity in the ISE, and the built-in one does too (no secret to fill): the app's identity needs ${identity.grant}`, identity.certainty);
		}
		const identified = scope ? `${source}|${scope}` : source;
		this.serviceProviderConnections[name] = this.made(`sp\u0000${entry.api}\u0000${name}\u0000${identified}\u0000${identity ? 'mi' : ''}`, () => {
			const parameterValues: Record<string, string | object> = {};
			const appSettings: AppSettingSpec[] = [];
			for (const param of spec?.parameters ?? []) {
				if (param.fixed !== undefined) {
					parameterValues[param.name] = param.fixed;
					continue;
				}
				const setting = settingName.builtinParameter(name, param.setting);
				parameterValues[param.name] = appSettingRef(setting);
				appSettings.push({
					name: setting,
					description: `${entry.displayName} connection '${name}'${scope ? ` (for ${scope})` : ''}: ${param.description}${param.optional ? ' (optional)' : ''}`,
					secret: param.secret,
				});
			}
			return {
				serviceProviderId: entry.serviceProviderId!,
				displayName: scope ? `${entry.displayName} (${scope})` : `${entry.displayName} (${name})`,
				...(spec?.parameterSetName ? {parameterSetName: spec.parameterSetName} : {}),
				parameterValues,
				appSettings,
				source: identified,
			};
		});
	}

	/** The connection `key` names, made once per run when the context keeps them (ConvertContext.madeConnections). */
	private made<T extends ServiceProviderConnection | ManagedConnection>(key: string, make: () => T): T {
		const cache = this.ctx.madeConnections;
		const known = cache?.get(key) as T | undefined;
		if (known) return known;
		const made = make();
		cache?.set(key, made);
		return made;
	}

	private managedReference(visit: OperationVisit, name: string): void {
		const inputs = isRecord(visit.op.inputs) ? visit.op.inputs : {};
		// `host.api.runtimeUrl` is Consumption-only; Standard resolves the API from connections.json.
		inputs.host = {connection: {referenceName: name}};
		visit.op.inputs = inputs;
		this.counts.managed++;
	}

	private addManagedConnection(name: string, api: string, apiKind: ApiRef['kind'], source: string, displayName?: string, managedIdentity?: ManagedIdentitySignIn): void {
		if (this.managedConnections[name]) return;
		const key = `managed\u0000${api}\u0000${apiKind}\u0000${name}\u0000${source}\u0000${displayName ?? ''}\u0000${managedIdentity ? JSON.stringify(managedIdentity) : ''}`;
		this.managedConnections[name] = this.made(key, () => ({
			api,
			apiKind,
			connectionName: name,
			...(displayName ? {displayName} : {}),
			source,
			...(managedIdentity ? {managedIdentity} : {}),
			appSettings: [
				{
					name: settingName.managedRuntimeUrl(name),
					description: `Runtime URL of the '${name}' API connection (${api}), from the connection resource created for the Standard app`,
					secret: false,
				},
				{
					name: settingName.managedKey(name),
					description: `Connection key of the '${name}' API connection for local runs only (Azure uses the app's managed identity)`,
					secret: true,
				},
			],
		}));
	}

	private managed(visit: OperationVisit, ref: ConnectionReference, api: ApiRef): void {
		const name = this.nameOf(ref);
		const signIn = api.kind === 'custom' ? undefined : managedIdentitySignIn(ref);
		// Said once per workflow and connection, on the first step that uses it.
		const first = !this.managedConnections[name];
		this.addManagedConnection(name, api.name, api.kind, connectionIdentity(this.workflow, ref), ref.displayName, signIn);
		this.managedReference(visit, name);
		if (signIn && first) {
			const who = signIn.identity ? `the user-assigned identity ${signIn.identity.split('/').pop()}` : signIn.unresolvedIdentity ? 'a user-assigned identity' : "the workflow's managed identity";
			this.note(
				visit.name,
				`its managed connection '${name}' signed in with ${who} in the ISE and does so in Standard too (connectionProperties in connections.json; the template creates the connection without consent): ` +
					(signIn.unresolvedIdentity
						? `the ISE named that identity by ${signIn.unresolvedIdentity.slice(0, 120)}, which the files do not resolve, so set connectionProperties.authentication.identity of '${name}' in connections.json to its resource id by hand`
						: `${signIn.identity ? 'that identity' : "the app's identity"} needs the access on the target that the ISE's had`),
				'C',
			);
		}
	}

	private unresolved(visit: OperationVisit, key: string | undefined): void {
		const raw = key ?? (isRecord(visit.op.inputs) && isRecord(visit.op.inputs.host) && isRecord(visit.op.inputs.host.connection)
			? String(visit.op.inputs.host.connection.name ?? '')
			: '');
		const name = `unresolved-${safeKey(key ?? visit.name) || 'connection'}`;
		// Placeholders share one entry: they all need fixing by hand anyway.
		this.addManagedConnection(name, 'unknown', 'unknown', 'unresolved');
		this.managedReference(visit, name);
		this.note(
			visit.name,
			`its connection (${raw.replace(/\$connections/g, 'connections') || 'none'}) could not be resolved to a connection of this workflow: it points at placeholder '${name}'; set the right connection by hand`,
			'U',
		);
	}

	private exclude(visit: OperationVisit, api: string): void {
		const old = visit.op;
		const what = describeRequest(old);
		let next: Record<string, unknown>;
		if (visit.isTrigger) {
			next = {
				type: 'Request',
				kind: 'Http',
				inputs: {schema: {}},
				description: `Placeholder: the ${api} trigger '${visit.name}' (${what}) was excluded from the migration. Replace this trigger.`,
			};
			this.note(visit.name, `trigger excluded (${api}); replaced by a Request trigger placeholder`, 'C');
		} else {
			next = {
				type: 'Compose',
				inputs: {
					excludedOperation: visit.name,
					connector: api,
					request: what,
					reason: `The ${api} connector was excluded from the migration; rebuild this step or remove it.`,
				},
				runAfter: old.runAfter ?? {},
			};
			this.note(visit.name, `action excluded (${api}); replaced by a Compose placeholder that keeps the run order`, 'C');
		}
		for (const k of Object.keys(old)) delete old[k];
		Object.assign(old, next);
		this.counts.excluded++;
	}
}

/** Removes `$connections` wherever it is left (parameter declaration, stray expressions). */
function purgeConnections(node: unknown, onStray: (text: string) => void): unknown {
	if (typeof node === 'string') {
		if (!mentionsConnections(node)) return node;
		onStray(node);
		return node.replace(CONNECTIONS_REFERENCE, "'removed-connection-reference'").replace(/\$connections/g, 'connections');
	}
	if (Array.isArray(node)) return node.map((v) => purgeConnections(v, onStray));
	if (isRecord(node)) {
		for (const k of Object.keys(node)) {
			if (k.includes('$connections')) {
				delete node[k];
				continue;
			}
			node[k] = purgeConnections(node[k], onStray);
		}
	}
	return node;
}

/** Converts one workflow's definition for a Standard project. Pure: `workflow` is left untouched. */
export function convertWorkflow(
	workflow: Workflow,
	targetFor: (api: string) => ConnectorTarget,
	ctx: ConvertContext = {},
): ConvertedWorkflow {
	const records = ctx.operations ?? resolveOperations({workflows: [workflow]}, ctx.hosting).ofWorkflow(workflow.name);
	const converter = new Converter(workflow, targetFor, ctx, records);
	converter.run();
	let definition = converter.definition;
	const actions = rewriteFunctionAndApiManagementActions(definition);
	if (isRecord(definition.parameters)) {
		for (const k of Object.keys(definition.parameters)) if (k.toLowerCase() === '$connections') delete definition.parameters[k];
	}
	purgeConnections(definition, (text) => {
		const shown = text.slice(0, 120).replace(/\$connections/g, 'connections');
		converter.note('(definition)', `a connection-parameter reference outside a connector operation was replaced: ${shown}`, 'U');
	});
	definition = canonicalDefinition(definition, (step, message) => converter.note(step, message, 'C'));
	return {
		definition,
		serviceProviderConnections: converter.serviceProviderConnections,
		managedConnections: converter.managedConnections,
		functionConnections: actions.functionConnections,
		apiManagementConnections: actions.apiManagementConnections,
		actionAppSettings: actions.appSettings,
		notes: [...converter.notes, ...actions.notes],
		counts: {...converter.counts, builtin: converter.counts.builtin + actions.counts.converted},
		subscriptionIdSetting: ctx.subscriptionIdSetting ?? PLATFORM_SETTING.subscriptionId,
	};
}
