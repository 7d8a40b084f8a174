// Evaluating a workflow definition inside an ARM template so that no template expression survives in it. What the
// files decide is evaluated; a template parameter they give no value (or a secure one, never read) becomes a
// reference to a workflow parameter of the same meaning, written where the value would have gone:
//   [concat('/procedures/@{encodeURIComponent(''', parameters('proc'), ''')}')]
//     → /procedures/@{encodeURIComponent(parameters('proc'))}
// An expression that needs Azure at deploy time (reference(), list*()…) stays verbatim, listed as unresolved; the
// generator turns what is left into app parameters to fill in.
import {
	isNameLiteral,
	joinCode,
	literalsOf,
	partsToSegments,
	quote,
	renderSegments,
	segmentsOf,
	spliceText,
	type Segment,
} from '../../model/expression-text.js';
import {isObject} from './classify.js';
import {LIFTED_SENTINEL, Unresolved, isExpression, type LiftedParameter, type TemplateScope} from '../../model/arm-expression.js';

export interface LiftResult {
	value: unknown;
	/** Strings kept verbatim, with the reason. */
	unresolved: Unresolved[];
	/** Template parameters the value now reads as workflow parameters. */
	lifted: LiftedParameter[];
}

/** The workflow parameter that stands for a lifted template parameter. */
export type LiftNamer = (p: LiftedParameter) => string;

const ref = (name: string) => `parameters(${quote(name)})`;

function sentinelRanges(text: string, names: (index: number) => string, used: Set<number>): {start: number; end: number; code: string}[] {
	return [...text.matchAll(LIFTED_SENTINEL)].map((m) => {
		used.add(Number(m[1]));
		return {start: m.index!, end: m.index! + m[0].length, code: ref(names(Number(m[1])))};
	});
}

/**
 * Workflow text for an evaluated string that holds sentinels: in literal text each becomes `@{parameters('p')}`,
 * in expression code `parameters('p')`, inside a string literal of code `concat('…', parameters('p'), '…')`.
 * Undefined when a sentinel sits where a workflow expression needs a literal (an action name).
 */
export function liftText(text: string, names: (index: number) => string, used: Set<number>): string | undefined {
	const whole = /^\uE000(\d+)\uE001$/.exec(text);
	if (whole) {
		used.add(Number(whole[1]));
		return `@${ref(names(Number(whole[1])))}`;
	}
	const segments = segmentsOf(text);
	if (!segments) return undefined;
	const out: Segment[] = [];
	for (const s of segments) {
		if (s.kind === 'text') {
			const ranges = sentinelRanges(s.text, names, used);
			out.push(...(ranges.length > 0 ? partsToSegments(spliceText(s.text, ranges)) : [s]));
			continue;
		}
		const literals = literalsOf(s.code);
		if (!literals) return undefined;
		let code = '';
		let at = 0;
		for (const lit of literals) {
			code += replaceOutside(s.code.slice(at, lit.start), names, used);
			const ranges = sentinelRanges(lit.value, names, used);
			if (ranges.length > 0 && isNameLiteral(lit)) return undefined;
			code += ranges.length > 0 ? joinCode(spliceText(lit.value, ranges)) : s.code.slice(lit.start, lit.end);
			at = lit.end;
		}
		code += replaceOutside(s.code.slice(at), names, used);
		out.push({...s, code});
	}
	return renderSegments(out);
}

function replaceOutside(code: string, names: (index: number) => string, used: Set<number>): string {
	return code.replace(LIFTED_SENTINEL, (_, i: string) => {
		used.add(Number(i));
		return ref(names(Number(i)));
	});
}

/** Evaluates every template expression in `value` (a definition), lifting parameters with no value. */
export function evaluateLifting(scope: TemplateScope, value: unknown, namer: LiftNamer): LiftResult {
	const unresolved: Unresolved[] = [];
	const used = new Set<number>();
	const names = (i: number) => namer(scope.lifted[i]!);
	const settle = (v: unknown, raw: string): unknown => {
		if (typeof v === 'string') {
			if (!v.includes('\uE000')) return v;
			const text = liftText(v, names, used);
			if (text !== undefined) return text;
			unresolved.push(new Unresolved(raw, 'a parameter the files give no value is used where the workflow needs a literal'));
			return raw;
		}
		if (Array.isArray(v)) return v.map((x) => settle(x, raw));
		if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, settle(x, raw)]));
		return v;
	};
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') {
			if (!isExpression(v)) return scope.evaluate(v);
			const r = scope.evaluate(v, {missingParameters: 'lift'});
			if (r instanceof Unresolved) {
				unresolved.push(r);
				return v;
			}
			return settle(r, v);
		}
		if (Array.isArray(v)) return v.map(walk);
		if (isObject(v)) {
			const out: Record<string, unknown> = {};
			for (const [k, child] of Object.entries(v)) {
				const key = scope.evaluate(k, {missingParameters: 'unresolved'});
				if (key instanceof Unresolved) unresolved.push(key);
				out[key instanceof Unresolved ? k : typeof key === 'string' ? key : JSON.stringify(key)] = walk(child);
			}
			return out;
		}
		return v;
	};
	const result = walk(value);
	return {value: result, unresolved, lifted: [...used].sort((a, b) => a - b).map((i) => scope.lifted[i]!)};
}
