// Custom connectors cannot run in Standard (only custom built-in ones can). When the admin chose HTTP or
// API Management for one, its steps become built-in HTTP actions calling the same API, with the base URL
// (and the API Management key) behind app settings. Webhook steps cannot be rebuilt this way and stay.
import type {OperationUse} from '../analysis/operations.js';
import {isRecord, walkOperations} from '../analysis/walk.js';
import type {Certainty, CustomConnectorTarget, Workflow} from '../model/index.js';
import type {AppSetting} from './project.js';
import {appSettingRef, settingName} from './app-settings.js';

export interface CustomRewrite {
	workflow: Workflow;
	notes: {operation: string; message: string; certainty: Certainty}[];
	appSettings: AppSetting[];
}


export function rewriteCustomConnectorSteps(
	input: Workflow,
	targets: Readonly<Record<string, CustomConnectorTarget>>,
	records: readonly OperationUse[],
): CustomRewrite {
	const notes: CustomRewrite['notes'] = [];
	const settings = new Map<string, AppSetting>();
	const custom = records.filter((r) => r.connection?.api.kind === 'custom');
	// Nothing to rewrite: the workflow is returned as it is (callers never mutate it), not cloned.
	if (custom.length === 0) return {workflow: input, notes, appSettings: []};
	const workflow = structuredClone(input);
	const customKeys = new Set(custom.map((r) => r.connection!.ref.key));
	const byStep = new Map(custom.map((r) => [`${r.isTrigger ? 't' : 'a'}|${r.name}`, r.connection!]));

	const stillUsed = new Set<string>();
	for (const visit of walkOperations(workflow.definition)) {
		const connection = byStep.get(`${visit.isTrigger ? 't' : 'a'}|${visit.name}`);
		if (!connection) continue;
		const key = connection.ref.key;
		const api = connection.api.name;
		const target = targets[api];
		if ((target !== 'http' && target !== 'apim') || visit.op.type !== 'ApiConnection' || !isRecord(visit.op.inputs)) {
			stillUsed.add(key);
			if (target === 'http' || target === 'apim') {
				notes.push({operation: visit.name, message: `${String(visit.op.type)} step of custom connector '${api}' cannot become an HTTP action: rebuild it by hand`, certainty: 'C'});
			}
			continue;
		}
		const base = settingName.customBaseUrl(api, target);
		settings.set(base, {
			name: base,
			description: target === 'apim' ? `Base URL of the API Management API that fronts '${api}'` : `Base URL of the API behind custom connector '${api}'`,
			secret: false,
		});
		const inputs = visit.op.inputs;
		const path = typeof inputs.path === 'string' ? inputs.path : '';
		const headers: Record<string, unknown> = isRecord(inputs.headers) ? {...inputs.headers} : {};
		if (target === 'apim') {
			const key = settingName.customApimKey(api);
			settings.set(key, {name: key, description: `API Management subscription key for '${api}' (a Key Vault reference in Azure)`, secret: true});
			headers['Ocp-Apim-Subscription-Key'] = appSettingRef(key);
		}
		const {type: _type, inputs: _inputs, ...rest} = visit.op;
		visit.container[visit.name] = {
			type: 'Http',
			inputs: {
				method: typeof inputs.method === 'string' ? inputs.method.toUpperCase() : 'GET',
				uri: `@{appsetting('${base}')}${path}`,
				...(isRecord(inputs.queries) ? {queries: inputs.queries} : {}),
				...(Object.keys(headers).length > 0 ? {headers} : {}),
				...(inputs.body !== undefined ? {body: inputs.body} : {}),
			},
			...rest,
		};
		notes.push({
			operation: visit.name,
			message: `custom connector '${api}' step is now an HTTP action to @appsetting('${base}')${path ? ` + ${path}` : ''}; add the authentication the connector used to handle`,
			certainty: 'S',
		});
	}
	workflow.connections = workflow.connections.filter((ref) => !customKeys.has(ref.key) || stillUsed.has(ref.key));
	return {workflow, notes, appSettings: [...settings.values()]};
}
