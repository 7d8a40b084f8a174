// The live-Azure sub-flow inside steps 1 (Source) and 2 (ISE): sign in, choose a subscription, choose an ISE,
// read its inventory. Pure: events in, state out. The wizard's runner (runner.ts) runs whatever `workOf(state)` names and reports the
// outcome back as events; leaving a phase (Esc) changes the work, and it aborts what no longer applies.
import type {AuthChoice, AuthMethod, DeviceCodePrompt} from '../azure/credentials.js';
import type {StepId} from '../model/index.js';
import type {InventoryLoad, InventoryProgress, IseSummary, SubscriptionInfo, SubscriptionListing, TenantInfo} from '../sources/azure.js';

export type AzurePhase = 'off' | 'method' | 'signing-in' | 'subscriptions' | 'ises' | 'loading' | 'failures';

/** A saved session's ISE: after sign-in the flow goes straight to it instead of the subscription list. */
export interface AzureTarget {
	subscriptionId: string;
	subscriptionName?: string;
	tenantId?: string;
	cloud?: string;
	iseId: string;
}

export interface SignedIn {
	method: AuthMethod;
	account?: string;
	tenantId?: string;
	tenantName?: string;
	/** The cloud signed in to (a saved session resumes there). */
	cloud?: string;
	/** Methods the automatic order passed over before this one, and why. */
	skipped: {method: AuthMethod; reason: string}[];
}

export interface AzureFlowState {
	phase: AzurePhase;
	target?: AzureTarget;
	/** The sign-in method asked for (the automatic order, or one method). */
	choice?: AuthChoice;
	/** The method being tried right now. */
	trying?: AuthMethod;
	/** A device code waiting for the admin to enter it. */
	prompt?: DeviceCodePrompt;
	signedIn?: SignedIn;
	listing?: SubscriptionListing;
	/** Type-to-filter text of the subscription list. */
	query: string;
	/** A further tenant being signed in to from the subscription list. */
	tenant?: TenantInfo;
	subscription?: SubscriptionInfo;
	ises?: IseSummary[];
	ise?: IseSummary;
	progress?: InventoryProgress;
	/** The last inventory read, kept while some of it failed (retry merges into it). */
	load?: InventoryLoad;
	/** Set when the last read is being read again (only the failed items). */
	retrying?: boolean;
	/** What failed in this phase, already readable; the phase's work waits for a retry. */
	error?: string;
	/** A one-line note for the message row. */
	message?: {kind: 'info' | 'error'; text: string};
}

export type AzureFlowEvent =
	| {type: 'start'; choice?: AuthChoice; target?: AzureTarget; signedIn?: SignedIn}
	| {type: 'choose-method'; choice: AuthChoice}
	| {type: 'attempt'; method: AuthMethod}
	| {type: 'device-code'; prompt: DeviceCodePrompt}
	| {type: 'signed-in'; who: SignedIn}
	| {type: 'failed'; error: string}
	| {type: 'retry'}
	| {type: 'subscriptions'; listing: SubscriptionListing}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'sign-in-tenant'; tenant: TenantInfo}
	| {type: 'choose-subscription'; subscription: SubscriptionInfo}
	| {type: 'ises'; ises: IseSummary[]}
	| {type: 'choose-ise'; ise: IseSummary}
	| {type: 'progress'; progress: InventoryProgress}
	| {type: 'loaded'; load: InventoryLoad}
	| {type: 'back'}
	| {type: 'close'};

export const azureIdle: AzureFlowState = {phase: 'off', query: ''};

/** What app.tsx must run for the state to move on; undefined while waiting for the admin. */
export type AzureWork =
	| {kind: 'sign-in'; choice: AuthChoice}
	| {kind: 'subscriptions'; tenant?: TenantInfo}
	| {kind: 'ises'; subscription: SubscriptionInfo}
	| {kind: 'inventory'; ise: IseSummary}
	| {kind: 'retry'; ise: IseSummary; load: InventoryLoad};

const label = (t: TenantInfo) => t.displayName ?? t.defaultDomain ?? t.tenantId;

/** The subscription a saved session points at, before (or without) listing subscriptions. */
function targetSubscription(t: AzureTarget): SubscriptionInfo {
	return {subscriptionId: t.subscriptionId, displayName: t.subscriptionName ?? t.subscriptionId, tenantId: t.tenantId ?? ''};
}

function afterSignIn(state: AzureFlowState): AzureFlowState {
	const base = {...state, phase: state.target ? ('ises' as const) : ('subscriptions' as const), trying: undefined, prompt: undefined, error: undefined};
	return state.target ? {...base, subscription: targetSubscription(state.target), ises: undefined} : base;
}

export function azureReducer(state: AzureFlowState, event: AzureFlowEvent): AzureFlowState {
	switch (event.type) {
		case 'start': {
			const fresh: AzureFlowState = {...azureIdle, target: event.target, choice: event.choice};
			if (event.signedIn) return afterSignIn({...fresh, signedIn: event.signedIn, choice: event.choice ?? event.signedIn.method});
			return event.choice ? {...fresh, phase: 'signing-in'} : {...fresh, phase: 'method'};
		}
		case 'choose-method':
			return {...state, phase: 'signing-in', choice: event.choice, trying: undefined, prompt: undefined, error: undefined, message: undefined, signedIn: undefined, listing: undefined};
		case 'attempt':
			return {...state, trying: event.method, prompt: undefined};
		case 'device-code':
			return {...state, prompt: event.prompt};
		case 'signed-in':
			return afterSignIn({...state, signedIn: event.who, message: undefined});
		case 'failed':
			// A further tenant that could not be signed in to leaves the list as it was, usable.
			if (state.phase === 'subscriptions' && state.tenant && state.listing) {
				return {...state, tenant: undefined, prompt: undefined, message: {kind: 'error', text: event.error}};
			}
			return {...state, error: event.error, prompt: undefined, trying: undefined, tenant: undefined};
		case 'retry':
			if (state.phase === 'failures') return {...state, phase: 'loading', retrying: true, error: undefined, progress: undefined};
			return {...state, error: undefined, message: undefined};
		case 'subscriptions': {
			const home = event.listing.tenants.find((t) => t.tenantId.toLowerCase() === state.signedIn?.tenantId?.toLowerCase());
			const signedIn = state.signedIn && home ? {...state.signedIn, tenantName: label(home)} : state.signedIn;
			return {...state, listing: event.listing, signedIn, tenant: undefined, prompt: undefined, error: undefined};
		}
		case 'type':
			return state.phase === 'subscriptions' && !state.tenant ? {...state, query: state.query + event.text} : state;
		case 'erase':
			return state.phase === 'subscriptions' ? {...state, query: state.query.slice(0, -1)} : state;
		case 'sign-in-tenant':
			return {...state, tenant: event.tenant, prompt: undefined, error: undefined, message: undefined};
		case 'choose-subscription':
			return {...state, phase: 'ises', subscription: event.subscription, ises: undefined, ise: undefined, error: undefined, message: undefined};
		case 'ises': {
			const target = state.target;
			if (!target) return {...state, ises: event.ises, error: undefined};
			const hit = event.ises.find((i) => i.id.toLowerCase() === target.iseId.toLowerCase());
			if (hit) return {...state, ises: event.ises, phase: 'loading', ise: hit, progress: undefined, load: undefined, error: undefined};
			const name = target.iseId.split('/').pop() ?? target.iseId;
			// The saved ISE is gone (deleted, or the identity lost access): show what is there instead.
			return {
				...state,
				ises: event.ises,
				target: undefined,
				message: {kind: 'error', text: `The saved session's ISE ${name} was not found in subscription ${target.subscriptionName ?? target.subscriptionId}.`},
			};
		}
		case 'choose-ise':
			return {...state, phase: 'loading', ise: event.ise, progress: undefined, load: undefined, retrying: undefined, error: undefined, message: undefined};
		case 'progress':
			return {...state, progress: event.progress};
		case 'loaded':
			return {...state, load: event.load, phase: event.load.failures.length > 0 ? 'failures' : 'loading', retrying: undefined, error: undefined};
		case 'back':
			return back(state);
		case 'close':
			return azureIdle;
	}
}

function back(state: AzureFlowState): AzureFlowState {
	const quiet = {error: undefined, message: undefined, prompt: undefined, trying: undefined};
	switch (state.phase) {
		case 'off':
		case 'method':
			return azureIdle;
		case 'signing-in':
			return {...state, ...quiet, phase: 'method', signedIn: undefined, message: state.error ? undefined : {kind: 'info', text: 'Sign-in cancelled.'}};
		case 'subscriptions':
			if (state.tenant) return {...state, ...quiet, tenant: undefined, message: {kind: 'info', text: `Sign-in to tenant ${label(state.tenant)} cancelled.`}};
			if (state.query) return {...state, query: ''};
			// Leaving the list signs out: the next step is choosing how to sign in again.
			return {...azureIdle, phase: 'method', choice: state.choice, message: {kind: 'info', text: 'Signed out.'}};
		case 'ises':
			return {...state, ...quiet, phase: 'subscriptions', target: undefined, ises: undefined, ise: undefined};
		case 'loading':
		case 'failures':
			return {
				...state,
				...quiet,
				phase: 'ises',
				ise: undefined,
				load: undefined,
				progress: undefined,
				retrying: undefined,
				message: state.phase === 'loading' ? {kind: 'info', text: 'Reading the inventory was cancelled.'} : undefined,
			};
	}
}

export function workOf(state: AzureFlowState): AzureWork | undefined {
	if (state.error) return undefined;
	switch (state.phase) {
		case 'signing-in':
			return state.choice ? {kind: 'sign-in', choice: state.choice} : undefined;
		case 'subscriptions':
			if (state.tenant) return {kind: 'subscriptions', tenant: state.tenant};
			return state.listing ? undefined : {kind: 'subscriptions'};
		case 'ises':
			return state.subscription && !state.ises ? {kind: 'ises', subscription: state.subscription} : undefined;
		case 'loading':
			if (!state.ise) return undefined;
			if (state.retrying && state.load) return {kind: 'retry', ise: state.ise, load: state.load};
			return state.load ? undefined : {kind: 'inventory', ise: state.ise};
		default:
			return undefined;
	}
}

/** Identity of a piece of work: the same key means the same request, already running. */
export function workKey(work: AzureWork): string {
	switch (work.kind) {
		case 'sign-in':
			return `sign-in:${work.choice}`;
		case 'subscriptions':
			return `subscriptions:${work.tenant?.tenantId ?? ''}`;
		case 'ises':
			return `ises:${work.subscription.subscriptionId}`;
		case 'inventory':
			return `inventory:${work.ise.id}`;
		case 'retry':
			return `retry:${work.ise.id}:${work.load.failures.length}`;
	}
}

/** Which of the nine steps the phase belongs to: sign-in and subscriptions are the Source, ISE pick and load the ISE. */
export function stepOfPhase(phase: AzurePhase): StepId {
	return phase === 'ises' || phase === 'loading' || phase === 'failures' ? 'ise' : 'start';
}
