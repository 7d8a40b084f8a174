import type {Decisions} from './finding.js';
import type {SourceKind} from './inventory.js';

/** Where a session's inventory comes from, enough to load it again (never credentials). */
export interface SourceRef {
	kind: SourceKind;
	/** Snapshot file or template folder. */
	path?: string;
	subscriptionId?: string;
	/** The subscription's display name when it was read, for the resume list. */
	subscriptionName?: string;
	tenantId?: string;
	cloud?: string;
	iseId?: string;
}

export type StepId =
	| 'start'
	| 'ise'
	| 'sku'
	| 'endpoint'
	| 'key'
	| 'connectors'
	| 'resolve'
	| 'generate'
	| 'done';

export interface Session {
	id: string;
	source: SourceRef;
	iseName: string;
	/** Fingerprint of the inventory the decisions were made on. */
	fingerprint: string;
	step: StepId;
	/** Index of the highlighted item on list steps (sessions saved before `position` existed). */
	cursor?: number;
	/** Where the admin was on the step: the highlighted finding or group, and the filter and search in use. */
	position?: ReviewPosition;
	decisions: Decisions;
	outDir?: string;
	createdAt: string;
	updatedAt: string;
	generatedAt?: string;
}

/** Where a review step stood: resume lands on the same finding with the same filter and search. */
export interface ReviewPosition {
	/** Row id: a finding id, a group id, or `<group id>><finding id>` for a member. */
	focus?: string;
	filter?: 'all' | 'undecided' | 'blockers';
	query?: string;
	area?: string;
	/** Groups that were open. */
	expanded?: string[];
}
