// Runs the BUILT write() on a file set read from stdin and kills its own process with SIGKILL just before
// disk operation number argv[3]: a real kill -9, not an exception the writer could catch.
// Usage: node kill-writer.mjs <dir> <op> < files.json
import {readFileSync} from 'node:fs';
import {nodeDisk, write} from '../../dist/generate/write.js';

const [dir, at] = process.argv.slice(2);
// A streamed document comes as {streamed: text} and is streamed again here.
const files = new Map(
	Object.entries(JSON.parse(readFileSync(0, 'utf8'))).map(([rel, v]) => [rel, typeof v === 'string' ? v : {kind: 'streamed', write: (sink) => sink(Buffer.from(v.streamed))}]),
);
let count = 0;
const disk = Object.fromEntries(
	Object.entries(nodeDisk).map(([name, op]) => [
		name,
		(...args) => {
			if (count++ === Number(at)) process.kill(process.pid, 'SIGKILL');
			return op(...args);
		},
	]),
);
await write(files, dir, {disk});
