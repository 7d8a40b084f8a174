// Keys are data: a screen declares its bindings once; the footer shows them and the same list handles input.
import {useInput, type Key} from 'ink';
import {useRef} from 'react';

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

/**
 * Runs the first binding whose key matches. Bindings are read through a ref so that several keys arriving
 * in one chunk (a paste, or tmux send-keys) each see the latest handlers, never a stale render's.
 */
export function useKeys(bindings: readonly KeyBinding[], options: {isActive?: boolean} = {}): void {
	const ref = useRef(bindings);
	ref.current = bindings;
	useInput(
		(input, key) => {
			const names = keyName(input, key);
			const binding = ref.current.find((b) => b.run && b.keys.some((k) => names.includes(k)));
			binding?.run?.();
		},
		{isActive: options.isActive ?? true},
	);
}
