#!/usr/bin/env node
// Entry point. `--version` answers before anything else loads; everything else is cli/main.ts.
import {TOOL_VERSION} from './version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') process.stdout.write(`${TOOL_VERSION}\n`);
else process.exitCode = await (await import('./cli/main.js')).main(argv);
