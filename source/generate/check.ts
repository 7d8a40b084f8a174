// The project's own check of what it is about to write: a workflow.json the Standard runtime would reject, or one that
// points at a connection, parameter or app setting the project does not define, is a defect of this tool, and the
// admin must hear about it before anything lands on disk — not at deployment. Pure: reads the FileSet only.
import {isRecord, missingPredecessors, walkOperations, type OperationVisit} from '../analysis/walk.js';
import {fileText, type FileSet} from '../model/index.js';
import {isTemplateExpression} from '../model/arm-expression.js';
import {parameterReads} from '../model/parameter-ref.js';
import {BUILTIN_OPERATIONS} from './check/builtin-operations.js';

export interface ProjectProblem {
	/** Workflow folder, or the project file the problem is in. */
	workflow: string;
	/** Trigger or action, or `(definition)`. */
	step: string;
	message: string;
}

interface Documented {
	kind: 'action' | 'trigger';
	keys: Set<string>;
	required: string[];
}

const PROVIDERS = new Map(
	Object.entries(BUILTIN_OPERATIONS).map(([id, ops]) => [
		id.toLowerCase(),
		new Map(
			Object.entries(ops).map(([op, spec]) => {
				const [kind, list = ''] = spec.split(':');
				const keys = list.split(',').filter(Boolean);
				const doc: Documented = {
					kind: kind === 't' ? 'trigger' : 'action',
					keys: new Set(keys.map((k) => k.replace(/!$/, ''))),
					required: keys.filter((k) => k.endsWith('!')).map((k) => k.slice(0, -1)),
				};
				return [op, doc];
			}),
		),
	]),
);

/** Problems of one built-in operation against the documented table; empty when it is a documented use. */
export function builtinProblems(op: Record<string, unknown>, isTrigger: boolean): string[] {
	const inputs = isRecord(op.inputs) ? op.inputs : {};
	const config = isRecord(inputs.serviceProviderConfiguration) ? inputs.serviceProviderConfiguration : {};
	const provider = String(config.serviceProviderId ?? '');
	const operationId = String(config.operationId ?? '');
	const ops = PROVIDERS.get(provider.toLowerCase());
	if (!ops) return [`unknown built-in connector ${provider || '(no serviceProviderId)'}`];
	const doc = ops.get(operationId);
	if (!doc) return [`unknown operation '${operationId}' of ${provider}`];
	const problems: string[] = [];
	if ((doc.kind === 'trigger') !== isTrigger) problems.push(`'${operationId}' is a ${doc.kind}, used as ${isTrigger ? 'a trigger' : 'an action'}`);
	const params = isRecord(inputs.parameters) ? inputs.parameters : {};
	const extra = Object.keys(params).filter((k) => !doc.keys.has(k));
	const missing = doc.required.filter((k) => !Object.hasOwn(params, k));
	if (extra.length > 0) problems.push(`'${operationId}' does not document the parameter${extra.length === 1 ? '' : 's'} ${extra.join(', ')}`);
	if (missing.length > 0) problems.push(`'${operationId}' needs the parameter${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
	return problems;
}

function parse(files: FileSet, file: string): unknown {
	const text = fileText(files.get(file));
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function keysOf(v: unknown): Set<string> {
	return new Set(isRecord(v) ? Object.keys(v) : []);
}

/** Every string in a JSON value with the step it belongs to (the nearest trigger or action). */
function* strings(node: unknown, step = '(definition)', parentKey?: string): Generator<{text: string; step: string}> {
	if (typeof node === 'string') yield {text: node, step};
	else if (Array.isArray(node)) for (const v of node) yield* strings(v, step);
	else if (isRecord(node)) {
		const isStepMap = parentKey === 'actions' || parentKey === 'triggers';
		for (const [k, v] of Object.entries(node)) yield* strings(v, isStepMap ? k : step, k);
	}
}

/** The project files whose strings may read app settings. */
const READS_SETTINGS = /(^|\/)(workflow|connections|parameters)\.json$/;
const APPSETTING = /\bappsetting\(\s*'((?:[^']|'')+)'\s*\)/gi;

interface Known {
	serviceProvider: Set<string>;
	managed: Set<string>;
	functions: Set<string>;
	apiManagement: Set<string>;
	parameters: Set<string>;
}

function stepProblems(v: OperationVisit, known: Known): string[] {
	const type = typeof v.op.type === 'string' ? v.op.type : '';
	if (!type) return ['has no type'];
	const inputs = isRecord(v.op.inputs) ? v.op.inputs : {};
	const problems: string[] = [];
	const lower = type.toLowerCase();
	if (lower === 'serviceprovider') {
		problems.push(...builtinProblems(v.op, v.isTrigger));
		const config = isRecord(inputs.serviceProviderConfiguration) ? inputs.serviceProviderConfiguration : {};
		const name = String(config.connectionName ?? '');
		if (!known.serviceProvider.has(name)) problems.push(`uses built-in connection '${name}', which connections.json does not define`);
	} else if (/^apiconnection(webhook|notification)?$/.test(lower)) {
		const host = isRecord(inputs.host) && isRecord(inputs.host.connection) ? inputs.host.connection : {};
		if (typeof host.referenceName !== 'string') problems.push('has no connection referenceName');
		else if (!known.managed.has(host.referenceName)) problems.push(`uses managed connection '${host.referenceName}', which connections.json does not define`);
	} else if (lower === 'function' && isRecord(inputs.function) && typeof inputs.function.connectionName === 'string') {
		if (!known.functions.has(inputs.function.connectionName)) problems.push(`uses function connection '${inputs.function.connectionName}', which connections.json does not define`);
	} else if (lower === 'apimanagement' && isRecord(inputs.apiManagement) && typeof inputs.apiManagement.connection === 'string') {
		if (!known.apiManagement.has(inputs.apiManagement.connection)) problems.push(`uses API Management connection '${inputs.apiManagement.connection}', which connections.json does not define`);
	}
	for (const after of missingPredecessors(v)) problems.push(`runs after '${after}', which is not a step beside it`);
	return problems;
}

function definitionProblems(folder: string, definition: Record<string, unknown>, known: Known): ProjectProblem[] {
	const out: ProjectProblem[] = [];
	for (const v of walkOperations(definition)) for (const message of stepProblems(v, known)) out.push({workflow: folder, step: v.name, message});
	const seen = new Set<string>();
	for (const {text, step} of strings(definition)) {
		const report = (message: string) => {
			if (seen.has(`${step}\u0000${message}`)) return;
			seen.add(`${step}\u0000${message}`);
			out.push({workflow: folder, step, message});
		};
		if (isTemplateExpression(text.trim())) {
			report(`holds the ARM template expression ${text.slice(0, 100)}, which a workflow cannot evaluate`);
			continue;
		}
		if (text.includes('$connections')) report('still reads $connections, which a Standard workflow does not have');
		for (const name of parameterReads(text)) {
			if (!known.parameters.has(name)) report(`reads parameter '${name}', which parameters.json does not define`);
		}
	}
	return out;
}

/**
 * What is wrong with a generated project, by workflow and step; empty when it is fit to write. Checks every
 * workflow.json (built-in operations against the documented table, connections, parameters, runAfter, leftover
 * template expressions) and that every app setting the project reads is listed in local.settings.json.
 */
export function checkProject(files: FileSet): ProjectProblem[] {
	// The shared documents are parsed first; then each workflow is parsed, checked and dropped, so a project of
	// thousands of workflows is never held parsed whole (it was a sixth of the peak memory at 5,000).
	const connections = parse(files, 'connections.json');
	const parameters = parse(files, 'parameters.json');
	const shared = new Map([['connections.json', connections], ['parameters.json', parameters]]);
	const c = isRecord(connections) ? connections : {};
	const known: Known = {
		serviceProvider: keysOf(c.serviceProviderConnections),
		managed: keysOf(c.managedApiConnections),
		functions: keysOf(c.functionConnections),
		apiManagement: keysOf(c.apiManagementConnections),
		parameters: keysOf(parameters),
	};
	const local = parse(files, 'local.settings.json');
	const settings = keysOf(isRecord(local) ? local.Values : undefined);
	// Reported as before: every workflow's own problems first, then the unlisted settings, both in file order.
	const problems: ProjectProblem[] = [];
	const unlisted: ProjectProblem[] = [];
	for (const file of [...files.keys()].sort()) {
		if (!READS_SETTINGS.test(file)) continue;
		const document = shared.has(file) ? shared.get(file) : parse(files, file);
		const folder = /^([^/]+)\/workflow\.json$/.exec(file)?.[1];
		if (folder) {
			if (!isRecord(document) || !isRecord(document.definition)) {
				problems.push({workflow: folder, step: '(definition)', message: 'workflow.json is not a JSON object with a definition'});
			} else {
				if (document.kind !== 'Stateful' && document.kind !== 'Stateless') problems.push({workflow: folder, step: '(definition)', message: `kind '${String(document.kind)}' is neither Stateful nor Stateless`});
				problems.push(...definitionProblems(folder, document.definition, known));
			}
		}
		// In a workflow the problem names the workflow and the step that reads the setting, as every other check does.
		const definition = folder && isRecord(document) ? document.definition : undefined;
		const seen = new Set<string>();
		for (const {text, step} of folder ? strings(definition) : strings(document, '(settings)')) {
			for (const m of text.matchAll(APPSETTING)) {
				const name = m[1]!;
				if (settings.has(name) || seen.has(`${step}\u0000${name}`)) continue;
				seen.add(`${step}\u0000${name}`);
				unlisted.push({workflow: folder ?? file, step, message: `reads app setting '${name}', which local.settings.json does not list`});
			}
		}
	}
	return [...problems, ...unlisted];
}

/** The problems as lines an admin can act on. */
export function describeProblems(problems: readonly ProjectProblem[], max = 20): string {
	const lines = problems.slice(0, max).map((p) => `  - ${p.workflow} › ${p.step}: ${p.message}`);
	if (problems.length > max) lines.push(`  - … and ${problems.length - max} more`);
	return lines.join('\n');
}

/** What the wizard and `generate` say when the check fails, or undefined when the project is fit to write. */
export function selfCheckMessage(problems: readonly ProjectProblem[]): string | undefined {
	if (problems.length === 0) return undefined;
	const workflows = [...new Set(problems.map((p) => p.workflow).filter((w) => !w.endsWith('.json')))];
	return (
		`The generated project failed its own check (${problems.length} problem${problems.length === 1 ? '' : 's'}), so nothing was written:\n` +
		`${describeProblems(problems)}\n` +
		'Where a step named here is already like that in the source definition, fix it there; otherwise this is a defect of ise-migrate: please report these lines.' +
		(workflows.length > 0 ? ` Meanwhile you can leave ${workflows.join(', ')} out of the migration (where one of its findings offers that) and generate the rest.` : '')
	);
}
