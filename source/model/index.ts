export type * from './inventory.js';
export type * from './finding.js';
export type * from './plan.js';
export type * from './session.js';
export type * from './fileset.js';
export {parseApiId, type ApiRef} from './api-id.js';
export * from './decisions.js';
export {AREA_OF_KIND, REVIEW_AREAS} from './finding.js';
export * from './options.js';
