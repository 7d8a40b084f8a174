// The time the migration documents carry. Never the clock: the same input and decisions must give byte-identical
// files. SOURCE_DATE_EPOCH (the reproducible-builds convention: seconds since 1970) wins when set; otherwise the
// time of the latest decision the admin made, else when the inventory was captured; else none at all.
import type {Decisions} from '../model/index.js';
import type {Migration} from './types.js';

export type EpochCheck = {ok: true; value?: string} | {ok: false; message: string};

/** SOURCE_DATE_EPOCH as an ISO time; undefined when unset, an error when it is not a count of seconds. */
export function sourceDateEpoch(env: Readonly<Record<string, string | undefined>>): EpochCheck {
	const raw = env.SOURCE_DATE_EPOCH?.trim();
	if (!raw) return {ok: true};
	if (!/^\d{1,12}$/.test(raw)) return {ok: false, message: `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (got '${raw}')`};
	return {ok: true, value: new Date(Number(raw) * 1000).toISOString()};
}

/** Decisions read from a file, and recommendations `generate` takes, are stamped with time zero: they carry no real time. */
const UNTIMED = new Date(0).toISOString();

/** The latest time a person decided something, else the capture time. */
export function reportTime(migration: Pick<Migration, 'inventory'>, decisions: Decisions): string | undefined {
	const times = Object.values(decisions)
		.filter((d) => d.by !== 'recommended' && d.decidedAt && d.decidedAt !== UNTIMED)
		.map((d) => d.decidedAt)
		.sort();
	return times.at(-1) ?? migration.inventory.source.capturedAt;
}
