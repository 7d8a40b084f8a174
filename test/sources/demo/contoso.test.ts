import {describe, expect, it} from 'vitest';
import {parseApiId, type ApiRef, type Workflow} from '../../../source/model/index.js';
import {
	childActionMaps,
	connectionKeyOf,
	isApiConnectionType,
	isRecord,
	walkOperations,
	type OperationVisit,
} from '../../../source/analysis/walk.js';
import {CONTOSO_ISE_NAME, contosoInventory} from '../../../source/sources/demo/contoso.js';

const inv = contosoInventory();

/** One operation of one workflow, with what a reviewer would ask about it. */
interface Op {
	wf: Workflow;
	visit: OperationVisit;
	type: string;
	method?: string;
	path?: string;
	api?: ApiRef;
}

function opsOf(wf: Workflow): Op[] {
	return [...walkOperations(wf.definition)].map((visit) => {
		const inputs = isRecord(visit.op.inputs) ? visit.op.inputs : {};
		const key = connectionKeyOf(visit.op);
		const ref = key === undefined ? undefined : wf.connections.find((c) => c.key === key);
		return {
			wf,
			visit,
			type: typeof visit.op.type === 'string' ? visit.op.type : '',
			method: typeof inputs.method === 'string' ? inputs.method.toLowerCase() : undefined,
			path: typeof inputs.path === 'string' ? inputs.path : undefined,
			api: ref ? parseApiId(ref.apiId) : undefined,
		};
	});
}

const allOps = inv.workflows.flatMap(opsOf);

function strings(node: unknown, out: string[] = []): string[] {
	if (typeof node === 'string') out.push(node);
	else if (Array.isArray(node)) for (const v of node) strings(v, out);
	else if (isRecord(node)) for (const v of Object.values(node)) strings(v, out);
	return out;
}

function keysAndStrings(node: unknown, out: string[] = []): string[] {
	if (typeof node === 'string') out.push(node);
	else if (Array.isArray(node)) for (const v of node) keysAndStrings(v, out);
	else if (isRecord(node)) {
		for (const [k, v] of Object.entries(node)) {
			out.push(k);
			keysAndStrings(v, out);
		}
	}
	return out;
}

/** The operation without its nested actions: what the operation itself says. */
function ownPart(op: Record<string, unknown>): Record<string, unknown> {
	const {actions: _a, else: _e, cases: _c, default: _d, ...rest} = op;
	return rest;
}

const ENC2 = (v: string) => `@{encodeURIComponent(encodeURIComponent('${v}'))}`;
const SQL_V2 = `/v2/datasets/${ENC2('default')},${ENC2('default')}`;
const ENCODED_SEGMENT = String.raw`@\{encodeURIComponent\(encodeURIComponent\(.+?\)\)\}`;

function isPrivateIpv4(ip: string): boolean {
	const [a, b] = ip.split('.').map(Number) as [number, number];
	return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function ipToInt(ip: string): number {
	return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function cidrContains(outer: string, inner: string): boolean {
	const [oBase, oLen] = outer.split('/') as [string, string];
	const [iBase, iLen = '32'] = inner.split('/') as [string, string?];
	if (Number(iLen) < Number(oLen)) return false;
	const size = 2 ** (32 - Number(oLen));
	const start = ipToInt(oBase);
	return ipToInt(iBase) >= start && ipToInt(iBase) < start + size;
}

describe('contosoInventory()', () => {
	it('returns an independent deep copy on every call', () => {
		const a = contosoInventory();
		const b = contosoInventory();
		expect(a).toEqual(b);
		expect(a).not.toBe(b);
		const wf = a.workflows[0]!;
		(wf.definition.triggers as Record<string, unknown>).changed = {type: 'Request'};
		a.ise.subnets.pop();
		a.managedApis[0]!.name = 'changed';
		expect(b.workflows[0]!.definition.triggers).not.toHaveProperty('changed');
		expect(b.ise.subnets).toHaveLength(contosoInventory().ise.subnets.length);
		expect(contosoInventory().managedApis[0]!.name).not.toBe('changed');
	});

	it('shares no object between two places of one copy, so editing one workflow never edits another', () => {
		const seen = new Set<object>();
		const visit = (node: unknown): void => {
			if (typeof node !== 'object' || node === null) return;
			expect(seen.has(node)).toBe(false);
			seen.add(node);
			for (const v of Object.values(node)) visit(v);
		};
		visit(contosoInventory());
	});

	it('is plain JSON data', () => {
		expect(JSON.parse(JSON.stringify(inv))).toEqual(inv);
	});

	it('says it is the bundled sample', () => {
		expect(inv.source.kind).toBe('demo');
		expect(inv.source.label).toMatch(/sample/i);
		expect(inv.ise.name).toBe(CONTOSO_ISE_NAME);
	});
});

describe('the Contoso ISE', () => {
	const ise = inv.ise;

	it('is a Premium ISE with two scale units and an internal endpoint in West Europe', () => {
		expect(ise.name).toBe('contoso-ise');
		expect(ise.subscriptionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(ise.resourceGroup).toBe('rg-contoso-integration');
		expect(ise.location).toBe('westeurope');
		expect(ise.id).toBe(
			`/subscriptions/${ise.subscriptionId}/resourceGroups/${ise.resourceGroup}/providers/Microsoft.Logic/integrationServiceEnvironments/${ise.name}`,
		);
		expect(ise.sku).toEqual({name: 'Premium', capacity: 2});
		expect(ise.accessEndpoint).toBe('Internal');
		expect(ise.state).toBe('Enabled');
		expect(ise.provisioningState).toBe('Succeeded');
		expect(ise.identity?.type).toBe('SystemAssigned');
	});

	it('has four named /27 subnets inside its address space', () => {
		const space = ise.virtualNetworkAddressSpace!;
		expect(space).toMatch(/^10\.20\.\d+\.\d+\/\d+$/);
		expect(ise.subnets).toHaveLength(4);
		for (const s of ise.subnets) {
			expect(s.name).toBeTruthy();
			expect(s.id).toMatch(/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/);
			expect(s.addressPrefix).toMatch(/\/27$/);
			expect(cidrContains(space, s.addressPrefix!)).toBe(true);
		}
		expect(new Set(ise.subnets.map((s) => s.addressPrefix)).size).toBe(4);
	});

	it('has several public outbound IPs per side and private access endpoint IPs in its network', () => {
		for (const side of ['workflow', 'connector'] as const) {
			expect(ise.outboundIps[side].length).toBeGreaterThanOrEqual(2);
			for (const ip of ise.outboundIps[side]) {
				expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
				expect(isPrivateIpv4(ip)).toBe(false);
			}
		}
		const access = [...ise.accessEndpointIps.workflow, ...ise.accessEndpointIps.connector];
		expect(access.length).toBeGreaterThan(0);
		for (const ip of access) expect(cidrContains(ise.virtualNetworkAddressSpace!, ip)).toBe(true);
	});

	it('is encrypted with a customer-managed key', () => {
		expect(ise.encryption?.keyVaultId).toMatch(/\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/);
		expect(ise.encryption?.keyName).toBeTruthy();
		expect(ise.encryption?.keyVersion).toMatch(/^[0-9a-f]{32}$/);
	});

	it('hosts the ISE connectors the product must handle, with parameter names only', () => {
		const names = inv.managedApis.map((a) => a.name);
		for (const required of [
			'sql',
			'servicebus',
			'azureblob',
			'sftpwithssh',
			'ftp',
			'smtp',
			'mq',
			'db2',
			'sap',
			'eventhubs',
			'azurequeues',
			'as2',
			'x12',
			'azuretables',
		]) {
			expect(names).toContain(required);
		}
		expect(new Set(names).size).toBe(names.length);
		for (const a of inv.managedApis) {
			expect(a.displayName).toBeTruthy();
			expect(a.category).toBeTruthy();
			expect(a.connectionParameterNames?.length).toBeGreaterThan(0);
			for (const p of a.connectionParameterNames!) expect(p).toMatch(/^[A-Za-z_][\w]*$/);
		}
	});
});

describe('the integration account', () => {
	const ia = inv.integrationAccounts.find((a) => a.name === 'contoso-b2b');

	it('is a Standard account with Xslt and Liquid maps, schemas, partners and AS2/X12 agreements', () => {
		expect(ia).toBeDefined();
		expect(ia!.sku).toBe('Standard');
		expect(ia!.id.startsWith(`/subscriptions/${inv.ise.subscriptionId}/resourceGroups/${inv.ise.resourceGroup}/`)).toBe(true);
		const mapTypes = ia!.maps.map((m) => m.type);
		expect(mapTypes).toContain('Xslt');
		expect(mapTypes).toContain('Liquid');
		expect(ia!.schemas.length).toBeGreaterThanOrEqual(2);
		expect(ia!.partners?.length).toBeGreaterThanOrEqual(2);
		const agreementTypes = ia!.agreements?.map((a) => a.type);
		expect(agreementTypes).toContain('AS2');
		expect(agreementTypes).toContain('X12');
	});

	it('holds every map and schema a workflow uses, and those workflows are linked to it', () => {
		let uses = 0;
		for (const o of allOps) {
			const ref = isRecord(o.visit.op.inputs) ? o.visit.op.inputs.integrationAccount : undefined;
			if (!isRecord(ref)) continue;
			uses++;
			const mapRef = ref.map;
			if (isRecord(mapRef)) {
				const map = ia!.maps.find((m) => m.name === mapRef.name);
				expect(map, `${o.wf.name}/${o.visit.name}`).toBeDefined();
				expect(map!.type!.toLowerCase()).toBe(o.type.toLowerCase());
			}
			if (isRecord(ref.schema)) expect(ia!.schemas.map((s) => s.name)).toContain(ref.schema.name);
			expect(o.wf.integrationAccountId).toBe(ia!.id);
		}
		expect(uses).toBeGreaterThan(0);
	});

	it('is linked to every workflow with B2B connectors or inline code', () => {
		for (const o of allOps) {
			if (o.type === 'JavaScriptCode' || o.api?.name === 'as2' || o.api?.name === 'x12') {
				expect(o.wf.integrationAccountId, o.wf.name).toBe(ia!.id);
			}
		}
	});
});

describe('the workflows', () => {
	it('are at least twelve complete Consumption definitions with unique names', () => {
		expect(inv.workflows.length).toBeGreaterThanOrEqual(12);
		const names = inv.workflows.map((w) => w.name);
		expect(new Set(names).size).toBe(names.length);
		for (const wf of inv.workflows) {
			const d = wf.definition;
			expect(d.$schema, wf.name).toMatch(/workflowdefinition\.json#$/);
			expect(d.contentVersion, wf.name).toBe('1.0.0.0');
			expect(isRecord(d.parameters) && isRecord(d.parameters.$connections), wf.name).toBe(true);
			expect(Object.keys(d.triggers as object), wf.name).toHaveLength(1);
			expect(Object.keys(d.actions as object).length, wf.name).toBeGreaterThan(0);
			expect(isRecord(d.outputs), wf.name).toBe(true);
			for (const o of opsOf(wf)) expect(o.type, `${wf.name}/${o.visit.name}`).toBeTruthy();
		}
	});

	it('live in the ISE subscription and resource group', () => {
		const rg = `/subscriptions/${inv.ise.subscriptionId}/resourceGroups/${inv.ise.resourceGroup}`;
		for (const wf of inv.workflows) {
			expect(wf.id).toBe(`${rg}/providers/Microsoft.Logic/workflows/${wf.name}`);
			expect(wf.resourceGroup).toBe(inv.ise.resourceGroup);
			expect(wf.location).toBe(inv.ise.location);
			for (const c of wf.connections) {
				expect(c.connectionId).toBe(`${rg}/providers/Microsoft.Web/connections/${c.connectionName}`);
			}
		}
	});

	it('resolve every $connections key they use, and use every connection they declare', () => {
		for (const wf of inv.workflows) {
			const declared = wf.connections.map((c) => c.key);
			expect(new Set(declared).size, wf.name).toBe(declared.length);
			const used = new Set<string>();
			for (const o of opsOf(wf)) {
				if (!isApiConnectionType(o.type)) continue;
				const key = connectionKeyOf(o.visit.op);
				expect(key, `${wf.name}/${o.visit.name}`).toBeDefined();
				expect(declared, `${wf.name}/${o.visit.name}`).toContain(key);
				used.add(key!);
			}
			expect([...used].sort(), wf.name).toEqual([...declared].sort());
		}
	});

	it('point ISE connections at this ISE’s connectors, in the ISE id form', () => {
		const deployed = new Set(inv.managedApis.map((a) => a.name));
		for (const wf of inv.workflows) {
			for (const c of wf.connections) {
				const ref = parseApiId(c.apiId);
				expect(ref.kind, `${wf.name}/${c.key}`).not.toBe('unknown');
				if (ref.kind !== 'ise') continue;
				expect(c.apiId).toBe(`${inv.ise.id}/managedApis/${ref.name}`);
				expect(deployed.has(ref.name), `${ref.name} is deployed in the ISE`).toBe(true);
			}
		}
	});

	it('wire runAfter only to sibling actions', () => {
		for (const o of allOps) {
			const runAfter = o.visit.op.runAfter;
			if (runAfter === undefined) continue;
			expect(isRecord(runAfter)).toBe(true);
			for (const name of Object.keys(runAfter as object)) {
				expect(o.visit.container, `${o.wf.name}/${o.visit.name} runs after ${name}`).toHaveProperty([name]);
				expect(name).not.toBe(o.visit.name);
			}
		}
	});

	it('only refer to actions, loops, variables and parameters that exist where they are used', () => {
		for (const wf of inv.workflows) {
			const ops = opsOf(wf);
			const names = new Set(ops.map((o) => o.visit.name));
			const loops = new Set(ops.filter((o) => o.type === 'Foreach').map((o) => o.visit.name));
			const variables = new Set(
				ops
					.filter((o) => o.type === 'InitializeVariable')
					.flatMap((o) => ((o.visit.op.inputs as {variables: {name: string}[]}).variables ?? []).map((v) => v.name)),
			);
			const params = new Set(Object.keys(wf.definition.parameters as object));
			for (const o of ops) {
				const where = `${wf.name}/${o.visit.name}`;
				for (const text of strings(ownPart(o.visit.op))) {
					for (const m of text.matchAll(/\b(?:body|outputs|actions|result)\('([^']+)'\)/g)) {
						expect(names, `${where} refers to ${m[1]}`).toContain(m[1]);
					}
					for (const m of text.matchAll(/\bitems\('([^']+)'\)/g)) {
						expect(loops, `${where} refers to loop ${m[1]}`).toContain(m[1]);
						expect(o.visit.parents, `${where} is inside ${m[1]}`).toContain(m[1]);
					}
					for (const m of text.matchAll(/\bvariables\('([^']+)'\)/g)) {
						expect(variables, `${where} reads variable ${m[1]}`).toContain(m[1]);
					}
					for (const m of text.matchAll(/\bparameters\('([^']+)'\)/g)) {
						expect(params, `${where} reads parameter ${m[1]}`).toContain(m[1]);
					}
				}
			}
		}
	});

	it('call only workflows of this inventory when they nest', () => {
		const calls = allOps.filter((o) => o.type === 'Workflow');
		expect(calls.length).toBeGreaterThan(0);
		const byId = new Map(inv.workflows.map((w) => [w.id.toLowerCase(), w]));
		for (const o of calls) {
			const host = (o.visit.op.inputs as {host: {workflow: {id: string}; triggerName: string}}).host;
			const target = byId.get(host.workflow.id.toLowerCase());
			expect(target, `${o.wf.name}/${o.visit.name}`).toBeDefined();
			expect(target!.name).not.toBe(o.wf.name);
			// A nested call needs a Request trigger with that name and a Response to answer it.
			const trigger = (target!.definition.triggers as Record<string, {type: string}>)[host.triggerName];
			expect(trigger?.type).toBe('Request');
			expect(opsOf(target!).some((t) => t.type === 'Response')).toBe(true);
		}
	});
});

describe('coverage of connectors and features', () => {
	const api = (name: string) => (o: Op) => o.api?.name === name;
	const action = (o: Op) => !o.visit.isTrigger;
	const trigger = (o: Op) => o.visit.isTrigger;
	const call = (method: string, path: RegExp) => (o: Op) => o.method === method && o.path !== undefined && path.test(o.path);
	const all =
		(...preds: ((o: Op) => boolean)[]) =>
		(o: Op) =>
			preds.every((p) => p(o));
	const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	/** Exactly this path. */
	const re = (s: string) => new RegExp(`^${esc(s)}$`);
	/** The path with one double-encoded segment (any value) between prefix and suffix. */
	const anyEncoded = (prefix: string, suffix = '') => new RegExp(`^${esc(prefix)}${ENCODED_SEGMENT}${esc(suffix)}$`);

	const features: [string, (o: Op) => boolean][] = [
		['SQL execute query (V2)', all(api('sql'), call('post', re(`${SQL_V2}/query/sql`)))],
		['SQL stored procedure (V2)', all(api('sql'), call('post', anyEncoded(`${SQL_V2}/procedures/`)))],
		['SQL get rows (V2)', all(api('sql'), call('get', anyEncoded(`${SQL_V2}/tables/`, '/items')))],
		['SQL insert row (V2)', all(api('sql'), call('post', anyEncoded(`${SQL_V2}/tables/`, '/items')))],
		[
			'Service Bus queue trigger on orders',
			all(api('servicebus'), trigger, call('get', re(`/${ENC2('orders')}/messages/head`))),
		],
		['Service Bus send', all(api('servicebus'), action, call('post', anyEncoded('/', '/messages')))],
		[
			'Blob create (V2)',
			all(api('azureblob'), call('post', re(`/v2/datasets/${ENC2('AccountNameFromSettings')}/files`))),
		],
		[
			'Blob get content (V2)',
			all(api('azureblob'), call('get', anyEncoded(`/v2/datasets/${ENC2('AccountNameFromSettings')}/files/`, '/content'))),
		],
		['SFTP-SSH trigger', all(api('sftpwithssh'), trigger, call('get', /^\/datasets\/default\/triggers\//))],
		['SFTP-SSH get content', all(api('sftpwithssh'), call('get', anyEncoded('/datasets/default/files/', '/content')))],
		['SFTP-SSH create file', all(api('sftpwithssh'), call('post', re('/datasets/default/files')))],
		['FTP trigger', all(api('ftp'), trigger, call('get', re('/datasets/default/triggers/onupdatedfile')))],
		['SMTP send', all(api('smtp'), call('post', /^\/SendEmail(V2|V3)?$/))],
		['IBM MQ send', all(api('mq'), call('post', /^(\/v2)?\/send$/))],
		['DB2 get rows', all(api('db2'), call('get', anyEncoded('/datasets/default/tables/', '/items')))],
		['SAP call RFC', all(api('sap'), call('post', re('/CallRfc')))],
		['SAP send IDoc', all(api('sap'), call('post', re('/SendIDoc')))],
		['Event Hubs send', all(api('eventhubs'), action, call('post', /^\/@\{encodeURIComponent\('[^']+'\)\}\/events$/))],
		['Event Hubs trigger', all(api('eventhubs'), trigger)],
		['AS2 decode', all(api('as2'), call('post', re('/decode')))],
		['AS2 encode', all(api('as2'), call('post', re('/encode')))],
		['X12 decode', all(api('x12'), call('post', re('/decode')))],
		['X12 encode', all(api('x12'), call('post', /^\/encode/))],
		['Azure Tables', api('azuretables')],
		[
			'Event Grid webhook trigger (multi-tenant)',
			(o) => trigger(o) && o.type === 'ApiConnectionWebhook' && o.api?.kind === 'managed' && o.api.name === 'azureeventgrid',
		],
		['Office 365 Outlook (multi-tenant)', (o) => o.api?.kind === 'managed' && o.api.name === 'office365'],
		['custom connector contoso-erp', (o) => o.api?.kind === 'custom' && o.api.name === 'contoso-erp'],
		[
			'Azure Queues V1 put message without visibility timeout',
			(o) =>
				api('azurequeues')(o) &&
				call('post', re(`/@{encodeURIComponent('shipments')}/messages`))(o) &&
				!JSON.stringify(o.visit.op.inputs).toLowerCase().includes('visibilitytimeout'),
		],
		[
			'Azure Queues V1 get messages without visibility timeout',
			(o) =>
				api('azurequeues')(o) &&
				call('get', re(`/@{encodeURIComponent('shipments')}/messages`))(o) &&
				!JSON.stringify(o.visit.op.inputs).toLowerCase().includes('visibilitytimeout'),
		],
		['Request trigger', (o) => trigger(o) && o.type === 'Request'],
		['Recurrence trigger', (o) => trigger(o) && o.type === 'Recurrence'],
		['trigger concurrency limit', (o) => trigger(o) && typeof (o.visit.op.runtimeConfiguration as {concurrency?: {runs?: unknown}})?.concurrency?.runs === 'number'],
		['Azure Function action', (o) => o.type === 'Function'],
		['API Management action', (o) => o.type === 'ApiManagement'],
		['Response action', (o) => o.type === 'Response'],
		['nested workflow call', (o) => o.type === 'Workflow'],
		['HTTP action with a timeout limit', (o) => o.type.toLowerCase() === 'http' && isRecord(o.visit.op.limit) && typeof o.visit.op.limit.timeout === 'string'],
		['Xslt transform', (o) => o.type === 'Xslt'],
		['Liquid transform', (o) => o.type === 'Liquid'],
	];

	it.each(features)('uses %s', (_label, pred) => {
		expect(allOps.some(pred)).toBe(true);
	});

	it.each(['Foreach', 'Until', 'Scope', 'Switch', 'If'])('uses %s with operations nested inside', (type) => {
		const containers = allOps.filter((o) => o.type === type);
		expect(containers.length).toBeGreaterThan(0);
		expect(containers.some((o) => childActionMaps(o.visit.op).some((m) => Object.keys(m).length > 0))).toBe(true);
		// Nesting of connector calls is what breaks converters, so at least one sits inside this kind of container.
		expect(
			allOps.some((o) => isApiConnectionType(o.type) && containers.some((c) => c.wf === o.wf && o.visit.parents.includes(c.visit.name))),
		).toBe(true);
	});

	it('reads the Service Bus message content downstream of the orders trigger', () => {
		const sbTrigger = allOps.find((o) => o.visit.isTrigger && o.api?.name === 'servicebus' && o.path?.endsWith('/messages/head'));
		expect(sbTrigger).toBeDefined();
		const downstream = opsOf(sbTrigger!.wf).filter((o) => !o.visit.isTrigger);
		expect(downstream.some((o) => strings(o.visit.op).some((s) => s.includes("triggerBody()?['ContentData']")))).toBe(true);
	});

	it('has realistic inline JavaScript within the ISE limit of 1,024 characters', () => {
		const code = allOps.filter((o) => o.type === 'JavaScriptCode');
		expect(code.length).toBeGreaterThan(0);
		for (const o of code) {
			const text = (o.visit.op.inputs as {code: string}).code;
			expect(text.length).toBeGreaterThan(100);
			expect(text.length).toBeLessThanOrEqual(1024);
			expect(text).toContain('workflowContext');
			// It must at least parse as the body of a function, as the runtime runs it.
			expect(() => new Function('workflowContext', text)).not.toThrow();
		}
	});

	it('has a secure definition parameter that carries no value anywhere', () => {
		let found = 0;
		for (const wf of inv.workflows) {
			for (const [name, p] of Object.entries(wf.definition.parameters as Record<string, Record<string, unknown>>)) {
				if (typeof p.type !== 'string' || !/^secure(string|object)$/i.test(p.type)) continue;
				found++;
				expect(p, `${wf.name}/${name}`).not.toHaveProperty('defaultValue');
				expect(wf.parameters[name]?.value, `${wf.name}/${name}`).toBeUndefined();
				expect(wf.parameters[name]?.defaultValue, `${wf.name}/${name}`).toBeUndefined();
			}
		}
		expect(found).toBeGreaterThan(0);
	});

	it('has a short Request → Response workflow with nothing stateful in it', () => {
		const waiting = new Set(['Until', 'Wait', 'Workflow', 'Foreach', 'ApiConnectionWebhook', 'HttpWebhook', 'Function']);
		const candidates = inv.workflows.filter((wf) => {
			const ops = opsOf(wf);
			return (
				ops.filter((o) => o.visit.isTrigger).every((o) => o.type === 'Request') &&
				ops.some((o) => o.type === 'Response') &&
				ops.every((o) => !isApiConnectionType(o.type) && !waiting.has(o.type) && o.type.toLowerCase() !== 'http') &&
				wf.connections.length === 0
			);
		});
		expect(candidates.length).toBeGreaterThan(0);
	});
});

describe('secrets', () => {
	const SECRET = [/AccountKey=/i, /password=/i, /client_secret/i, /BEGIN [A-Z ]*PRIVATE KEY/i, /SharedAccessKey=/i, /[?&]sig=/i];

	it('no key or string in the inventory looks like a credential', () => {
		const texts = keysAndStrings(contosoInventory());
		expect(texts.length).toBeGreaterThan(1000);
		for (const t of texts) for (const pattern of SECRET) expect(t, `"${t.slice(0, 80)}"`).not.toMatch(pattern);
	});

	it('connections carry parameter names, and values only where they are not secret', () => {
		for (const wf of inv.workflows) {
			for (const c of wf.connections) {
				const allowed = ['apiId', 'connectionId', 'connectionName', 'displayName', 'key', 'parameterNames', 'values'];
				for (const k of Object.keys(c.values ?? {})) expect(k, `${wf.name}/${c.key}`).not.toMatch(/password|key|secret|token|connectionString/i);
				for (const k of Object.keys(c)) expect(allowed, `${wf.name}/${c.key}`).toContain(k);
				expect(Array.isArray(c.parameterNames)).toBe(true);
				for (const p of c.parameterNames ?? []) expect(p).toMatch(/^[A-Za-z_]\w*$/);
			}
		}
	});
});
