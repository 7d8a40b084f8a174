// A keyboard list. ink-select-input reads its highlighted index from the last render, so Down and Enter
// arriving in ONE chunk select the item that was highlighted before the Down. Here the index lives in a ref
// updated synchronously by every key, and the render state only mirrors it.
import {Box, Text} from 'ink';
import {Indicator} from 'ink-select-input';
import {useRef, useState, type ReactNode} from 'react';
import {useKeyHandler} from './keys.js';

export interface SelectItem<V> {
	key?: string;
	label: string;
	value: V;
	/** Extra dimmed text after the label. */
	hint?: string;
	disabled?: boolean;
}

export interface SelectProps<V> {
	items: readonly SelectItem<V>[];
	initialIndex?: number;
	/** Rows shown at once; the list scrolls to keep the highlighted row in view. */
	limit?: number;
	isActive?: boolean;
	onSelect: (item: SelectItem<V>, index: number) => void;
	onHighlight?: (item: SelectItem<V>, index: number) => void;
	renderItem?: (item: SelectItem<V>, highlighted: boolean) => ReactNode;
}

function clamp(i: number, n: number): number {
	return n === 0 ? 0 : Math.max(0, Math.min(n - 1, i));
}

export function useSelectState(count: number, initialIndex = 0, limit = count) {
	const indexRef = useRef(clamp(initialIndex, count));
	const offsetRef = useRef(Math.max(0, indexRef.current - limit + 1));
	const [, rerender] = useState(0);
	if (indexRef.current >= count) indexRef.current = clamp(indexRef.current, count);
	const move = (to: number) => {
		const index = clamp(to, count);
		indexRef.current = index;
		if (index < offsetRef.current) offsetRef.current = index;
		if (index >= offsetRef.current + limit) offsetRef.current = index - limit + 1;
		rerender((n) => n + 1);
		return index;
	};
	return {
		get index() {
			return indexRef.current;
		},
		get offset() {
			return offsetRef.current;
		},
		move,
	};
}

export function Select<V>({items, initialIndex = 0, limit = 12, isActive = true, onSelect, onHighlight, renderItem}: SelectProps<V>) {
	const state = useSelectState(items.length, initialIndex, limit);
	const highlight = (to: number) => {
		const i = state.move(to);
		const item = items[i];
		if (item) onHighlight?.(item, i);
	};
	useKeyHandler(
		(input, key) => {
			if (key.upArrow || input === 'k') highlight(state.index - 1);
			else if (key.downArrow || input === 'j') highlight(state.index + 1);
			else if (key.pageDown) highlight(state.index + limit);
			else if (key.pageUp) highlight(state.index - limit);
			else if (key.return) {
				const item = items[state.index];
				if (item && !item.disabled) onSelect(item, state.index);
			} else if (/^[1-9]$/.test(input) && items.length <= 9) {
				const i = Number(input) - 1;
				const item = items[i];
				if (item && !item.disabled) {
					state.move(i);
					onSelect(item, i);
				}
			}
		},
		{isActive},
	);
	const visible = items.slice(state.offset, state.offset + limit);
	return (
		<Box flexDirection="column">
			{state.offset > 0 && <Text dimColor>  ↑ {state.offset} more</Text>}
			{visible.map((item, i) => {
				const highlighted = state.offset + i === state.index;
				return (
					<Box key={item.key ?? `${state.offset + i}`}>
						<Box flexShrink={0}>
							<Indicator isSelected={highlighted} />
						</Box>
						{renderItem ? (
							renderItem(item, highlighted)
						) : (
							<Text color={highlighted ? 'cyan' : undefined} dimColor={item.disabled}>
								{item.label}
								{item.hint ? <Text dimColor> {item.hint}</Text> : null}
							</Text>
						)}
					</Box>
				);
			})}
			{state.offset + limit < items.length && <Text dimColor>  ↓ {items.length - state.offset - limit} more</Text>}
		</Box>
	);
}
