// Microsoft's own Standard workflows and connections.json files (shared/reference/ms-standard-workflows): the shape a
// converted step must have is read from them, not written down by hand.
import fs from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {corpusPath} from '../../helpers/corpus.js';

// In the shared corpus: only corpus tests call these, so nothing is read before one does.
const ROOT = corpusPath('reference', 'ms-standard-workflows');
type BuiltinReference = {serviceProviders: Record<string, {operations: Record<string, {parameters: Record<string, {required: boolean}>}>}>};
let builtin: BuiltinReference | undefined;
const BUILTIN = (): BuiltinReference => (builtin ??= JSON.parse(fs.readFileSync(corpusPath('reference', 'builtin-operations.json'), 'utf8')) as BuiltinReference);

type Rec = Record<string, any>;

function readJson(file: string): Rec {
	return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^\uFEFF/, '')) as Rec;
}

function find(node: unknown, name: string): Rec | undefined {
	if (typeof node !== 'object' || node === null) return undefined;
	for (const [k, v] of Object.entries(node as Rec)) {
		if (k === name && typeof v === 'object' && v !== null && 'type' in v) return v as Rec;
		const hit = find(v, name);
		if (hit) return hit;
	}
	return undefined;
}

/** A trigger or action of one of Microsoft's reference workflows. */
export function referenceOperation(file: string, name: string): Rec {
	const op = find(readJson(path.join('workflows', file)).definition, name);
	if (!op) throw new Error(`${file} has no step ${name}`);
	return op;
}

/** A serviceProviderConnections entry of one of Microsoft's reference connections.json files. */
export function referenceConnection(folder: string, name: string): Rec {
	const c = readJson(path.join('connections', folder, 'connections.json')).serviceProviderConnections?.[name] as Rec | undefined;
	if (!c) throw new Error(`connections/${folder} has no ${name}`);
	return c;
}

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/**
 * `actual` is written the way Microsoft's reference step is: same type, kind, operation and provider, and every
 * parameter the reference sets that the step also sets has the same JSON type (a Table `select` is an array, a
 * `maxFileCount` a number). Values are the conversion's own: `values` lists what they must be.
 */
export function expectShapedLike(actual: Rec, reference: Rec, values: Rec): void {
	expect(actual.type).toBe(reference.type);
	expect(actual.kind).toBe(reference.kind);
	const a = actual.inputs.serviceProviderConfiguration;
	const r = reference.inputs.serviceProviderConfiguration;
	expect(a.operationId).toBe(r.operationId);
	expect(String(a.serviceProviderId).toLowerCase()).toBe(String(r.serviceProviderId).toLowerCase());
	for (const [k, v] of Object.entries(actual.inputs.parameters as Rec)) {
		if (k in (reference.inputs.parameters ?? {}) && !String(v).startsWith('@') && !String(reference.inputs.parameters[k]).startsWith('@')) {
			expect(typeOf(v), `${k} has the reference's type`).toBe(typeOf(reference.inputs.parameters[k]));
		}
	}
	expect(actual.inputs.parameters).toEqual(values);
	expect(Object.keys(actual).filter((k) => k === 'splitOn').length).toBe(Object.keys(reference).filter((k) => k === 'splitOn').length);
}

/** Every parameter is documented for the operation and every required one is there (as check-builtin holds it). */
export function expectDocumented(actual: Rec): void {
	const c = actual.inputs.serviceProviderConfiguration;
	const provider = Object.entries(BUILTIN().serviceProviders).find(([id]) => id.toLowerCase() === String(c.serviceProviderId).toLowerCase())?.[1];
	const op = provider?.operations[c.operationId];
	expect(op, `${c.serviceProviderId}:${c.operationId} is documented`).toBeDefined();
	for (const k of Object.keys(actual.inputs.parameters)) expect(Object.keys(op!.parameters), `${c.operationId} documents ${k}`).toContain(k);
	for (const [k, p] of Object.entries(op!.parameters)) if (p.required) expect(actual.inputs.parameters, `${c.operationId} needs ${k}`).toHaveProperty([k]);
}

/** The connection's parameters are ones the reference connections.json spells, and it has every one it requires. */
export function expectConnectionLike(actual: Rec, reference: Rec, required: string[]): void {
	expect(actual.serviceProviderId.toLowerCase()).toBe(String(reference.serviceProvider.id).toLowerCase().replace(/^(?!\/)/, '/'));
	for (const k of Object.keys(actual.parameterValues)) expect(Object.keys(reference.parameterValues), `reference spells ${k}`).toContain(k);
	for (const k of required) expect(actual.parameterValues, `connection carries ${k}`).toHaveProperty([k]);
	if (reference.parameterSetName) expect(actual.parameterSetName).toBe(reference.parameterSetName);
}
