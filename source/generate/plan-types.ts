// The plan: the inventory's facts with every decision applied, which generate() turns into files. It lives with
// generate, not in the model, because it carries the analysis' operation index: the model stays below analysis.
import type {OperationIndex} from '../analysis/operations.js';
import type {
	ConnectorTarget,
	CustomConnectorTarget,
	CustomerManagedKey,
	Decisions,
	Finding,
	FlowState,
	InboundMode,
	Inventory,
	IsolatedPlan,
	ReachVia,
	WsPlan,
} from '../model/index.js';

export interface PlannedWorkflow {
	/** The ISE workflow's name. */
	name: string;
	/** Folder name in the project: safe on every file system, unique. */
	folder: string;
	kind: 'Stateful' | 'Stateless';
	include: boolean;
	/**
	 * How it is deployed: `Disabled` (the default) waits for cut-over to enable it once its ISE original has stopped,
	 * so no item is processed by both; `Enabled` starts at once. Written as the app setting `Workflows.<folder>.FlowState`.
	 */
	flowState: FlowState;
}

/** Everything generate() needs, decided: the inventory's facts with every finding's chosen option applied. */
export interface Plan {
	/** The facts the plan was made from (generate() reads workflows and connections from here). */
	inventory: Inventory;
	/** Every connection-using step of the inventory, resolved once by analysis. */
	operations: OperationIndex;
	iseName: string;
	/** Suggested Standard logic app name. */
	appName: string;
	/** The Azure region: the source's, else the one the admin gave; empty when neither says (never a placeholder). */
	location: string;
	hosting: Hosting;
	inbound: InboundMode;
	outbound: {natGateway: boolean; trustedIps: string[]};
	subnets: {integrationPrefixLength: number; privateEndpointPrefixLength: number};
	storageCmk: {enabled: boolean; key?: CustomerManagedKey};
	/** Per API name. */
	connectors: Record<string, ConnectorTarget>;
	/** Per workflow name, per API name. */
	connectorOverrides: Record<string, Record<string, ConnectorTarget>>;
	customConnectors: Record<string, CustomConnectorTarget>;
	/** How managed API connections reach their systems outside the ISE's network, by lower-case connection id (reach findings). */
	reach: Record<string, ReachVia>;
	integrationAccount: 'account' | 'artifacts' | 'none';
	workflows: PlannedWorkflow[];
	/** Acknowledged items that become cut-over tasks. */
	todos: {findingId: string; text: string; workflow?: string}[];
	findings: Finding[];
	decisions: Decisions;
	/** Blockers the admin has not decided. */
	unresolved: Finding[];
}

/** Where the app runs. Every later step (conversion, networking, template, cut-over, report) reads this. */
export type Hosting = WsHosting | AseHosting;

export interface WsHosting {
	kind: 'ws';
	plan: WsPlan;
	/** Always-ready instances per app. */
	instances: number;
	apps: number;
}

export interface AseHosting {
	kind: 'ase';
	plan: IsolatedPlan;
	/** Instances of the one Isolated v2 plan (no elastic scale-out: autoscale rules add more). */
	instances: number;
	/** One app on one plan: an ASE scales a plan to 100 instances, so there is no reason to split. */
	apps: 1;
	ase: AsePlacement;
}

export type AsePlacement =
	| {
			source: 'new';
			/** Suggested name (at most 36 characters); a template parameter. */
			name: string;
			/** Internal load balancer (ILB): apps reachable only in the network. Follows the inbound decision. */
			internal: boolean;
			/** Prefix length of the ASE's own subnet, delegated to Microsoft.Web/hostingEnvironments. */
			subnetPrefixLength: number;
	  }
	| {
			source: 'existing';
			/** Its resource id, from the decision's value; absent when none was given (the template then asks for it). */
			id?: string;
			name?: string;
			internal: boolean;
	  };
