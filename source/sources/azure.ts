// Live Azure as a source: tenants, subscriptions, ISEs, and the complete inventory of one ISE.
// Maps the SDK models onto the model types (the ISE model is not flattened by the SDK; workflows and
// managed APIs are) and drops every secret value on the way in.
import {isRecord} from '../model/text.js';
export {filterSubscriptions, noIseHelp, type SubscriptionInfo} from './azure-text.js';
import {noIseHelp, type SubscriptionInfo} from './azure-text.js';
import type {
	IntegrationAccount as SdkIntegrationAccount,
	IntegrationServiceEnvironment as SdkIse,
	IntegrationServiceEnvironmentManagedApi as SdkManagedApi,
	IntegrationServiceEnvironmentSkuDefinition as SdkSkuDefinition,
	LogicManagementClient,
	Workflow as SdkWorkflow,
} from '@azure/arm-logic';
import {createPipelineRequest, RestError} from '@azure/core-rest-pipeline';
import pLimit from 'p-limit';
import {createLogicClient, createSubscriptionClient} from '../azure/clients.js';
import type {AzureSession} from '../azure/credentials.js';
import {AzureOperationError, describeAzureError, isCancellation, toOperationError, type AzureProblem, type ProblemContext} from '../azure/errors.js';
import type {
	AccessEndpointType,
	ConnectionReference,
	IntegrationAccount,
	Inventory,
	Ise,
	IseManagedApi,
	IseSkuName,
	IseSkuOption,
	ManagedIdentity,
	SourceIssue,
	Workflow,
	WorkflowParameter,
} from '../model/index.js';
import {findCredentials, REDACTED, redactCredentials, redactValue} from '../analysis/credentials.js';
import {applyConnectionFacts, connectionFacts, entryAuthentication, type ConnectionFacts} from './connection-resource.js';

// ─── Tenants and subscriptions ───────────────────────────────────────────────────────────────

export interface TenantInfo {
	tenantId: string;
	displayName?: string;
	defaultDomain?: string;
	/** Home, ProjectedBy (guest), ManagedBy (Lighthouse). */
	category?: string;
}

export interface TenantFailure {
	tenantId: string;
	tenantName?: string;
	problem: AzureProblem;
	/** Readable, names the tenant. */
	message: string;
}

export interface SubscriptionListing {
	subscriptions: SubscriptionInfo[];
	tenants: TenantInfo[];
	/** Tenants whose subscriptions could not be listed, each with its reason. */
	failures: TenantFailure[];
	/** Tenants not listed because an interactive method would have to ask the user to sign in again. */
	needsSignIn: TenantInfo[];
}

interface CallOptions {
	signal?: AbortSignal;
}

const tenantName = (t: TenantInfo) => t.displayName ?? t.defaultDomain ?? t.tenantId;

function tenantNames(tenants: TenantInfo[]): Record<string, string> {
	return Object.fromEntries(tenants.filter(t => t.displayName || t.defaultDomain).map(t => [t.tenantId.toLowerCase(), tenantName(t)]));
}

/** Tenants the signed-in identity can see, home tenant first. */
export async function listTenants(session: AzureSession, options: CallOptions = {}): Promise<TenantInfo[]> {
	const client = createSubscriptionClient(session.config, session.credentialFor(session.homeTenantId));
	const out: TenantInfo[] = [];
	try {
		for await (const t of client.tenants.list({abortSignal: options.signal})) {
			if (!t.tenantId) continue;
			out.push({
				tenantId: t.tenantId,
				...(t.displayName ? {displayName: t.displayName} : {}),
				...(t.defaultDomain ? {defaultDomain: t.defaultDomain} : {}),
				...(t.tenantCategory ? {category: t.tenantCategory} : {}),
			});
		}
	} catch (e) {
		throw toOperationError(e, {action: 'listing tenants', tenantId: session.homeTenantId});
	}
	Object.assign(session.tenantNames, tenantNames(out));
	const home = session.homeTenantId?.toLowerCase();
	return out.sort((a, b) => Number(b.tenantId.toLowerCase() === home) - Number(a.tenantId.toLowerCase() === home) || tenantName(a).localeCompare(tenantName(b)));
}

export interface ListSubscriptionsOptions extends CallOptions {
	/** Tenants to list (default: all from listTenants). */
	tenants?: TenantInfo[];
	/**
	 * With device code or browser sign-in each further tenant asks the user to sign in again.
	 * By default such tenants are returned in `needsSignIn`; name them here to sign in to them now.
	 */
	signInTo?: string[];
}

/** All subscriptions the identity can see, across tenants, each listed with a token of its own tenant. */
export async function listSubscriptions(session: AzureSession, options: ListSubscriptionsOptions = {}): Promise<SubscriptionListing> {
	const failures: TenantFailure[] = [];
	let tenants = options.tenants;
	if (!tenants) {
		try {
			tenants = await listTenants(session, options);
		} catch (e) {
			if (isCancellation(e)) throw e;
			// Still list the home tenant: a missing tenants permission should not hide its subscriptions.
			const home = session.homeTenantId;
			if (!home) throw e;
			tenants = [{tenantId: home}];
			failures.push({tenantId: home, problem: (e as AzureOperationError).problem, message: (e as Error).message});
		}
	}
	const names = {...session.tenantNames, ...tenantNames(tenants)};
	const signInTo = new Set((options.signInTo ?? []).map(t => t.toLowerCase()));
	const needsSignIn: TenantInfo[] = [];
	const todo: TenantInfo[] = [];
	for (const t of tenants) {
		if (session.canUseSilently(t.tenantId) || signInTo.has(t.tenantId.toLowerCase())) todo.push(t);
		else needsSignIn.push(t);
	}

	const listOne = async (t: TenantInfo): Promise<SubscriptionInfo[]> => {
		try {
			const client = createSubscriptionClient(session.config, session.credentialFor(t.tenantId));
			const subs: SubscriptionInfo[] = [];
			for await (const s of client.subscriptions.list({abortSignal: options.signal})) {
				if (!s.subscriptionId) continue;
				const tenantId = s.tenantId ?? t.tenantId;
				subs.push({
					subscriptionId: s.subscriptionId,
					displayName: s.displayName ?? s.subscriptionId,
					tenantId,
					...(names[tenantId.toLowerCase()] ? {tenantName: names[tenantId.toLowerCase()]} : {}),
					...(s.state ? {state: s.state} : {}),
				});
			}
			return subs;
		} catch (e) {
			if (isCancellation(e) || options.signal?.aborted) throw e;
			const problem = describeAzureError(e, {action: `listing subscriptions of tenant ${tenantName(t)}`, tenantId: t.tenantId, tenantNames: names});
			failures.push({
				tenantId: t.tenantId,
				...(names[t.tenantId.toLowerCase()] ? {tenantName: names[t.tenantId.toLowerCase()]} : {}),
				problem,
				message: `Tenant ${tenantName(t)}: ${problem.hint ? `${problem.message} ${problem.hint}` : problem.message}`,
			});
			return [];
		}
	};

	// Interactive sign-ins must not prompt for several tenants at once.
	const results: SubscriptionInfo[][] = [];
	if (session.interactive) {
		for (const t of todo) results.push(await listOne(t));
	} else {
		results.push(...(await Promise.all(todo.map(listOne))));
	}
	const seen = new Set<string>();
	const subscriptions = results
		.flat()
		.filter(s => {
			const k = s.subscriptionId.toLowerCase();
			if (seen.has(k)) return false;
			seen.add(k);
			return true;
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.subscriptionId.localeCompare(b.subscriptionId));
	return {subscriptions, tenants, failures, needsSignIn};
}

// ─── ISE discovery ───────────────────────────────────────────────────────────────────────────

export interface IseSummary {
	id: string;
	name: string;
	subscriptionId: string;
	subscriptionName?: string;
	/** Tenant of the subscription: later calls use its credential. */
	tenantId?: string;
	resourceGroup: string;
	location: string;
	sku: {name: IseSkuName; capacity: number};
	accessEndpoint: AccessEndpointType;
	state?: string;
	provisioningState?: string;
	/** The ISE as read, in model form. */
	ise: Ise;
}

export interface SubscriptionRef {
	subscriptionId: string;
	tenantId?: string;
	displayName?: string;
}

/** ISEs in one subscription, sorted by name. An empty list is a normal answer (see noIseHelp). */
export async function listIses(session: AzureSession, subscription: SubscriptionRef, options: CallOptions = {}): Promise<IseSummary[]> {
	const client = createLogicClient(session.config, session.credentialFor(subscription.tenantId), subscription.subscriptionId);
	const out: IseSummary[] = [];
	try {
		for await (const raw of client.integrationServiceEnvironments.listBySubscription({abortSignal: options.signal})) {
			const ise = mapIse(raw, subscription.subscriptionId);
			out.push({
				id: ise.id,
				name: ise.name,
				subscriptionId: ise.subscriptionId,
				...(subscription.displayName ? {subscriptionName: subscription.displayName} : {}),
				...(subscription.tenantId ? {tenantId: subscription.tenantId} : {}),
				resourceGroup: ise.resourceGroup,
				location: ise.location,
				sku: ise.sku,
				accessEndpoint: ise.accessEndpoint,
				...(ise.state ? {state: ise.state} : {}),
				...(ise.provisioningState ? {provisioningState: ise.provisioningState} : {}),
				ise,
			});
		}
	} catch (e) {
		throw toOperationError(e, {
			action: `listing integration service environments in subscription ${subscription.displayName ?? subscription.subscriptionId}`,
			scope: `/subscriptions/${subscription.subscriptionId}`,
			tenantId: subscription.tenantId,
			tenantNames: session.tenantNames,
		});
	}
	return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

// ─── Mapping SDK models to the model types ───────────────────────────────────────────────────

const RG = /\/resourceGroups\/([^/]+)/i;
export const resourceGroupOf = (id: string) => RG.exec(id)?.[1] ?? '';
const lastSegment = (id: string) => id.split('/').filter(Boolean).pop() ?? id;
const sameId = (a: string | undefined, b: string | undefined) => !!a && !!b && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

const addresses = (list: {address?: string}[] | undefined) => (list ?? []).map(a => a.address).filter((a): a is string => !!a);

function skuName(name: string | undefined): IseSkuName {
	return name === 'Developer' || name === 'Premium' ? name : 'NotSpecified';
}

function accessEndpoint(type: string | undefined): AccessEndpointType {
	return type === 'Internal' || type === 'External' ? type : 'NotSpecified';
}

function identityOf(identity: SdkIse['identity']): ManagedIdentity | undefined {
	if (!identity?.type) return undefined;
	const users = Object.keys(identity.userAssignedIdentities ?? {});
	return {type: identity.type as ManagedIdentity['type'], ...(users.length ? {userAssignedIdentities: users} : {})};
}

export function mapIse(raw: SdkIse, subscriptionId: string): Ise {
	const id = raw.id ?? '';
	const p = raw.properties ?? {};
	const net = p.networkConfiguration ?? {};
	const ep = p.endpointsConfiguration ?? {};
	const key = p.encryptionConfiguration?.encryptionKeyReference;
	const identity = identityOf(raw.identity);
	return {
		id,
		name: raw.name ?? lastSegment(id),
		subscriptionId: /\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? subscriptionId,
		resourceGroup: resourceGroupOf(id),
		location: raw.location ?? '',
		sku: {name: skuName(raw.sku?.name), capacity: raw.sku?.capacity ?? 0},
		...(p.state ? {state: p.state} : {}),
		...(p.provisioningState ? {provisioningState: p.provisioningState} : {}),
		accessEndpoint: accessEndpoint(net.accessEndpoint?.type),
		...(net.virtualNetworkAddressSpace ? {virtualNetworkAddressSpace: net.virtualNetworkAddressSpace} : {}),
		subnets: (net.subnets ?? []).filter(s => s.id).map(s => ({id: s.id!, name: lastSegment(s.id!)})),
		outboundIps: {workflow: addresses(ep.workflow?.outgoingIpAddresses), connector: addresses(ep.connector?.outgoingIpAddresses)},
		accessEndpointIps: {workflow: addresses(ep.workflow?.accessEndpointIpAddresses), connector: addresses(ep.connector?.accessEndpointIpAddresses)},
		...(key?.keyVault?.id && key.keyName
			? {encryption: {keyVaultId: key.keyVault.id, keyName: key.keyName, ...(key.keyVersion ? {keyVersion: key.keyVersion} : {})}}
			: {}),
		...(identity ? {identity} : {}),
		...(raw.tags && Object.keys(raw.tags).length ? {tags: {...raw.tags}} : {}),
	};
}

export function mapManagedApi(api: SdkManagedApi): IseManagedApi {
	const name = api.name ?? api.namePropertiesName ?? '';
	const params = Object.keys(api.connectionParameters ?? {});
	return {
		name,
		...(api.generalInformation?.displayName ? {displayName: api.generalInformation.displayName} : {}),
		...(api.category ? {category: api.category} : {}),
		// Only the names: the definitions may carry defaults, and the model never holds values.
		...(params.length ? {connectionParameterNames: params.sort()} : {}),
	};
}

export function mapSkuOption(d: SdkSkuDefinition): IseSkuOption | undefined {
	if (!d.sku?.name) return undefined;
	return {
		name: d.sku.name,
		...(d.capacity?.minimum !== undefined ? {minCapacity: d.capacity.minimum} : {}),
		...(d.capacity?.maximum !== undefined ? {maxCapacity: d.capacity.maximum} : {}),
		...(d.capacity?.default !== undefined ? {defaultCapacity: d.capacity.default} : {}),
		...(d.capacity?.scaleType ? {scaleType: d.capacity.scaleType} : {}),
	};
}

const SECURE_TYPES = new Set(['securestring', 'secureobject']);


/** `$connections` value entries → references (no values of the connection's own parameters exist here). */
function connectionsOf(parameters: Record<string, unknown> | undefined): ConnectionReference[] {
	const value = isRecord(parameters?.['$connections']) ? (parameters['$connections'] as {value?: unknown}).value : undefined;
	if (!isRecord(value)) return [];
	const out: ConnectionReference[] = [];
	for (const [key, entry] of Object.entries(value)) {
		if (!isRecord(entry)) continue;
		const str = (k: string) => (typeof entry[k] === 'string' ? (entry[k] as string) : '');
		const connectionId = str('connectionId');
		out.push({key, apiId: str('id'), connectionId, connectionName: str('connectionName') || lastSegment(connectionId), ...entryAuthentication(entry)});
	}
	return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Resource-level parameter values; secure ones carry none, and credentials in the others are redacted. */
function parametersOf(parameters: Record<string, unknown> | undefined, credentials: readonly string[]): Record<string, WorkflowParameter> {
	const out: Record<string, WorkflowParameter> = {};
	for (const [name, raw] of Object.entries(parameters ?? {})) {
		if (name === '$connections' || !isRecord(raw)) continue;
		const type = typeof raw['type'] === 'string' ? (raw['type'] as string) : undefined;
		const secure = type !== undefined && SECURE_TYPES.has(type.toLowerCase());
		const value = credentials.includes(name) ? REDACTED : redactValue(raw['value']);
		out[name] = {...(type ? {type} : {}), ...(!secure && 'value' in raw ? {value} : {})};
	}
	return out;
}

function declaresConnections(definition: unknown): boolean {
	return isRecord(definition) && isRecord(definition['parameters']) && '$connections' in (definition['parameters'] as Record<string, unknown>);
}

/** A listed workflow is complete when it has a definition and, if it declares $connections, their values. */
function listedWorkflowIsComplete(wf: SdkWorkflow): boolean {
	if (!isRecord(wf.definition)) return false;
	if (!declaresConnections(wf.definition)) return true;
	const conns = (wf.parameters as Record<string, unknown> | undefined)?.['$connections'];
	return isRecord(conns) && isRecord((conns as {value?: unknown}).value);
}

export function mapWorkflow(wf: SdkWorkflow): Workflow {
	const id = wf.id ?? '';
	const params = wf.parameters as Record<string, unknown> | undefined;
	return {
		id,
		name: wf.name ?? lastSegment(id),
		resourceGroup: resourceGroupOf(id),
		...(wf.location ? {location: wf.location} : {}),
		...(wf.state ? {state: wf.state} : {}),
		// A snapshot of this inventory goes to disk: credentials written into steps are never kept (see credentials.ts).
		definition: isRecord(wf.definition) ? redactCredentials(wf.definition as Record<string, unknown>) : {},
		parameters: parametersOf(params, isRecord(wf.definition) ? findCredentials(wf.definition).parameters : []),
		connections: connectionsOf(params),
		...(wf.integrationAccount?.id ? {integrationAccountId: wf.integrationAccount.id} : {}),
	};
}

// ─── Inventory ───────────────────────────────────────────────────────────────────────────────

export type InventoryItem =
	| {kind: 'ise'}
	| {kind: 'managedApis'}
	| {kind: 'skus'}
	| {kind: 'workflowList'}
	| {kind: 'workflow'; id: string; name: string; resourceGroup: string}
	| {kind: 'integrationAccountList'}
	| {kind: 'integrationAccount'; id: string; name: string; resourceGroup: string; sku?: string}
	| {kind: 'connection'; id: string; name: string; resourceGroup: string};

export interface InventoryFailure {
	item: InventoryItem;
	/** What the item is, for the failure list: "workflow order-intake (rg-orders)". */
	label: string;
	/** Readable reason and what to do. */
	message: string;
	problem: AzureProblem;
}

export interface InventoryProgress {
	/** Requests finished (successfully or not) out of those scheduled so far; total grows as lists reveal items. */
	done: number;
	total: number;
	failed: number;
	/** ISE workflows and integration accounts found so far. */
	workflows: number;
	integrationAccounts: number;
	/** What finished last, e.g. "workflow order-intake". */
	last?: string;
}

export interface InventoryLoad {
	inventory: Inventory;
	/** Items that could not be read; they are left out of the inventory and listed in inventory.issues. */
	failures: InventoryFailure[];
}

export interface LoadOptions extends CallOptions {
	/** Parallel requests (default: config.concurrency). */
	concurrency?: number;
	onProgress?: (progress: InventoryProgress) => void;
}

export function itemLabel(item: InventoryItem): string {
	switch (item.kind) {
		case 'ise':
			return 'the ISE itself';
		case 'managedApis':
			return 'the ISE connectors (managed APIs)';
		case 'skus':
			return 'the ISE SKU options';
		case 'workflowList':
			return 'the list of workflows';
		case 'workflow':
			return `workflow ${item.name} (${item.resourceGroup})`;
		case 'integrationAccountList':
			return 'the list of integration accounts';
		case 'integrationAccount':
			return `integration account ${item.name} (${item.resourceGroup})`;
		case 'connection':
			return `API connection ${item.name} (${item.resourceGroup})`;
	}
}

/** A stable key per item, for the "retry failed" list and for matching issues. */
export function itemKey(item: InventoryItem): string {
	return 'id' in item ? `${item.kind}:${item.id.toLowerCase()}` : item.kind;
}

interface Plan {
	managedApis: boolean;
	skus: boolean;
	workflowList: boolean;
	workflows: Extract<InventoryItem, {kind: 'workflow'}>[];
	integrationAccountList: boolean;
	integrationAccounts: Extract<InventoryItem, {kind: 'integrationAccount'}>[];
	/** API connections to read besides those of the workflows read in this run. */
	connections: Extract<InventoryItem, {kind: 'connection'}>[];
}

/**
 * Read everything the migration needs about one ISE: its connectors and SKUs, every workflow in the
 * subscription that runs in it (matched on the full ISE id, case-insensitively, any resource group),
 * and the integration accounts in it with their map and schema names. Requests run with bounded
 * concurrency; an item that fails is reported (and retried later with retryFailed) without stopping the rest.
 */
export async function loadInventory(session: AzureSession, ise: IseSummary, options: LoadOptions = {}): Promise<InventoryLoad> {
	const plan: Plan = {managedApis: true, skus: true, workflowList: true, workflows: [], integrationAccountList: true, integrationAccounts: [], connections: []};
	return runLoad(session, ise, plan, undefined, options);
}

/** Read again only what failed last time and merge it into the previous inventory. */
export async function retryFailed(session: AzureSession, ise: IseSummary, previous: InventoryLoad, options: LoadOptions = {}): Promise<InventoryLoad> {
	if (!previous.failures.length) return previous;
	const plan: Plan = {managedApis: false, skus: false, workflowList: false, workflows: [], integrationAccountList: false, integrationAccounts: [], connections: []};
	for (const {item} of previous.failures) {
		switch (item.kind) {
			case 'ise':
				return loadInventory(session, ise, options);
			case 'managedApis':
			case 'skus':
			case 'workflowList':
			case 'integrationAccountList':
				plan[item.kind] = true;
				break;
			case 'workflow':
				plan.workflows.push(item);
				break;
			case 'integrationAccount':
				plan.integrationAccounts.push(item);
				break;
			case 'connection':
				plan.connections.push(item);
				break;
		}
	}
	return runLoad(session, ise, plan, previous.inventory, options);
}

async function runLoad(session: AzureSession, summary: IseSummary, plan: Plan, base: Inventory | undefined, options: LoadOptions): Promise<InventoryLoad> {
	const {config} = session;
	const signal = options.signal;
	const client: LogicManagementClient = createLogicClient(config, session.credentialFor(summary.tenantId), summary.subscriptionId);
	const limit = pLimit(options.concurrency ?? config.concurrency);
	const iseId = summary.id;
	const subscriptionLabel = summary.subscriptionName ?? summary.subscriptionId;
	const failures: InventoryFailure[] = [];
	const progress: InventoryProgress = {done: 0, total: 0, failed: 0, workflows: 0, integrationAccounts: 0};
	const emit = (last?: string) => options.onProgress?.({...progress, ...(last ? {last} : {})});

	const scopeOf = (item: InventoryItem): string => {
		if ('id' in item) return item.id;
		if (item.kind === 'workflowList' || item.kind === 'integrationAccountList') return `/subscriptions/${summary.subscriptionId}`;
		return iseId;
	};

	/** Run one item under the limit; on failure record it and resolve undefined. Cancellation propagates. */
	const run = <T>(item: InventoryItem, work: () => Promise<T>): Promise<T | undefined> => {
		progress.total += 1;
		emit();
		return limit(async () => {
			signal?.throwIfAborted();
			const label = itemLabel(item);
			try {
				const result = await work();
				progress.done += 1;
				emit(label);
				return result;
			} catch (e) {
				if (signal?.aborted || isCancellation(e)) throw e;
				const ctx: ProblemContext = {action: `reading ${label}`, scope: scopeOf(item), tenantId: summary.tenantId, tenantNames: session.tenantNames};
				const problem = e instanceof AzureOperationError ? e.problem : describeAzureError(e, ctx);
				failures.push({item, label, problem, message: problem.hint ? `${problem.message} ${problem.hint}` : problem.message});
				progress.done += 1;
				progress.failed += 1;
				emit(label);
				return undefined;
			}
		});
	};

	const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
		const out: T[] = [];
		for await (const x of iterable) out.push(x);
		return out;
	};

	const inventory: Inventory = base
		? structuredClone(base)
		: {
				source: {kind: 'azure', label: `${subscriptionLabel} / ${summary.name}`, capturedAt: new Date().toISOString()},
				ise: structuredClone(summary.ise),
				managedApis: [],
				workflows: [],
				integrationAccounts: [],
			};
	const workflows = new Map(inventory.workflows.map(w => [w.id.toLowerCase(), w]));
	const accounts = new Map(inventory.integrationAccounts.map(a => [a.id.toLowerCase(), a]));
	const rg = summary.resourceGroup;
	const opts = {abortSignal: signal};

	const workflowTasks: Promise<unknown>[] = [];
	const connectionTasks: Promise<unknown>[] = [];
	/** Workflows (lower-case ids) read in this run: their connections are read too. */
	const readThisRun = new Set<string>();
	const connectionFactsById = new Map<string, ConnectionFacts>();
	const missingConnections: SourceIssue[] = [];
	const getWorkflow = (item: Extract<InventoryItem, {kind: 'workflow'}>) =>
		run(item, async () => {
			const wf = await client.workflows.get(item.resourceGroup, item.name, opts);
			if (!sameId(wf.integrationServiceEnvironment?.id, iseId)) return; // moved out of the ISE since listing
			workflows.set(item.id.toLowerCase(), mapWorkflow(wf));
			readThisRun.add(item.id.toLowerCase());
		});
	const loadConnection = (item: Extract<InventoryItem, {kind: 'connection'}>) =>
		run(item, async () => {
			const raw = await getArmResource(client, config.armEndpoint, item.id, CONNECTIONS_API_VERSION, signal);
			if (raw === undefined) {
				missingConnections.push({where: itemLabel(item), message: `the API connection ${item.id} that workflows use does not exist (deleted?): its settings are unknown`});
				return;
			}
			connectionFactsById.set(item.id.toLowerCase(), connectionFacts(isRecord(raw) ? raw['properties'] : undefined));
		});
	const loadAccount = (item: Extract<InventoryItem, {kind: 'integrationAccount'}>) =>
		run(item, async () => {
			const maps = await collect(client.integrationAccountMaps.list(item.resourceGroup, item.name, opts));
			const schemas = await collect(client.integrationAccountSchemas.list(item.resourceGroup, item.name, opts));
			const partners = await collect(client.integrationAccountPartners.list(item.resourceGroup, item.name, opts));
			const agreements = await collect(client.integrationAccountAgreements.list(item.resourceGroup, item.name, opts));
			const byName = <T extends {name: string}>(a: T, b: T) => a.name.localeCompare(b.name);
			accounts.set(item.id.toLowerCase(), {
				id: item.id,
				name: item.name,
				resourceGroup: item.resourceGroup,
				...(item.sku ? {sku: item.sku} : {}),
				maps: maps.map(m => ({name: m.name ?? '', ...(m.mapType ? {type: m.mapType} : {})})).sort(byName),
				schemas: schemas.map(s => ({name: s.name ?? '', ...(s.schemaType ? {type: s.schemaType} : {})})).sort(byName),
				partners: partners.map(p => p.name ?? '').filter(Boolean).sort(),
				agreements: agreements.map(g => ({name: g.name ?? '', ...(g.agreementType ? {type: g.agreementType} : {})})).sort(byName),
			});
		});
	for (const w of plan.workflows) workflowTasks.push(getWorkflow(w));

	const tasks: Promise<unknown>[] = [];
	if (plan.managedApis) {
		tasks.push(run({kind: 'managedApis'}, async () => {
			const apis = await collect(client.integrationServiceEnvironmentManagedApis.list(rg, summary.name, opts));
			inventory.managedApis = apis.map(mapManagedApi).sort((a, b) => a.name.localeCompare(b.name));
		}));
	}
	if (plan.skus) {
		tasks.push(run({kind: 'skus'}, async () => {
			const skus = await collect(client.integrationServiceEnvironmentSkus.list(rg, summary.name, opts));
			inventory.ise.skuOptions = skus.map(mapSkuOption).filter((s): s is IseSkuOption => !!s);
		}));
	}

	let listedWorkflows: SdkWorkflow[] | undefined;
	if (plan.workflowList) {
		tasks.push(run({kind: 'workflowList'}, async () => {
			listedWorkflows = [];
			for await (const wf of client.workflows.listBySubscription(opts)) {
				if (!sameId(wf.integrationServiceEnvironment?.id, iseId) || !wf.id) continue;
				listedWorkflows.push(wf);
				progress.workflows += 1;
				// A workflow listed without its definition or connections is read on its own right away, while
				// the next pages are still coming: pages arrive one after another, reads overlap.
				if (listedWorkflowIsComplete(wf)) {
					workflows.set(wf.id.toLowerCase(), mapWorkflow(wf));
					readThisRun.add(wf.id.toLowerCase());
				} else workflowTasks.push(getWorkflow({kind: 'workflow', id: wf.id, name: wf.name ?? lastSegment(wf.id), resourceGroup: resourceGroupOf(wf.id)}));
				emit();
			}
		}));
	}
	const accountRead = new Set<string>();
	const readAccount = (ia: SdkIntegrationAccount) => {
		if (!ia.id || accountRead.has(ia.id.toLowerCase())) return;
		accountRead.add(ia.id.toLowerCase());
		progress.integrationAccounts += 1;
		workflowTasks.push(loadAccount({
			kind: 'integrationAccount',
			id: ia.id,
			name: ia.name ?? lastSegment(ia.id),
			resourceGroup: resourceGroupOf(ia.id),
			...(ia.sku?.name ? {sku: ia.sku.name} : {}),
		}));
	};
	let listedAccounts: SdkIntegrationAccount[] | undefined;
	if (plan.integrationAccountList) {
		tasks.push(run({kind: 'integrationAccountList'}, async () => {
			listedAccounts = await collect(client.integrationAccounts.listBySubscription(opts));
			// Accounts in the ISE are read at once, alongside the workflow pages.
			for (const ia of listedAccounts) if (sameId(ia.integrationServiceEnvironment?.id, iseId)) readAccount(ia);
		}));
	}

	try {
		await Promise.all(tasks);
		// Plus any account an ISE workflow links to (it had to live in the same ISE anyway).
		const linked = new Set(
			[...[...workflows.values()].map(w => w.integrationAccountId), ...(listedWorkflows ?? []).map(w => w.integrationAccount?.id)]
				.filter((x): x is string => !!x)
				.map(x => x.toLowerCase()),
		);
		for (const ia of listedAccounts ?? []) if (ia.id && linked.has(ia.id.toLowerCase())) readAccount(ia);
		for (const item of plan.integrationAccounts) workflowTasks.push(loadAccount(item));
		await Promise.all(workflowTasks);
		// The API connections of every workflow read in this run (and any that failed before), each read once.
		const toRead = new Map(plan.connections.map((c) => [c.id.toLowerCase(), c]));
		for (const id of readThisRun) {
			for (const ref of workflows.get(id)?.connections ?? []) {
				const item = connectionItem(ref.connectionId);
				if (item && !toRead.has(item.id.toLowerCase())) toRead.set(item.id.toLowerCase(), item);
			}
		}
		connectionTasks.push(...[...toRead.values()].map(loadConnection));
		await Promise.all(connectionTasks);
	} catch (e) {
		limit.clearQueue();
		// Tasks not awaited yet would otherwise surface as unhandled rejections after a cancel.
		for (const t of [...workflowTasks, ...connectionTasks]) t.catch(() => undefined);
		throw e;
	}
	for (const [id, wf] of workflows) {
		if (!readThisRun.has(id) && !wf.connections.some((c) => connectionFactsById.has(c.connectionId.toLowerCase()))) continue;
		wf.connections = wf.connections.map((ref) => {
			const facts = connectionFactsById.get(ref.connectionId.toLowerCase());
			return facts ? applyConnectionFacts(ref, facts) : ref;
		});
	}

	const byName = <T extends {name: string; id: string}>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
	inventory.workflows = [...workflows.values()].sort(byName);
	inventory.integrationAccounts = [...accounts.values()].sort(byName);
	// Issues carried over are for items not retried this time; those retried are replaced by this run's outcome.
	const retried = new Set(failures.map(f => f.label));
	const kept = (base?.issues ?? []).filter(i => !retried.has(i.where) && !planCovers(plan, i.where));
	const issues: SourceIssue[] = [...kept, ...missingConnections, ...failures.map(f => ({where: f.label, message: f.message}))];
	if (issues.length) inventory.issues = issues;
	else delete inventory.issues;
	emit();
	return {inventory, failures};
}

function planCovers(plan: Plan, where: string): boolean {
	const labels = [
		plan.managedApis && itemLabel({kind: 'managedApis'}),
		plan.skus && itemLabel({kind: 'skus'}),
		plan.workflowList && itemLabel({kind: 'workflowList'}),
		plan.integrationAccountList && itemLabel({kind: 'integrationAccountList'}),
		...plan.workflows.map(itemLabel),
		...plan.integrationAccounts.map(itemLabel),
		...plan.connections.map(itemLabel),
	];
	return labels.includes(where);
}

// ─── API connections ─────────────────────────────────────────────────────────────────────────

const CONNECTIONS_API_VERSION = '2016-06-01';
const CONNECTION_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/connections\/([^/]+)$/i;

function connectionItem(id: string): Extract<InventoryItem, {kind: 'connection'}> | undefined {
	const m = CONNECTION_ID.exec(id.trim());
	return m ? {kind: 'connection', id: id.trim(), resourceGroup: m[1]!, name: m[2]!} : undefined;
}

/**
 * GET one ARM resource the typed SDK does not cover (Microsoft.Web/connections) through the Logic client's own
 * pipeline, so sign-in, retries, the endpoint and trusted CAs are exactly those of every other request. Undefined
 * when it does not exist; any other failure throws a RestError the error module reads like the SDK's.
 */
async function getArmResource(client: LogicManagementClient, endpoint: string, id: string, apiVersion: string, signal?: AbortSignal): Promise<unknown> {
	const url = `${endpoint.replace(/\/+$/, '')}${id}?api-version=${apiVersion}`;
	const request = createPipelineRequest({url, method: 'GET', ...(signal ? {abortSignal: signal} : {})});
	const response = await client.sendRequest(request);
	if (response.status === 404) return undefined;
	let body: unknown;
	try {
		body = response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
	} catch {
		body = undefined;
	}
	if (response.status >= 200 && response.status < 300) return body;
	const error = isRecord(body) && isRecord(body['error']) ? body['error'] : {};
	throw new RestError(typeof error['message'] === 'string' ? error['message'] : `HTTP ${response.status}`, {
		statusCode: response.status,
		...(typeof error['code'] === 'string' ? {code: error['code']} : {}),
		request,
		response,
	});
}

// ─── Headless helpers ────────────────────────────────────────────────────────────────────────

/** Find a subscription by id or display name among those the identity can see. */
export async function resolveSubscription(session: AzureSession, idOrName: string, options: CallOptions = {}): Promise<{subscription: SubscriptionInfo; listing: SubscriptionListing}> {
	const listing = await listSubscriptions(session, options);
	const key = idOrName.trim().toLowerCase();
	const byId = listing.subscriptions.find(s => s.subscriptionId.toLowerCase() === key);
	if (byId) return {subscription: byId, listing};
	const byName = listing.subscriptions.filter(s => s.displayName.toLowerCase() === key);
	if (byName.length === 1) return {subscription: byName[0]!, listing};
	const lines: string[] = [];
	if (byName.length > 1) {
		lines.push(`Several subscriptions are named "${idOrName}": ${byName.map(s => s.subscriptionId).join(', ')}. Pass the id instead.`);
	} else {
		lines.push(`Subscription "${idOrName}" is not among those the signed-in identity can see.`);
		if (listing.subscriptions.length) lines.push(`Visible: ${listing.subscriptions.map(s => `${s.displayName} (${s.subscriptionId})`).join(', ')}.`);
		for (const f of listing.failures) lines.push(f.message);
		for (const t of listing.needsSignIn) lines.push(`Tenant ${tenantName(t)} was not searched: sign in to it with --tenant ${t.tenantId}.`);
	}
	throw new AzureOperationError({kind: 'not-found', message: lines.join(' '), transient: false});
}

/** Find an ISE in a subscription by name or full id. */
export async function resolveIse(session: AzureSession, subscription: SubscriptionRef, nameOrId: string, options: CallOptions = {}): Promise<IseSummary> {
	const ises = await listIses(session, subscription, options);
	const key = nameOrId.trim().toLowerCase();
	const hits = ises.filter(i => i.id.toLowerCase() === key || i.name.toLowerCase() === key);
	if (hits.length === 1) return hits[0]!;
	const label = subscription.displayName ?? subscription.subscriptionId;
	if (hits.length > 1) {
		throw new AzureOperationError({kind: 'not-found', message: `Several ISEs are named "${nameOrId}" in ${label}: pass the full resource id (${hits.map(h => h.id).join(', ')}).`, transient: false});
	}
	if (!ises.length) throw new AzureOperationError({kind: 'not-found', message: noIseHelp(label).join(' '), transient: false});
	throw new AzureOperationError({
		kind: 'not-found',
		message: `No ISE named "${nameOrId}" in ${label}. ISEs there: ${ises.map(i => `${i.name} (${i.resourceGroup})`).join(', ')}.`,
		transient: false,
	});
}
