export type * from './inventory.js';
export type * from './finding.js';
export type * from './plan.js';
export type * from './session.js';
export type * from './fileset.js';
export {parseApiId, type ApiRef} from './api-id.js';
