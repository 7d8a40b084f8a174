// The three API id forms a Consumption/ISE workflow's $connections can point at (domain.md §2).

export interface ApiRef {
	kind: 'ise' | 'managed' | 'custom' | 'unknown';
	/** API name, lower-cased (`sql`, `servicebus`), or the custom API's resource name as written. */
	name: string;
	/** ISE name for `ise`, location for `managed`, resource group for `custom`. */
	scope?: string;
}

const ISE_API = /\/integrationServiceEnvironments\/([^/]+)\/managedApis\/([^/?#]+)/i;
const MANAGED_API = /\/providers\/Microsoft\.Web\/locations\/([^/]+)\/managedApis\/([^/?#]+)/i;
const CUSTOM_API = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Web\/customApis\/([^/?#]+)/i;

export function parseApiId(id: string): ApiRef {
	let m = ISE_API.exec(id);
	if (m) return {kind: 'ise', name: m[2]!.toLowerCase(), scope: m[1]};
	m = MANAGED_API.exec(id);
	if (m) return {kind: 'managed', name: m[2]!.toLowerCase(), scope: m[1]};
	m = CUSTOM_API.exec(id);
	if (m) return {kind: 'custom', name: m[2]!, scope: m[1]};
	const tail = id.split('/').filter(Boolean).pop() ?? id;
	return {kind: 'unknown', name: tail.toLowerCase()};
}
