// The value an option takes (FindingOption.input), typed under the option list: checked with the same validator
// the decisions file and plan() use, so what the wizard accepts the rest accepts too. Keys are the screen's
// (Enter submits through the text field, Esc goes back to the options).
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {checkOptionValue} from '../model/index.js';
import type {OptionInput} from '../model/index.js';

export function ValuePrompt({input, initial, onSubmit}: {input: OptionInput; initial?: string; onSubmit: (value: string) => void}) {
	const [text, setText] = useState(initial ?? '');
	const [error, setError] = useState<string>();
	return (
		<Box flexDirection="column">
			<Text bold>{input.prompt}:</Text>
			<Box>
				<Text color="cyan">› </Text>
				<TextInput
					value={text}
					onChange={(v) => {
						setText(v);
						setError(undefined);
					}}
					onSubmit={(v) => {
						const checked = checkOptionValue(input, v);
						if (checked.ok) onSubmit(checked.value);
						else setError(checked.message);
					}}
				/>
			</Box>
			{error ? <Text color="red">{error}</Text> : <Text dimColor>for example {input.example}</Text>}
		</Box>
	);
}
