// What starts a workflow, and what that means when the same workflow runs twice — once in the ISE and once in the
// Standard app — or switches from one to the other. Read from a definition (the ISE's or the converted one), so the
// FlowState findings, the report and the cut-over list describe every trigger the same way. Pure.
//
// Facts (../shared/infra-ase-gateway.md §2 and Learn, "Disable or enable Standard workflows"): a deployed Standard
// workflow starts at once unless `Workflows.<name>.FlowState` is `Disabled` [C]; a polling trigger keeps its own
// state (what it has seen), which a new workflow does not share with the ISE one [C for the state, U for where a
// new trigger starts]; a Consumption Recurrence trigger enabled without a start time fires at once [C; U for Standard].
import type {Certainty} from '../model/index.js';
import {isRecord} from './walk.js';

/** How a trigger starts runs, as far as switching workflows goes. */
export type TriggerKind =
	/** A Request (HTTP) trigger: callers decide which workflow they call. */
	| 'request'
	/** A webhook subscription: the service calls back whichever workflows subscribed. */
	| 'webhook'
	/** A schedule. */
	| 'recurrence'
	/** Messages taken from a queue or subscription: whoever reads one first has it. */
	| 'queue'
	/** Events read from a stream at a position each reader keeps (Event Hubs). */
	| 'stream'
	/** Polling for new or changed items (files, rows, mail), remembering what it has seen. */
	| 'watermark'
	/** Polling of another kind. */
	| 'polling'
	/** The trigger was left out of the migration: a placeholder stands in for it. */
	| 'placeholder'
	/** No trigger at all. */
	| 'none';

export interface TriggerInfo {
	/** The trigger's name, empty when there is none. */
	name: string;
	kind: TriggerKind;
	/** How it starts runs, in a few words: `on a schedule (every 15 minutes)`. */
	starts: string;
}

/** What switching a workflow of this trigger kind from the ISE to Standard risks, and how sure that is. */
export interface SwitchRisk {
	/** Reprocessing or skipping when switched, in a sentence. */
	onSwitch: string;
	certainty: Certainty;
	/** Whether the trigger can start runs on its own once enabled (everything but request triggers and placeholders). */
	startsByItself: boolean;
}

const PLACEHOLDER_PREFIX = 'Placeholder:';

function every(recurrence: unknown): string {
	if (!isRecord(recurrence)) return '';
	const n = Number(recurrence.interval ?? 1);
	const unit = String(recurrence.frequency ?? '').toLowerCase();
	if (!unit) return '';
	return `, every ${n === 1 ? unit : `${n} ${unit}s`}`;
}

/** What a polling trigger polls for, from its built-in operation or its managed connector's path. */
function pollingKind(text: string): TriggerKind {
	const t = text.toLowerCase();
	if (/eventhub|\bevents?\b|receiveevents|\/events\//.test(t)) return 'stream';
	if (/messages?|queue|peek/.test(t)) return 'queue';
	if (/added|modified|created|inserted|updated|changed|onnew|onupdated|whena|new/.test(t)) return 'watermark';
	return 'polling';
}

/** The trigger of a definition and how it starts runs. A definition with several triggers is described by its first. */
export function triggerOf(definition: unknown): TriggerInfo {
	const triggers = isRecord(definition) && isRecord(definition.triggers) ? Object.entries(definition.triggers) : [];
	const first = triggers.find(([, op]) => isRecord(op));
	if (!first) return {name: '', kind: 'none', starts: 'never by itself: it has no trigger'};
	const [name, raw] = first as [string, Record<string, unknown>];
	const type = String(raw.type ?? '').toLowerCase();
	const inputs = isRecord(raw.inputs) ? raw.inputs : {};
	const quoted = `'${name}'`;
	if (type === 'request') {
		if (typeof raw.description === 'string' && raw.description.startsWith(PLACEHOLDER_PREFIX)) {
			return {name, kind: 'placeholder', starts: `never by itself: its trigger ${quoted} was left out and a placeholder Request trigger stands in for it`};
		}
		return {name, kind: 'request', starts: `when called over HTTP (Request trigger ${quoted})`};
	}
	if (type === 'recurrence') return {name, kind: 'recurrence', starts: `on a schedule${every(raw.recurrence)} (trigger ${quoted})`};
	if (type === 'httpwebhook' || type === 'apiconnectionwebhook' || type === 'apiconnectionnotification') {
		return {name, kind: 'webhook', starts: `when a service calls back a subscription it holds (webhook trigger ${quoted})`};
	}
	const operation = isRecord(inputs.serviceProviderConfiguration) ? String(inputs.serviceProviderConfiguration.operationId ?? '') : '';
	const path = typeof inputs.path === 'string' ? inputs.path : '';
	const kind = pollingKind(`${operation} ${path} ${name}`);
	const what: Record<TriggerKind, string> = {
		queue: 'when messages arrive in a queue or subscription',
		stream: 'when events arrive in an event stream',
		watermark: 'when new or changed items appear (it polls, remembering what it has seen)',
		polling: 'by polling',
		request: '',
		webhook: '',
		recurrence: '',
		placeholder: '',
		none: '',
	};
	return {name, kind, starts: `${what[kind]}${every(raw.recurrence)} (trigger ${quoted})`};
}

export const SWITCH_RISK: Readonly<Record<TriggerKind, SwitchRisk>> = {
	request: {
		onSwitch: 'Nothing is reprocessed or skipped: each caller reaches the workflow whose URL it calls. The URL changes, so every caller needs the new one.',
		certainty: 'C',
		startsByItself: false,
	},
	webhook: {
		onSwitch:
			'While both are enabled both hold a subscription and every event starts both, so each item is processed twice. Disable the ISE original first (that removes its subscription); ' +
			'events that arrive between the two are delivered to neither [U].',
		certainty: 'U',
		startsByItself: true,
	},
	recurrence: {
		onSwitch:
			'No items of its own, but with both enabled every scheduled run happens twice. Enable it after the ISE original ran for the last time; ' +
			'a Recurrence trigger without a start time may fire as soon as it is enabled (documented for Consumption, our inference for Standard), so a run may come early.',
		certainty: 'U',
		startsByItself: true,
	},
	queue: {
		onSwitch:
			'Each message goes to whichever trigger takes it first, so nothing is processed twice and nothing waiting is lost: the new trigger picks up what the old one left. ' +
			'With both enabled, ordering and sessions are not kept across the two.',
		certainty: 'S',
		startsByItself: true,
	},
	stream: {
		onSwitch:
			'Each trigger keeps its own position in the stream and the new one does not know how far the ISE one read: it may start at the newest events (skipping those in between) ' +
			'or at the oldest retained (reprocessing them). Use its own consumer group and check where it starts before enabling it.',
		certainty: 'U',
		startsByItself: true,
	},
	watermark: {
		onSwitch:
			'The trigger remembers what it has seen, and the new one starts without the ISE trigger\'s memory: items already processed but still there may be processed again, ' +
			'and items added while neither runs may be skipped. Move or delete processed items (or note the last one processed) before enabling it.',
		certainty: 'U',
		startsByItself: true,
	},
	polling: {
		onSwitch: 'It polls on its own, without the ISE trigger\'s state: check what its first poll picks up before enabling it.',
		certainty: 'U',
		startsByItself: true,
	},
	placeholder: {
		onSwitch: 'It cannot start: rebuild its trigger before enabling it.',
		certainty: 'C',
		startsByItself: false,
	},
	none: {
		onSwitch: 'It has no trigger: it runs only when another workflow calls it.',
		certainty: 'C',
		startsByItself: false,
	},
};
