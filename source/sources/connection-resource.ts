// What a Microsoft.Web/connections resource says about the connection a workflow step uses: its API, the names of its
// parameters, the values known not to be secret (server, database, account, host, port, authentication type), and the
// on-premises data gateway it goes through. A connection's parameter values are secret unless their name is on the
// list below: nothing else of them is ever kept. Live Azure and template sources both read connections through here.
import type {ConnectionReference} from '../model/index.js';
import {isRecord} from '../model/text.js';

export interface ConnectionFacts {
	apiId?: string;
	displayName?: string;
	/** Every parameter the resource sets, by name. */
	parameterNames: string[];
	values: Record<string, string | number | boolean>;
	gatewayId?: string;
	authType?: string;
	/** parameterValueSet.name: how a multi-authentication connection signs in (`managedIdentityAuth`…). */
	parameterSet?: string;
}

// Parameter names (lower-case) whose values say where a system is or how one signs in to it, never a credential.
// Collected from the managed connectors' connection parameters (SQL, DB2, Informix, Oracle, MQ, SFTP, FTP, SMTP,
// File System, SAP, storage, Key Vault, Service Bus and Event Hubs with managed identity).
const SAFE = new Set([
	'server',
	'servername',
	'serveraddress',
	'database',
	'databasename',
	'host',
	'hostname',
	'sshhostaddress',
	'port',
	'portnumber',
	'serverport',
	'account',
	'accountname',
	'storageaccount',
	'queuemanager',
	'queuemanagername',
	'channel',
	'channelname',
	'rootfolder',
	'vaultname',
	'namespaceendpoint',
	'fullyqualifiednamespace',
	'authtype',
	'authenticationtype',
	'authentication',
	'logontype',
	'applicationserverhost',
	'messageserverhost',
	'systemnumber',
	'client',
	'enablessl',
	'isssl',
	'issecure',
	'usessl',
	'encryptconnection',
]);
const AUTH_NAMES = new Set(['authtype', 'authenticationtype', 'authentication']);
// A value that carries a credential whatever its parameter is called.
const CREDENTIAL_TEXT = /(accountkey|sharedaccesskey|password|pwd|secret|sig|token)\s*=|^eyJ|-----BEGIN/i;

function plain(v: unknown): string | number | boolean | undefined {
	if (typeof v === 'number' || typeof v === 'boolean') return v;
	if (typeof v !== 'string' || v.trim() === '' || v.length > 300 || CREDENTIAL_TEXT.test(v)) return undefined;
	return v;
}

/** A gateway reference as the designer writes it (`{id}`) or a bare id. */
function gatewayOf(v: unknown): string | undefined {
	const id = isRecord(v) ? v.id : v;
	return typeof id === 'string' && /\/providers\/Microsoft\.Web\/connectionGateways\//i.test(id) ? id : undefined;
}

/**
 * The facts of a connection resource's `properties` (as ARM returns them, or as a template states them once
 * evaluated). `usable` tells a value the source could not settle (an unresolved template expression) from a real one.
 */
export function connectionFacts(properties: unknown, usable: (value: unknown) => boolean = () => true): ConnectionFacts {
	const p = isRecord(properties) ? properties : {};
	const facts: ConnectionFacts = {parameterNames: [], values: {}};
	if (isRecord(p.api) && typeof p.api.id === 'string' && usable(p.api.id)) facts.apiId = p.api.id;
	if (typeof p.displayName === 'string' && usable(p.displayName)) facts.displayName = p.displayName;
	const names = new Set<string>();
	const sources: Record<string, unknown>[] = [];
	// Managed identity connections keep their values as `alternativeParameterValues` (Learn, "Authenticate access with
	// managed identities": `parameterValueType: Alternative`).
	for (const key of ['parameterValues', 'nonSecretParameterValues', 'customParameterValues', 'alternativeParameterValues']) if (isRecord(p[key])) sources.push(p[key]);
	const set = isRecord(p.parameterValueSet) ? p.parameterValueSet : undefined;
	if (set && isRecord(set.values)) {
		sources.push(Object.fromEntries(Object.entries(set.values).map(([k, v]) => [k, isRecord(v) && 'value' in v ? v.value : v])));
	}
	for (const values of sources) {
		for (const [name, value] of Object.entries(values)) {
			names.add(name);
			const lower = name.toLowerCase();
			if (lower === 'gateway') {
				const id = gatewayOf(value);
				if (id && usable(id)) facts.gatewayId = id;
				continue;
			}
			if (!SAFE.has(lower) || !usable(value)) continue;
			const v = plain(value);
			if (v === undefined) continue;
			facts.values[name] = v;
			if (AUTH_NAMES.has(lower) && typeof v === 'string') facts.authType ??= v;
		}
	}
	if (set && typeof set.name === 'string' && usable(set.name)) {
		facts.parameterSet = set.name;
		facts.authType ??= set.name;
	}
	if (!facts.authType && typeof p.parameterValueType === 'string' && p.parameterValueType.toLowerCase() === 'alternative') facts.authType = MANAGED_IDENTITY;
	facts.parameterNames = [...names];
	return facts;
}

const MANAGED_IDENTITY = 'ManagedServiceIdentity';

/**
 * How a workflow's `$connections` entry says it signs in: `connectionProperties.authentication` of type
 * ManagedServiceIdentity (the workflow's identity; a user-assigned one when it names `identity`).
 */
export function entryAuthentication(entry: Record<string, unknown>): Pick<ConnectionReference, 'authType' | 'identity' | 'audience'> {
	const props = entry['connectionProperties'];
	const auth = isRecord(props) && isRecord(props.authentication) ? props.authentication : undefined;
	if (!(typeof auth?.type === 'string' && auth.type.toLowerCase() === 'managedserviceidentity')) return {};
	const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
	const identity = text(auth.identity);
	const audience = text(auth.audience);
	return {authType: MANAGED_IDENTITY, ...(identity ? {identity} : {}), ...(audience ? {audience} : {})};
}

/** Puts what the connection resource says on a workflow's reference to it (its own fields win where set). */
export function applyConnectionFacts(ref: ConnectionReference, facts: ConnectionFacts): ConnectionReference {
	const out: ConnectionReference = {...ref};
	if (facts.parameterNames.length > 0) out.parameterNames = facts.parameterNames;
	if (!out.displayName && facts.displayName) out.displayName = facts.displayName;
	if (Object.keys(facts.values).length > 0) out.values = facts.values;
	if (facts.gatewayId) out.gatewayId = facts.gatewayId;
	if (facts.authType) out.authType = facts.authType;
	if (facts.parameterSet) out.parameterSet = facts.parameterSet;
	return out;
}
