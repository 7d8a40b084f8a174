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
	/** Index of the highlighted item on list steps, so resume lands on the same row. */
	cursor?: number;
	decisions: Decisions;
	outDir?: string;
	createdAt: string;
	updatedAt: string;
	generatedAt?: string;
}
