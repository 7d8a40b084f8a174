// The application layer: what a user does with ise-migrate, as plain functions over injected ports. The wizard
// (app.tsx) and every headless command reach the pipeline only through here.
export * from './types.js';
export {openSession, prepareMigration, reopenSource, type OpenedSession} from './open.js';
export {applyChange, decisionsFromMap, DecisionsFileError, recommendedDecisions, SaveError, saveChange, type Change} from './decide.js';
export {checkOutput, previewProject, SelfCheckError, writeProject, type Preview, selfCheckMessage} from './preview.js';
export {sessionSummaries, sourceLabel, type SessionSummary} from './sessions.js';
export {reportTime, sourceDateEpoch} from './report-time.js';
