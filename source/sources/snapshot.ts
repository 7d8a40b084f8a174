// Snapshot format v1: an Inventory on disk with a `formatVersion`. Loading validates the whole file and
// reports the exact path of the first problem (`workflows[3].definition: expected object`), never a stack trace.
import {z} from 'zod';
import type {Inventory} from '../model/index.js';
import {parseJsonDocument} from './json.js';
import {FAILURE_CODE} from '../model/failure.js';

export const SNAPSHOT_FORMAT_VERSION = 1;

export class SnapshotError extends Error {
	readonly [FAILURE_CODE] = 'snapshot';
	constructor(
		message: string,
		readonly file?: string,
	) {
		super(file ? `${file}: ${message}` : message);
		this.name = 'SnapshotError';
	}
}

const str = z.string();
const ipSet = z.object({workflow: z.array(str), connector: z.array(str)});

const iseSchema = z.object({
	id: str,
	name: str.min(1),
	subscriptionId: str,
	resourceGroup: str,
	location: str,
	sku: z.object({name: z.enum(['Developer', 'Premium', 'NotSpecified']), capacity: z.number().int().min(0)}),
	state: str.optional(),
	provisioningState: str.optional(),
	accessEndpoint: z.enum(['Internal', 'External', 'NotSpecified']),
	virtualNetworkAddressSpace: str.optional(),
	subnets: z.array(z.object({id: str, name: str, addressPrefix: str.optional()})),
	outboundIps: ipSet,
	accessEndpointIps: ipSet,
	encryption: z.object({keyVaultId: str, keyName: str, keyVersion: str.optional()}).optional(),
	identity: z
		.object({
			type: z.enum(['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None']),
			userAssignedIdentities: z.array(str).optional(),
		})
		.optional(),
	tags: z.record(str, str).optional(),
	skuOptions: z
		.array(
			z.object({
				name: str,
				minCapacity: z.number().optional(),
				maxCapacity: z.number().optional(),
				defaultCapacity: z.number().optional(),
				scaleType: str.optional(),
			}),
		)
		.optional(),
});

const workflowSchema = z.object({
	id: str,
	name: str.min(1),
	resourceGroup: str,
	location: str.optional(),
	state: str.optional(),
	definition: z.record(str, z.unknown()),
	parameters: z.record(
		str,
		z.object({type: str.optional(), value: z.unknown().optional(), defaultValue: z.unknown().optional()}),
	),
	connections: z.array(
		z.object({
			key: str,
			apiId: str,
			connectionId: str,
			connectionName: str,
			parameterNames: z.array(str).optional(),
			displayName: str.optional(),
			values: z.record(str, z.union([str, z.number(), z.boolean()])).optional(),
			gatewayId: str.optional(),
			authType: str.optional(),
			parameterSet: str.optional(),
			identity: str.optional(),
			audience: str.optional(),
		}),
	),
	integrationAccountId: str.optional(),
	origin: str.optional(),
});

const artifact = z.object({name: str, type: str.optional()});

export const inventorySchema = z.object({
	source: z.object({
		kind: z.enum(['azure', 'templates', 'snapshot', 'demo']),
		label: str,
		capturedAt: str.optional(),
	}),
	ise: iseSchema,
	managedApis: z.array(
		z.object({
			name: str,
			displayName: str.optional(),
			category: str.optional(),
			connectionParameterNames: z.array(str).optional(),
		}),
	),
	workflows: z.array(workflowSchema),
	integrationAccounts: z.array(
		z.object({
			id: str,
			name: str,
			resourceGroup: str,
			sku: str.optional(),
			maps: z.array(artifact),
			schemas: z.array(artifact),
			partners: z.array(str).optional(),
			agreements: z.array(z.object({name: str, type: str.optional()})).optional(),
		}),
	),
	issues: z.array(z.object({where: str, message: str})).optional(),
});

const snapshotSchema = inventorySchema.extend({formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION)});

/** `['workflows', 3, 'definition']` → `workflows[3].definition`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
		else out += `[${JSON.stringify(String(part))}]`;
	}
	return out || '(top level)';
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let v: unknown = root;
	for (const p of path) {
		if (v === null || typeof v !== 'object') return undefined;
		v = (v as Record<PropertyKey, unknown>)[p];
	}
	return v;
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
	const where = formatPath(issue.path);
	const actual = valueAt(root, issue.path);
	switch (issue.code) {
		case 'invalid_type': {
			if (actual === undefined) return `${where}: missing (expected ${issue.expected})`;
			const expected = issue.expected === 'record' ? 'object' : issue.expected;
			return `${where}: expected ${expected}, got ${kindOf(actual)}`;
		}
		case 'invalid_value':
			return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(actual)}`;
		default:
			return `${where}: ${issue.message}`;
	}
}

/** JSON (with comments and a BOM tolerated) → value, or a SnapshotError naming line:column. */
export function parseJsonText(text: string, file?: string): unknown {
	const parsed = parseJsonDocument(text);
	if (!parsed.ok) throw new SnapshotError(parsed.reason, file);
	return parsed.value;
}

export function isSnapshotLike(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'formatVersion' in value;
}

/** Validate a parsed snapshot; the message names the first problem's exact path. */
export function validateSnapshot(value: unknown, file?: string): Inventory {
	if (!isSnapshotLike(value)) {
		throw new SnapshotError('not an ise-migrate snapshot (no formatVersion)', file);
	}
	const version = (value as {formatVersion: unknown}).formatVersion;
	if (version !== SNAPSHOT_FORMAT_VERSION) {
		throw new SnapshotError(
			`snapshot format ${JSON.stringify(version)} is not supported: this version of ise-migrate reads format ${SNAPSHOT_FORMAT_VERSION}. Re-capture it with \`ise-migrate snapshot\`, or use the ise-migrate version that wrote it.`,
			file,
		);
	}
	const result = snapshotSchema.safeParse(value);
	if (!result.success) {
		const first = result.error.issues[0]!;
		const more = result.error.issues.length - 1;
		throw new SnapshotError(
			`${describeIssue(first, value)}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
			file,
		);
	}
	const {formatVersion: _v, ...inventory} = result.data;
	return inventory as Inventory;
}

export function parseSnapshot(text: string, file?: string): Inventory {
	return validateSnapshot(parseJsonText(text, file), file);
}

/** Inventory → snapshot text. Stable key order keeps snapshots diff-friendly in source control. */
export function serializeSnapshot(inv: Inventory): string {
	return `${JSON.stringify({formatVersion: SNAPSHOT_FORMAT_VERSION, ...inv}, null, 2)}\n`;
}
