// The start-up floor for the wizard's first frame: the smallest Ink app, rendering one line.
import {render, Text} from 'ink';

render(<Text>ise-migrate bench: one line</Text>);
