// `ise-migrate generate`: the wizard's pipeline without the UI, through the same application layer. Decisions come
// from a saved session, a decisions file, or (by default) every finding's recommended option.
import {z} from 'zod';
import {buildReview, groupFindings, openBlockerLines, optionValue, summarizeSeverities} from '../model/decisions.js';
import {normalizeRegion, REGION_EXAMPLE, type Decisions} from '../model/index.js';
import {
	decisionsFromMap,
	DecisionsFileError,
	prepareMigration,
	previewProject,
	recommendedDecisions,
	reopenSource,
	selfCheckMessage,
	sourceDateEpoch,
	writeProject,
	type Migration,
	type MigrationDeps,
	type SessionRepository,
} from '../migration/index.js';
import {readTextFile} from '../sources/json.js';
import {formatPath, parseJsonText} from '../sources/snapshot.js';
import {reportFailure, UsageError, type Io} from './io.js';
import {resolveSessionId} from './sessions.js';

export interface GenerateFlags {
	demo?: boolean;
	from?: string;
	out?: string;
	session?: string;
	decisions?: string;
	json?: boolean;
	allowUnresolved?: boolean;
	/** The Azure region, for a source that does not say where the ISE ran. */
	location?: string;
}

export type GenerateDeps = Omit<MigrationDeps, 'store'> & {
	store: () => SessionRepository;
	/** The environment SOURCE_DATE_EPOCH is read from (process.env unless a test passes one). */
	env?: Readonly<Record<string, string | undefined>>;
};

// An entry is an option id, or {optionId, note?, value?}: `value` for an option that takes one (an existing ASE's id).
const decisionEntry = z.union([z.string(), z.object({optionId: z.string(), note: z.string().optional(), value: z.string().optional()})]);
const decisionsFile = z.union([z.object({decisions: z.record(z.string(), decisionEntry)}), z.record(z.string(), decisionEntry)]);

/** A decisions file is small: a map of finding ids to option ids. */
const DECISIONS_FILE_LIMIT = 16 * 1024 * 1024;

async function readDecisionsFile(file: string, migration: Migration, now: string): Promise<Decisions> {
	let text: string;
	try {
		// The sources' reader: UTF-8 or UTF-16 with a BOM (what PowerShell's `>` writes), and a size limit.
		const read = await readTextFile(file, DECISIONS_FILE_LIMIT);
		if (!read.ok) throw new UsageError(`cannot read the decisions file ${file}: ${read.reason}`);
		text = read.text;
	} catch (error) {
		if (error instanceof UsageError) throw error;
		throw new UsageError(`cannot read the decisions file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`);
	}
	let json: unknown;
	try {
		json = parseJsonText(text, file);
	} catch (error) {
		// A malformed decisions file is bad usage (exit 2), like a missing one.
		throw new UsageError((error as Error).message);
	}
	const parsed = decisionsFile.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new UsageError(`${file}: ${formatPath(issue.path)}: expected a finding id → option id map (or {"decisions": {...}})`);
	}
	const map = 'decisions' in parsed.data && typeof parsed.data.decisions === 'object' ? parsed.data.decisions : parsed.data;
	try {
		return decisionsFromMap(map as Record<string, string | {optionId: string; note?: string; value?: string}>, migration.findings, now, file);
	} catch (error) {
		if (error instanceof DecisionsFileError) throw new UsageError(error.message);
		throw error;
	}
}

export async function runGenerate(flags: GenerateFlags, io: Io, deps: GenerateDeps): Promise<number> {
	if (!flags.out) throw new UsageError('generate needs --out DIR (the folder to write the Standard project into)');
	if (flags.demo && flags.from) throw new UsageError('use either --demo or --from, not both');
	if (flags.session && flags.decisions) throw new UsageError('use either --session or --decisions, not both');

	const session = flags.session ? findSession(deps.store(), flags.session) : undefined;
	const opened = flags.demo
		? deps.sources.demo()
		: flags.from
			? await deps.sources.path(flags.from)
			: session
				? await reopenSession(deps, session.source)
				: undefined;
	if (!opened) throw new UsageError('generate needs a source: --demo, --from <snapshot|folder>, or --session ID');
	// Between phases the runtime may reclaim what the last one built (the source's text, the analysis' working).
	deps.releaseMemory?.();
	const migration = prepareMigration(opened);
	deps.releaseMemory?.();

	// Files read from a session or a file keep their own times; recommendations are stamped with the epoch so two
	// runs give the same report.
	const untimed = new Date(0).toISOString();
	let [decisions, source] = session
		? [session.decisions, `session ${flags.session}`]
		: flags.decisions
			? [await readDecisionsFile(flags.decisions, migration, untimed), flags.decisions]
			: [recommendedDecisions(migration.findings, untimed), 'recommended options'];

	decisions = withRegion(flags, migration, decisions, untimed);

	// Input files the source did not read: listed on stderr, in --json and in the report, never dropped.
	const {skipped} = migration;
	if (skipped.length > 0) io.stderr(`${skipped.length} input file${skipped.length === 1 ? ' was' : 's were'} not read:\n${skipped.map((f) => `  - ${f.file}: ${f.reason}`).join('\n')}\n`);
	const epoch = sourceDateEpoch(deps.env ?? process.env);
	if (!epoch.ok) throw new UsageError(epoch.message);
	const preview = previewProject(migration, decisions, {...(epoch.value ? {generatedAt: epoch.value} : {}), toolVersion: deps.toolVersion});
	const {unresolved} = preview;
	if (unresolved.length > 0 && !flags.allowUnresolved) {
		// Counted as the wizard's header counts them: a group of blockers is one line, decided by its `group:` id.
		const open = openBlockerLines(buildReview(migration.findings, decisions).items);
		const findingsNote = open.length === unresolved.length ? '' : ` (${unresolved.length} findings)`;
		return reportFailure(
			io,
			{
				code: 'undecided-blockers',
				message: `${open.length} blocker(s) are undecided in ${source}${findingsNote}. Decide them in the wizard, add them to --decisions (a group by its group: id), or pass --allow-unresolved. Nothing was written.`,
				exitCode: 3,
				more: open.map((b) => `  - ${b.id}: ${b.title}`).join('\n'),
				details: {
					open,
					unresolved: unresolved.map((f) => ({id: f.id, title: f.title, options: f.options.map((o) => o.id)})),
					skipped,
				},
			},
			flags,
		);
	}
	if (preview.problems.length > 0) {
		return reportFailure(io, {code: 'self-check', message: selfCheckMessage(preview.problems)!, exitCode: 1, details: {problems: preview.problems}}, flags);
	}
	deps.releaseMemory?.();
	const result = await writeProject({disk: deps.disk, now: deps.now, ...(session ? {store: deps.store()} : {})}, preview, flags.out, session?.id);
	const counts = summarizeSeverities(migration.findings);
	// Decisions (recommended ones too) can leave workflows out: said here, not only in the report, so a headless run
	// that drops a workflow never does it quietly.
	const leftOut = preview.plan.workflows.filter((w) => !w.include).map((w) => w.name);
	if (flags.json) {
		io.stdout(
			`${JSON.stringify(
				{
					ok: true,
					dir: result.dir,
					ise: migration.inventory.ise.name,
					decisionsFrom: source,
					workflows: preview.plan.workflows.filter((w) => w.include).map((w) => w.folder),
					leftOut,
					written: result.written,
					unchanged: result.unchanged,
					kept: result.kept,
					merged: result.merged,
					removed: result.removed,
					keptStale: result.keptStale,
					findings: {
						...counts,
						total: migration.findings.length,
						ids: migration.findings.map((f) => ({
							id: f.id,
							severity: f.severity,
							options: f.options.map((o) => o.id),
							recommended: f.recommended,
							// Options that take a value in the decisions file: {"optionId": …, "value": …}.
							...(f.options.some((o) => o.input) ? {values: Object.fromEntries(f.options.filter((o) => o.input).map((o) => [o.id, o.input!]))} : {}),
						})),
					},
					// Groups decide many findings at once: `{"group:<key>": "<option id>"}` in a decisions file.
					groups: [...groupFindings(migration.findings).values()].map((g) => ({
						id: g.id,
						title: g.spec.title,
						members: g.members.map((m) => m.id),
						options: g.spec.options.map((o) => o.id),
						recommended: g.spec.recommended,
					})),
					hosting: preview.plan.hosting,
					location: preview.plan.location || null,
					unresolved: unresolved.map((f) => f.id),
					skipped,
				},
				null,
				2,
			)}\n`,
		);
	} else {
		io.stdout(
			`Wrote ${result.written.length} file(s) (${result.unchanged.length} unchanged) to ${result.dir}\n` +
				`ISE ${migration.inventory.ise.name}: ${migration.findings.length} findings (${counts.blocker} blockers, ${counts.warning} warnings), decisions from ${source}.\n` +
				(leftOut.length > 0
					? `Left out of the migration: ${leftOut.length} workflow${leftOut.length === 1 ? '' : 's'} (${leftOut.slice(0, 5).join(', ')}${leftOut.length > 5 ? `, and ${leftOut.length - 5} more` : ''}); the report says why.\n`
					: '') +
				(result.kept.length > 0 ? `Kept your edits in ${result.kept.join(', ')} (new versions written beside them).\n` : '') +
				(result.removed.length > 0 ? `Removed ${result.removed.length} file(s) an earlier run wrote and this one no longer generates: ${result.removed.join(', ')}.\n` : '') +
				(result.keptStale.length > 0
					? `Kept ${result.keptStale.join(', ')}: no longer generated (left out of the migration), but you edited ${result.keptStale.length === 1 ? 'it' : 'them'}. Delete what must not deploy.\n`
					: '') +
				result.merged
					.map((m) => `Merged into your edited ${m.file}: ${m.added.length} new entr${m.added.length === 1 ? 'y' : 'ies'}${m.conflicts.length > 0 ? `; yours kept where this run differs: ${m.conflicts.join(', ')}` : ''}.\n`)
					.join('') +
				`Next: read ${result.dir}/migration/report.md\n`,
		);
	}
	return 0;
}

/**
 * The region: the source's when it says one (then --location must agree or be left out), else --location or a value in
 * the decisions; a source that says none and gets none is bad usage, unless --allow-unresolved writes without one.
 */
function withRegion(flags: GenerateFlags, migration: Migration, decisions: Decisions, untimed: string): Decisions {
	const known = migration.inventory.ise.location;
	const asked = migration.findings.find((f) => f.options.some((o) => o.input?.kind === 'azure-region'));
	if (flags.location !== undefined) {
		const region = normalizeRegion(flags.location);
		if (!region) throw new UsageError(`--location '${flags.location}' is not an Azure region name: letters and digits, e.g. ${REGION_EXAMPLE} (az account list-locations -o table lists them)`);
		if (known) {
			if (normalizeRegion(known) !== region) {
				throw new UsageError(`the source says the ISE ran in ${known}; --location ${region} disagrees. --location is for sources that do not say: leave it out`);
			}
			return decisions;
		}
		if (asked) {
			const option = asked.options.find((o) => o.input?.kind === 'azure-region')!;
			return {...decisions, [asked.id]: {findingId: asked.id, optionId: option.id, value: region, decidedAt: untimed}};
		}
		return decisions;
	}
	if (asked && !optionValue(asked, decisions) && !flags.allowUnresolved) {
		throw new UsageError(
			`${migration.source.path ?? 'the source'} does not say which Azure region the ISE ran in: pass --location <region> (e.g. ${REGION_EXAMPLE}), ` +
				`or give {"${asked.id}": {"optionId": "${asked.recommended}", "value": "${REGION_EXAMPLE}"}} in --decisions. Nothing was written.`,
		);
	}
	return decisions;
}

function findSession(store: SessionRepository, idOrPrefix: string) {
	const session = store.get(resolveSessionId(store, idOrPrefix));
	if (!session) throw new UsageError(`no saved session '${idOrPrefix}' (see \`ise-migrate sessions\`)`);
	return session;
}

async function reopenSession(deps: GenerateDeps, source: Parameters<typeof reopenSource>[1]) {
	if (source.kind === 'azure') throw new UsageError('this session came from live Azure: pass --from with a snapshot of that ISE');
	return reopenSource(deps.sources, source);
}
