// Spellings the Consumption service let pass in hand-written definitions, written the way the designer and Microsoft's
// workflow definition schema spell them. Each change keeps the meaning: an HTTP method in another case ("Get"), a
// recurrence interval as a numeric string ("1"), a $schema naming another document, and the newer designer's
// "Initialize variables" step holding several variables, which the 2016-06-01 schema allows one at a time.
import {WORKFLOW_DEFINITION_SCHEMA, isWorkflowDefinitionSchema, olderDefinitionLanguage, type WorkflowDefinition} from '../../model/index.js';
import {isRecord, walkOperations} from '../../analysis/walk.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE']);

/**
 * One step per variable: the first ones get new names and run where the step ran, one after another; the step's own
 * name goes to the last, so every step that ran after it still does, and still after all of its variables.
 */
function splitVariables(name: string, container: Record<string, unknown>, taken: Set<string>, note: (step: string, message: string) => void): void {
	const op = container[name];
	if (!isRecord(op) || !isRecord(op.inputs) || !Array.isArray(op.inputs.variables) || op.inputs.variables.length < 2) return;
	const variables = op.inputs.variables;
	const steps: [string, Record<string, unknown>][] = [];
	let runAfter: unknown = op.runAfter ?? {};
	for (const [i, variable] of variables.entries()) {
		const last = i === variables.length - 1;
		let stepName = name;
		if (!last) {
			for (let n = 1; taken.has((stepName = `${name}_${n}`).toLowerCase()); n++);
			taken.add(stepName.toLowerCase());
		}
		const {inputs: _all, runAfter: _ran, ...rest} = op;
		steps.push([stepName, {...(last ? rest : {type: op.type}), inputs: {...op.inputs, variables: [variable]}, runAfter}]);
		runAfter = {[stepName]: ['Succeeded']};
	}
	// Rebuilt in place and in order: the parent step holds this very object.
	const entries = Object.entries(container).flatMap(([k, v]) => (k === name ? steps : [[k, v] as [string, unknown]]));
	for (const k of Object.keys(container)) delete container[k];
	for (const [k, v] of entries) container[k] = v;
	const names = steps.map(([k]) => k);
	const shown = names.length > 4 ? [...names.slice(0, 2), '…', names.at(-1)!] : names;
	note(name, `initialized ${variables.length} variables in one step; it is now ${variables.length} steps, one per variable (${shown.join(', ')}), the way Microsoft's workflow definition schema has them`);
}

function upperMethod(holder: unknown): void {
	if (!isRecord(holder) || typeof holder.method !== 'string') return;
	const upper = holder.method.toUpperCase();
	if (METHODS.has(upper)) holder.method = upper;
}

/**
 * Rewrites `definition` (the converter's own copy) in place, except for `$schema`, which must come first: the result
 * is then a new top-level object. `note` hears of the changes an admin may want to know about: the $schema replaced,
 * a step split.
 */
export function canonicalDefinition(definition: WorkflowDefinition, note: (step: string, message: string) => void): WorkflowDefinition {
	const taken = new Set([...walkOperations(definition)].map((v) => v.name.toLowerCase()));
	// Listed before any step is split: a split replaces entries of the map being walked.
	for (const {name, op, container} of [...walkOperations(definition)]) {
		const type = typeof op.type === 'string' ? op.type.toLowerCase() : '';
		if (type === 'initializevariable') splitVariables(name, container, taken, note);
		if (type === 'http') upperMethod(op.inputs);
		if (type === 'httpwebhook' && isRecord(op.inputs)) {
			upperMethod(op.inputs.subscribe);
			upperMethod(op.inputs.unsubscribe);
		}
		if (isRecord(op.recurrence) && typeof op.recurrence.interval === 'string' && /^\s*\d+\s*$/.test(op.recurrence.interval)) {
			op.recurrence.interval = Number(op.recurrence.interval);
		}
	}
	// An older language is not mended by naming the new one: analysis asks to leave such a workflow out.
	if (isWorkflowDefinitionSchema(definition.$schema) || olderDefinitionLanguage(definition.$schema)) return definition;
	if (typeof definition.$schema === 'string' && definition.$schema.trim() !== '') {
		note('(definition)', `its $schema named ${definition.$schema.slice(0, 120)}; workflow.json names the workflow definition language (2016-06-01) instead`);
	}
	const {$schema: _replaced, ...rest} = definition;
	return {$schema: WORKFLOW_DEFINITION_SCHEMA, ...rest};
}
