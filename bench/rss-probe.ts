// Preloaded (node --import) into a child the bench measures: records the process's peak RSS as it exits.
import {writeFileSync} from 'node:fs';

const file = process.env['ISE_BENCH_RSS_FILE'];
if (file) {
	// getrusage maxrss, in KiB on Linux; 'exit' runs even after process.exit().
	process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
