// The one way a rule makes a finding: its id and review area follow from its kind and subject, so ids are never
// spelled by hand (saved decisions are keyed by them) and an area can never disagree with the rule family.
import {AREA_OF_KIND, type Finding, type FindingKind, type FindingSubject} from '../model/index.js';

export type FindingInput = Omit<Finding, 'id' | 'area'> & {
	/** Tells apart several findings of one kind about one subject (`webhooks`, `inline-code`, `failed`). */
	aspect?: string;
};

/** `${kind}:${subject}[:aspect]`: stable across runs, so decisions re-apply after the inventory is read again. */
export function findingId(kind: FindingKind, subjectKey: string, aspect?: string): string {
	return aspect ? `${kind}:${subjectKey}:${aspect}` : `${kind}:${subjectKey}`;
}

export function makeFinding(input: FindingInput): Finding {
	const {aspect, kind, ...rest} = input;
	return {id: findingId(kind, rest.subject.key, aspect), kind, area: AREA_OF_KIND[kind], ...rest};
}

/** The subject of a finding about the ISE as a whole. */
export function iseSubject(name: string): FindingSubject {
	return {type: 'ise', key: name || 'ise', name: name || 'the ISE'};
}
