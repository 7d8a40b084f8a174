// Short constructors that keep the catalog entries readable as tables.
import type {ConnectionParameter, OutputChange, ParamRule, Transform, ValueRef, ValueSource} from './types.js';

function src(from: ValueRef, transform: Transform[]): ValueSource {
	return transform.length ? {from, transform} : {from};
}

export const fromPath = (name: string, ...t: Transform[]): ValueSource => src({path: name}, t);
export const fromQuery = (name: string, ...t: Transform[]): ValueSource => src({query: name}, t);
export const fromHeader = (name: string, ...t: Transform[]): ValueSource => src({header: name}, t);
export const fromBody = (...t: Transform[]): ValueSource => src({body: true}, t);
export const fromField = (name: string, ...t: Transform[]): ValueSource => src({bodyField: name}, t);
export const constant = (value: unknown): ValueSource => ({from: {constant: value}});
export const joined = (sep: string, ...parts: ValueSource[]): ValueSource => ({from: {join: parts, sep}});

export function p(target: string, source: ValueSource, opts: {required?: boolean; default?: unknown; placeholder?: boolean} = {}): ParamRule {
	return {target, source, ...opts};
}

/** Required parameter. */
export function req(target: string, source: ValueSource): ParamRule {
	return {target, source, required: true};
}

export const T = {
	fileId: {op: 'fileId'} as Transform,
	/** A file id, or the full path of the item an id was read from. */
	filePath: {op: 'fileId', viaPath: true} as Transform,
	first: {op: 'firstSegment'} as Transform,
	rest: {op: 'afterFirstSegment'} as Transform,
	fromBase64: {op: 'fromBase64'} as Transform,
	timespan: {op: 'secondsToTimespan'} as Transform,
	blobTrigger: {op: 'blobTriggerPath'} as Transform,
	bool: {op: 'toBoolean'} as Transform,
	list: {op: 'list'} as Transform,
	number: {op: 'number'} as Transform,
	suffix: (text: string): Transform => ({op: 'suffix', text}),
};

export function secretSetting(name: string, description: string): ConnectionParameter {
	return {name, setting: name, secret: true, description};
}

export function plainSetting(name: string, description: string, optional = false): ConnectionParameter {
	return {name, setting: name, secret: false, description, ...(optional ? {optional} : {})};
}

export const connectionString = (what: string): ConnectionParameter =>
	secretSetting('connectionString', `Connection string of the ${what} (store it as a Key Vault reference)`);

/** Query keys that are unsupported when present: each becomes an `unsupported` entry. */
export function unsupportedQueries(why: string, ...names: string[]) {
	return names.map((q) => ({ref: {query: q} as ValueRef, why: `'${q}': ${why}`}));
}

export function unsupportedFields(why: string, ...names: string[]) {
	return names.map((f) => ({ref: {bodyField: f} as ValueRef, why: `'${f}': ${why}`}));
}

/**
 * An output whose fields moved: each managed field (`Path`) is read from the built-in accessors given (`'properties.eTag'`
 * → `?['properties']?['eTag']`); any other read of the output keeps the step managed. Matching fields by meaning is our
 * reading of the two sides' documented outputs [S].
 */
export function fieldsRenamed(change: string, fields: Record<string, string>): OutputChange {
	return {
		change,
		certainty: 'S',
		rewrites: Object.entries(fields).map(([from, to]) => ({kind: 'path' as const, from: [from], to: to.split('.')})),
	};
}
