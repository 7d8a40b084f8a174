// The one way a rule makes a finding: its id and review area follow from its kind and subject, so ids are never
// spelled by hand (saved decisions are keyed by them) and an area can never disagree with the rule family.
import {AREA_OF_KIND, type Finding, type FindingKind, type FindingOption, type FindingSubject} from '../model/index.js';

export type FindingInput = Omit<Finding, 'id' | 'area'> & {
	/** Tells apart several findings of one kind about one subject (`webhooks`, `inline-code`, `failed`). */
	aspect?: string;
};

/** `${kind}:${subject}[:aspect]`: stable across runs, so decisions re-apply after the inventory is read again. */
export function findingId(kind: FindingKind, subjectKey: string, aspect?: string): string {
	return aspect ? `${kind}:${subjectKey}:${aspect}` : `${kind}:${subjectKey}`;
}

/** The prose of a finding whose texts are deferred: its detail and each option's consequence, by option id. */
export interface FindingTexts {
	detail: string;
	consequences: Readonly<Record<string, string>>;
}

/**
 * A finding the rules make per step or per workflow, thousands of times in a large estate. Its prose (the detail
 * and the options' consequences, most of its weight) is written by `texts` when read, never kept: only the card
 * on screen and the report read it, while the review, plan() and the headless commands read the ids, labels and
 * effects given here. At 5,000 workflows this keeps about 30 MB out of memory for the whole session.
 */
export type DeferredFindingInput = Omit<FindingInput, 'detail' | 'options'> & {
	options: Omit<FindingOption, 'consequence'>[];
	/** Pure, and cheap enough to run on every read: it may only read what it was given. */
	texts: () => FindingTexts;
};

export function makeFinding(input: FindingInput | DeferredFindingInput): Finding {
	if ('texts' in input) return deferredFinding(input);
	const {aspect, kind, ...rest} = input;
	return {id: findingId(kind, rest.subject.key, aspect), kind, area: AREA_OF_KIND[kind], ...rest};
}

const TEXTS = Symbol('finding texts');
type Deferred = {readonly [TEXTS]: () => FindingTexts};

// A card or the report reads a finding's detail and then each consequence: one writing serves them all.
let recent: {make: () => FindingTexts; texts: FindingTexts} | undefined;
function textsOf(holder: Deferred): FindingTexts {
	const make = holder[TEXTS];
	if (recent?.make !== make) recent = {make, texts: make()};
	return recent.texts;
}

// One getter function for every finding and option, so objects made the same way share their shape.
function detailOf(this: Deferred): string {
	return textsOf(this).detail;
}
function consequenceOf(this: Deferred & {id: string}): string {
	return textsOf(this).consequences[this.id] ?? '';
}

/**
 * The accessors are own and enumerable, so JSON, spreads and deep equality see `detail` and `consequence` like
 * plain fields; the writer sits under a symbol that is neither. The objects are written out field by field, not
 * spread: a spread object that then gains accessors costs three times the memory (measured, per option).
 */
function defer<T extends object>(target: T, field: 'detail' | 'consequence', make: () => FindingTexts): T {
	Object.defineProperty(target, TEXTS, {value: make});
	Object.defineProperty(target, field, {get: field === 'detail' ? detailOf : consequenceOf, enumerable: true});
	return target;
}

function deferredFinding(input: DeferredFindingInput): Finding {
	const {kind, texts} = input;
	const finding = {
		id: findingId(kind, input.subject.key, input.aspect),
		kind,
		area: AREA_OF_KIND[kind],
		severity: input.severity,
		certainty: input.certainty,
		subject: input.subject,
		title: input.title,
		workflows: input.workflows,
		options: input.options.map((o) => defer({id: o.id, label: o.label, effects: o.effects, input: o.input} as FindingOption, 'consequence', texts)),
		recommended: input.recommended,
		group: input.group,
		relevantWhen: input.relevantWhen,
	};
	return defer(finding as Finding, 'detail', texts);
}

/** The subject of a finding about the ISE as a whole. */
export function iseSubject(name: string): FindingSubject {
	return {type: 'ise', key: name || 'ise', name: name || 'the ISE'};
}
