// Preview and write: the plan and the exact file set, and what writing it would meet on disk. The wizard shows the
// preview before the admin confirms, and writes that same file set; the headless command does both at once.
import type {Decisions, FileSet, Finding} from '../model/index.js';
import type {Plan} from '../generate/index.js';
import {unresolvedBlockers} from '../model/decisions.js';
import {checkProject, generate, plan as makePlan, selfCheckMessage, type ProjectProblem} from '../generate/index.js';
import type {WriteResult} from '../generate/write.js';
import type {DiskPort, Migration, SessionRepository} from './types.js';
import {reportTime} from './report-time.js';

export interface Preview {
	plan: Plan;
	files: FileSet;
	/** Relative paths, sorted. */
	paths: string[];
	/** Workflows written (left-out ones are not). */
	workflows: number;
	unresolved: Finding[];
	/** What the project's own check found wrong with the files (see generate/check.ts): such a project is never written. */
	problems: ProjectProblem[];
}

/** Writing a project that failed its own check was asked for: the message says what is wrong, by workflow and step. */
export class SelfCheckError extends Error {
	constructor(readonly problems: readonly ProjectProblem[]) {
		super(selfCheckMessage(problems));
		this.name = 'SelfCheckError';
	}
}

/**
 * The plan for these decisions and the files it generates. Pure. `generatedAt` is SOURCE_DATE_EPOCH when the caller
 * has one; otherwise the documents carry the time of the latest decision, so the same input gives the same files.
 */
export function previewProject(migration: Migration, decisions: Decisions, clock: {generatedAt?: string; toolVersion: string}): Preview {
	const plan = makePlan(migration.inventory, migration.findings, decisions, migration.operations);
	const generatedAt = clock.generatedAt ?? reportTime(migration, decisions);
	// The report lists the input files the source did not read.
	const files = generate(plan, {toolVersion: clock.toolVersion, ...(generatedAt ? {generatedAt} : {}), skippedInputs: migration.skipped});
	return {
		plan,
		files,
		paths: [...files.keys()].sort(),
		workflows: plan.workflows.filter((w) => w.include).length,
		unresolved: unresolvedBlockers(migration.findings, decisions),
		problems: checkProject(files),
	};
}

/** Why writing into `dir` would be refused, if it would (asks the disk). */
export function checkOutput(disk: DiskPort, dir: string): Promise<string | undefined> {
	return disk.check(dir);
}

/** Writes the previewed files and remembers the folder on the session, so the next run offers it again. */
export async function writeProject(
	deps: {disk: DiskPort; store?: SessionRepository; now: () => string},
	preview: Preview,
	dir: string,
	sessionId?: string,
): Promise<WriteResult> {
	if (preview.problems.length > 0) throw new SelfCheckError(preview.problems);
	const result = await deps.disk.write(preview.files, dir);
	try {
		if (sessionId) deps.store?.update(sessionId, (s) => ({...s, outDir: result.dir, generatedAt: deps.now()}));
	} catch {
		// The files are written. The store remembers that it could not record where (`unsaved`), and quitting says so.
	}
	return result;
}

/** One readable message for the self-check's problems (undefined when there are none). */
export {selfCheckMessage};
