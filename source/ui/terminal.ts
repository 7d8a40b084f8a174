import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

/**
 * Rows of the terminal, following resizes; undefined when output is not a terminal (tests), where the
 * frame is not clipped. The wizard never draws more rows than the terminal has: a frame taller than the
 * screen scrolls its header away and makes Ink redraw the whole screen on every key.
 */
export function useTerminalRows(): number | undefined {
	const {stdout} = useStdout();
	const [rows, setRows] = useState(stdout.rows);
	useEffect(() => {
		const onResize = () => setRows(stdout.rows);
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return rows;
}
