// Built-in connection settings filled in from what the ISE's API connection says (server, database, host, port…),
// so the admin types only the secrets. Only settings that are not secret are ever given a value; a secret setting
// (a connection string) gets a hint in its description instead. Pure.
import {systemsOf} from '../analysis/rules/reach.js';
import type {ConnectionReference, Workflow} from '../model/index.js';
import {connectionIdentity, type ConvertedWorkflow} from './convert/index.js';

export interface Prefill {
	/** Non-secret app settings and the value the ISE connection gives them. */
	values: Map<string, {value: string; from: string}>;
	/** Secret app settings and where the ISE connection pointed, for their description. */
	hints: Map<string, string>;
}

// Built-in connection parameter (lower-case) → managed connection parameters that carry the same thing.
const EQUIVALENT: Record<string, string[]> = {
	sshhostaddress: ['hostname', 'host', 'server'],
	serveraddress: ['hostname', 'host', 'server'],
	servername: ['server', 'hostname', 'host'],
	portnumber: ['port', 'serverport'],
	port: ['portnumber', 'serverport'],
	database: ['databasename'],
	queuemanagername: ['queuemanager'],
	channelname: ['channel'],
	enablessl: ['isssl', 'usessl', 'issecure'],
	fullyqualifiednamespace: ['namespaceendpoint'],
};
const HOST_PARAMS = new Set(['sshhostaddress', 'serveraddress', 'servername']);
const PORT_PARAMS = new Set(['portnumber', 'port']);
// `host:port` (DB2, MQ, FTP) or `host,port` (SQL Server).
const HOST_PORT = /^([^:,\s]+)[:,](\d{1,5})$/;

/** The value a built-in connection parameter takes from a managed connection's known values, if any. */
export function builtinValue(param: string, values: Readonly<Record<string, string | number | boolean>>): string | undefined {
	const known = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), String(v)]));
	const p = param.toLowerCase();
	for (const name of [p, ...(EQUIVALENT[p] ?? [])]) {
		const v = known.get(name);
		if (v === undefined) continue;
		if (HOST_PARAMS.has(p)) return HOST_PORT.exec(v)?.[1] ?? v;
		if (p === 'fullyqualifiednamespace') return v.replace(/^sb:\/\//i, '').replace(/\/+$/, '');
		return v;
	}
	// A port written into the server name.
	if (PORT_PARAMS.has(p)) {
		for (const name of ['server', 'hostname', 'host']) {
			const m = HOST_PORT.exec(known.get(name) ?? '');
			if (m) return m[2];
		}
	}
	return undefined;
}

const APPSETTING = /^@appsetting\('([^']+)'\)$/;

/** Settings of the built-in connections that replace ISE connections, filled from those connections' known values. */
export function prefillSettings(items: readonly {workflow: Workflow; result: ConvertedWorkflow}[]): Prefill {
	const out: Prefill = {values: new Map(), hints: new Map()};
	for (const {workflow, result} of items) {
		for (const ref of Array.isArray(workflow.connections) ? workflow.connections : []) {
			if (!ref.values || Object.keys(ref.values).length === 0) continue;
			fill(out, ref, connectionIdentity(workflow, ref), result);
		}
	}
	return out;
}

function fill(out: Prefill, ref: ConnectionReference, identity: string, result: ConvertedWorkflow): void {
	const from = `the ISE connection ${ref.connectionName || ref.key}`;
	const systems = systemsOf(ref);
	for (const sp of Object.values(result.serviceProviderConnections)) {
		if (sp.source !== identity && !sp.source?.startsWith(`${identity}|`)) continue;
		for (const [param, raw] of Object.entries(sp.parameterValues)) {
			const setting = typeof raw === 'string' ? APPSETTING.exec(raw)?.[1] : undefined;
			const spec = setting ? sp.appSettings.find((s) => s.name === setting) : undefined;
			if (!setting || !spec) continue;
			if (spec.secret) {
				if (systems) out.hints.set(setting, `${from} pointed at ${systems}`);
				continue;
			}
			const value = builtinValue(param, ref.values ?? {});
			if (value !== undefined && !out.values.has(setting)) out.values.set(setting, {value, from});
		}
	}
}
