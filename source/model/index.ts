export type * from './inventory.js';
export {
	INFERRED_ISE_TAG,
	PLACEHOLDER_LOCATION,
	PLACEHOLDER_RESOURCE_GROUP,
	PLACEHOLDER_SUBSCRIPTION,
	WORKFLOW_DEFINITION_SCHEMA,
	iseInferred,
	isUserAssignedIdentityId,
	managedIdentitySignIn,
	signsInWithManagedIdentity,
	isWorkflowDefinitionSchema,
	olderDefinitionLanguage,
} from './inventory.js';
export type * from './finding.js';
export type * from './session.js';
export type * from './fileset.js';
export {fileText, isStreamed} from './fileset.js';
export {parseApiId, type ApiRef} from './api-id.js';
export * from './decisions.js';
export {AREA_OF_KIND, REVIEW_AREAS} from './finding.js';
export * from './options.js';
export {ASE_ID_EXAMPLE, REGION_EXAMPLE, checkOptionValue, normalizeRegion, parseAseId, type OptionValueCheck} from './option-input.js';
export {STEPS, nextStep, stepNumber, stepTitle, stepsBefore, type StepInfo} from './steps.js';
