// Credentials written into a workflow definition: HTTP (and HTTP webhook, Function, API Management) authentication
// of every type, secret headers, keys and signatures in URIs, query maps and form bodies, secret fields of request
// bodies. Finds them and puts an app setting reference in place of each literal, in its context (a whole value,
// a piece of embedded text, a string literal inside an expression), so nothing else of the value changes.
// Values that are already expressions reading parameters or app settings stay; the parameters they read are
// reported, because their values are credentials too. Pure; mutates the definition it is given (callers pass a copy).
import {isRecord} from '../model/text.js';
import {parameterReads} from '../model/parameter-ref.js';
import {
	isNameLiteral,
	joinCode,
	literalsOf,
	partsToSegments,
	renderSegments,
	segmentsOf,
	spliceText,
	type Segment,
} from '../model/expression-text.js';
import {walkOperations} from './walk.js';

export interface CredentialSite {
	/** Trigger or action name. */
	operation: string;
	/** For people: `authentication (Basic) password`, `header Authorization`, `uri query sig`… */
	what: string;
	/** Short field name, for app setting names: `password`, `Authorization`, `sig`… */
	field: string;
	/** App settings that now hold the literal parts (none when the value only read parameters or app settings). */
	settings: string[];
	/** Definition parameters the value reads (those not declared secure). */
	parameters: string[];
}

export interface CredentialScan {
	/** Every credential position that held a literal or read a parameter not declared secure. */
	sites: CredentialSite[];
	/** Definition parameters whose values end up in a credential: secret as well, whatever their declared type. */
	parameters: string[];
}

/** Gives the app setting for one literal piece of a credential; called once per piece. */
export type SettingNamer = (operation: string, field: string) => string;

// Operation types whose inputs are an HTTP request of their own (headers, queries, URI, body).
const HTTP_TYPES = new Set(['http', 'httpwebhook', 'function', 'apimanagement', 'workflow']);

const AUTH_SECRET_FIELDS = new Set(['password', 'pfx', 'secret', 'clientsecret']);

// Header names that carry a credential. Names that merely end in "key" but identify a request are not.
const SECRET_HEADER =
	/^(?:proxy-)?authorization$|^cookie$|(?:^|[-_])(?:key|apikey|api-key|api_key|token|secret|password|passwd|pwd|signature|sig|credentials?)$/i;
const NOT_SECRET_HEADER = /idempotency|correlation|routing|dedup|sequence|partition|session/i;

// Query parameters (in a URI or a `queries` map) that carry a key or a signature.
const SECRET_QUERY = new Set([
	'sig',
	'code',
	'key',
	'subscription-key',
	'api-key',
	'apikey',
	'api_key',
	'x-functions-key',
	'access_token',
	'token',
	'client_secret',
	'password',
	'pwd',
	'secret',
	'signature',
]);

// Fields of a form-encoded body or a connection string that carry a secret.
const SECRET_FORM = new Set([
	...SECRET_QUERY,
	'refresh_token',
	'client_assertion',
	'assertion',
	'accountkey',
	'sharedaccesskey',
	'sharedaccesssignature',
]);

// Fields of a JSON request body that carry a secret.
const SECRET_BODY_FIELD =
	/^(?:password|passwd|pwd|client_?secret|secret|api_?key|access_?token|refresh_?token|private_?key|subscription_?key|shared_?access_?key|account_?key|connection_?string)$/i;

// URLs whose path is the secret (incoming webhooks of chat services).
const SECRET_URL = /^https:\/\/(hooks\.slack\.com\/(services|workflows)\/|[^/@]*\.webhook\.office\.com\/webhookb2\/|outlook\.office(365)?\.com\/webhook\/|(discord|discordapp)\.com\/api\/webhooks\/)/i;

// Authorization schemes kept in front of the app setting: only the credential after them moves.
const SCHEME = /^\s*(?:Bearer|Basic|Digest|SharedAccessSignature|SharedKey|SharedKeyLite|Token|ApiKey|Key|Negotiate|NTLM|OAuth)\s+/i;

/** Text that holds something beyond spaces and separators. */
function hasContent(text: string): boolean {
	return !/^[\s:;,=&|/\\.\-]*$/.test(text);
}

const setting = (name: string) => `appsetting('${name.replace(/'/g, "''")}')`;

class Scanner {
	readonly sites: CredentialSite[] = [];
	constructor(private readonly namer: SettingNamer) {}

	private site(operation: string, what: string, field: string, settings: string[], parameters: string[]): void {
		if (settings.length === 0 && parameters.length === 0) return;
		this.sites.push({operation, what, field, settings, parameters});
	}

	/** A value that is a credential as a whole (an authentication field, a secret header or query value). */
	whole(value: unknown, operation: string, what: string, field: string): unknown {
		if (value === null || value === undefined || isRecord(value) || Array.isArray(value)) return value;
		if (typeof value !== 'string') {
			const name = this.namer(operation, field);
			this.site(operation, what, field, [name], []);
			return `@${setting(name)}`;
		}
		const segments = segmentsOf(value);
		if (!segments) {
			const name = this.namer(operation, field);
			this.site(operation, what, field, [name], []);
			return `@${setting(name)}`;
		}
		const settings: string[] = [];
		const parameters: string[] = [];
		const next = () => {
			const name = this.namer(operation, field);
			settings.push(name);
			return name;
		};
		const out: Segment[] = [];
		for (const s of segments) {
			if (s.kind === 'text') {
				if (!hasContent(s.text.replace(SCHEME, ''))) {
					out.push(s);
					continue;
				}
				const scheme = SCHEME.exec(s.text)?.[0] ?? '';
				if (scheme) out.push({kind: 'text', text: scheme});
				out.push({kind: 'code', code: setting(next()), interpolated: true});
				continue;
			}
			parameters.push(...parameterReads(s.code));
			out.push({...s, code: this.scrubCodeLiterals(s.code, (lit) => (hasContent(lit.replace(SCHEME, '')) ? next() : undefined))});
		}
		this.site(operation, what, field, settings, parameters);
		if (settings.length === 0) return value;
		// A value that was nothing but the literal becomes a whole-string reference.
		if (out.length === 1 && out[0]!.kind === 'code' && segments.length === 1 && segments[0]!.kind === 'text') return `@${out[0]!.code}`;
		return renderSegments(out);
	}

	/**
	 * Replaces content literals of expression code that `pick` names a setting for. A literal with an
	 * authorization scheme in front keeps the scheme: `'Basic abc'` → `concat('Basic ', appsetting('x'))`.
	 */
	private scrubCodeLiterals(code: string, pick: (literal: string) => string | undefined): string {
		const literals = literalsOf(code);
		if (!literals) return code;
		let out = '';
		let at = 0;
		for (const lit of literals) {
			if (isNameLiteral(lit)) continue;
			const name = pick(lit.value);
			if (!name) continue;
			const scheme = SCHEME.exec(lit.value)?.[0] ?? '';
			out += code.slice(at, lit.start) + joinCode([{text: scheme}, {code: setting(name)}]);
			at = lit.end;
		}
		return out + code.slice(at);
	}

	/** `name=value` pairs inside a URI, a form body or a connection string: only the secret values move. */
	pairs(value: unknown, operation: string, what: string, names: ReadonlySet<string>, userinfo: boolean): unknown {
		if (typeof value !== 'string') return value;
		const segments = segmentsOf(value);
		if (!segments) return value;
		const settings: string[] = [];
		const parameters: string[] = [];
		const fields = new Set<string>();
		const rangesIn = (text: string, first: boolean) => {
			const ranges: {start: number; end: number; code: string}[] = [];
			if (userinfo && first) {
				const m = /^([a-z][a-z0-9+.-]*:\/\/[^/@:\s?#]+:)([^/@\s?#]+)@/i.exec(text);
				if (m) {
					const name = this.namer(operation, 'password');
					settings.push(name);
					fields.add('password');
					ranges.push({start: m[1]!.length, end: m[1]!.length + m[2]!.length, code: setting(name)});
				}
			}
			for (const m of text.matchAll(/(^|[?&;])\s*([A-Za-z0-9_.-]+)\s*=([^&;#]*)/g)) {
				const key = m[2]!;
				if (!names.has(key.toLowerCase()) || !hasContent(m[3]!)) continue;
				const name = this.namer(operation, key);
				settings.push(name);
				fields.add(key);
				const start = m.index! + m[0].length - m[3]!.length;
				ranges.push({start, end: start + m[3]!.length, code: setting(name)});
			}
			return ranges;
		};
		const out: Segment[] = [];
		segments.forEach((s, i) => {
			if (s.kind === 'text') {
				const ranges = rangesIn(s.text, i === 0);
				out.push(...(ranges.length > 0 ? partsToSegments(spliceText(s.text, ranges)) : [s]));
				// `…?code=@{parameters('k')}`: the parameter holds the key.
				const after = segments[i + 1];
				const tail = /[?&;]\s*([A-Za-z0-9_.-]+)\s*=$/.exec(s.text);
				if (after?.kind === 'code' && tail && names.has(tail[1]!.toLowerCase())) parameters.push(...parameterReads(after.code));
				return;
			}
			let code = s.code;
			const literals = literalsOf(code);
			if (literals) {
				let rebuilt = '';
				let at = 0;
				for (const lit of literals) {
					if (isNameLiteral(lit)) continue;
					const ranges = rangesIn(lit.value, i === 0 && lit.start === literals[0]!.start);
					if (ranges.length === 0) continue;
					rebuilt += code.slice(at, lit.start) + joinCode(spliceText(lit.value, ranges));
					at = lit.end;
				}
				code = rebuilt + code.slice(at);
			}
			out.push({...s, code});
		});
		const field = [...fields].join('_');
		this.site(operation, fields.size > 0 ? `${what} (${[...fields].join(', ')})` : what, field || 'value', settings, [...new Set(parameters)]);
		return settings.length > 0 ? renderSegments(out) : value;
	}
}

function scrubAuthentication(scan: Scanner, holder: Record<string, unknown>, operation: string, where: string): void {
	const auth = holder.authentication;
	if (auth === undefined) return;
	if (!isRecord(auth)) {
		holder.authentication = scan.whole(auth, operation, `${where}authentication`, 'authentication');
		return;
	}
	const type = typeof auth.type === 'string' ? auth.type : '';
	const raw = /^raw$/i.test(type) || !/^(managedserviceidentity|basic|clientcertificate|activedirectoryoauth)$/i.test(type);
	for (const k of Object.keys(auth)) {
		const lower = k.toLowerCase();
		if (AUTH_SECRET_FIELDS.has(lower) || (lower === 'value' && raw)) {
			auth[k] = scan.whole(auth[k], operation, `${where}authentication${type ? ` (${type})` : ''} ${k}`, k);
		}
	}
}

function scrubRequest(scan: Scanner, req: Record<string, unknown>, operation: string, where: string): void {
	scrubAuthentication(scan, req, operation, where);
	// An API Management action's own subscription key (the converter moves it to the connection when it can).
	if (req.subscriptionKey !== undefined) req.subscriptionKey = scan.whole(req.subscriptionKey, operation, `${where}subscription key`, 'subscriptionKey');
	if (isRecord(req.headers)) {
		for (const [k, v] of Object.entries(req.headers)) {
			if (SECRET_HEADER.test(k) && !NOT_SECRET_HEADER.test(k)) req.headers[k] = scan.whole(v, operation, `${where}header ${k}`, k);
		}
	}
	if (isRecord(req.queries)) {
		for (const [k, v] of Object.entries(req.queries)) {
			if (SECRET_QUERY.has(k.toLowerCase())) req.queries[k] = scan.whole(v, operation, `${where}query ${k}`, k);
		}
	}
	// A webhook URL of a chat service is a credential in itself: its path is the token.
	if (typeof req.uri === 'string' && SECRET_URL.test(req.uri)) req.uri = scan.whole(req.uri, operation, `${where}uri`, 'uri');
	else if (req.uri !== undefined) req.uri = scan.pairs(req.uri, operation, `${where}uri`, SECRET_QUERY, true);
	if (typeof req.body === 'string') req.body = scan.pairs(req.body, operation, `${where}body`, SECRET_FORM, false);
	else if (isRecord(req.body) || Array.isArray(req.body)) scrubBody(scan, req.body, operation, `${where}body`);
}

function scrubBody(scan: Scanner, node: Record<string, unknown> | unknown[], operation: string, where: string): void {
	const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
	for (const [k, v] of entries) {
		const set = (value: unknown) => {
			if (Array.isArray(node)) node[k as number] = value;
			else node[k as string] = value;
		};
		if (typeof k === 'string' && SECRET_BODY_FIELD.test(k) && !isRecord(v) && !Array.isArray(v)) set(scan.whole(v, operation, `${where} field ${k}`, k));
		else if (isRecord(v) || Array.isArray(v)) scrubBody(scan, v, operation, where);
	}
}

/**
 * Replaces every literal credential of `definition` (at any depth) with an app setting reference named by
 * `namer`, and lists where they were and which parameters hold credentials.
 */
export function replaceCredentials(definition: unknown, namer: SettingNamer): CredentialScan {
	const scan = new Scanner(namer);
	for (const visit of walkOperations(definition)) {
		const inputs = visit.op.inputs;
		if (!isRecord(inputs)) continue;
		const type = typeof visit.op.type === 'string' ? visit.op.type.toLowerCase() : '';
		if (!HTTP_TYPES.has(type)) {
			scrubAuthentication(scan, inputs, visit.name, '');
			continue;
		}
		scrubRequest(scan, inputs, visit.name, '');
		for (const part of ['subscribe', 'unsubscribe'] as const) {
			const req = inputs[part];
			if (isRecord(req)) scrubRequest(scan, req, visit.name, `${part} `);
		}
	}
	// Parameters declared secure already become app settings; only the others need saying.
	const declared = isRecord(definition) && isRecord(definition.parameters) ? definition.parameters : {};
	const secure = new Set(
		Object.entries(declared)
			.filter(([, d]) => declaredSecure(d))
			.map(([name]) => name),
	);
	const sites = scan.sites
		.map((s) => ({...s, parameters: [...new Set(s.parameters)].filter((p) => !secure.has(p))}))
		.filter((s) => s.settings.length > 0 || s.parameters.length > 0);
	const parameters = [...new Set(sites.flatMap((s) => s.parameters))].sort();
	return {sites, parameters};
}

/** A parameter declared SecureString or SecureObject (any case). */
function declaredSecure(decl: unknown): boolean {
	return isRecord(decl) && typeof decl.type === 'string' && /^secure/i.test(decl.type);
}

/** Where the credentials of a definition are, without changing it. */
export function findCredentials(definition: unknown): CredentialScan {
	let n = 0;
	return replaceCredentials(structuredClone(definition), () => `credential_${++n}`);
}

/**
 * Whether a value given to a workflow parameter carries a credential: a key or signature in a URL or connection
 * string, a password in a URL, a secret webhook URL, a secret field of an object. Such a parameter is kept behind an
 * app setting like a secure one, whatever its declared type.
 */
export function holdsCredential(value: unknown): boolean {
	if (typeof value === 'string') {
		if (SECRET_URL.test(value)) return true;
		const scan = new Scanner(() => 'x');
		scan.pairs(value, '', '', SECRET_FORM, true);
		return scan.sites.some((site) => site.settings.length > 0);
	}
	if (Array.isArray(value)) return value.some(holdsCredential);
	if (isRecord(value)) {
		return Object.entries(value).some(
			([k, v]) => (SECRET_BODY_FIELD.test(k) && (typeof v === 'string' || typeof v === 'number') && hasContent(String(v)) && !String(v).startsWith('@')) || holdsCredential(v),
		);
	}
	return false;
}

/** What stands in for a credential a source removed (live Azure): still a literal, so it is still found and moved. */
export const REDACTED = 'REDACTED-BY-ISE-MIGRATE';
const MARK = '__ise_migrate_redacted__';

/** The app setting references a sentinel-named replacement wrote, turned back into the redacted literal. */
function unmark(value: unknown): unknown {
	if (typeof value === 'string') {
		if (!value.includes(MARK)) return value;
		if (value === `@appsetting('${MARK}')`) return REDACTED;
		return value.split(`@{appsetting('${MARK}')}`).join(REDACTED).split(`appsetting('${MARK}')`).join(`'${REDACTED}'`);
	}
	if (Array.isArray(value)) return value.map(unmark);
	if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmark(v)]));
	return value;
}

/**
 * A copy of `definition` with every literal credential replaced by REDACTED, for a source that must not keep them
 * (an inventory read from Azure can be saved as a snapshot). The places stay credentials, so findings and the
 * generator treat them exactly as they would the original values.
 */
export function redactCredentials<T>(definition: T): T {
	const copy = structuredClone(definition);
	const scan = replaceCredentials(copy, () => MARK);
	// Defaults of parameters a credential reads, and defaults that hold one, are credentials too. So is the default of
	// a parameter declared secure, whatever it looks like: scan.parameters leaves secure ones out (they become app
	// settings anyway), so without this their defaults would be written to the snapshot as they are.
	const declared = isRecord(copy) && isRecord(copy.parameters) ? copy.parameters : {};
	for (const [name, decl] of Object.entries(declared)) {
		if (!isRecord(decl) || !('defaultValue' in decl)) continue;
		if (declaredSecure(decl) || scan.parameters.includes(name)) decl.defaultValue = REDACTED;
		else decl.defaultValue = redactValue(decl.defaultValue);
	}
	return unmark(copy) as T;
}

/** A parameter value with the credentials it holds replaced by REDACTED (holdsCredential still says yes). */
export function redactValue(value: unknown): unknown {
	if (typeof value === 'string') {
		if (SECRET_URL.test(value)) return REDACTED;
		return unmark(new Scanner(() => MARK).pairs(value, '', '', SECRET_FORM, true));
	}
	if (Array.isArray(value)) return value.map(redactValue);
	if (isRecord(value)) {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, SECRET_BODY_FIELD.test(k) && (typeof v === 'string' || typeof v === 'number') && !String(v).startsWith('@') ? REDACTED : redactValue(v)]),
		);
	}
	return value;
}
