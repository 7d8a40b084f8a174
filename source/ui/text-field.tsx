// A one-line text field: the value and cursor come from the wizard state (wizard/text.ts), so this only draws them.
// The keys reach the state through the screen's useScreenKeys({text}) in the order they were typed.
import {Text} from 'ink';
import type {TextValue} from '../wizard/text.js';

export function TextField({value, focus = true, placeholder}: {value: TextValue; focus?: boolean; placeholder?: string}) {
	if (!focus) return <Text>{value.value || <Text dimColor>{placeholder ?? ''}</Text>}</Text>;
	if (!value.value && placeholder) {
		return (
			<Text>
				<Text inverse> </Text>
				<Text dimColor>{placeholder}</Text>
			</Text>
		);
	}
	const before = value.value.slice(0, value.cursor);
	const at = value.value.slice(value.cursor, value.cursor + 1) || ' ';
	const after = value.value.slice(value.cursor + 1);
	return (
		<Text>
			{before}
			<Text inverse>{at}</Text>
			{after}
		</Text>
	);
}
