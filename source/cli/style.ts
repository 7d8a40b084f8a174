// Colour on the command line, decided once per stream: FORCE_COLOR wins (as in Node itself: 0 or false turns
// colour off, anything else on), then NO_COLOR or --no-color turn it off, else colour only on a terminal.
// The wizard's Ink output follows the same decision (see colourForInk).
import type {Style} from '../commands/io.js';

export interface ColourEnv {
	env?: NodeJS.ProcessEnv;
	argv?: readonly string[];
}

export function colourEnabled(stream: {isTTY?: boolean}, {env = process.env, argv = process.argv}: ColourEnv = {}): boolean {
	const force = env['FORCE_COLOR'];
	if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
	if ((env['NO_COLOR'] ?? '') !== '' || argv.includes('--no-color')) return false;
	return Boolean(stream.isTTY) && env['TERM'] !== 'dumb';
}

/**
 * Ink (through chalk) reads FORCE_COLOR when it is first loaded and ignores NO_COLOR: call this before
 * importing it so the wizard has no colour exactly when the rest of the CLI has none.
 */
export function colourForInk(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): void {
	if (!colourEnabled(stream, {env})) env['FORCE_COLOR'] = '0';
}

export type {Style};

const sgr = (open: number, close: number) => (s: string) => `\u001B[${open}m${s}\u001B[${close}m`;
const plain = (s: string) => s;

export function styleFor(stream: {isTTY?: boolean}, options?: ColourEnv): Style {
	if (!colourEnabled(stream, options)) return {bold: plain, dim: plain, red: plain, yellow: plain, green: plain};
	return {bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39)};
}
