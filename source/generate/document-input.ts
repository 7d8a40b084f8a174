// What the migration documents (report.md / report.json, cutover.md) are written from: the plan, the reach model and
// what the conversion did to each workflow. One input, so the documents describe the same migration.
import type {Certainty, FlowState} from '../model/index.js';
import type {Plan} from './plan-types.js';
import type {TriggerInfo} from '../analysis/triggers.js';
import type {AppSetting} from './project.js';
import type {ReachModel} from './reach.js';

export interface WorkflowOutcome {
	name: string;
	/** The ISE workflow's resource id (what cut-over disables). */
	id: string;
	folder: string;
	included: boolean;
	kind: 'Stateful' | 'Stateless';
	/** How it is deployed: Disabled until cut-over enables it, or Enabled as decided. */
	flowState: FlowState;
	counts: {builtin: number; managed: number; excluded: number};
	notes: {operation: string; message: string; certainty: Certainty}[];
	/** Its trigger in the Standard project (after conversion). */
	trigger?: TriggerInfo;
	/** Folders of the workflows of this app it calls by name. */
	calls: string[];
	/** Steps that sign in with the app's system-assigned identity (a managed identity with none named). */
	identitySteps: string[];
	/** Steps that sign in with a user-assigned identity they name (its resource id, or the expression naming it). */
	userAssigned: {step: string; identity: string}[];
}

export interface DocumentInput {
	plan: Plan;
	workflows: WorkflowOutcome[];
	appSettings: AppSetting[];
	/** App parameters written empty because the source did not say their value. */
	parametersToFill?: {workflow: string; name: string; why: string}[];
	/** How each system is reached after migration (generate/reach.ts). */
	reach?: ReachModel;
	/** The user-assigned identities (resource ids) the template gives the app because steps sign in with them. */
	userAssignedIdentities?: readonly string[];
	/** The managed API connections the infrastructure template creates. */
	managedConnections?: {name: string; api: string; kind?: string; gateway?: {id?: string}}[];
	/** SOURCE_DATE_EPOCH, else the latest decision's time; absent when neither exists (never the clock). */
	generatedAt?: string;
	toolVersion: string;
	/** Input files the source did not read, with why: listed so nothing is dropped silently. */
	skippedInputs?: readonly {file: string; reason: string}[];
}
