// The application layer's vocabulary: what a user works on (a Migration: one ISE's inventory, analysed), and the
// ports it needs from the outside world. Sources, the session store, the disk and the clock are passed in, so the
// same functions serve the wizard, the headless commands and the tests.
import type {OperationIndex} from '../analysis/operations.js';
import type {FileSet, Finding, Inventory, ReviewPosition, Session, SourceRef, StepId} from '../model/index.js';
import type {WriteResult} from '../generate/write.js';

/** What a source hands over: the inventory as read, where it came from, and what it could not read. */
export interface OpenedSource {
	inventory: Inventory;
	source: SourceRef;
	/** Input files the source passed over, each with why (never silently dropped). */
	skipped?: {file: string; reason: string}[];
	/** A one-line note for the admin (files skipped, items not read). */
	notice?: string;
}

/** One ISE's inventory, made ready and analysed: what every step of the wizard and every command works on. */
export interface Migration {
	/** The inventory with workflow names made unique (they become folder names). */
	inventory: Inventory;
	/** Every connection-using step, resolved once. */
	operations: OperationIndex;
	findings: Finding[];
	/** Identifies the inventory's content, so a resumed session can tell whether the estate changed. */
	fingerprint: string;
	source: SourceRef;
	skipped: {file: string; reason: string}[];
	notice?: string;
}

/** The session store as the application uses it (store/sessions.ts is the real one). */
export interface SessionRepository {
	readonly path: string;
	/** Set when a damaged store was set aside on opening. */
	readonly recovered?: string;
	/** Set while the last save failed (why); nothing may then claim the session was saved. */
	readonly unsaved?: string;
	list(): Session[];
	get(id: string): Session | undefined;
	open(input: {source: SourceRef; iseId: string; iseName: string; fingerprint: string}): {session: Session; existed: boolean};
	update(id: string, change: (s: Session) => Session): Session | undefined;
	/** Where the admin is: the step and, on a review step, the highlighted finding, filter and search. */
	setPosition(id: string, step: StepId, position?: ReviewPosition): Session | undefined;
	remove(id: string): boolean;
	/** Every id that starts with `prefix`, so an ambiguous prefix can list them. */
	matchingIds(prefix: string): string[];
}

/** Where inventories come from. */
export interface SourcePort {
	demo(): OpenedSource;
	/** A snapshot file or a folder of ARM templates. */
	path(p: string, onProgress?: (text: string) => void, signal?: AbortSignal): Promise<OpenedSource>;
}

/** The only way the application reaches the disk for output. */
export interface DiskPort {
	/** Why writing into this folder would be refused, if it would. */
	check(dir: string): Promise<string | undefined>;
	write(files: FileSet, dir: string): Promise<WriteResult>;
}

export interface MigrationDeps {
	store: SessionRepository;
	sources: SourcePort;
	disk: DiskPort;
	/** ISO time now. */
	now: () => string;
	toolVersion: string;
	/**
	 * Called where a phase of a large run ends (read, analysed, previewed), so the runtime can reclaim what that
	 * phase built before the next one grows the heap further (runtime-memory.ts). Optional: only a hint.
	 */
	releaseMemory?: () => void;
}
