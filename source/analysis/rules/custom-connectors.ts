// Custom connectors: Standard cannot use custom *managed* connectors (domain.md §3), so every customApis
// connection needs a new home: API Management, plain HTTP actions, a custom built-in connector, or nothing.
import {resolveOperations, type OperationIndex} from '../operations.js';
import {CUSTOM_CONNECTOR_OPTION, type Finding, type Inventory} from '../../model/index.js';
import {makeFinding} from '../finding.js';

interface CustomUse {
	name: string;
	scope?: string;
	workflows: Set<string>;
	operations: number;
}

// Beyond this reuse a central API Management front pays for itself (one place for auth and policies).
const APIM_WORKFLOWS = 3;
const APIM_OPERATIONS = 6;

export function customConnectorFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const uses = new Map<string, CustomUse>();
	for (const wf of inv.workflows) {
		const custom = ops.connectionsOf(wf.name).filter((c) => c.api.kind === 'custom');
		if (custom.length === 0) continue;
		const count = new Map<string, number>();
		for (const o of ops.ofWorkflow(wf.name)) {
			if (o.connection?.api.kind === 'custom') count.set(o.connection.api.name, (count.get(o.connection.api.name) ?? 0) + 1);
		}
		for (const {api} of custom) {
			const id = api.name.toLowerCase();
			let use = uses.get(id);
			if (!use) {
				use = {name: api.name, ...(api.scope ? {scope: api.scope} : {}), workflows: new Set(), operations: 0};
				uses.set(id, use);
			}
			use.workflows.add(wf.name);
			use.operations += count.get(api.name) ?? 0;
		}
	}

	const findings: Finding[] = [];
	for (const use of [...uses.values()].sort((a, b) => a.name.localeCompare(b.name))) {
		const workflows = [...use.workflows].sort();
		const apim = workflows.length >= APIM_WORKFLOWS || use.operations >= APIM_OPERATIONS;
		const why = apim
			? `It is used by ${workflows.length} workflow(s) in ${use.operations} step(s): one API Management API keeps authentication and policies in one place, which is why API Management is recommended.`
			: `It is used by ${workflows.length} workflow(s) in ${use.operations} step(s): plain HTTP actions need no extra Azure resource, which is why HTTP is recommended; choose API Management if other apps call the same API.`;
		findings.push(makeFinding({
			kind: 'custom-connector',
			severity: 'warning',
			certainty: 'C',
			subject: {type: 'connector', key: use.name, name: use.name},
			title: `Custom connector '${use.name}' needs a new home in Standard`,
			detail: `Standard logic apps cannot use custom managed connectors, so the steps that call '${use.name}'${
				use.scope ? ` (resource group ${use.scope})` : ''
			} must call the API another way. Used by: ${workflows.map((w) => `'${w}'`).join(', ')}. ${why} With HTTP or API Management the generated workflows call the API through HTTP actions; with a custom built-in connector the steps stay pointing at a managed connection that will not work until you build it.`,
			workflows,
			options: [
				{
					id: CUSTOM_CONNECTOR_OPTION.apim,
					label: 'Put the API behind API Management',
					consequence:
						"Import the connector's OpenAPI definition into an API Management instance; the generated steps become HTTP actions to its base URL with the subscription key from an app setting (you can switch them to the API Management action in the designer). API Management holds the backend credentials and policies; it must be reachable from the app (and, for private backends, from its VNet).",
					effects: [{type: 'custom-connector', api: use.name, target: 'apim'}],
				},
				{
					id: CUSTOM_CONNECTOR_OPTION.http,
					label: 'Call the API with HTTP actions',
					consequence:
						"Each step becomes a built-in HTTP action to the backend's base URL (an app setting), through the VNet integration for private backends. You add the authentication the connector handled, with secrets in app settings; no extra resource.",
					effects: [{type: 'custom-connector', api: use.name, target: 'http'}],
				},
				{
					id: CUSTOM_CONNECTOR_OPTION.customBuiltin,
					label: 'Write a custom built-in connector',
					consequence:
						'Build and deploy a .NET custom built-in connector for Standard: the most work, worth it only for heavy reuse or special protocols.',
					effects: [{type: 'custom-connector', api: use.name, target: 'custom-builtin'}],
				},
				{
					id: CUSTOM_CONNECTOR_OPTION.exclude,
					label: 'Leave it out',
					consequence: 'Its steps become placeholders that do nothing; you rebuild or remove them by hand.',
					effects: [{type: 'custom-connector', api: use.name, target: 'exclude'}],
				},
			],
			recommended: apim ? CUSTOM_CONNECTOR_OPTION.apim : CUSTOM_CONNECTOR_OPTION.http,
		}));
	}
	return findings;
}
