// Reads the public Consumption fixtures (ARM templates and gallery templates) into Workflow objects.
// A tiny, best-effort ARM expression evaluator stands in for a deployment: parameters take their default
// value, or their own name when they have none, so paths such as the sql-proc template's become readable.
import fs from 'node:fs';
import path from 'node:path';
import type {ConnectionReference, Workflow} from '../../source/model/index.js';

export const FIXTURES = '/work/shared/fixtures/public/consumption';

type Json = unknown;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Scope {
	parameters: Obj;
	variables: Obj;
}

function splitArgs(s: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	let q = false;
	for (let i = 0; i < s.length; i++) {
		const c = s[i]!;
		if (c === "'") {
			if (q && s[i + 1] === "'") {
				cur += "''";
				i++;
				continue;
			}
			q = !q;
		}
		if (!q && (c === '(' || c === '[')) depth++;
		if (!q && (c === ')' || c === ']')) depth--;
		if (!q && depth === 0 && c === ',') {
			out.push(cur.trim());
			cur = '';
		} else cur += c;
	}
	if (cur.trim()) out.push(cur.trim());
	return out;
}

function evalExpr(e: string, scope: Scope): unknown {
	e = e.trim();
	const lit = /^'((?:[^']|'')*)'$/s.exec(e);
	if (lit) return lit[1]!.replace(/''/g, "'");
	if (/^-?\d+$/.test(e)) return Number(e);
	const call = /^([A-Za-z0-9]+)\((.*)\)((?:\.[A-Za-z]+)*)$/s.exec(e);
	if (!call) throw new Error(`cannot evaluate ${e}`);
	const [, fn, argText, props] = call;
	const args = () => splitArgs(argText!).map((a) => evalExpr(a, scope));
	let v: unknown;
	switch (fn!.toLowerCase()) {
		case 'parameters': {
			const name = String(args()[0]);
			const p = scope.parameters[name];
			v = isObj(p) && 'defaultValue' in p ? evalValue(p.defaultValue, scope) : name;
			break;
		}
		case 'variables':
			v = evalValue(scope.variables[String(args()[0])], scope);
			break;
		case 'concat':
			v = args().map(String).join('');
			break;
		case 'format': {
			const [fmt, ...rest] = args();
			v = String(fmt).replace(/\{(\d+)\}/g, (_m, i: string) => String(rest[Number(i)]));
			break;
		}
		case 'base64':
			v = Buffer.from(String(args()[0]), 'utf8').toString('base64');
			break;
		case 'subscription':
			v = {subscriptionId: 'sub', id: '/subscriptions/sub'};
			break;
		case 'resourcegroup':
			v = {location: 'westeurope', name: 'rg'};
			break;
		case 'copyindex':
			v = 0;
			break;
		case 'subscriptionresourceid': {
			const [type, ...names] = args().map(String);
			const segs = type!.split('/');
			let id = `/subscriptions/sub/providers/${segs[0]}`;
			segs.slice(1).forEach((t, i) => (id += `/${t}/${names[i]}`));
			v = id;
			break;
		}
		case 'resourceid': {
			const [type, ...names] = args().map(String);
			const segs = type!.split('/');
			let id = `/subscriptions/sub/resourceGroups/rg/providers/${segs[0]}`;
			segs.slice(1).forEach((t, i) => (id += `/${t}/${names[i]}`));
			v = id;
			break;
		}
		default:
			throw new Error(`unsupported ARM function ${fn}`);
	}
	for (const prop of (props ?? '').split('.').filter(Boolean)) v = isObj(v) ? v[prop] : undefined;
	return v;
}

function evalString(s: string, scope: Scope): unknown {
	if (!(s.startsWith('[') && s.endsWith(']') && !s.startsWith('[['))) return s;
	try {
		return evalExpr(s.slice(1, -1), scope);
	} catch {
		return s;
	}
}

function evalValue(v: Json, scope: Scope): Json {
	if (typeof v === 'string') return evalString(v, scope);
	if (Array.isArray(v)) return v.map((x) => evalValue(x, scope));
	if (isObj(v)) {
		const out: Obj = {};
		for (const [k, x] of Object.entries(v)) out[String(evalString(k, scope))] = evalValue(x, scope);
		return out;
	}
	return v;
}

function connectionsFrom(value: unknown): ConnectionReference[] {
	if (!isObj(value)) return [];
	return Object.entries(value).map(([key, v]) => {
		const c = isObj(v) ? v : {};
		return {
			key,
			apiId: String(c.id ?? ''),
			connectionId: String(c.connectionId ?? ''),
			connectionName: String(c.connectionName ?? ''),
		};
	});
}

function workflowsFromResources(resources: unknown, scope: Scope, file: string, out: Workflow[]): void {
	if (!Array.isArray(resources)) return;
	for (const r of resources) {
		if (!isObj(r)) continue;
		const props = isObj(r.properties) ? r.properties : {};
		if (/^microsoft\.logic\/workflows$/i.test(String(r.type))) {
			const evaluated = evalValue(props, scope) as Obj;
			const params = isObj(evaluated.parameters) ? evaluated.parameters : {};
			const conns = isObj(params.$connections) ? params.$connections.value : undefined;
			const name = String(evalString(String(r.name), scope));
			out.push({
				id: `/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Logic/workflows/${name}`,
				name,
				resourceGroup: 'rg',
				definition: (evaluated.definition ?? {}) as Obj,
				parameters: {},
				connections: connectionsFrom(conns),
				origin: file,
			});
		}
		if (/^microsoft\.resources\/deployments$/i.test(String(r.type)) && isObj(props.template)) {
			const t = props.template;
			const inner: Scope = {
				parameters: {...scope.parameters, ...(isObj(t.parameters) ? t.parameters : {})},
				variables: {...scope.variables, ...(isObj(t.variables) ? t.variables : {})},
			};
			workflowsFromResources(t.resources, inner, file, out);
		}
	}
}

/** Every workflow definition in one fixture file. */
export function workflowsOf(file: string): Workflow[] {
	const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8').replace(/^\uFEFF/, '');
	const doc = JSON.parse(text) as Obj;
	const out: Workflow[] = [];
	if (/galleries\/templates/i.test(String(doc.type)) && isObj(doc.properties)) {
		// Gallery templates: the definition plus connectionReferences (api ids with {0}/{1} placeholders).
		const props = doc.properties;
		const refs = isObj(props.connectionReferences) ? props.connectionReferences : {};
		out.push({
			id: `/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Logic/workflows/${String(doc.name)}`,
			name: String(props.displayName ?? doc.name).replace(/^\$\{Resources\.|\}$/g, ''),
			resourceGroup: 'rg',
			definition: (props.definition ?? {}) as Obj,
			parameters: {},
			connections: Object.entries(refs).map(([key, v]) => {
				const c = isObj(v) ? v : {};
				const api = isObj(c.api) ? c.api : {};
				return {key, apiId: String(api.id ?? ''), connectionId: `/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Web/connections/${key}`, connectionName: key};
			}),
			origin: file,
		});
		return out;
	}
	const scope: Scope = {parameters: isObj(doc.parameters) ? doc.parameters : {}, variables: isObj(doc.variables) ? doc.variables : {}};
	workflowsFromResources(doc.resources, scope, file, out);
	return out;
}

export function fixtureFiles(): string[] {
	return fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
}
