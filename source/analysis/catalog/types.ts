// The connector catalog's shape. Entries are data: which Standard target a Consumption/ISE connector has,
// how its connection becomes app settings, and how each managed operation (method + path) becomes a
// built-in operation. Facts and certainty tags come from /work/shared/operations.md and domain.md §4.
import type {Certainty} from '../../model/index.js';

/**
 * Where a connector lands in Standard. `builtin-b2b` = the built-in AS2/X12/EDIFACT actions (integration account
 * link). `builtin-action` = a built-in action type of its own (Function, ApiManagement) that is matched by action
 * type, not by an ApiConnection, and whose connection lives in its own connections.json section.
 */
export type StandardTarget = 'builtin' | 'builtin-b2b' | 'builtin-action' | 'managed';

/** Where the Standard app runs (the model's type, named here for the catalog's readers). */
export type {HostingKind} from '../../model/index.js';
import type {HostingKind} from '../../model/index.js';

/** A Consumption action type that stays an action type in Standard but needs a connections.json entry. */
export interface ActionTypeSpec {
	/** The Consumption (and Standard) action `type`, e.g. `Function`. */
	type: string;
	/** The connections.json section its connection goes in. */
	connectionsSection: 'functionConnections' | 'apiManagementConnections';
	/** How the Consumption action points at its target (the property that becomes `connectionName`). */
	consumptionReference: string;
	/** What changes in Standard, in plain language. */
	standard: string;
	certainty: Certainty;
}

/** One parameter of a built-in (service provider) connection. Its value always lives in an app setting. */
export interface ConnectionParameter {
	/** Key under `parameterValues` in connections.json. */
	name: string;
	/** App setting name suffix: the setting is `<connection>_<setting>`. */
	setting: string;
	secret: boolean;
	description: string;
	/** A fixed, non-secret value written instead of an app setting reference (e.g. an auth provider object). */
	fixed?: string | Record<string, unknown>;
	/** Only one of several alternatives is needed (e.g. SFTP password or private key): may stay empty. */
	optional?: boolean;
}

export interface ConnectionSpec {
	parameterSetName?: string;
	parameters: ConnectionParameter[];
	certainty: Certainty;
	note?: string;
	/**
	 * How the built-in connection is written when the ISE connection signed in with the logic app's managed identity:
	 * no secret to fill, and the app's identity needs the roles `grant` names.
	 */
	managedIdentity?: {parameterSetName: string; parameters: ConnectionParameter[]; certainty: Certainty; grant: string};
}

/** Where a value for a built-in parameter comes from in the managed operation. */
export type ValueRef =
	| {path: string}
	| {query: string}
	| {header: string}
	| {body: true}
	| {bodyField: string}
	| {constant: unknown}
	| {join: ValueSource[]; sep: string}
	/** An object built from fields, optionally spread over the managed body (which must then be an object literal). */
	| {object: Record<string, ValueSource>; spreadBody?: boolean};

export interface ValueSource {
	from: ValueRef;
	transform?: Transform[];
}

/** Named value transforms; the catalog only names them, analysis/catalog/apply.ts implements them. */
export type Transform =
	/**
	 * Managed file/folder ids: the operation's `metadata` map, else base64, else URL-decoding. With `viaPath`, an id
	 * read from an earlier step's item (`X?['Id']`) becomes that item's full path (`X?['Path']`).
	 */
	| {op: 'fileId'; viaPath?: boolean}
	/** `/container/dir/sub` → `container`. */
	| {op: 'firstSegment'}
	/** `/container/dir/sub` → `dir/sub`. */
	| {op: 'afterFirstSegment'}
	/** Managed base64 content → plain content (`@{base64(x)}` → `@{x}`, else `base64ToString(...)`). */
	| {op: 'fromBase64'}
	/** Seconds → `hh:mm:ss` / `d.hh:mm:ss`. */
	| {op: 'secondsToTimespan'}
	/** Blob trigger folder → built-in path pattern `<container>[/<dir>]/{name}`. */
	| {op: 'blobTriggerPath'}
	/** OData `$filter` of equality tests joined by `and` → `{column: value}`; anything else makes the mapping unsafe. */
	| {op: 'odataEquality'}
	/** A managed session id that names no session (`Next Available`, `None`, empty) → absent. */
	| {op: 'specificSession'}
	/**
	 * The message a lock token was read from → that message's id: `X?['LockToken']` → `X?['MessageId']`. The
	 * built-in in-session settlement takes the message id; the managed one took the lock token of the same message.
	 */
	| {op: 'messageIdOfLockToken'}
	| {op: 'suffix'; text: string}
	/** `a, b` → `["a", "b"]`; a whole expression `@x` → `@split(x, ',')`. */
	| {op: 'list'}
	/** `"5"` → `5`; an expression stays as it is. */
	| {op: 'number'}
	| {op: 'toBoolean'}
	/** Literal value → another literal (case-insensitive); any other literal, or a run-time value, makes the mapping unsafe. */
	| {op: 'mapValue'; map: Record<string, unknown>; what: string}
	/** Rename keys of an object literal (each element when the value is an array). */
	| {
			op: 'renameKeys';
			rename: Record<string, string>;
			/** Keys (source names) whose value is managed base64 content. */
			fromBase64?: string[];
			/** Transforms applied to a renamed field (by source name). */
			nested?: Record<string, Transform[]>;
			/** Any key not in `rename` makes the mapping unsafe. */
			strict?: boolean;
	  };

export interface ParamRule {
	/** Built-in parameter key. */
	target: string;
	source: ValueSource;
	/** The mapping cannot apply when this value is missing or empty. */
	required?: boolean;
	/** Written when the source is absent. */
	default?: unknown;
	/**
	 * The managed operation requires it too: when the source leaves it out (a template placeholder), the built-in step
	 * is written with it empty, as incomplete as the managed one was, instead of staying managed.
	 */
	placeholder?: boolean;
}

/** A condition on the managed operation's query string that selects between mapping rows. */
export interface QueryCondition {
	name: string;
	/** Where the value lives; default `query`. */
	in?: 'query' | 'header';
	/** Matches when the query value is one of these (case-insensitive); `''` also matches an absent query. */
	oneOf?: string[];
	/** Matches when the query is present and not one of these. */
	noneOf?: string[];
}

/** How a downstream expression changes when the operation's output shape changes. */
export type OutputRewrite =
	/** `ref?['a']?['b']` → `ref` + `to` accessors. */
	| {kind: 'path'; from: string[]; to: string[]}
	/** A bare `ref` (not followed by an accessor) → `ref` + `to` accessors. */
	| {kind: 'bare'; to: string[]}
	/** `base64ToString(ref?['from'])` → `ref?['to']`; any other `ref?['from']` → `base64(ref?['to'])`. */
	| {kind: 'unwrapBase64'; from: string; to: string}
	/** Object became a one-element array: `ref?['x']` → `ref?[0]?['x']`, bare `ref` → `first(ref)`. */
	| {kind: 'index0'}
	/** `ref?['from']` (managed base64 of the content) → `base64(ref` + `to` accessors`)`. */
	| {kind: 'toBase64'; from: string; to: string[]}
	/** Every reference keeps its meaning: the built-in returns the same shape. */
	| {kind: 'keep'}
	/** The whole output now comes from another expression (a step added by the conversion): `ref` → `to`. */
	| {kind: 'reroot'; to: string}
	/** A response header of the managed operation → the built-in body + `to` accessors. */
	| {kind: 'header'; name: string; to: string[]}
	/**
	 * The elements of the array at `from` (managed accessors under the body) changed their fields. A `Foreach`
	 * whose `foreach` is exactly `@ref` + `from` gets `items('<loop>')?['<key>']` → `items('<loop>')` + `rename[key]`;
	 * any other use of the loop item is reported (and keeps the operation managed). `base64` names managed fields
	 * that were base64 and are plain in the built-in element (`base64ToString(item?['X'])` → `item?['x']`).
	 */
	| {kind: 'items'; from: string[]; rename: Record<string, string[]>; base64?: string[]};

/**
 * How the built-in output differs from the managed one. A later step reading it in a way no rewrite covers keeps the
 * operation managed, whatever the certainty (catalog/apply.ts).
 */
export interface OutputChange {
	/** Plain-language description of how the output differs. */
	change: string;
	certainty: Certainty;
	rewrites?: OutputRewrite[];
	/** The built-in output (or how it is decoded) is not documented by Microsoft's reference. */
	undocumented?: boolean;
}

export interface OperationMapping {
	/** Stable row id, e.g. `sql.executeQuery.v2`. */
	id: string;
	/** The managed operation as a designer user knows it. */
	label: string;
	kind: 'trigger' | 'action';
	/** Lower-case HTTP method. */
	method: string;
	/** Path patterns: literal text plus `{var}` segments (literal, `@{encodeURIComponent(...)}` once or twice). */
	paths: string[];
	/** Matches any path (used only for [U] rows whose managed path is unknown). */
	anyPath?: boolean;
	when?: QueryCondition[];
	/** Built-in operation; undefined when no built-in equivalent exists. */
	operationId?: string;
	/**
	 * The built-in is an action type of its own (`X12Decode`…) that takes `params` directly as its inputs, not a
	 * ServiceProvider operation.
	 */
	actionType?: string;
	/**
	 * Values naming the message or session this step works on (a lock token, a session id). The step must use the
	 * same connector as the step that received that message: both convert, or neither does.
	 */
	pairedBy?: ValueRef[];
	/** Certainty of the whole row (path + operation + parameter mapping). Only C and S are applied automatically. */
	certainty: Certainty;
	params: ParamRule[];
	/**
	 * When any of these is present and non-empty (and not one of `allow`) the mapping is unsafe. `undocumented` marks a
	 * fact Microsoft's built-in reference leaves out (not a limit of this tool).
	 */
	unsupported?: {ref: ValueRef; why: string; allow?: string[]; undocumented?: boolean}[];
	/** A [U] row is unverified because Microsoft's built-in reference leaves out what the conversion needs (see `note`). */
	undocumented?: boolean;
	/** Path variables naming the server/account/database of the connection; non-default literals get their own connection. */
	connectionScope?: {vars: string[]; defaults: string[]};
	output?: OutputChange;
	trigger?: {
		/** Push trigger in Standard: the managed polling `recurrence` is dropped. */
		push?: boolean;
		/** Polling trigger in Standard: written with `kind: "Polling"` next to its recurrence, as the reference workflows do. */
		polling?: boolean;
		/** `drop` removes a managed `splitOn`; a string sets it. Absent keeps what the workflow had. */
		splitOn?: 'drop' | string;
		/** Replace `splitOn` only when the managed trigger already split its output. */
		onlyWhenSplit?: boolean;
		/**
		 * The managed trigger returned the file content, the built-in one returns file metadata: a built-in action named
		 * `name` (`<trigger>` appended when taken) reads the content first, and every root action runs after it.
		 */
		contentStep?: {name: string; operationId: string; parameters: Record<string, unknown>};
	};
	note?: string;
}

export interface CatalogEntry {
	/** Canonical API name (lower-case), as in `.../managedApis/<api>`. */
	api: string;
	aliases: string[];
	displayName: string;
	target: StandardTarget;
	/** Certainty that the target exists as described. */
	certainty: Certainty;
	/** Exact casing from operations.md. */
	serviceProviderId?: string;
	connection?: ConnectionSpec;
	/** For `builtin-action` entries: the action type it covers and how its connection is written. */
	actionType?: ActionTypeSpec;
	/** Its managed triggers are webhooks that call back into the app: they need public inbound access. */
	webhookTrigger?: {needsPublicInbound: boolean; note: string};
	/** Connector exists only as an ISE/VNet-capable connector for private resources (the managed one needs a gateway or public access). */
	reachesPrivateNetwork?: boolean;
	/** The built-in runs only on some hostings: elsewhere every operation stays managed with `reason`. */
	hosting?: {requires: HostingKind; reason: string};
	notes?: string[];
	operations: OperationMapping[];
}

/** A decoded value taken from a managed path. */
export interface PathValue {
	/** Decoded value: the literal, or an interpolated string (`@{expr}`) when it came from an expression. */
	value: string;
	/** True when every part was a literal. */
	literal: boolean;
	/** The expression was not a single value (e.g. `encodeURIComponent(a, b)`): do not trust it. */
	malformed?: boolean;
}

export interface OperationMatch {
	entry: CatalogEntry;
	mapping: OperationMapping;
	/** The path pattern that matched (empty for `anyPath`). */
	pattern: string;
	/** Decoded path variables. */
	values: Record<string, string>;
	pathValues: Record<string, PathValue>;
}
