// Looking connectors up in the catalog and matching managed operations (method + path + query) against their
// mapping rows. Entries are data under ./entries.
import {safeKey} from '../../model/text.js';
import {parseApiId, type ApiRef, type ConnectionReference} from '../../model/index.js';
import {isRecord} from '../walk.js';
import {apimanagement, azurefunctions} from './entries/actions.js';
import {as2, edifact, x12} from './entries/b2b.js';
import {
	azureautomation,
	azureeventgrid,
	azureeventgridpublish,
	azuremonitorlogs,
	documentdb,
	eventhubs,
	keyvault,
	sqldw,
} from './entries/azure-services.js';
import {db2, mq, sap, si3270, smtp} from './entries/enterprise.js';
import {filesystem, ftp, sftpwithssh} from './entries/files.js';
import {managedOnly} from './entries/managed.js';
import {servicebus} from './entries/servicebus.js';
import {sql} from './entries/sql.js';
import {azureblob, azurefile, azurequeues, azuretables} from './entries/storage.js';
import {matchPath} from './path-match.js';
import type {CatalogEntry, OperationMatch, QueryCondition} from './types.js';


const ENTRIES: readonly CatalogEntry[] = [
	sql,
	servicebus,
	azureblob,
	azurefile,
	azurequeues,
	azuretables,
	eventhubs,
	keyvault,
	documentdb,
	azureautomation,
	azureeventgrid,
	azureeventgridpublish,
	azuremonitorlogs,
	sqldw,
	ftp,
	sftpwithssh,
	filesystem,
	smtp,
	sap,
	mq,
	db2,
	si3270,
	as2,
	x12,
	edifact,
	azurefunctions,
	apimanagement,
	...managedOnly,
];

const BY_NAME = new Map<string, CatalogEntry>();
for (const e of ENTRIES) {
	for (const n of [e.api, ...e.aliases]) BY_NAME.set(n.toLowerCase(), e);
}

export function catalogEntry(apiName: string): CatalogEntry | undefined {
	return BY_NAME.get(apiName.trim().toLowerCase());
}

export function allCatalogEntries(): readonly CatalogEntry[] {
	return ENTRIES;
}

/** The entry for a Consumption action type that is not a connector call (`Function`, `ApiManagement`). */
export function catalogEntryForActionType(type: unknown): CatalogEntry | undefined {
	if (typeof type !== 'string') return undefined;
	const t = type.toLowerCase();
	return ENTRIES.find((e) => e.actionType?.type.toLowerCase() === t);
}

function valueOf(rec: unknown, name: string): string {
	if (!isRecord(rec)) return '';
	const lower = name.toLowerCase();
	for (const [k, v] of Object.entries(rec)) {
		if (k.toLowerCase() === lower) return v === undefined || v === null ? '' : String(v).trim();
	}
	return '';
}

function conditionHolds(c: QueryCondition, queries: unknown, headers: unknown): boolean {
	const v = valueOf(c.in === 'header' ? headers : queries, c.name).toLowerCase();
	if (c.oneOf && !c.oneOf.some((o) => o.toLowerCase() === v)) return false;
	if (c.noneOf && (v === '' || c.noneOf.some((o) => o.toLowerCase() === v))) return false;
	return true;
}

export interface OperationToMatch {
	method?: string;
	path?: string;
	queries?: unknown;
	headers?: unknown;
	isTrigger: boolean;
}

/** The mapping row a managed operation corresponds to, with its path values decoded; undefined when none. */
export function matchOperation(apiName: string, op: OperationToMatch): OperationMatch | undefined {
	const entry = catalogEntry(apiName);
	if (!entry) return undefined;
	const kind = op.isTrigger ? 'trigger' : 'action';
	const method = (op.method ?? '').toLowerCase();
	const path = typeof op.path === 'string' ? op.path : '';
	const candidates = entry.operations.filter((m) => m.kind === kind && (!m.method || m.method === method));
	// Rows with a known path win over catch-all rows, whatever their order in the entry.
	for (const mapping of [...candidates.filter((m) => !m.anyPath), ...candidates.filter((m) => m.anyPath)]) {
		if (mapping.when && !mapping.when.every((c) => conditionHolds(c, op.queries, op.headers))) continue;
		if (mapping.anyPath) return {entry, mapping, pattern: '', values: {}, pathValues: {}};
		for (const pattern of mapping.paths) {
			const pathValues = matchPath(pattern, path);
			if (!pathValues) continue;
			const values = Object.fromEntries(Object.entries(pathValues).map(([k, v]) => [k, v.value]));
			return {entry, mapping, pattern, values, pathValues};
		}
	}
	return undefined;
}

/** matchOperation for an operation object from a definition (`inputs.method`, `inputs.path`…). */
export function matchOperationObject(apiName: string, op: Record<string, unknown>, isTrigger: boolean): OperationMatch | undefined {
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	return matchOperation(apiName, {
		method: typeof inputs.method === 'string' ? inputs.method : undefined,
		path: typeof inputs.path === 'string' ? inputs.path : undefined,
		queries: inputs.queries,
		headers: inputs.headers,
		isTrigger,
	});
}

/** Best-effort API name from an ARM-expression id such as `[subscriptionResourceId('…/managedApis', loc, 'sql')]`. */
function apiFromArmExpression(id: string): string | undefined {
	if (!/managedApis|customApis/i.test(id)) return undefined;
	// A literal path ending in the API (`concat(…, parameters('loc'), '/managedApis/sql')`) names it outright; the
	// last plain literal there would be the parameter's name ('loc').
	const inPath = /(?:managedApis|customApis)\/([A-Za-z0-9_.-]+)/i.exec(id);
	if (inPath) return inPath[1];
	const literals = [...id.matchAll(/'([^']*)'/g)].map((m) => m[1]!).filter((s) => s && !s.includes('/') && !/^Microsoft\./i.test(s));
	return literals.at(-1);
}

/** The API a connection reference points at; tolerant of ARM-expression ids left in templates. */
export function apiOfConnection(ref: ConnectionReference): ApiRef {
	const parsed = parseApiId(ref.apiId ?? '');
	// An ARM expression is not an id even when it looks like one to parseApiId, which would read `sql')]` as the name.
	if (parsed.kind !== 'unknown' && !(ref.apiId ?? '').trim().startsWith('[')) return parsed;
	const fromArm = apiFromArmExpression(ref.apiId ?? '');
	if (fromArm) {
		// The kind parseApiId saw (an ISE path) still holds; its scope, cut from the expression, does not.
		const kind = parsed.kind !== 'unknown' ? parsed.kind : /customApis/i.test(ref.apiId) ? 'custom' : 'managed';
		return {kind, name: kind === 'custom' ? fromArm : fromArm.toLowerCase()};
	}
	return parsed;
}


function armInnerName(s: string): string | undefined {
	if (!(s.startsWith('[') && s.endsWith(']'))) return s;
	// `[parameters('sqlConnectionName')]`, `[concat(parameters('prefix'), '-sql')]`: the last quoted word names it.
	const lits = [...s.matchAll(/'([^']*)'/g)].map((m) => m[1]!).filter((x) => x && !x.includes('/') && !/^Microsoft\./i.test(x));
	return lits.at(-1);
}

/** The Microsoft.Web/connections resource name behind a reference, sanitised to `[A-Za-z0-9_-]`. */
export function connectionResourceName(ref: ConnectionReference): string {
	const id = (ref.connectionId ?? '').trim();
	const idName = id.startsWith('[') ? id : id.split('/').filter(Boolean).pop();
	for (const c of [ref.connectionName, idName, ref.key]) {
		if (!c) continue;
		const inner = armInnerName(c.trim());
		const name = inner ? safeKey(inner) : '';
		if (name) return name;
	}
	return 'connection';
}
