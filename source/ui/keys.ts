// Keys are data: a screen declares its bindings once; the footer shows them and the same list handles input.
//
// Input is routed through ONE subscription to Ink that lives as long as the app (<KeyRouter>). Ink's own
// useInput subscribes in a passive effect and re-subscribes whenever its handler changes, so keys that
// arrive while a new screen mounts (typing ahead, a paste, `tmux send-keys n n n`) reached no listener and
// were lost. Handlers here are registered during render and removed in a layout effect: there is no gap.
import {useInput, type Key} from 'ink';
import {createContext, createElement, useContext, useLayoutEffect, useRef, type ReactNode} from 'react';

export type InputHandler = (input: string, key: Key) => void;

interface Entry {
	handler: InputHandler;
	isActive: boolean;
	/** An Ink text field on this screen consumes typed text itself (see useKeyHandler). */
	textCapture: boolean;
}

type Registry = Map<symbol, Entry>;

const RouterContext = createContext<Registry | undefined>(undefined);

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
	const registry = useRef<Registry>(new Map()).current;
	const queue = useRef<[string, Key][]>([]).current;
	const draining = useRef(false);
	// One key per turn of the event loop: the screen a key changes renders (and registers its handlers)
	// before the next key is handled.
	const drain = () => {
		const next = queue.shift();
		if (!next) {
			draining.current = false;
			return;
		}
		// Snapshot first: a handler may unmount others (or itself) by changing the screen.
		for (const entry of [...registry.values()]) if (entry.isActive) entry.handler(next[0], next[1]);
		setImmediate(drain);
	};
	useInput((input, key) => {
		// While a text field has the focus it receives the text directly from Ink; queued here, the same
		// characters would reach the next screen as commands once the field submits ('n' in "name.json").
		// Only Esc, Tab and Ctrl-C go through then.
		const typing = [...registry.values()].some((e) => e.isActive && e.textCapture);
		const keys = splitKeys(input, key).filter(([, k]) => !typing || k.escape || k.tab || (k.ctrl && input === 'c'));
		queue.push(...keys);
		if (!draining.current) {
			draining.current = true;
			drain();
		}
	});
	return createElement(RouterContext.Provider, {value: registry}, children);
}

/** Like Ink's useInput, without the gap: under a KeyRouter the newest handler is always the one called. */
export function useKeyHandler(handler: InputHandler, options: {isActive?: boolean; textCapture?: boolean} = {}): void {
	const registry = useContext(RouterContext);
	const id = useRef(Symbol('keys')).current;
	const isActive = options.isActive ?? true;
	const textCapture = options.textCapture ?? false;
	if (registry) registry.set(id, {handler, isActive, textCapture});
	useLayoutEffect(() => {
		if (!registry) return;
		// Re-register after a commit in case a discarded render removed nothing but StrictMode ran cleanup.
		registry.set(id, registry.get(id) ?? {handler, isActive, textCapture});
		return () => {
			registry.delete(id);
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
	/** Hidden from the footer (e.g. vim-style aliases). */
	hidden?: boolean;
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
	if (key.ctrl && input === 'c') names.push('ctrl-c');
	else if (input === ' ') names.push('space');
	else if (input && !key.ctrl && !key.meta && input.length === 1) names.push(input);
	return names;
}

/** Runs the first binding whose key matches. */
export function useKeys(bindings: readonly KeyBinding[], options: {isActive?: boolean; textCapture?: boolean} = {}): void {
	useKeyHandler((input, key) => {
		const names = keyName(input, key);
		const binding = bindings.find((b) => b.run && b.keys.some((k) => names.includes(k)));
		binding?.run?.();
	}, options);
}
