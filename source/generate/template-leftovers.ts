// ARM template expressions left in a definition (a snapshot taken before templates were evaluated, an expression
// that needs Azure at deploy time such as reference() or listKeys()): none may reach a workflow.json, where it would
// be a plain string. `[parameters('x')]` becomes the app parameter x; anything else becomes an app parameter named
// after its workflow, step and field — or an app setting when it read keys (list*()) — empty until the admin fills it.
import {isRecord} from '../model/text.js';
import {isTemplateExpression} from '../model/arm-expression.js';
import {settingPrefix} from './app-settings.js';

export interface Leftover {
	/** App parameter (or, when secret, the parameter that reads the app setting). */
	name: string;
	/** The template expression it replaces, verbatim. */
	expression: string;
	/** Trigger or action it sat in, or `(definition)`. */
	step: string;
	/** Deploy-time keys (listKeys(), listSecrets()…): the value is a secret. */
	secret: boolean;
	/** `[parameters('x')]`: the template parameter x itself. */
	templateParameter: boolean;
}

const WHOLE_PARAMETER = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i;
const READS_KEYS = /\blist[A-Za-z]*\s*\(/i;

/** `[...]` as the only content of a string: what a workflow must never hold. */
export function isLeftover(value: unknown): value is string {
	return typeof value === 'string' && isTemplateExpression(value.trim());
}

/**
 * Replaces every template expression in `definition` with a reference to an app parameter. The result shares every
 * part that held none with `definition`: whoever changes the result changes the input too (generate() passes the
 * converter's own copy, never the inventory's definition). `folder` prefixes
 * invented names so two workflows never share one by accident; `taken` holds names already used (lower-case).
 */
export function liftLeftovers(definition: unknown, folder: string, taken: Set<string>): {definition: unknown; leftovers: Leftover[]} {
	const leftovers: Leftover[] = [];
	const byExpression = new Map<string, Leftover>();
	const lift = (text: string, step: string, field: string): string => {
		const known = byExpression.get(text);
		if (known) return `@parameters('${known.name}')`;
		const whole = WHOLE_PARAMETER.exec(text.trim());
		let name = whole?.[1] ?? settingPrefix(`${folder}_${step}_${field}`).slice(0, 120);
		if (!whole) {
			const base = name;
			for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
		}
		taken.add(name.toLowerCase());
		const left: Leftover = {name, expression: text, step, secret: READS_KEYS.test(text), templateParameter: Boolean(whole)};
		leftovers.push(left);
		byExpression.set(text, left);
		return `@parameters('${name.replace(/'/g, "''")}')`;
	};
	// Copies only what holds a leftover (most definitions hold none): at thousands of workflows a second copy of
	// every definition was a sixth of the peak memory. The input is never changed.
	const walk = (v: unknown, step: string, field: string, parentKey: string | undefined): unknown => {
		if (isLeftover(v)) return lift(v, step, field);
		if (Array.isArray(v)) {
			let out: unknown[] | undefined;
			v.forEach((x, i) => {
				const y = walk(x, step, field, undefined);
				if (y !== x) (out ??= v.slice())[i] = y;
			});
			return out ?? v;
		}
		if (!isRecord(v)) return v;
		let out: Record<string, unknown> | undefined;
		for (const [k, child] of Object.entries(v)) {
			// Inside a triggers/actions map (at any depth) each key names a step.
			const isStep = parentKey === 'actions' || parentKey === 'triggers';
			const changed = walk(child, isStep ? k : step, isStep ? field : k, k);
			if (changed !== child) (out ??= {...v})[k] = changed;
		}
		return out ?? v;
	};
	return {definition: walk(definition, '(definition)', 'value', undefined), leftovers};
}

/** A parameter value with every template expression in it emptied (its value is not known); undefined if it was one. */
export function withoutLeftovers(value: unknown): {value: unknown; emptied: number} {
	let emptied = 0;
	const walk = (v: unknown): unknown => {
		if (isLeftover(v)) {
			emptied++;
			return undefined;
		}
		if (Array.isArray(v)) return v.map((x) => walk(x) ?? '');
		if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x) ?? '']));
		return v;
	};
	return {value: walk(value), emptied};
}
