// The "Checklist: statically checking a generated template" of infra.md (sections A–E) as a test helper. It
// evaluates the template with its parameter defaults (arm-eval.ts), then checks every item; it returns the list of
// problems (empty when the template passes) plus the evaluated resources for further assertions.
import {readFileSync} from 'node:fs';
import {Opaque, cidrRange, evaluate, isExpression, newRecorder, parseExpression, resourceIdOf, type Recorder, type Scope} from './arm-eval.js';

type Obj = Record<string, unknown>;

const API_LIST = JSON.parse(readFileSync(new URL('./apiversions.json', import.meta.url), 'utf8')) as {gaApiVersions: Record<string, string[]>};

/** Types infra-apiversions.json does not list but the template may use, with the versions accepted. */
const EXTRA_API_VERSIONS: Record<string, string[]> = {
	// Absent from the schema repo; docs and Microsoft samples use 2016-06-01 (infra.md §5).
	'Microsoft.Web/connections/accessPolicies': ['2016-06-01'],
	// A nested deployment to reach the key vault's resource group.
	'Microsoft.Resources/deployments': ['2021-04-01', '2022-09-01', '2024-03-01'],
};

export const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const WEB_IDENTITY_TYPES = ['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None'];
const PE_POLICIES = ['Enabled', 'Disabled', 'NetworkSecurityGroupEnabled', 'RouteTableEnabled'];
const OUTPUT_TYPES = ['string', 'int', 'bool', 'object', 'array', 'securestring', 'secureobject'];
const PARAM_TYPES = ['string', 'int', 'bool', 'object', 'array', 'securestring', 'secureobject'];
const STORAGE_GROUPS = ['blob', 'file', 'queue', 'table'];
const WS_SKUS = ['WS1', 'WS2', 'WS3'];
const ISOLATED_V2_SKUS = ['i1v2', 'i2v2', 'i3v2', 'i4v2', 'i5v2', 'i6v2', 'i1mv2', 'i2mv2', 'i3mv2', 'i4mv2', 'i5mv2'];
const ILB_MODES = ['None', 'Web', 'Publishing', 'Web, Publishing'];
/** ASE v2 properties that ASE v3 refuses on create (infra-ase-gateway.md §1.1). */
const ASE_V2_ONLY = ['dnsSuffix', 'multiSize', 'frontEndScaleFactor', 'userWhitelistedIpRanges', 'ipsslAddressCount'];
/** Read-only children ARM has for every declared parent: resourceId()/reference() may name them. */
const IMPLICIT_CHILDREN: Record<string, string[]> = {'Microsoft.Web/hostingEnvironments/configurations': ['networking']};
const CRYPTO_USER_ROLE = 'e147488a-f6f5-4113-8e2d-b22465e65bf6';

export interface Resource {
	index: number;
	type: string;
	apiVersion: string;
	name: string;
	id: string;
	/** The evaluated resource (expressions replaced by values; runtime values are Opaque). */
	body: Obj;
	dependsOn: string[];
}

export interface CheckResult {
	problems: string[];
	resources: Resource[];
	parameters: Record<string, unknown>;
	variables: Record<string, unknown>;
	outputs: Record<string, unknown>;
	rec: Recorder;
}

const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Opaque);
const lc = (s: string) => s.toLowerCase();
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((acc, k) => (isObj(acc) ? acc[k] : undefined), o);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const opaqueText = (v: unknown): string => (v instanceof Opaque ? v.what : typeof v === 'string' ? v : '');

function typeMatches(value: unknown, type: string): boolean {
	switch (lc(type)) {
		case 'string':
		case 'securestring':
			return typeof value === 'string';
		case 'int':
			return Number.isInteger(value);
		case 'bool':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		default:
			return isObj(value);
	}
}

export function checkTemplate(template: unknown, options: {parameterValues?: Record<string, unknown>; label?: string} = {}): CheckResult {
	const problems: string[] = [];
	const label = options.label ? `${options.label}: ` : '';
	const problem = (msg: string) => problems.push(label + msg);
	const rec = newRecorder();
	const t = (isObj(template) ? template : {}) as Obj;

	// ----- A. envelope -----
	if (t.$schema !== TEMPLATE_SCHEMA) problem(`A1 $schema is ${String(t.$schema)}`);
	if (typeof t.contentVersion !== 'string' || !/^\d+\.\d+\.\d+\.\d+$/.test(t.contentVersion)) problem('A1 contentVersion missing or malformed');
	if (!Array.isArray(t.resources)) problem('A1 resources is not an array');
	// Every expression string parses (brackets, parentheses and quotes balance).
	walkStrings(t, '', (s, path) => {
		if (!isExpression(s)) return;
		try {
			parseExpression(s.slice(1, -1));
		} catch (e) {
			problem(`A2 ${path}: ${(e as Error).message}`);
		}
	});

	const paramDefs = (isObj(t.parameters) ? t.parameters : {}) as Record<string, Obj>;
	const location = String(options.parameterValues?.location ?? paramDefs.location?.defaultValue ?? 'westeurope');
	const scope: Scope = {parameters: {}, variableDefs: isObj(t.variables) ? t.variables : {}, location, rec};
	for (const [name, def] of Object.entries(paramDefs)) {
		if (!PARAM_TYPES.includes(lc(String(def.type)))) problem(`A parameter ${name} has type ${String(def.type)}`);
		const given = options.parameterValues && name in options.parameterValues;
		if (!given && !('defaultValue' in def)) {
			problem(`A parameter ${name} has no default and no value`);
			continue;
		}
		let value: unknown;
		try {
			value = given ? options.parameterValues![name] : evaluate(def.defaultValue, scope);
		} catch (e) {
			problem(`A parameter ${name} default: ${(e as Error).message}`);
			continue;
		}
		if (!typeMatches(value, String(def.type))) problem(`A parameter ${name}: value ${JSON.stringify(value)} is not a ${String(def.type)}`);
		if (Array.isArray(def.allowedValues) && !def.allowedValues.includes(value)) problem(`A parameter ${name}: ${JSON.stringify(value)} not in allowedValues`);
		if (typeof def.minValue === 'number' && typeof value === 'number' && value < def.minValue) problem(`A parameter ${name} below minValue`);
		if (typeof def.maxValue === 'number' && typeof value === 'number' && value > def.maxValue) problem(`A parameter ${name} above maxValue`);
		if (typeof def.maxLength === 'number' && typeof value === 'string' && value.length > def.maxLength) problem(`A parameter ${name} longer than maxLength`);
		if (typeof def.minLength === 'number' && typeof value === 'string' && value.length < def.minLength) problem(`A parameter ${name} shorter than minLength`);
		scope.parameters[name] = value;
	}

	const variables: Record<string, unknown> = {};
	const varNames = [
		...Object.keys(scope.variableDefs).filter((k) => k !== 'copy'),
		...asArray(scope.variableDefs.copy).map((c) => String((c as Obj).name)),
	];
	for (const name of varNames) {
		try {
			variables[name] = evaluate(`[variables('${name}')]`, scope);
		} catch (e) {
			problem(`A2 variable ${name}: ${(e as Error).message}`);
		}
	}

	// ----- evaluate resources -----
	const resources: Resource[] = [];
	const nested: {resource: Resource; raw: Obj}[] = [];
	asArray(t.resources).forEach((raw, index) => {
		if (!isObj(raw)) {
			problem(`resources[${index}] is not an object`);
			return;
		}
		const where = `resources[${index}] (${String(raw.type)} ${String(raw.name)})`;
		let body: Obj;
		const inner = raw.type === 'Microsoft.Resources/deployments' && get(raw, 'properties.expressionEvaluationOptions.scope') === 'inner';
		try {
			// An inner-scope nested template is evaluated on its own, with the parameter values passed to it.
			const copy = inner ? {...raw, properties: {...(raw.properties as Obj), template: {}}} : raw;
			body = evaluate(copy, scope) as Obj;
		} catch (e) {
			problem(`A2 ${where}: ${(e as Error).message}`);
			return;
		}
		const {type, apiVersion, name} = body;
		if (typeof type !== 'string' || typeof apiVersion !== 'string' || typeof name !== 'string' || !type || !apiVersion || !name) {
			problem(`${where}: type, apiVersion and name are required`);
			return;
		}
		const r: Resource = {index, type, apiVersion, name, id: resourceIdOf(type, name.split('/')), body, dependsOn: asArray(body.dependsOn).map(String)};
		resources.push(r);
		if (inner) nested.push({resource: r, raw});
	});

	const outputs: Record<string, unknown> = {};
	for (const [name, def] of Object.entries(isObj(t.outputs) ? t.outputs : {})) {
		if (!isObj(def) || !OUTPUT_TYPES.includes(lc(String(def.type)))) {
			problem(`A2 output ${name}: missing or invalid type`);
			continue;
		}
		if (!('value' in def)) {
			problem(`A2 output ${name}: no value`);
			continue;
		}
		if (JSON.stringify(def.value).toLowerCase().includes('listkeys')) problem(`output ${name} exposes a key`);
		try {
			const value = evaluate(def.value, scope);
			outputs[name] = value;
			if (!(value instanceof Opaque) && !typeMatches(value, String(def.type))) problem(`A2 output ${name}: value is not a ${String(def.type)}`);
		} catch (e) {
			problem(`A2 output ${name}: ${(e as Error).message}`);
		}
	}
	// A parameter nobody reads is a setting that silently does nothing.
	for (const name of Object.keys(paramDefs)) if (!rec.parameters.has(name)) problem(`A parameter ${name} is never used`);

	// ----- declared ids -----
	const byId = new Map<string, Resource>();
	const declared = new Set<string>();
	for (const r of resources) {
		const segs = r.type.split('/').length - 1;
		if (r.name.split('/').length !== segs) problem(`D4 ${r.type} '${r.name}' has ${r.name.split('/').length} name segments, the type needs ${segs}`);
		if (declared.has(lc(r.id))) problem(`D6 duplicate resource ${r.type} '${r.name}'`);
		declared.add(lc(r.id));
		byId.set(lc(r.id), r);
	}
	const subnets = new Map<string, {vnet: Resource; subnet: Obj}>();
	for (const vnet of resources.filter((r) => r.type === 'Microsoft.Network/virtualNetworks')) {
		for (const s of asArray(get(vnet.body, 'properties.subnets'))) {
			if (!isObj(s) || typeof s.name !== 'string') {
				problem(`vnet ${vnet.name}: subnet without a name`);
				continue;
			}
			const id = lc(resourceIdOf('Microsoft.Network/virtualNetworks/subnets', [vnet.name, s.name]));
			if (subnets.has(id)) problem(`D6 duplicate subnet ${s.name}`);
			subnets.set(id, {vnet, subnet: s});
			declared.add(id);
		}
	}
	for (const r of resources) {
		for (const [childType, names] of Object.entries(IMPLICIT_CHILDREN)) {
			if (childType.startsWith(`${r.type}/`)) for (const n of names) declared.add(lc(resourceIdOf(childType, [...r.name.split('/'), n])));
		}
	}
	// Existing resources the template is given (parameters named …ResourceId): they and their VNet count as declared,
	// but the template cannot vouch for their contents.
	const existing = new Set<string>();
	for (const [name, value] of Object.entries(scope.parameters)) {
		if (!/ResourceId$/.test(name) || typeof value !== 'string' || !value) continue;
		if (!/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(value)) problem(`A parameter ${name}: '${value}' is not a resource id`);
		existing.add(lc(value));
		const vnet = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(value)?.[1];
		if (vnet) existing.add(lc(vnet));
	}
	for (const id of existing) declared.add(id);
	const resolves = (id: unknown) => typeof id === 'string' && declared.has(lc(id));
	const ofType = (type: string) => resources.filter((r) => r.type === type);
	const dependsOn = (r: Resource, target: string) => r.dependsOn.some((d) => lc(d) === lc(target) || lc(d) === lc(target.split('/').pop() ?? ''));

	// ----- nested deployments are templates too -----
	for (const {resource, raw} of nested) {
		const values = Object.fromEntries(Object.entries((get(resource.body, 'properties.parameters') ?? {}) as Obj).map(([k, v]) => [k, get(v, 'value')]));
		// Runtime values (a principal id read with reference()) are only known at deployment: stand in a string.
		for (const [k, v] of Object.entries(values)) if (v instanceof Opaque) values[k] = `<${v.what}>`;
		const inner = checkTemplate(get(raw, 'properties.template'), {parameterValues: values, label: `${label}nested ${resource.name}`});
		problems.push(...inner.problems);
		for (const r of inner.resources) {
			if (r.type === 'Microsoft.Authorization/roleAssignments') {
				if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r.name)) problem(`nested role assignment name ${r.name} is not a GUID`);
				if (!get(r.body, 'properties.principalId') || !get(r.body, 'properties.roleDefinitionId')) problem('nested role assignment: principalId and roleDefinitionId required');
			}
		}
		(resource.body as Obj).__inner = inner.resources.map((r) => r.body);
	}

	// ----- B. types and apiVersions -----
	for (const r of resources) {
		const allowed = API_LIST.gaApiVersions[r.type]?.length ? API_LIST.gaApiVersions[r.type]! : EXTRA_API_VERSIONS[r.type];
		if (!allowed) problem(`B unknown resource type ${r.type}`);
		else if (!allowed.includes(r.apiVersion)) problem(`B ${r.type} apiVersion ${r.apiVersion} is not a listed GA version`);
		if (/preview/i.test(r.apiVersion)) problem(`B ${r.type} uses a preview apiVersion`);
		if (r.type.startsWith('Microsoft.Web/connections') && r.apiVersion !== '2016-06-01') problem(`B ${r.type} must use 2016-06-01`);
		if (r.type === 'Microsoft.Authorization/roleAssignments' && r.apiVersion !== '2022-04-01') problem('B roleAssignments should use 2022-04-01');
		if (r.type === 'Microsoft.Web/sites') {
			const props = (r.body.properties ?? {}) as Obj;
			const siteLevel = 'vnetRouteAllEnabled' in props || 'vnetContentShareEnabled' in props;
			if (siteLevel && r.apiVersion > '2024-04-01') problem(`B site ${r.name}: site-level vnetRouteAllEnabled/vnetContentShareEnabled need apiVersion <= 2024-04-01`);
			if (r.apiVersion >= '2024-11-01' && !('outboundVnetRouting' in props)) problem(`B site ${r.name}: 2024-11-01 needs outboundVnetRouting`);
		}
	}

	// ----- C. per resource -----
	const isIsolated = (plan: Resource | undefined) => get(plan?.body, 'sku.tier') === 'IsolatedV2';
	const environments = ofType('Microsoft.Web/hostingEnvironments');
	for (const plan of ofType('Microsoft.Web/serverfarms')) {
		const sku = (plan.body.sku ?? {}) as Obj;
		if (!plan.body.location) problem(`C plan ${plan.name}: no location`);
		if (!isObj(plan.body.properties)) problem(`C plan ${plan.name}: properties missing`);
		if (/linux/i.test(String(plan.body.kind ?? ''))) problem(`C plan ${plan.name}: linux kind`);
		if (get(plan.body, 'properties.reserved') === true) problem(`C plan ${plan.name}: reserved`);
		if (isIsolated(plan)) {
			// An App Service Environment v3 runs only Isolated v2 plans, Windows for Logic Apps, placed in it at creation.
			if (!ISOLATED_V2_SKUS.includes(lc(String(sku.name)))) problem(`C plan ${plan.name}: sku ${String(sku.name)} is not an Isolated v2 size`);
			if (/elastic/i.test(String(plan.body.kind ?? ''))) problem(`C plan ${plan.name}: an Isolated v2 plan is not elastic`);
			if (get(plan.body, 'properties.maximumElasticWorkerCount') !== undefined || get(plan.body, 'properties.elasticScaleEnabled') === true) problem(`C plan ${plan.name}: elastic settings on an Isolated v2 plan`);
			const ase = get(plan.body, 'properties.hostingEnvironmentProfile.id');
			if (!resolves(ase) || !lc(String(ase)).includes('/microsoft.web/hostingenvironments/')) problem(`C plan ${plan.name}: an Isolated v2 plan needs hostingEnvironmentProfile.id of a declared or given App Service Environment`);
			else if (!existing.has(lc(String(ase))) && !dependsOn(plan, String(ase))) problem(`D3 plan ${plan.name}: does not depend on its App Service Environment`);
			const capacity = sku.capacity;
			if (!(typeof capacity === 'number' && capacity >= 1 && capacity <= 100)) problem(`C plan ${plan.name}: capacity ${String(capacity)} (1-100 instances per Isolated v2 plan)`);
			if (get(plan.body, 'properties.zoneRedundant') === true && typeof capacity === 'number' && capacity < 2) problem(`C plan ${plan.name}: zone redundancy needs at least 2 instances`);
			continue;
		}
		if (!WS_SKUS.includes(String(sku.name))) problem(`C plan ${plan.name}: sku ${String(sku.name)}`);
		if (sku.tier !== 'WorkflowStandard') problem(`C plan ${plan.name}: tier ${String(sku.tier)}`);
		const max = get(plan.body, 'properties.maximumElasticWorkerCount');
		if (max !== undefined && !(typeof max === 'number' && max >= 1)) problem(`C plan ${plan.name}: maximumElasticWorkerCount`);
	}

	// ----- App Service Environment v3 (infra-ase-gateway.md §1) -----
	const nsgs = ofType('Microsoft.Network/networkSecurityGroups');
	for (const ase of environments) {
		const where = `C ASE ${ase.name}`;
		if (lc(String(ase.body.kind)) !== 'asev3') problem(`${where}: kind ${String(ase.body.kind)} (ASEv3)`);
		if (ase.name.length > 36) problem(`D6 ${where}: name longer than 36 characters`);
		if (!ase.body.location) problem(`${where}: no location`);
		for (const key of ASE_V2_ONLY) if (get(ase.body, `properties.${key}`) !== undefined) problem(`${where}: ${key} is not supported on create for ASE v3`);
		const mode = get(ase.body, 'properties.internalLoadBalancingMode');
		if (mode !== undefined && !ILB_MODES.includes(String(mode))) problem(`${where}: internalLoadBalancingMode ${String(mode)}`);
		if (get(ase.body, 'properties.zoneRedundant') === true && Number(get(ase.body, 'properties.dedicatedHostCount') ?? 0) > 0) problem(`${where}: dedicated hosts cannot be zone redundant`);
		const subnetId = String(get(ase.body, 'properties.virtualNetwork.id'));
		const sn = subnets.get(lc(subnetId));
		if (!sn) {
			problem(`${where}: virtualNetwork.id must be a declared subnet (the subnet, not the VNet)`);
			continue;
		}
		if (!dependsOn(ase, sn.vnet.id) && !dependsOn(ase, subnetId)) problem(`D3 ${where}: does not depend on its VNet`);
		const delegations = asArray(get(sn.subnet, 'properties.delegations'));
		if (!delegations.some((d) => get(d, 'properties.serviceName') === 'Microsoft.Web/hostingEnvironments')) problem(`${where}: its subnet is not delegated to Microsoft.Web/hostingEnvironments`);
		const length = cidrRange(String(get(sn.subnet, 'properties.addressPrefix'))).length;
		if (length > 27) problem(`${where}: subnet /${length} is smaller than the /27 minimum`);
		// Azure keeps 5 addresses, the ASE's own infrastructure at least 4 more; every plan instance takes one.
		const instances = ofType('Microsoft.Web/serverfarms')
			.filter((pl) => lc(String(get(pl.body, 'properties.hostingEnvironmentProfile.id'))) === lc(ase.id))
			.reduce((n, pl) => n + Number(get(pl.body, 'sku.capacity') ?? 1), 0);
		if (instances + 4 > 2 ** (32 - length) - 5) problem(`${where}: ${instances} plan instances do not fit its /${length} subnet`);
		for (const other of resources) {
			if (other !== ase && lc(String(get(other.body, 'properties.subnet.id'))) === lc(subnetId)) problem(`${where}: the ASE subnet must stay empty, but ${other.type} ${other.name} is placed in it`);
		}
		// The minimum inbound rule: Azure Load Balancer to the subnet on TCP 80 (the internal health ping).
		const nsgId = get(sn.subnet, 'properties.networkSecurityGroup.id');
		if (nsgId !== undefined) {
			const nsg = nsgs.find((n) => lc(n.id) === lc(String(nsgId)));
			if (!nsg) problem(`${where}: the subnet's NSG is not declared`);
			else {
				if (!dependsOn(sn.vnet, nsg.id)) problem(`D3 vnet ${sn.vnet.name} does not depend on NSG ${nsg.name}`);
				const health = asArray(get(nsg.body, 'properties.securityRules')).some(
					(r) =>
						get(r, 'properties.direction') === 'Inbound' &&
						get(r, 'properties.access') === 'Allow' &&
						get(r, 'properties.sourceAddressPrefix') === 'AzureLoadBalancer' &&
						[get(r, 'properties.destinationPortRange'), ...asArray(get(r, 'properties.destinationPortRanges'))].some((port) => port === '80' || port === '*'),
				);
				if (!health) problem(`${where}: the subnet's NSG does not allow AzureLoadBalancer on TCP 80`);
			}
		}
		// An internal (ILB) ASE needs its private zone: <ase>.appserviceenvironment.net with *, @ and *.scm.
		if (/web|publishing/i.test(String(mode ?? ''))) {
			const zone = ofType('Microsoft.Network/privateDnsZones').find((z) => lc(z.name).startsWith(`${lc(ase.name)}.`));
			if (!zone) problem(`${where}: an internal ASE needs the private zone ${ase.name}.appserviceenvironment.net`);
			else {
				const records = ofType('Microsoft.Network/privateDnsZones/A').filter((a) => lc(a.name.split('/')[0]!) === lc(zone.name)).map((a) => a.name.split('/')[1]);
				for (const label of ['*', '@', '*.scm']) if (!records.includes(label)) problem(`${where}: zone ${zone.name} has no '${label}' record`);
			}
		}
	}
	for (const nsg of nsgs) {
		for (const r of asArray(get(nsg.body, 'properties.securityRules'))) {
			const priority = get(r, 'properties.priority');
			if (!get(r, 'name') || !(typeof priority === 'number' && priority >= 100 && priority <= 4096)) problem(`C NSG ${nsg.name}: malformed rule ${JSON.stringify(r)}`);
			if (!['Inbound', 'Outbound'].includes(String(get(r, 'properties.direction'))) || !['Allow', 'Deny'].includes(String(get(r, 'properties.access')))) problem(`C NSG ${nsg.name}: rule direction or access`);
		}
	}
	for (const a of ofType('Microsoft.Network/privateDnsZones/A')) {
		const zone = ofType('Microsoft.Network/privateDnsZones').find((z) => lc(z.name) === lc(a.name.split('/')[0]!));
		if (!zone) problem(`C A record ${a.name}: zone not declared`);
		else if (!dependsOn(a, zone.id)) problem(`D3 A record ${a.name}: does not depend on its zone`);
		if (asArray(get(a.body, 'properties.aRecords')).length === 0) problem(`C A record ${a.name}: no aRecords`);
		const ip = get(asArray(get(a.body, 'properties.aRecords'))[0], 'ipv4Address');
		// The ILB address is read from the ASE's networking configuration: the record must wait for the ASE.
		if (/hostingenvironments\/([^/]+)\/configurations/i.test(opaqueText(ip))) {
			const ase = environments.find((e) => lc(opaqueText(ip)).includes(`/hostingenvironments/${lc(e.name)}/`));
			if (!ase || !dependsOn(a, ase.id)) problem(`D3 A record ${a.name}: reads the ASE's address but does not depend on the ASE`);
		}
	}

	const storageByName = new Map(ofType('Microsoft.Storage/storageAccounts').map((s) => [lc(s.name), s]));
	const shares = ofType('Microsoft.Storage/storageAccounts/fileServices/shares');
	const privateEndpoints = ofType('Microsoft.Network/privateEndpoints');
	const zoneGroups = ofType('Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
	const zones = ofType('Microsoft.Network/privateDnsZones');
	const links = ofType('Microsoft.Network/privateDnsZones/virtualNetworkLinks');
	const connections = ofType('Microsoft.Web/connections');
	const policies = ofType('Microsoft.Web/connections/accessPolicies');
	const isPrivateStorage = (s: Resource) => get(s.body, 'properties.publicNetworkAccess') === 'Disabled' || get(s.body, 'properties.networkAcls.defaultAction') === 'Deny';
	const peTarget = (pe: Resource) => get(asArray(get(pe.body, 'properties.privateLinkServiceConnections'))[0], 'properties.privateLinkServiceId');
	const peGroup = (pe: Resource) => asArray(get(asArray(get(pe.body, 'properties.privateLinkServiceConnections'))[0], 'properties.groupIds'));
	const groupsOf = (pe: Resource) => zoneGroups.filter((g) => lc(g.name.split('/')[0]!) === lc(pe.name));

	for (const siteRes of ofType('Microsoft.Web/sites')) {
		const s = siteRes.body;
		const where = `C site ${siteRes.name}`;
		const kinds = String(s.kind ?? '').split(',').map((k) => lc(k.trim()));
		if (!kinds.includes('functionapp') || !kinds.includes('workflowapp')) problem(`${where}: kind ${String(s.kind)}`);
		const farm = get(s, 'properties.serverFarmId');
		if (!resolves(farm) || !lc(String(farm)).includes('/microsoft.web/serverfarms/')) problem(`${where}: serverFarmId does not resolve to a declared plan`);
		else if (!dependsOn(siteRes, String(farm))) problem(`D3 ${where}: does not depend on its plan`);
		if (!WEB_IDENTITY_TYPES.includes(String(get(s, 'identity.type')))) problem(`${where}: identity.type ${String(get(s, 'identity.type'))}`);
		if (get(s, 'properties.httpsOnly') !== true) problem(`${where}: httpsOnly not true`);
		const pna = get(s, 'properties.publicNetworkAccess');
		if (pna !== undefined && !['Enabled', 'Disabled', ''].includes(String(pna))) problem(`${where}: publicNetworkAccess ${String(pna)}`);
		const subnetId = get(s, 'properties.virtualNetworkSubnetId');
		const networkConfig = resources.filter((r) => r.type === 'Microsoft.Web/sites/networkConfig' && lc(r.name) === lc(`${siteRes.name}/virtualNetwork`));
		// In an App Service Environment the app is already in the network: no VNet integration, placed in the plan's ASE.
		const inAse = isIsolated(byId.get(lc(String(farm))));
		if (inAse) {
			if (subnetId || networkConfig.length > 0) problem(`${where}: an app in an App Service Environment has no VNet integration`);
			for (const key of ['vnetRouteAllEnabled', 'vnetContentShareEnabled', 'outboundVnetRouting']) if (get(s, `properties.${key}`) !== undefined) problem(`${where}: ${key} does not apply in an App Service Environment`);
			const planAse = get(byId.get(lc(String(farm)))?.body, 'properties.hostingEnvironmentProfile.id');
			if (lc(String(get(s, 'properties.hostingEnvironmentProfile.id'))) !== lc(String(planAse))) problem(`${where}: hostingEnvironmentProfile.id differs from its plan's App Service Environment`);
		} else if ((subnetId ? 1 : 0) + networkConfig.length !== 1) problem(`${where}: needs exactly one VNet integration method`);
		if (subnetId) {
			const sn = subnets.get(lc(String(subnetId)));
			if (!sn) problem(`${where}: virtualNetworkSubnetId does not resolve to a declared subnet`);
			else if (!asArray(get(sn.subnet, 'properties.delegations')).some((d) => get(d, 'properties.serviceName') === 'Microsoft.Web/serverFarms')) {
				problem(`${where}: its integration subnet is not delegated to Microsoft.Web/serverFarms`);
			}
		}

		// app settings
		const settingsList = asArray(get(s, 'properties.siteConfig.appSettings')) as Obj[];
		const settings = new Map<string, unknown>();
		for (const e of settingsList) {
			const n = String(e.name);
			if (settings.has(lc(n))) problem(`${where}: duplicate app setting ${n}`);
			settings.set(lc(n), e.value);
		}
		const setting = (n: string) => settings.get(lc(n));
		if (setting('FUNCTIONS_EXTENSION_VERSION') !== '~4') problem(`${where}: FUNCTIONS_EXTENSION_VERSION ${String(setting('FUNCTIONS_EXTENSION_VERSION'))}`);
		if (!['dotnet', 'node'].includes(String(setting('FUNCTIONS_WORKER_RUNTIME')))) problem(`${where}: FUNCTIONS_WORKER_RUNTIME ${String(setting('FUNCTIONS_WORKER_RUNTIME'))}`);
		if (setting('APP_KIND') !== 'workflowApp') problem(`${where}: APP_KIND ${String(setting('APP_KIND'))}`);
		if (setting('AzureFunctionsJobHost__extensionBundle__id') !== 'Microsoft.Azure.Functions.ExtensionBundle.Workflows') problem(`${where}: extension bundle id`);
		if (setting('AzureFunctionsJobHost__extensionBundle__version') !== '[1.*, 2.0.0)') problem(`${where}: extension bundle version`);
		if (!setting('WEBSITE_NODE_DEFAULT_VERSION')) problem(`${where}: WEBSITE_NODE_DEFAULT_VERSION not set`);
		// The content share is required on Workflow Standard (elastic) plans; a dedicated Isolated v2 plan needs none.
		for (const required of inAse ? ['AzureWebJobsStorage'] : ['AzureWebJobsStorage', 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', 'WEBSITE_CONTENTSHARE']) {
			if (!setting(required)) problem(`${where}: app setting ${required} missing`);
		}
		if (inAse && (setting('WEBSITE_CONTENTOVERVNET') !== undefined) !== (setting('WEBSITE_CONTENTSHARE') !== undefined)) problem(`${where}: WEBSITE_CONTENTOVERVNET without a content share`);
		const share = setting('WEBSITE_CONTENTSHARE');
		if (typeof share === 'string' && (share !== share.toLowerCase() || share.length > 63)) problem(`${where}: WEBSITE_CONTENTSHARE '${share}' must be lower-case, at most 63 characters`);
		const account = /AccountName=([^;]+)/.exec(String(setting('AzureWebJobsStorage') ?? ''))?.[1];
		const storage = account ? storageByName.get(lc(account)) : undefined;
		if (!storage) problem(`${where}: AzureWebJobsStorage does not name a declared storage account`);
		if (storage && isPrivateStorage(storage)) {
			if (share !== undefined) {
				const declaredShare = shares.find((sh) => lc(sh.name) === lc(`${storage.name}/default/${String(share)}`));
				if (!declaredShare) problem(`E ${where}: private storage needs the content share '${String(share)}' declared in ${storage.name}`);
				else if (!dependsOn(siteRes, declaredShare.id)) problem(`D3 ${where}: does not depend on its content share`);
				if (setting('WEBSITE_CONTENTOVERVNET') !== '1' && get(s, 'properties.vnetContentShareEnabled') !== true) problem(`E ${where}: private storage needs content over VNet`);
			}
			if (!inAse && !subnetId && networkConfig.length === 0) problem(`E ${where}: private storage needs VNet integration`);
			const storagePes = privateEndpoints.filter((pe) => lc(String(peTarget(pe))) === lc(storage.id));
			const groups = new Set(storagePes.flatMap((pe) => peGroup(pe).map(String)));
			for (const g of STORAGE_GROUPS) if (!groups.has(g)) problem(`E ${where}: private storage ${storage.name} has no '${g}' private endpoint`);
			for (const pe of storagePes) for (const g of groupsOf(pe)) if (!dependsOn(siteRes, g.id)) problem(`D3 ${where}: does not depend on zone group ${g.name}`);
			const storageLinks = links.filter((l) => /^privatelink\.(blob|file|queue|table)\./i.test(l.name));
			for (const link of storageLinks) if (!dependsOn(siteRes, link.id)) problem(`D3 ${where}: does not depend on zone link ${link.name}`);
		}
		if (Object.values(Object.fromEntries(settings)).some((val) => val === '~3')) problem(`${where}: ~3 runtime`);
		if (setting('FUNCTIONS_WORKER_RUNTIME') === 'dotnet-isolated') problem(`${where}: dotnet-isolated`);
		// Runtime URLs come from connections the site must wait for.
		for (const [name, value] of settings) {
			const m = /reference\((\/subscriptions\/[^)]*\/providers\/microsoft\.web\/connections\/[^)]+)\)/i.exec(opaqueText(value));
			if (!m) continue;
			if (!resolves(m[1])) problem(`D1 ${where}: app setting ${name} reads an undeclared connection`);
			else if (!dependsOn(siteRes, m[1]!)) problem(`D3 ${where}: app setting ${name} reads a connection the site does not depend on`);
		}
		const routeAll = get(s, 'properties.vnetRouteAllEnabled') === true || get(s, 'properties.siteConfig.vnetRouteAllEnabled') === true || get(s, 'properties.outboundVnetRouting.allTraffic') === true;
		if (!inAse && ofType('Microsoft.Network/natGateways').length > 0 && !routeAll) problem(`E ${where}: a NAT gateway needs Route All`);
		if (pna === 'Disabled') {
			const pes = privateEndpoints.filter((pe) => lc(String(peTarget(pe))) === lc(siteRes.id) && peGroup(pe).includes('sites'));
			const ok = pes.some((pe) => groupsOf(pe).some((g) => asArray(get(g.body, 'properties.privateDnsZoneConfigs')).some((c) => lc(String(get(c, 'properties.privateDnsZoneId'))).endsWith('/privatelink.azurewebsites.net'))));
			if (!ok) problem(`E ${where}: public access disabled without a 'sites' private endpoint and privatelink.azurewebsites.net zone group`);
		}
		if (get(s, 'properties.siteConfig.ipSecurityRestrictions') !== undefined) {
			const rules = asArray(get(s, 'properties.siteConfig.ipSecurityRestrictions'));
			for (const rule of rules) {
				if (!isObj(rule) || !rule.name || typeof rule.priority !== 'number' || !rule.ipAddress) problem(`${where}: malformed access restriction ${JSON.stringify(rule)}`);
			}
		}
	}

	for (const vnet of ofType('Microsoft.Network/virtualNetworks')) {
		const spaces = asArray(get(vnet.body, 'properties.addressSpace.addressPrefixes')).map(String);
		const ranges: {name: string; start: number; end: number}[] = [];
		for (const sn of asArray(get(vnet.body, 'properties.subnets')) as Obj[]) {
			const prefix = String(get(sn, 'properties.addressPrefix'));
			let r: ReturnType<typeof cidrRange>;
			try {
				r = cidrRange(prefix);
			} catch (e) {
				problem(`C subnet ${String(sn.name)}: ${(e as Error).message}`);
				continue;
			}
			if (!spaces.some((sp) => {
				const space = cidrRange(sp);
				return r.start >= space.start && r.end <= space.end;
			})) problem(`C subnet ${String(sn.name)} ${prefix} is outside the VNet address space`);
			for (const other of ranges) if (r.start <= other.end && other.start <= r.end) problem(`C subnets ${other.name} and ${String(sn.name)} overlap`);
			ranges.push({name: String(sn.name), ...r});
			const delegations = asArray(get(sn, 'properties.delegations'));
			const delegated = delegations.some((d) => get(d, 'properties.serviceName') === 'Microsoft.Web/serverFarms');
			const aseSubnet = delegations.some((d) => get(d, 'properties.serviceName') === 'Microsoft.Web/hostingEnvironments');
			if (delegated && r.length > 28) problem(`C integration subnet ${String(sn.name)} is /${r.length}: /28 is the minimum`);
			const nsg = get(sn, 'properties.networkSecurityGroup.id');
			if (nsg !== undefined && (!resolves(nsg) || !lc(String(nsg)).includes('/networksecuritygroups/'))) problem(`C subnet ${String(sn.name)}: networkSecurityGroup does not resolve`);
			const policy = get(sn, 'properties.privateEndpointNetworkPolicies');
			if (policy !== undefined && !PE_POLICIES.includes(String(policy))) problem(`C subnet ${String(sn.name)}: privateEndpointNetworkPolicies ${String(policy)}`);
			const nat = get(sn, 'properties.natGateway.id');
			if (nat !== undefined) {
				if (!resolves(nat) || !lc(String(nat)).includes('/natgateways/')) problem(`C subnet ${String(sn.name)}: natGateway does not resolve`);
				else if (!dependsOn(vnet, String(nat))) problem(`D3 vnet ${vnet.name} does not depend on NAT gateway`);
				if (!delegated && !aseSubnet) problem(`C subnet ${String(sn.name)}: NAT gateway on a subnet that is neither an integration subnet nor an App Service Environment's`);
			}
		}
	}

	// Capacity: Azure keeps 5 addresses of every subnet; each private endpoint takes one, each plan instance one.
	const usable = (prefix: unknown) => 2 ** (32 - cidrRange(String(prefix)).length) - 5;
	for (const [id, sn] of subnets) {
		const pes = privateEndpoints.filter((pe) => lc(String(get(pe.body, 'properties.subnet.id'))) === id);
		if (pes.length > usable(get(sn.subnet, 'properties.addressPrefix'))) problem(`C subnet ${String(sn.subnet.name)}: ${pes.length} private endpoints do not fit`);
	}
	for (const siteRes of ofType('Microsoft.Web/sites')) {
		const sn = subnets.get(lc(String(get(siteRes.body, 'properties.virtualNetworkSubnetId'))));
		const plan = byId.get(lc(String(get(siteRes.body, 'properties.serverFarmId'))));
		const burst = get(plan?.body, 'properties.maximumElasticWorkerCount');
		if (sn && typeof burst === 'number' && burst > usable(get(sn.subnet, 'properties.addressPrefix'))) {
			problem(`C site ${siteRes.name}: the plan may burst to ${burst} instances, more than its integration subnet has addresses`);
		}
	}

	for (const pe of privateEndpoints) {
		const where = `C private endpoint ${pe.name}`;
		const subnetId = get(pe.body, 'properties.subnet.id');
		const sn = subnets.get(lc(String(subnetId)));
		if (existing.has(lc(String(subnetId)))) {
			// A given subnet (an existing ASE's network): its delegations are the admin's to keep empty.
		} else if (!sn) problem(`${where}: subnet does not resolve`);
		else {
			if (asArray(get(sn.subnet, 'properties.delegations')).length > 0) problem(`${where}: its subnet has a delegation`);
			if (!dependsOn(pe, sn.vnet.id) && !dependsOn(pe, String(subnetId))) problem(`D3 ${where}: does not depend on its VNet`);
		}
		const conns = asArray(get(pe.body, 'properties.privateLinkServiceConnections'));
		if (conns.length !== 1) problem(`${where}: expected one privateLinkServiceConnection`);
		const target = peTarget(pe);
		const groups = peGroup(pe);
		if (groups.length !== 1) problem(`${where}: needs a single groupIds value`);
		if (!resolves(target)) problem(`${where}: privateLinkServiceId does not resolve`);
		else {
			if (!dependsOn(pe, String(target))) problem(`D3 ${where}: does not depend on its target`);
			const targetType = byId.get(lc(String(target)))?.type;
			if (targetType === 'Microsoft.Web/sites' && groups[0] !== 'sites') problem(`${where}: a site endpoint needs group 'sites'`);
			if (targetType === 'Microsoft.Storage/storageAccounts' && !STORAGE_GROUPS.includes(String(groups[0]))) problem(`${where}: storage group ${String(groups[0])}`);
		}
		if (groupsOf(pe).length === 0) problem(`${where}: no private DNS zone group`);
	}

	const expectedZone = (group: string) => (group === 'sites' ? 'privatelink.azurewebsites.net' : `privatelink.${group}.core.windows.net`);
	for (const g of zoneGroups) {
		const where = `C zone group ${g.name}`;
		if ('location' in g.body) problem(`${where}: has a location`);
		const pe = privateEndpoints.find((x) => lc(x.name) === lc(g.name.split('/')[0]!));
		if (!pe) {
			problem(`${where}: parent private endpoint not declared`);
			continue;
		}
		if (!dependsOn(g, pe.id)) problem(`D3 ${where}: does not depend on its private endpoint`);
		const group = String(peGroup(pe)[0]);
		for (const c of asArray(get(g.body, 'properties.privateDnsZoneConfigs'))) {
			const zoneId = String(get(c, 'properties.privateDnsZoneId'));
			const zone = byId.get(lc(zoneId));
			if (!zone || zone.type !== 'Microsoft.Network/privateDnsZones') problem(`${where}: zone ${zoneId} is not declared`);
			else {
				if (lc(zone.name) !== expectedZone(group)) problem(`${where}: zone ${zone.name} does not match group '${group}' (${expectedZone(group)})`);
				if (!dependsOn(g, zone.id)) problem(`D3 ${where}: does not depend on zone ${zone.name}`);
			}
		}
	}
	for (const z of zones) {
		if (z.body.location !== 'global') problem(`C zone ${z.name}: location must be global`);
		const aseZone = environments.some((e) => lc(z.name).startsWith(`${lc(e.name)}.`) && /\.appserviceenvironment\.(net|us)$/i.test(z.name));
		if (!/^privatelink\./.test(z.name) && !aseZone) problem(`C zone ${z.name}: neither a privatelink zone nor an internal App Service Environment's zone`);
	}
	const linkPairs = new Set<string>();
	for (const l of links) {
		const where = `C zone link ${l.name}`;
		if (l.body.location !== 'global') problem(`${where}: location must be global`);
		if (get(l.body, 'properties.registrationEnabled') !== false) problem(`${where}: registrationEnabled must be false`);
		const vnetId = String(get(l.body, 'properties.virtualNetwork.id'));
		const vnet = byId.get(lc(vnetId));
		if (existing.has(lc(vnetId)) && /\/virtualNetworks\/[^/]+$/i.test(vnetId)) {
			// The VNet of a given subnet: it exists before the deployment.
		} else if (!vnet || vnet.type !== 'Microsoft.Network/virtualNetworks') problem(`${where}: virtualNetwork.id does not resolve to a declared VNet`);
		else if (!dependsOn(l, vnet.id)) problem(`D3 ${where}: does not depend on the VNet`);
		const zone = zones.find((z) => lc(z.name) === lc(l.name.split('/')[0]!));
		if (!zone) problem(`${where}: zone not declared`);
		else if (!dependsOn(l, zone.id)) problem(`D3 ${where}: does not depend on its zone`);
		const pair = lc(`${l.name.split('/')[0]}|${vnetId}`);
		if (linkPairs.has(pair)) problem(`${where}: second link of the same zone to the same VNet`);
		linkPairs.add(pair);
	}
	for (const z of zones) if (!links.some((l) => lc(l.name.split('/')[0]!) === lc(z.name))) problem(`C zone ${z.name} is linked to no VNet`);

	for (const pip of ofType('Microsoft.Network/publicIPAddresses')) {
		if (get(pip.body, 'sku.name') !== 'Standard') problem(`C public IP ${pip.name}: sku must be Standard`);
		if (get(pip.body, 'properties.publicIPAllocationMethod') !== 'Static') problem(`C public IP ${pip.name}: must be Static`);
	}
	for (const nat of ofType('Microsoft.Network/natGateways')) {
		if (get(nat.body, 'sku.name') !== 'Standard') problem(`C NAT ${nat.name}: sku must be Standard`);
		const ips = asArray(get(nat.body, 'properties.publicIpAddresses'));
		if (ips.length === 0) problem(`C NAT ${nat.name}: no public IP`);
		for (const ip of ips) {
			const id = get(ip, 'id');
			if (!resolves(id)) problem(`C NAT ${nat.name}: public IP does not resolve`);
			else if (!dependsOn(nat, String(id))) problem(`D3 NAT ${nat.name}: does not depend on its public IP`);
		}
		const used = [...subnets.values()].some((sn) => lc(String(get(sn.subnet, 'properties.natGateway.id'))) === lc(nat.id));
		if (!used) problem(`C NAT ${nat.name} is attached to no subnet`);
	}

	for (const st of storageByName.values()) {
		const where = `C storage ${st.name}`;
		if (st.body.kind !== 'StorageV2') problem(`${where}: kind ${String(st.body.kind)}`);
		if (!get(st.body, 'sku.name')) problem(`${where}: no sku.name`);
		if (!/^[a-z0-9]{3,24}$/.test(st.name)) problem(`D6 ${where}: name must be 3-24 lower-case letters and digits`);
		const enc = get(st.body, 'properties.encryption');
		if (typeof get(enc, 'requireInfrastructureEncryption') !== 'boolean') problem(`${where}: requireInfrastructureEncryption not set deliberately`);
		if (lc(String(get(enc, 'keySource'))) === 'microsoft.keyvault') {
			if (!get(enc, 'keyvaultproperties.keyname') || !get(enc, 'keyvaultproperties.keyvaulturi')) problem(`${where}: CMK needs keyname and keyvaulturi`);
			if (!/^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/?$/i.test(String(get(enc, 'keyvaultproperties.keyvaulturi')))) problem(`${where}: keyvaulturi ${String(get(enc, 'keyvaultproperties.keyvaulturi'))}`);
			const uai = get(enc, 'identity.userAssignedIdentity');
			const idType = String(get(st.body, 'identity.type'));
			const listed = Object.keys((get(st.body, 'identity.userAssignedIdentities') ?? {}) as Obj).map(lc);
			if (!uai || !listed.includes(lc(String(uai)))) problem(`${where}: encryption identity not listed in identity.userAssignedIdentities`);
			if (!['UserAssigned', 'SystemAssigned,UserAssigned'].includes(idType)) problem(`${where}: identity.type '${idType}' (Storage enum, no space)`);
			for (const svc of ['queue', 'table']) if (get(enc, `services.${svc}.keyType`) !== 'Account') problem(`${where}: ${svc} keyType must be Account`);
			if (!resolves(uai)) problem(`${where}: user-assigned identity not declared`);
			else if (!dependsOn(st, String(uai))) problem(`D3 ${where}: does not depend on its identity`);
			// The role must be granted before the account is created: a dependency on a resource (or nested deployment) that assigns it.
			const grants = resources.filter((r) => dependsOn(st, r.id) && grantsCryptoRole(r, String(uai)));
			if (grants.length === 0) problem(`D3 ${where}: does not depend on the Crypto Service Encryption User role assignment`);
			const vault = /https:\/\/([^.]+)\./.exec(String(get(enc, 'keyvaultproperties.keyvaulturi')))?.[1];
			for (const g of grants) {
				const scopeText = String(get(innerRoleAssignment(g), 'scope') ?? '');
				if (g.type === 'Microsoft.Resources/deployments' && vault && !lc(String(get(g.body, 'properties.parameters.vaultName.value'))).includes(lc(vault))) {
					problem(`${where}: the role is granted on another vault than ${vault} (${scopeText})`);
				}
			}
		}
	}
	for (const sh of shares) {
		const [account, mid, share] = sh.name.split('/');
		if (mid !== 'default') problem(`D4 share ${sh.name}: must be <account>/default/<share>`);
		if (!share || !/^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/.test(share) || share.length < 3 || share.length > 63) problem(`D6 share '${share ?? ''}': 3-63 lower-case letters, digits, single hyphens`);
		const st = storageByName.get(lc(account ?? ''));
		if (!st) problem(`D1 share ${sh.name}: storage account not declared`);
		else if (!dependsOn(sh, st.id)) problem(`D3 share ${sh.name}: does not depend on its account`);
	}
	for (const kv of ofType('Microsoft.KeyVault/vaults')) {
		if (!get(kv.body, 'properties.tenantId') || !get(kv.body, 'properties.sku')) problem(`C vault ${kv.name}: tenantId and sku required`);
		if (get(kv.body, 'properties.enablePurgeProtection') !== true) problem(`C vault ${kv.name}: purge protection`);
		if (get(kv.body, 'properties.enableSoftDelete') === false) problem(`C vault ${kv.name}: soft delete`);
	}

	const sites = ofType('Microsoft.Web/sites');
	for (const c of connections) {
		const where = `C connection ${c.name}`;
		if (c.body.kind !== 'V2') problem(`${where}: kind must be V2`);
		const apiId = String(get(c.body, 'properties.api.id'));
		const m = /\/providers\/Microsoft\.Web\/locations\/([^/]+)\/managedApis\/([^/]+)$/i.exec(apiId);
		if (!m) problem(`${where}: api.id ${apiId} is not a managed API id`);
		else if (lc(m[1]!) !== lc(String(c.body.location))) problem(`${where}: api.id location ${m[1]} differs from the connection's location`);
		const auth = ['parameterValues', 'parameterValueSet'].filter((k) => get(c.body, `properties.${k}`) !== undefined).length + (get(c.body, 'properties.parameterValueType') === 'Alternative' ? 1 : 0);
		if (auth !== 1) problem(`${where}: needs exactly one of parameterValues, parameterValueSet, parameterValueType Alternative`);
		const readers = sites.filter((s) => asArray(get(s.body, 'properties.siteConfig.appSettings')).some((e) => lc(opaqueText(get(e, 'value'))).includes(`reference(${lc(c.id)})`) && lc(opaqueText(get(e, 'value'))).includes('connectionruntimeurl')));
		if (readers.length === 0) problem(`E ${where}: no app setting carries its connectionRuntimeUrl`);
		for (const s of readers) {
			const policy = policies.find((p) => lc(p.name.split('/')[0]!) === lc(c.name) && lc(opaqueText(get(p.body, 'properties.principal.identity.objectId'))).includes(`reference(${lc(s.id)})`));
			if (!policy) problem(`E ${where}: no access policy for ${s.name}'s identity`);
			else if (!dependsOn(policy, s.id)) problem(`D3 access policy ${policy.name}: does not depend on site ${s.name}`);
		}
	}
	for (const p of policies) {
		const where = `C access policy ${p.name}`;
		const parent = connections.find((c) => lc(c.name) === lc(p.name.split('/')[0]!));
		if (!parent) problem(`${where}: connection not declared`);
		else if (!dependsOn(p, parent.id)) problem(`D3 ${where}: does not depend on its connection`);
		if (get(p.body, 'properties.principal.type') !== 'ActiveDirectory') problem(`${where}: principal.type`);
		if (!get(p.body, 'properties.principal.identity.objectId') || !get(p.body, 'properties.principal.identity.tenantId')) problem(`${where}: objectId and tenantId required`);
	}

	// ----- D. references -----
	for (const call of rec.resourceIds) {
		const segs = call.type.split('/').length - 1;
		if (call.names.length !== segs) problem(`D1 resourceId('${call.type}', ${call.names.length} names): the type needs ${segs}`);
		else if (!declared.has(lc(call.id))) problem(`D1 resourceId('${call.type}', '${call.names.join("', '")}') resolves to no declared resource`);
	}
	for (const ref of rec.references) {
		if (typeof ref.id !== 'string' || !declared.has(lc(ref.id))) problem(`D1 reference(${String(ref.id)}) resolves to no declared resource`);
	}
	for (const lk of rec.listKeys) {
		const target = typeof lk.id === 'string' ? byId.get(lc(lk.id)) : undefined;
		if (!target || target.type !== 'Microsoft.Storage/storageAccounts') problem(`D5 listKeys(${String(lk.id)}) does not point at a declared storage account`);
		if (!API_LIST.gaApiVersions['Microsoft.Storage/storageAccounts']!.includes(String(lk.apiVersion))) problem(`D5 listKeys apiVersion ${String(lk.apiVersion)}`);
	}
	const graph = new Map<string, string[]>();
	for (const r of resources) {
		const targets: string[] = [];
		for (const d of r.dependsOn) {
			const target = d.startsWith('/') ? byId.get(lc(d)) : resources.find((x) => lc(x.name) === lc(d));
			if (!target) problem(`D2 ${r.type} ${r.name}: dependsOn ${d} resolves to no declared resource`);
			else if (target === r) problem(`D2 ${r.type} ${r.name} depends on itself`);
			else targets.push(lc(target.id));
		}
		graph.set(lc(r.id), targets);
	}
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string, path: string[]) => {
		if (state.get(id) === 'done') return;
		if (state.get(id) === 'visiting') {
			problem(`D2 dependency cycle: ${[...path, id].join(' → ')}`);
			return;
		}
		state.set(id, 'visiting');
		for (const next of graph.get(id) ?? []) visit(next, [...path, id]);
		state.set(id, 'done');
	};
	for (const id of graph.keys()) visit(id, []);

	// ----- no secrets -----
	walkStrings(t, '', (s, path) => {
		if (isExpression(s)) {
			if (/AccountKey=[^;{']*[A-Za-z0-9+/]{20,}/.test(s)) problem(`secret literal at ${path}`);
			return;
		}
		if (/AccountKey=|SharedAccessKey=|[?&]sig=|password=/i.test(s)) problem(`secret literal at ${path}`);
		if (/[A-Za-z0-9+/]{80,}={0,2}/.test(s)) problem(`key-like literal at ${path}`);
	});
	walkEntries(t, '', (key, value, path) => {
		if (/password|secret|accesskey|apikey|connectionstring|sharedkey/i.test(key) && typeof value === 'string' && value !== '' && !isExpression(value)) problem(`secret-named literal at ${path}`);
	});
	// App settings are {name, value} pairs: a secret-looking name must get its value from an expression.
	walkObjects(t, '', (o, path) => {
		if (typeof o.name === 'string' && typeof o.value === 'string' && /password|secret|_key\b|connectionkey|connectionstring|azurewebjobsstorage/i.test(o.name) && o.value !== '' && !isExpression(o.value)) {
			problem(`app setting ${o.name} has a literal value at ${path}`);
		}
	});
	for (const [name, def] of Object.entries(paramDefs)) {
		if (/password|secret|key$|connectionstring/i.test(name) && !/^secure/i.test(String(def.type)) && !/keyname|keyvaultid/i.test(name)) problem(`parameter ${name} looks secret but is not secure`);
	}

	return {problems, resources, parameters: scope.parameters, variables, outputs, rec};
}

function innerRoleAssignment(r: Resource): Obj | undefined {
	if (r.type === 'Microsoft.Authorization/roleAssignments') return r.body;
	const inner = asArray(get(r.body, '__inner')) as Obj[];
	return inner.find((x) => x.type === 'Microsoft.Authorization/roleAssignments');
}

function grantsCryptoRole(r: Resource, uaiId: string): boolean {
	if (r.type === 'Microsoft.Authorization/roleAssignments') {
		return String(get(r.body, 'properties.roleDefinitionId')).endsWith(CRYPTO_USER_ROLE) && lc(opaqueText(get(r.body, 'properties.principalId'))).includes(lc(uaiId));
	}
	const ra = innerRoleAssignment(r);
	if (!ra) return false;
	return String(get(ra, 'properties.roleDefinitionId')).endsWith(CRYPTO_USER_ROLE) && lc(String(get(ra, 'properties.principalId'))).includes(`reference(${lc(uaiId)})`);
}

function walkStrings(v: unknown, path: string, fn: (s: string, path: string) => void): void {
	if (typeof v === 'string') fn(v, path);
	else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, `${path}[${i}]`, fn));
	else if (v && typeof v === 'object') {
		for (const [k, x] of Object.entries(v)) {
			fn(k, `${path}.{key}`);
			walkStrings(x, `${path}.${k}`, fn);
		}
	}
}

function walkObjects(v: unknown, path: string, fn: (o: Obj, path: string) => void): void {
	if (Array.isArray(v)) v.forEach((x, i) => walkObjects(x, `${path}[${i}]`, fn));
	else if (isObj(v)) {
		fn(v, path);
		for (const [k, x] of Object.entries(v)) walkObjects(x, `${path}.${k}`, fn);
	}
}

function walkEntries(v: unknown, path: string, fn: (key: string, value: unknown, path: string) => void): void {
	if (Array.isArray(v)) v.forEach((x, i) => walkEntries(x, `${path}[${i}]`, fn));
	else if (v && typeof v === 'object') {
		for (const [k, x] of Object.entries(v)) {
			fn(k, x, `${path}.${k}`);
			walkEntries(x, `${path}.${k}`, fn);
		}
	}
}

