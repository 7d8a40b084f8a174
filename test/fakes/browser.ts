// A stand-in for the admin's browser: the real `open` package (inside @azure/identity) runs its xdg-open, which,
// with no desktop here, starts whatever $BROWSER names. That is this script: it loads the page it is given from the
// fake Entra and follows the redirect back to the app's loopback address, as a browser does after sign-in.
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PAGE_LOADER = `
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
const log = (line) => fs.appendFileSync(process.env.FAKE_BROWSER_LOG, line + '\\n');
const ca = fs.readFileSync(process.env.FAKE_BROWSER_CA);
const get = (url) => new Promise((resolve, reject) => {
	const secure = url.startsWith('https:');
	(secure ? https : http).get(url, secure ? {ca} : {}, (res) => { res.resume(); res.on('end', () => resolve(res)); }).on('error', reject);
});
const url = process.argv[2];
log(url);
const page = await get(url);
if (page.statusCode >= 300 && page.statusCode < 400 && page.headers.location) {
	log(page.headers.location);
	await get(page.headers.location);
}
`;

export interface FakeBrowser {
	/** Set in process.env while the browser may be opened (the `open` package's child inherits it). */
	env: Record<string, string>;
	/** Every address the browser loaded, in order. */
	visits(): string[];
	close(): void;
}

export function fakeBrowser(caFile: string): FakeBrowser {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'fake-browser-'));
	const loader = path.join(dir, 'load-page.mjs');
	const launcher = path.join(dir, 'browser');
	const log = path.join(dir, 'visits.log');
	writeFileSync(loader, PAGE_LOADER);
	writeFileSync(launcher, `#!/bin/sh\nexec '${process.execPath}' '${loader}' "$1"\n`);
	chmodSync(launcher, 0o755);
	writeFileSync(log, '');
	return {
		env: {BROWSER: launcher, FAKE_BROWSER_LOG: log, FAKE_BROWSER_CA: caFile},
		visits: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
		close: () => rmSync(dir, {recursive: true, force: true}),
	};
}
