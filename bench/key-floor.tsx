// The floor for a key in the wizard: a full-screen Ink app (as many rows of text as the terminal has, each as wide
// as it is) that moves a highlight on ↓ and ↑. Ink draws every frame whole, so its cost grows with what is on screen;
// this is what any Ink app of that size pays for a key in the same terminal and harness.
import {Box, render, Text, useInput, useStdout} from 'ink';
import {useState} from 'react';

function FullScreen() {
	const [at, setAt] = useState(0);
	const {stdout} = useStdout();
	const rows = (stdout.rows || 40) - 2;
	const width = (stdout.columns || 120) - 2;
	useInput((input, key) => {
		if (key.downArrow) setAt((x) => (x + 1) % rows);
		if (key.upArrow) setAt((x) => (x + rows - 1) % rows);
		if (input === 'q') process.exit(0);
	});
	return (
		<Box flexDirection="column">
			{Array.from({length: rows}, (_, r) => (
				<Text key={r} color={r === at ? 'cyan' : undefined}>
					{`${r === at ? '❯' : ' '} row ${r} `.padEnd(width, '·')}
				</Text>
			))}
		</Box>
	);
}

render(<FullScreen />, {maxFps: 120});
