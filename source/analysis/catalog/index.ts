// The connector catalog: public API. Entries are data under ./entries; lookup.ts finds them and matches managed
// operations against their rows; workflow-plan.ts decides, per workflow, which steps become built-in.
export type * from './types.js';
export {planOperation, isConfident, minCertainty, isDynamic, type OperationPlan, type PlanNote, type PlanOptions} from './apply.js';
export {assessOperation, type Assessment} from './assess.js';
export {scanReferences, triggerBodyExpressions, type ReferenceScan} from './expressions.js';
export {B2B_APIS} from './entries/b2b.js';
export {
	allCatalogEntries,
	apiOfConnection,
	catalogEntry,
	catalogEntryForActionType,
	connectionResourceName,
	matchOperation,
	matchOperationObject,
	type OperationToMatch,
} from './lookup.js';
export {
	planWorkflowConversion,
	type PlannedOperation,
	type WorkflowPlan,
	type WorkflowPlanNote,
	type WorkflowPlanOptions,
} from './workflow-plan.js';
export {conversionCoverage, type Coverage, type CoverageStep} from './coverage.js';
