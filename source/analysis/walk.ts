// Walking a workflow definition: triggers and actions at any depth (Scope, Foreach, Until, If/else, Switch cases).
import {connectionKeyIn} from '../model/connection-ref.js';
import {isRecord} from '../model/text.js';

export interface OperationVisit {
	/** Trigger or action name. */
	name: string;
	/** Names of the enclosing container actions, outermost first. */
	parents: string[];
	isTrigger: boolean;
	/** The operation object itself (mutations are visible to the caller: used by the converter on a copy). */
	op: Record<string, unknown>;
	/** The object holding this operation under `name` (triggers/actions map), for replacement. */
	container: Record<string, unknown>;
}


/** Child action maps of a container action, in document order. */
export function childActionMaps(op: Record<string, unknown>): Record<string, unknown>[] {
	const maps: Record<string, unknown>[] = [];
	if (isRecord(op.actions)) maps.push(op.actions);
	if (isRecord(op.else) && isRecord(op.else.actions)) maps.push(op.else.actions);
	if (isRecord(op.cases)) {
		for (const c of Object.values(op.cases)) if (isRecord(c) && isRecord(c.actions)) maps.push(c.actions);
	}
	if (isRecord(op.default) && isRecord(op.default.actions)) maps.push(op.default.actions);
	return maps;
}

function* walkMap(
	map: Record<string, unknown>,
	parents: string[],
	isTrigger: boolean,
): Generator<OperationVisit> {
	for (const [name, op] of Object.entries(map)) {
		if (!isRecord(op)) continue;
		yield {name, parents, isTrigger, op, container: map};
		for (const child of childActionMaps(op)) yield* walkMap(child, [...parents, name], false);
	}
}

/** Every trigger and action of a definition, depth-first in document order. Tolerates malformed parts. */
export function* walkOperations(definition: unknown): Generator<OperationVisit> {
	if (!isRecord(definition)) return;
	if (isRecord(definition.triggers)) yield* walkMap(definition.triggers, [], true);
	if (isRecord(definition.actions)) yield* walkMap(definition.actions, [], false);
}

/**
 * The steps an action's runAfter names that are not beside it (in the same actions map): the runtime refuses those.
 * Names are compared without case: a step named in another case may well be found by the runtime, and leaving a
 * workflow out for it would cost more than the check gains. Only a step missing in any case counts.
 */
export function missingPredecessors(v: OperationVisit): string[] {
	if (v.isTrigger || !isRecord(v.op.runAfter)) return [];
	const after = Object.keys(v.op.runAfter).filter((name) => !Object.hasOwn(v.container, name));
	if (after.length === 0) return [];
	const siblings = new Set(Object.keys(v.container).map((name) => name.toLowerCase()));
	return after.filter((name) => !siblings.has(name.toLowerCase()));
}

/** The `$connections` key an ApiConnection* operation uses, from `@parameters('$connections')['key']['connectionId']`. */
export function connectionKeyOf(op: Record<string, unknown>): string | undefined {
	const inputs = op.inputs;
	if (!isRecord(inputs) || !isRecord(inputs.host) || !isRecord(inputs.host.connection)) return undefined;
	const name = inputs.host.connection.name;
	if (typeof name !== 'string') return undefined;
	return connectionKeyIn(name);
}

export function isApiConnectionType(type: unknown): boolean {
	return typeof type === 'string' && /^ApiConnection(Webhook|Notification)?$/i.test(type);
}

export {isRecord};

/** How the admin would name a step's request: `GET /v2/datasets/…`, or its type. */
export function describeRequest(op: Readonly<Record<string, unknown>>): string {
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	const method = typeof inputs.method === 'string' ? inputs.method.toUpperCase() : '';
	const path = typeof inputs.path === 'string' ? inputs.path : '';
	return `${method} ${path}`.trim() || String(op.type);
}
