// Inbound access: how callers reach the Standard app, replacing the ISE's Internal or External access endpoint,
// and the webhook callbacks that a private endpoint would cut off.
import {INBOUND_OPTION, WEBHOOK_OPTION, iseInferred, type Finding, type FindingOption, type Inventory, type Workflow} from '../../model/index.js';
import {resolveOperations, type OperationIndex} from '../operations.js';
import {isRecord} from '../walk.js';
import {excludeOption, nameList} from './workflow.js';
import {iseSubject, makeFinding} from '../finding.js';

/**
 * Services whose triggers subscribe a callback URL and then call the workflow from outside the customer's network
 * (domain.md §6). A rule fact, kept here rather than in the connector catalog. Detection itself goes by operation
 * type, because the same connectors also offer polling triggers that need no inbound access; this list names the
 * caller for the admin and carries the SAP exception.
 */
const WEBHOOK_SERVICES: Record<string, string> = {
	azureeventgrid: 'Azure Event Grid',
	office365: 'Office 365 Outlook',
	commondataservice: 'Microsoft Dataverse',
	dynamicscrmonline: 'Dynamics 365',
	visualstudioteamservices: 'Azure DevOps',
	sharepointonline: 'SharePoint Online',
	sap: 'SAP (multi-tenant)',
};

export interface WebhookUse {
	workflow: string;
	operation: string;
	isTrigger: boolean;
	/** API name (`office365`), or undefined when the connection cannot be resolved. */
	api?: string;
}

/** Older definitions name the API only through its runtime URL (…/apim/office365). */
function apiFromRuntimeUrl(op: Readonly<Record<string, unknown>>): string | undefined {
	const inputs = op.inputs;
	if (isRecord(inputs) && isRecord(inputs.host) && isRecord(inputs.host.api)) {
		const url = inputs.host.api.runtimeUrl;
		if (typeof url === 'string') return url.split('/').filter(Boolean).pop()?.toLowerCase();
	}
	return undefined;
}

/**
 * Operations that wait for a multi-tenant service to call the workflow back. An ISE-hosted SAP connector becomes the
 * built-in SAP connector in Standard, which runs inside the app and needs no callback; the multi-tenant one does.
 */
export function webhookUses(wf: Workflow, ops: OperationIndex): WebhookUse[] {
	const uses: WebhookUse[] = [];
	for (const o of ops.ofWorkflow(wf.name)) {
		if (!o.callback) continue;
		const api = o.connection?.api ?? (apiFromRuntimeUrl(o.op) ? {name: apiFromRuntimeUrl(o.op)!, kind: 'managed' as const} : undefined);
		if (api?.name === 'sap' && api.kind !== 'managed') continue;
		uses.push({workflow: wf.name, operation: o.name, isTrigger: o.isTrigger, api: api?.name});
	}
	return uses;
}

function serviceName(api: string | undefined): string {
	if (!api) return 'an unresolved connector';
	return WEBHOOK_SERVICES[api] ?? api;
}


function endpointChoice(inv: Inventory, webhookWorkflows: string[]): Finding {
	const access = inv.ise.accessEndpoint;
	const breaks =
		webhookWorkflows.length > 0
			? ` Webhook callbacks to ${nameList(webhookWorkflows)} from outside services stop working.`
			: '';
	const privateEndpoint: FindingOption = {
		id: INBOUND_OPTION.privateEndpoint,
		label: 'Private only (a private endpoint; on an ASE, its internal load balancer)',
		consequence:
			'The app gets a private endpoint in your virtual network and public access is turned off; callers inside the network ' +
			'resolve it through the privatelink.azurewebsites.net DNS zone. On App Service Environment v3 an internal (ILB) ASE takes this role instead.' +
			(access === 'External' ? ' Callers on the internet can no longer reach the workflows.' : '') +
			breaks,
		effects: [{type: 'inbound', mode: 'private-endpoint'}],
	};
	const restricted: FindingOption = {
		id: INBOUND_OPTION.publicRestricted,
		label: 'Public endpoint with access restrictions',
		consequence:
			'The app keeps a public endpoint but accepts only the addresses and service tags you list in its access restrictions.' +
			(access === 'Internal' ? ' This is more exposed than the Internal ISE, which had no public endpoint.' : ''),
		effects: [{type: 'inbound', mode: 'public-restricted'}],
	};
	const open: FindingOption = {
		id: INBOUND_OPTION.public,
		label: 'Public endpoint, unrestricted',
		consequence:
			'Anyone on the internet can reach the app; request triggers are still protected only by their signed URLs.',
		effects: [{type: 'inbound', mode: 'public'}],
	};
	const base = {
		kind: 'endpoint' as const,
		severity: 'warning' as const,
		subject: iseSubject(inv.ise.name),
		title: 'Inbound access to the workflows',
	};
	if (access === 'Internal') {
		return makeFinding({
			...base,
			certainty: 'C',
			detail:
				`${base.subject.name} has an Internal access endpoint: its workflows could only be called from inside its virtual network. ` +
				'The Standard equivalent is a private endpoint with public access disabled.',
			options: [privateEndpoint, restricted],
			recommended: INBOUND_OPTION.privateEndpoint,
		});
	}
	if (access === 'External') {
		return makeFinding({
			...base,
			certainty: 'C',
			detail:
				`${base.subject.name} has an External access endpoint: its workflows can be called from the internet. ` +
				'The Standard equivalent is the public endpoint, best limited to known callers with access restrictions.',
			options: [restricted, open, privateEndpoint],
			recommended: INBOUND_OPTION.publicRestricted,
		});
	}
	return makeFinding({
		...base,
		certainty: 'U',
		detail:
			(iseInferred(inv.ise)
				? 'The source holds no ISE resource, so nothing says whether its workflows could be called from the internet or only from inside a network. '
				: `The source does not say whether ${base.subject.name} had an Internal or External access endpoint. `) +
			'Pick the access that matches who calls the workflows today.',
		options: [restricted, privateEndpoint, open],
		recommended: INBOUND_OPTION.publicRestricted,
	});
}

function webhookBlocker(inv: Inventory, uses: WebhookUse[]): Finding {
	const workflows = [...new Set(uses.map((u) => u.workflow))];
	const services = [...new Set(uses.map((u) => serviceName(u.api)))];
	const ops = uses.map((u) => `${u.workflow}/${u.operation}`);
	const eventGrid = uses.some((u) => u.api === 'azureeventgrid');
	return makeFinding({
		kind: 'endpoint',
		aspect: 'webhooks',
		severity: 'blocker',
		certainty: 'C',
		subject: iseSubject(inv.ise.name),
		title: 'Webhook triggers need public inbound access',
		detail:
			`${nameList(workflows)} ${workflows.length === 1 ? 'waits' : 'wait'} for callbacks from ${nameList(services)} ` +
			`(${nameList(ops, 4)}). ${services.length === 1 ? 'This service calls' : 'These services call'} from outside your network, so behind a private endpoint ` +
			`the callbacks never arrive and the ${workflows.length === 1 ? 'workflow silently stops' : 'workflows silently stop'} starting.`,
		workflows,
		options: [
			{
				id: WEBHOOK_OPTION.convert,
				label: 'Stay private and replace the webhooks',
				consequence:
					'Inbound stays private; before cut-over you change these triggers to polling triggers or relay the events ' +
					'through a service the app can reach privately (for example a Service Bus queue).',
				// One task per workflow: a workflow left out of the migration takes its task with it.
				effects: workflows.map((workflow) => ({
					type: 'acknowledge' as const,
					workflow,
					todo: `Replace the webhook triggers or callbacks in ${nameList(uses.filter((u) => u.workflow === workflow).map((u) => `${u.workflow}/${u.operation}`), 20)} with polling or a private relay.`,
				})),
			},
			{
				id: WEBHOOK_OPTION.publicRestricted,
				label: 'Allow public inbound from the services only',
				consequence:
					'The app keeps a public endpoint restricted to the AzureConnectors service tag' +
					(eventGrid ? ' (and AzureEventGrid for Event Grid deliveries, our inference)' : '') +
					'; this overrides a private-endpoint-only choice for the whole app.',
				effects: [{type: 'inbound', mode: 'public-restricted'}],
			},
			excludeOption(
				workflows,
				(it) => `${it} ${it === 'it' ? 'stops' : 'stop'} running when the ISE is retired unless you move ${it === 'it' ? 'it' : 'them'} another way.`,
			),
		],
		recommended: WEBHOOK_OPTION.convert,
	});
}

export function endpointFindings(inv: Inventory, ops: OperationIndex = resolveOperations(inv)): Finding[] {
	const uses = inv.workflows.flatMap((wf) => webhookUses(wf, ops));
	const webhookWorkflows = [...new Set(uses.map((u) => u.workflow))];
	const findings = [endpointChoice(inv, webhookWorkflows)];
	if (inv.ise.accessEndpoint === 'Internal' && uses.length > 0) findings.push(webhookBlocker(inv, uses));
	return findings;
}
