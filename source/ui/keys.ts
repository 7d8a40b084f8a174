// Keys are data: a screen declares its bindings once; the footer shows them and the same list handles input.
//
// Input is routed through ONE subscription to Ink that lives as long as the app (<KeyRouter>). Ink's own
// useInput subscribes in a passive effect and re-subscribes whenever its handler changes, so keys that
// arrive while a new screen mounts (typing ahead, a paste, `tmux send-keys n n n`) reached no listener and
// were lost. Handlers here are registered during render and removed in a layout effect: there is no gap.
import {useInput, type Key} from 'ink';
import {createContext, createElement, useContext, useLayoutEffect, useRef, type ReactNode} from 'react';
import type {TextEdit} from '../wizard/text.js';

export type InputHandler = (input: string, key: Key) => void;

interface Entry {
	handler: InputHandler;
	isActive: boolean;
}

interface Registry {
	handlers: Map<symbol, Entry>;
	/** Called after every commit of a component that takes keys: the screen a key changed is now the one showing. */
	committed: () => void;
}

const RouterContext = createContext<Registry | undefined>(undefined);

/** How long to wait for a render after a key before taking the next anyway (a key that changed nothing renders nothing). */
const RENDER_WAIT_MS = 30;

/**
 * Ink hands over a run of plain characters as ONE event ("nnn", or "\rn" for Enter then n). Each becomes
 * its own key press here, so every key reaches the screen that is showing when it is handled.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
	if (input.length <= 1 || input.startsWith('\u001B') || key.ctrl || key.meta) return [[input, key]];
	return [...input].map((ch) => [
		ch === '\r' || ch === '\n' || ch === '\t' || ch === '\u007F' || ch === '\b' ? '' : ch,
		{
			...key,
			return: ch === '\r' || ch === '\n',
			tab: ch === '\t',
			backspace: ch === '\u007F' || ch === '\b',
			shift: /[A-Z]/.test(ch),
		},
	]);
}

export function KeyRouter({children}: {children: ReactNode}) {
	const queue = useRef<[string, Key][]>([]).current;
	const draining = useRef(false);
	const waiting = useRef<NodeJS.Timeout | undefined>(undefined);
	// One key at a time, and the next only after the screen the key changed has rendered (and registered its
	// handlers): React may render in slices, so a turn of the event loop is not enough under load, and a key
	// handled by the screen that was showing before would act on stale props (a pasted path lost its last
	// character that way).
	const drain = () => {
		waiting.current = undefined;
		const next = queue.shift();
		if (!next) {
			draining.current = false;
			return;
		}
		// Snapshot first: a handler may unmount others (or itself) by changing the screen.
		for (const entry of [...registry.handlers.values()]) if (entry.isActive) entry.handler(next[0], next[1]);
		waiting.current = setTimeout(drain, RENDER_WAIT_MS);
	};
	const registry = useRef<Registry>({
		handlers: new Map(),
		committed: () => {
			if (!waiting.current) return;
			clearTimeout(waiting.current);
			waiting.current = undefined;
			setImmediate(drain);
		},
	}).current;
	useInput((input, key) => {
		// Text fields take their keys from this queue too, so typed text, Enter and the keys after it are handled
		// in the order they arrived, each by the screen showing at that moment.
		queue.push(...splitKeys(input, key));
		if (!draining.current) {
			draining.current = true;
			drain();
		}
	});
	return createElement(RouterContext.Provider, {value: registry}, children);
}

/** Like Ink's useInput, without the gap: under a KeyRouter the newest handler is always the one called. */
export function useKeyHandler(handler: InputHandler, options: {isActive?: boolean} = {}): void {
	const registry = useContext(RouterContext);
	const id = useRef(Symbol('keys')).current;
	const isActive = options.isActive ?? true;
	if (registry) registry.handlers.set(id, {handler, isActive});
	// After every commit of this component: the keys it takes are current, the next key may be handled.
	useLayoutEffect(() => {
		registry?.committed();
	});
	useLayoutEffect(() => {
		if (!registry) return;
		// Re-register after a commit in case a discarded render removed nothing but StrictMode ran cleanup.
		registry.handlers.set(id, registry.handlers.get(id) ?? {handler, isActive});
		return () => {
			registry.handlers.delete(id);
		};
	}, [registry, id]);
	// Outside a router (a widget rendered on its own) fall back to Ink directly.
	useInput(handler, {isActive: !registry && isActive});
}

export interface KeyBinding {
	/** Names matched against input: a character ('q', 'n'), or 'up', 'down', 'left', 'right', 'enter', 'escape', 'tab', 'space', 'ctrl-c'. */
	keys: readonly string[];
	/** What the footer shows for the key, e.g. '↑↓', 'Enter', 'Esc'. */
	hint: string;
	label: string;
	/** Absent for keys another widget handles (a list's ↑↓): shown in the footer only. */
	run?: () => void;
	/** Hidden from the footer (e.g. vim-style aliases, or keys only the help lists). */
	hidden?: boolean;
	/** A sentence for the `?` help, when the label alone does not say enough. */
	help?: string;
}

export function keyName(input: string, key: Key): string[] {
	const names: string[] = [];
	if (key.upArrow) names.push('up');
	if (key.downArrow) names.push('down');
	if (key.leftArrow) names.push('left');
	if (key.rightArrow) names.push('right');
	if (key.return) names.push('enter');
	if (key.escape) names.push('escape');
	if (key.tab) names.push(key.shift ? 'shift-tab' : 'tab');
	if (key.pageDown) names.push('pagedown');
	if (key.pageUp) names.push('pageup');
	if (key.home) names.push('home');
	if (key.end) names.push('end');
	if (key.delete) names.push('delete');
	if (key.backspace) names.push('backspace');
	if (key.ctrl && input === 'c') names.push('ctrl-c');
	else if (key.ctrl && input === 'z') names.push('ctrl-z');
	else if (input === ' ') names.push('space');
	else if (input && !key.ctrl && !key.meta && input.length === 1) names.push(input);
	return names;
}

/** The edit a key makes in a text field, if any. */
export function textEditFor(input: string, key: Key): TextEdit | undefined {
	if (key.backspace || (key.delete && !input)) return {kind: 'backspace'};
	if (key.leftArrow) return {kind: 'left'};
	if (key.rightArrow) return {kind: 'right'};
	if (key.home || (key.ctrl && input === 'a')) return {kind: 'home'};
	if (key.end || (key.ctrl && input === 'e')) return {kind: 'end'};
	if (key.ctrl && input === 'u') return {kind: 'kill-start'};
	if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.upArrow || key.downArrow) return undefined;
	return input ? {kind: 'insert', text: input} : undefined;
}

/** A screen's bindings with `?` (every key of the screen, with what it does) added. */
export function withHelp(bindings: readonly KeyBinding[], onHelp: (() => void) | undefined): KeyBinding[] {
	return onHelp ? [...bindings, {keys: ['?'], hint: '?', label: 'help', run: onHelp, help: 'every key of this screen and what the marks mean'}] : [...bindings];
}

/**
 * A screen's keys: runs the first binding whose key matches; with `text`, keys no binding takes are edits of a text
 * field, so the field and the screen's keys (Enter, Esc) are handled in the order they were typed. While the screen's
 * help shows, any key closes the help and does nothing else.
 */
export function useScreenKeys(bindings: readonly KeyBinding[], options: {help?: boolean; onCloseHelp?: () => void; isActive?: boolean; text?: (edit: TextEdit) => void} = {}): void {
	useKeyHandler(
		(input, key) => {
			if (options.help) return options.onCloseHelp?.();
			const names = keyName(input, key);
			const binding = bindings.find((b) => b.run && b.keys.some((k) => names.includes(k)));
			if (binding) return binding.run?.();
			const edit = options.text ? textEditFor(input, key) : undefined;
			if (edit) options.text!(edit);
		},
		{isActive: options.isActive},
	);
}
