// `ise-migrate generate`: the wizard's pipeline without the UI. Decisions come from a saved session, a
// decisions file, or (by default) every finding's recommended option.
import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import {analyze} from '../analysis/index.js';
import type {Decisions, Finding} from '../model/index.js';
import {generate, plan as makePlan, unresolvedBlockers} from '../generate/index.js';
import {write} from '../generate/write.js';
import {uniqueWorkflowNames} from '../sources/normalize.js';
import {formatPath, parseJsonText} from '../sources/snapshot.js';
import type {SessionStore} from '../store/sessions.js';
import {TOOL_VERSION} from '../version.js';
import {loadDemo, openPath} from '../services.js';
import type {Io} from './io.js';
import {UsageError} from './io.js';

export interface GenerateFlags {
	demo?: boolean;
	from?: string;
	out?: string;
	session?: string;
	decisions?: string;
	json?: boolean;
	allowUnresolved?: boolean;
}

const decisionsFile = z.union([
	z.object({decisions: z.record(z.string(), z.union([z.string(), z.object({optionId: z.string(), note: z.string().optional()})]))}),
	z.record(z.string(), z.union([z.string(), z.object({optionId: z.string(), note: z.string().optional()})])),
]);

async function readDecisionsFile(file: string, findings: Finding[]): Promise<Decisions> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read the decisions file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`);
	}
	const parsed = decisionsFile.safeParse(parseJsonText(text, file));
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new UsageError(`${file}: ${formatPath(issue.path)}: expected a finding id → option id map (or {"decisions": {...}})`);
	}
	const map = 'decisions' in parsed.data && typeof parsed.data.decisions === 'object' ? parsed.data.decisions : parsed.data;
	const byId = new Map(findings.map((f) => [f.id, f]));
	const out: Decisions = {};
	for (const [id, v] of Object.entries(map as Record<string, string | {optionId: string; note?: string}>)) {
		const optionId = typeof v === 'string' ? v : v.optionId;
		const finding = byId.get(id);
		if (!finding) throw new UsageError(`${file}: no finding '${id}' in this inventory (run \`ise-migrate generate ... --json\` to list finding ids)`);
		if (!finding.options.some((o) => o.id === optionId)) {
			throw new UsageError(`${file}: '${optionId}' is not an option of '${id}' (options: ${finding.options.map((o) => o.id).join(', ')})`);
		}
		out[id] = {findingId: id, optionId, note: typeof v === 'string' ? undefined : v.note, decidedAt: new Date(0).toISOString()};
	}
	return out;
}

function recommendedDecisions(findings: Finding[]): Decisions {
	return Object.fromEntries(findings.map((f) => [f.id, {findingId: f.id, optionId: f.recommended, by: 'recommended' as const, decidedAt: new Date(0).toISOString()}]));
}

export async function runGenerate(flags: GenerateFlags, io: Io, store: () => SessionStore): Promise<number> {
	if (!flags.out) throw new UsageError('generate needs --out DIR (the folder to write the Standard project into)');
	if (flags.demo && flags.from) throw new UsageError('use either --demo or --from, not both');
	if (flags.session && flags.decisions) throw new UsageError('use either --session or --decisions, not both');

	let opened;
	if (flags.session) {
		const s = store();
		const id = s.resolveId(flags.session);
		const session = id ? s.get(id) : undefined;
		if (!session) throw new UsageError(`no saved session '${flags.session}' (see \`ise-migrate sessions\`)`);
		if (!flags.demo && !flags.from) {
			if (session.source.kind === 'demo') opened = loadDemo();
			else if (session.source.path) opened = await openPath(session.source.path);
			else throw new UsageError(`session ${session.id} came from live Azure: pass --from with a snapshot of that ISE`);
		}
	}
	if (!opened) {
		if (flags.demo) opened = loadDemo();
		else if (flags.from) opened = await openPath(flags.from);
		else throw new UsageError('generate needs a source: --demo, --from <snapshot|folder>, or --session ID');
	}

	opened = {...opened, inventory: uniqueWorkflowNames(opened.inventory)};
	const findings = analyze(opened.inventory);
	let decisions: Decisions;
	let source: string;
	if (flags.session) {
		const s = store();
		decisions = s.get(s.resolveId(flags.session)!)!.decisions;
		source = `session ${flags.session}`;
	} else if (flags.decisions) {
		decisions = await readDecisionsFile(flags.decisions, findings);
		source = flags.decisions;
	} else {
		decisions = recommendedDecisions(findings);
		source = 'recommended options';
	}

	const p = makePlan(opened.inventory, findings, decisions);
	const unresolved = unresolvedBlockers(findings, decisions);
	if (unresolved.length > 0 && !flags.allowUnresolved) {
		const list = unresolved.map((f) => `  - ${f.id}: ${f.title}`).join('\n');
		io.stderr(`${unresolved.length} blocker(s) are undecided in ${source}:\n${list}\nDecide them in the wizard, add them to --decisions, or pass --allow-unresolved. Nothing was written.\n`);
		if (flags.json) io.stdout(`${JSON.stringify({ok: false, unresolved: unresolved.map((f) => f.id)}, null, 2)}\n`);
		return 3;
	}
	const files = generate(p, {generatedAt: new Date().toISOString(), toolVersion: TOOL_VERSION});
	const result = await write(files, flags.out);
	const counts = {blocker: 0, warning: 0, info: 0};
	for (const f of findings) counts[f.severity]++;
	if (flags.json) {
		io.stdout(
			`${JSON.stringify(
				{
					ok: true,
					dir: result.dir,
					ise: opened.inventory.ise.name,
					decisionsFrom: source,
					workflows: p.workflows.filter((w) => w.include).map((w) => w.folder),
					written: result.written,
					unchanged: result.unchanged,
					kept: result.kept,
					merged: result.merged,
					findings: {...counts, total: findings.length, ids: findings.map((f) => ({id: f.id, severity: f.severity, options: f.options.map((o) => o.id)}))},
					unresolved: unresolved.map((f) => f.id),
				},
				null,
				2,
			)}\n`,
		);
	} else {
		io.stdout(
			`Wrote ${result.written.length} file(s) (${result.unchanged.length} unchanged) to ${result.dir}\n` +
				`ISE ${opened.inventory.ise.name}: ${findings.length} findings (${counts.blocker} blockers, ${counts.warning} warnings), decisions from ${source}.\n` +
				(result.kept.length > 0 ? `Kept your edits in ${result.kept.join(', ')} (new versions written beside them).\n` : '') +
				result.merged
					.map((m) => `Merged into your edited ${m.file}: ${m.added.length} new entr${m.added.length === 1 ? 'y' : 'ies'}${m.conflicts.length > 0 ? `; yours kept where this run differs: ${m.conflicts.join(', ')}` : ''}.\n`)
					.join('') +
				`Next: read ${result.dir}/migration/report.md\n`,
		);
	}
	return 0;
}
