// A fake `az` executable for AzureCliCredential: a POSIX sh script (builtins only, so PATH can hold
// nothing else) answering `az account get-access-token --output json --resource R [--tenant T]`
// with tokens the fake Entra registered. Every call's arguments are appended to `callsFile`.
import {chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {FakeAzure} from './index.js';

export interface FakeAzOptions {
	/** 'ok' answers tokens; 'not-logged-in' fails the way az does before `az login`. */
	mode?: 'ok' | 'not-logged-in';
	/** Tenants az can hand tokens for; the first is the default (az's current account). */
	tenants: string[];
	/** Audience of the tokens (the cloud's ARM resource). */
	audience?: string;
	user?: string;
}

export interface FakeAz {
	/** Folder to put first on PATH. */
	dir: string;
	callsFile: string;
	/** Argument lines az was called with so far. */
	calls(): string[];
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function writeFakeAz(fake: FakeAzure, options: FakeAzOptions): FakeAz {
	const dir = mkdtempSync(path.join(tmpdir(), 'fake-az-'));
	const callsFile = path.join(dir, 'calls.log');
	const expiresOn = Math.floor(Date.now() / 1000) + 3600;
	const answer = (tenantId: string) => {
		const token = fake.issueToken({tenantId, audience: options.audience, user: options.user});
		return JSON.stringify({
			accessToken: token,
			expiresOn: new Date(expiresOn * 1000).toISOString().replace('T', ' ').slice(0, 19) + '.000000',
			expires_on: expiresOn,
			subscription: '00000000-0000-0000-0000-000000000000',
			tenant: tenantId,
			tokenType: 'Bearer',
		});
	};
	const lines = [
		'#!/bin/sh',
		`printf '%s\\n' "$*" >> ${shQuote(callsFile)}`,
	];
	if (options.mode === 'not-logged-in') {
		lines.push(`printf '%s\\n' "ERROR: Please run 'az login' to setup account." >&2`, 'exit 1');
	} else {
		lines.push('tenant=""', 'prev=""', 'for a in "$@"; do', '  if [ "$prev" = "--tenant" ]; then tenant="$a"; fi', '  prev="$a"', 'done', 'case "$tenant" in');
		options.tenants.forEach((t, i) => {
			const pattern = i === 0 ? `""|${shQuote(t)}` : shQuote(t);
			lines.push(`  ${pattern}) printf '%s\\n' ${shQuote(answer(t))} ;;`);
		});
		lines.push(
			`  *) printf '%s\\n' "ERROR: AADSTS50020: User account from identity provider does not exist in tenant '$tenant'. Run 'az login --tenant $tenant'." >&2; exit 1 ;;`,
			'esac',
		);
	}
	const file = path.join(dir, 'az');
	writeFileSync(file, lines.join('\n') + '\n');
	chmodSync(file, 0o755);
	return {
		dir,
		callsFile,
		calls: () => (existsSync(callsFile) ? readFileSync(callsFile, 'utf8').split('\n').filter(Boolean) : []),
	};
}
