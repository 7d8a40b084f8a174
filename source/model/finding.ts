// Findings are what the admin reviews and decides. A finding never carries code: its options carry
// declarative effects that plan() applies, so rules and generation stay decoupled.
import type {CustomerManagedKey} from './inventory.js';
import type {ConnectorOptionId, CustomConnectorOptionId, InboundOptionId} from './options.js';

export type Severity = 'blocker' | 'warning' | 'info';
/** How sure the underlying fact is: [C] confirmed in a primary source, [S] secondary, [U] our inference. */
export type Certainty = 'C' | 'S' | 'U';

/** The rule family a finding belongs to; each has one file under analysis/rules. */
export type FindingKind =
	| 'sku'
	| 'endpoint'
	| 'cmk'
	| 'outbound-ip'
	| 'subnets'
	| 'connector'
	| 'custom-connector'
	| 'integration-account'
	| 'workflow'
	| 'source';

/** The review screens findings are grouped under. */
export type ReviewArea = 'sizing' | 'network' | 'security' | 'connectors' | 'workflows';

/** The review area of each rule family: a finding's area follows from its kind, never set by hand. */
export const AREA_OF_KIND: Readonly<Record<FindingKind, ReviewArea>> = {
	sku: 'sizing',
	endpoint: 'network',
	'outbound-ip': 'network',
	subnets: 'network',
	cmk: 'security',
	connector: 'connectors',
	'custom-connector': 'connectors',
	'integration-account': 'connectors',
	workflow: 'workflows',
	source: 'workflows',
};

/** The areas in the order the review screens show them. */
export const REVIEW_AREAS: readonly ReviewArea[] = ['sizing', 'network', 'security', 'connectors', 'workflows'];

export type WsPlan = 'WS1' | 'WS2' | 'WS3';
export type ConnectorTarget = ConnectorOptionId;
export type InboundMode = InboundOptionId;
/** A managed connector outside the network: through an on-premises data gateway, or to a public endpoint that allows the AzureConnectors tag. */
export type ReachVia = 'gateway' | 'public';
export type CustomConnectorTarget = CustomConnectorOptionId;
/** Where the Standard app runs: a Workflow Standard plan (shared compute) or an App Service Environment v3. */
export type HostingKind = 'ws' | 'ase';
/** Isolated v2 App Service plan sizes, the only plans an App Service Environment v3 runs. */
export type IsolatedPlan = 'I1v2' | 'I2v2' | 'I3v2' | 'I4v2' | 'I5v2' | 'I6v2';
/** A new App Service Environment made by the template, or one that exists already (its id is the option's value). */
export type AseSource = 'new' | 'existing';
/** Whether a deployed workflow starts at once or waits to be enabled in cut-over (app setting `Workflows.<name>.FlowState`). */
export type FlowState = 'Disabled' | 'Enabled';

export type Effect =
	| {type: 'hosting'; kind: 'ws'; plan: WsPlan; instances: number; apps: number}
	/** With `ase: 'existing'` the App Service Environment's resource id is the decision's value (see FindingOption.input). */
	| {type: 'hosting'; kind: 'ase'; plan: IsolatedPlan; instances: number; ase: AseSource}
	| {type: 'inbound'; mode: InboundMode}
	| {type: 'outbound'; natGateway: boolean}
	| {type: 'storage-cmk'; enabled: boolean; key?: CustomerManagedKey}
	| {type: 'subnets'; integrationPrefixLength: number; privateEndpointPrefixLength: number}
	/** Per connector (api name); with `workflow` it overrides the connector choice for that workflow only. */
	| {type: 'connector'; api: string; target: ConnectorTarget; workflow?: string}
	| {type: 'custom-connector'; api: string; target: CustomConnectorTarget}
	| {type: 'integration-account'; mode: 'account' | 'artifacts'}
	| {type: 'workflow'; workflow: string; include?: boolean; kind?: 'Stateful' | 'Stateless'; flowState?: FlowState}
	/** The Azure region the app goes to, when the source does not say: the decision's value (FindingOption.input `azure-region`). */
	| {type: 'location'}
	/** How one managed API connection (by its lower-case connection id) reaches its system once it runs outside the ISE. */
	| {type: 'reach'; connection: string; via: ReachVia}
	/**
	 * Acknowledged: changes no file, but is recorded in the report and the cut-over list. A task about one workflow
	 * names it, so it is dropped when that workflow is left out of the migration.
	 */
	| {type: 'acknowledge'; todo?: string; workflow?: string};

export interface FindingOption {
	id: string;
	label: string;
	/** Plain-language consequence of choosing this option. */
	consequence: string;
	effects: Effect[];
	/** The option needs a value from the admin (typed in the wizard, `value` in a decisions file). */
	input?: OptionInput;
}

/** Kinds of value an option can take; each has one validator in model/option-input.ts. */
export type OptionInputKind = 'ase-resource-id' | 'azure-region';

export interface OptionInput {
	kind: OptionInputKind;
	/** What to type, as a prompt. */
	prompt: string;
	/** A well-formed example. */
	example: string;
}

export interface FindingSubject {
	type: 'ise' | 'connector' | 'workflow' | 'operation' | 'integration-account' | 'source';
	/** Stable key of the subject: api name, workflow name, `workflow/action`… */
	key: string;
	name: string;
}

export interface Finding {
	/** Stable across runs: `${kind}:${subject.key}[:detail]`, so saved decisions re-apply after a new inventory. */
	id: string;
	kind: FindingKind;
	area: ReviewArea;
	severity: Severity;
	certainty: Certainty;
	subject: FindingSubject;
	title: string;
	/** Why this matters, in plain language; may span a few sentences. */
	detail: string;
	/** Workflows concerned, by name (for the report and the resolve screen). */
	workflows?: string[];
	options: FindingOption[];
	/** Option id. */
	recommended: string;
	/** Set when this finding asks the same question as others: they show as one group row, decided at once. */
	group?: FindingGroupSpec;
	/**
	 * The finding only matters while this holds (judged on the connector choices); otherwise it is closed: it asks
	 * nothing, counts for nothing and its option has no effect. E.g. "this Blob step cannot convert" is moot when
	 * Blob stays managed anyway.
	 */
	relevantWhen?: Relevance;
}

/** An option of a group: the same id as the members' options, with a label that speaks for all of them. */
export interface GroupOption {
	id: string;
	label: string;
	consequence: string;
}

/**
 * What the members of a group share. Every member carries the same object; choosing a group option applies each
 * member's own option of that id (so each keeps its own effects), unless the member has a decision of its own.
 */
export interface FindingGroupSpec {
	/** Members share it; the group's decision is saved under `group:<key>`. */
	key: string;
	title: string;
	detail: string;
	options: GroupOption[];
	recommended: string;
}

export type Relevance = {
	type: 'connector-target';
	api: string;
	/** The connector's display name, for the reason shown when the finding is closed. */
	apiName: string;
	workflow: string;
	target: ConnectorTarget;
	/** Also only on this hosting (a built-in that runs on one hosting only, e.g. File System on App Service Environment v3). */
	hosting?: HostingKind;
};

export interface Decision {
	findingId: string;
	optionId: string;
	/**
	 * Who chose: the admin (the default), `recommended` when `generate` took every recommendation without a review,
	 * `accepted` when the admin accepted a screen's or a group's recommendations in one go.
	 */
	by?: 'admin' | 'recommended' | 'accepted';
	note?: string;
	/** The value an option with an `input` takes (e.g. an App Service Environment's resource id), validated on entry. */
	value?: string;
	/** ISO time. */
	decidedAt: string;
}

export type Decisions = Record<string, Decision>;
