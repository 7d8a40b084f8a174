export {convertWorkflow, connectionIdentity, planConnectionNames} from './convert.js';
export {buildConnectionsJson, type ConnectionsJson} from './connections.js';
export type * from './types.js';
export {rewriteFunctionAndApiManagementActions, type ActionRewrite} from './actions.js';
