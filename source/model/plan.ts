import type {OperationIndex} from '../analysis/operations.js';
import type {CustomerManagedKey, Inventory} from './inventory.js';
import type {
	ConnectorTarget,
	CustomConnectorTarget,
	Decisions,
	Finding,
	InboundMode,
	WsPlan,
} from './finding.js';

export interface PlannedWorkflow {
	/** The ISE workflow's name. */
	name: string;
	/** Folder name in the project: safe on every file system, unique. */
	folder: string;
	kind: 'Stateful' | 'Stateless';
	include: boolean;
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
	location: string;
	hosting: {plan: WsPlan; instances: number; apps: number};
	inbound: InboundMode;
	outbound: {natGateway: boolean; trustedIps: string[]};
	subnets: {integrationPrefixLength: number; privateEndpointPrefixLength: number};
	storageCmk: {enabled: boolean; key?: CustomerManagedKey};
	/** Per API name. */
	connectors: Record<string, ConnectorTarget>;
	/** Per workflow name, per API name. */
	connectorOverrides: Record<string, Record<string, ConnectorTarget>>;
	customConnectors: Record<string, CustomConnectorTarget>;
	integrationAccount: 'account' | 'artifacts' | 'none';
	workflows: PlannedWorkflow[];
	/** Acknowledged items that become cut-over tasks. */
	todos: {findingId: string; text: string}[];
	findings: Finding[];
	decisions: Decisions;
	/** Blockers the admin has not decided. */
	unresolved: Finding[];
}
