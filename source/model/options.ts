// Option ids as tables the rules, the wizard, the decisions file and the tests share, so an id is written once.
// An option id is stable across runs (saved decisions name it), so never rename one without a store migration.

/** Where one connector's steps go (also the `target` of a connector effect). */
export const CONNECTOR_OPTION = {builtin: 'builtin', managed: 'managed', exclude: 'exclude'} as const;
/** A per-workflow connector choice: the three targets, or follow the connector-wide one. */
export const WORKFLOW_CONNECTOR_OPTION = {inherit: 'inherit', ...CONNECTOR_OPTION} as const;
/** A single step that stays on the managed connector. */
export const STEP_OPTION = {keepManaged: 'keep-managed', managedInWorkflow: 'managed-in-workflow'} as const;
/** A step that matches a known export failure. */
export const PREFLIGHT_OPTION = {convert: 'convert', keepManaged: 'keep-managed'} as const;
/** Findings that only ask to be acknowledged. */
export const ACKNOWLEDGE_OPTION = {acknowledge: 'acknowledge'} as const;
export const INBOUND_OPTION = {privateEndpoint: 'private-endpoint', publicRestricted: 'public-restricted', public: 'public'} as const;
export const WEBHOOK_OPTION = {convert: 'convert', publicRestricted: 'public-restricted', exclude: 'exclude'} as const;
export const OUTBOUND_OPTION = {nat: 'nat', noNat: 'no-nat'} as const;
export const KEY_OPTION = {storageCmk: 'storage-cmk', microsoftManaged: 'microsoft-managed'} as const;
export const INTEGRATION_ACCOUNT_OPTION = {account: 'account', artifacts: 'artifacts'} as const;
export const CUSTOM_CONNECTOR_OPTION = {apim: 'apim', http: 'http', customBuiltin: 'custom-builtin', exclude: 'exclude'} as const;
/** How a connection that stays on a managed connector reaches a system the ISE reached inside its network. */
export const REACH_OPTION = {gateway: 'gateway', public: 'public', convert: 'convert'} as const;
/** Hosting: Workflow Standard sizes, or an App Service Environment v3 (new, or existing by its resource id). */
export const SIZING_OPTION = {dev: 'dev', lean: 'lean', balanced: 'balanced', headroom: 'headroom', aseNew: 'ase-new', aseExisting: 'ase-existing'} as const;
/** Whether a workflow is deployed disabled (enabled in cut-over, after its ISE original stops) or enabled at once. */
export const FLOW_STATE_OPTION = {disabled: 'disabled', enabled: 'enabled'} as const;
/** The region of a source that does not say where it ran: the option takes the region as its value. */
export const REGION_OPTION = {region: 'region'} as const;
/** Workflow pre-flight findings. */
export const WORKFLOW_OPTION = {
	review: 'review',
	keep: 'keep',
	rewire: 'rewire',
	keyVault: 'key-vault',
	appSettings: 'app-settings',
	stateful: 'stateful',
	stateless: 'stateless',
	accept: 'accept',
	exclude: 'exclude',
	acknowledge: 'acknowledge',
} as const;

type ValuesOf<T> = T[keyof T];
export type ConnectorOptionId = ValuesOf<typeof CONNECTOR_OPTION>;
export type CustomConnectorOptionId = ValuesOf<typeof CUSTOM_CONNECTOR_OPTION>;
export type InboundOptionId = ValuesOf<typeof INBOUND_OPTION>;

/** Subnet size options are made from the prefix length. */
export function subnetOptionId(prefix: number): string {
	return `prefix-${prefix}`;
}
