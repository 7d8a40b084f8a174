// migration/cutover.md: the ordered cut-over, from the open blockers to the ISE originals switched off, with the
// commands to run and a way back. Every workflow is deployed disabled (FlowState) unless decided otherwise; the
// switch enables the ones that only answer calls first, then each one that starts by itself only after its ISE
// original is disabled and its runs have ended, so no item is processed by both. Firewall and route steps come from
// the one reach model (allowRule), so they say what networking.md says. Pure.
import {SWITCH_RISK, type TriggerKind} from '../analysis/triggers.js';
import {PLACEHOLDER_RESOURCE_GROUP, PLACEHOLDER_SUBSCRIPTION, isUserAssignedIdentityId, type ManagedIdentitySignIn, type StreamedContent} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {PLATFORM_SETTING, flowStateFolder, settingName} from './app-settings.js';
import type {DocumentInput, WorkflowOutcome} from './document-input.js';
import {decisionFacts, type FollowUp} from './follow-ups.js';
import {usableConnections, WORKFLOW_STATES} from './infra.js';
import {API_VERSIONS} from './infra/arm.js';
import {aseZone} from './infra/ase.js';
import {bySignIn, infraShape, vaultName} from './infra/shape.js';
import {byAllowRule, firewallChanges, gatewayParameter, reachable, type Destination, type ReachModel} from './reach.js';
import {streamedLines} from './utf8-text.js';
import {groupPairs} from '../model/text.js';

/** api-version of the REST calls on the ISE workflows (Logic Apps, Consumption) [C]; App Service (Standard) calls use the template's. */
const LOGIC_API = '2016-06-01';
const ARM = 'https://management.azure.com';

export interface CutoverStep {
	text: string;
	/** Lines shown under the step: commands, what to check. */
	detail?: string[];
}

export interface CutoverSection {
	title: string;
	intro?: string;
	steps: CutoverStep[];
	/** Per-workflow blocks (the switch), each a small titled list. */
	blocks?: {title: string; intro?: string; steps: CutoverStep[]}[];
}

const code = (s: string) => `\`${s}\``;
/**
 * An ISE workflow's id as a URL path (an id made unique with `#<file>` by an offline source loses the suffix). Where
 * the files did not say the subscription or resource group, the stand-ins become shell variables the admin sets.
 */
function iseId(w: WorkflowOutcome): string {
	return w.id
		.replace(/#.*$/, '')
		.replace(`/subscriptions/${PLACEHOLDER_SUBSCRIPTION}`, '/subscriptions/$ISE_SUB')
		.replace(new RegExp(`/resourceGroups/${PLACEHOLDER_RESOURCE_GROUP}(?=/|$)`), '/resourceGroups/$ISE_RG');
}
const iseUrl = (w: WorkflowOutcome, rest: string) => `${ARM}${iseId(w)}${rest}`;
const enableCommand = (folder: string, state: 'Enabled' | 'Disabled') =>
	`az logicapp config appsettings set --resource-group "$RG" --name "$APP" --settings "${settingName.flowState(folder)}=${state}"`;
const iseCommand = (w: WorkflowOutcome, verb: 'disable' | 'enable') => `az rest --method post --url "${iseUrl(w, `/${verb}?api-version=${LOGIC_API}`)}"`;
const runsCommand = (w: WorkflowOutcome) => `az rest --method get --url "${iseUrl(w, `/runs?api-version=${LOGIC_API}&\\$filter=status%20eq%20'Running'`)}" --query "length(value)"`;
const newUrlCommand = (w: WorkflowOutcome, trigger: string) =>
	`az rest --method post --url "${ARM}/subscriptions/$SUB/resourceGroups/$RG/providers/Microsoft.Web/sites/$APP/hostruntime/runtime/webhooks/workflow/api/management/workflows/${w.folder}/triggers/${trigger}/listCallbackUrl?api-version=${API_VERSIONS.web}" --query value -o tsv`;
const oldUrlCommand = (w: WorkflowOutcome, trigger: string) => `az rest --method post --url "${iseUrl(w, `/triggers/${trigger}/listCallbackUrl?api-version=${LOGIC_API}`)}" --query value -o tsv`;
const keepState = (folder: string, state: 'Enabled' | 'Disabled') =>
	`Set ${code(`"${folder}": "${state}"`)} in ${code(WORKFLOW_STATES)} of infra/azuredeploy.parameters.json, so a redeploy keeps it ${state === 'Enabled' ? 'running' : 'stopped'}.`;

/** A destination as a step names it; one whose steps take two paths says which workflows' steps this one is about. */
function destinationName(d: Destination, split: ReadonlySet<string> = new Set()): string {
	const which = d.path === 'app' ? (d.via === 'call' ? 'its calls' : 'its built-in steps') : 'its managed steps';
	const about = [d.systems, split.has(d.connection) ? `${which} in ${d.workflows.join(', ')}` : ''].filter(Boolean).join('; ');
	return `${d.connection}${about ? ` (${about})` : ''}`;
}

/** Blockers nobody decided and the follow-ups of decided ones: nothing else is safe before them. */
function blockerSection(input: DocumentInput, tasks: FollowUp[]): CutoverSection {
	const steps: CutoverStep[] = [];
	for (const d of decisionFacts(input).decided.filter((x) => x.unresolved)) {
		steps.push({text: `Decide "${d.finding.title}" (${code(d.finding.id)}) in the wizard or a decisions file, then generate again (the report explains it under Blockers).`});
	}
	for (const t of tasks.filter((x) => x.severity === 'blocker')) steps.push({text: t.text});
	return {
		title: 'Blockers first',
		intro: steps.length === 0 ? 'No blocker is open and no blocker left a task behind.' : 'Nothing below is safe until these are done.',
		steps,
	};
}

/** The cut-over steps that build the hosting and its network, per hosting family. */
function hostingSteps(plan: Plan): CutoverStep[] {
	const h = plan.hosting;
	const nat = 'the firewall changes it brings are under "Open the paths to every system" below.';
	const steps: CutoverStep[] = [];
	if (h.kind === 'ws') {
		steps.push(
			{text: `Create the Workflow Standard plan (${h.plan}) and the logic app ${plan.appName}.`},
			{text: `Create the integration subnet (/${plan.subnets.integrationPrefixLength}, delegated to Microsoft.Web/serverFarms) and enable VNet integration with Route All.`},
		);
		if (plan.inbound === 'private-endpoint') steps.push({text: `Create the private endpoint (/${plan.subnets.privateEndpointPrefixLength} subnet) and the privatelink DNS zones; disable public network access.`});
		if (plan.outbound.natGateway) steps.push({text: `Attach a NAT gateway with a static public IP; ${nat}`});
	} else {
		steps.push(
			h.ase.source === 'new'
				? {
						text:
							`Create the App Service Environment v3 ${h.ase.name} (about an hour) in its own /${h.ase.subnetPrefixLength} subnet delegated to Microsoft.Web/hostingEnvironments, with the NSG rules of networking.md` +
							(h.ase.internal ? ` and the private DNS zone ${aseZone(h.ase.name)}.` : '.'),
					}
				: {text: `Confirm the existing App Service Environment v3${h.ase.id ? ` ${h.ase.id}` : ' (set its resource id in the template parameters)'} reaches what the ISE reached and has room for ${h.instances} more instance(s).`},
			{text: `Create the Isolated v2 plan (${h.plan} × ${h.instances}) in the ASE, the logic app ${plan.appName} in it, and autoscale rules for the plan (it does not scale out by itself).`},
		);
		if (plan.outbound.natGateway) steps.push({text: `${h.ase.source === 'new' ? 'Attach' : 'Attach (yourself, on the existing ASE subnet)'} a NAT gateway with a static public IP to the ASE subnet; ${nat}`});
	}
	// The template sets up the customer-managed key whenever the plan names one (infra/shape.ts).
	const key = infraShape(plan).cmk ? plan.storageCmk.key : undefined;
	if (key) {
		steps.push({
			text:
				`The template encrypts the runtime storage with the customer-managed key ${code(key.keyName)} of ${code(vaultName(key.keyVaultId))}: check first that the vault has soft delete and purge protection (infra/README.md), ` +
				"and after deploying verify that the storage account's Encryption blade shows that key.",
		});
	} else if (plan.storageCmk.enabled) {
		steps.push({text: 'Configure the runtime storage account with the customer-managed key before first deployment: the source names no key, so the template does not. [U]'});
	}
	return steps;
}

/** Firewall, route and gateway work, one step per instruction of the reach model. */
function pathSteps(model: ReachModel | undefined): CutoverStep[] {
	if (!model) return [];
	const steps: CutoverStep[] = [];
	const moving = reachable(model);
	const seen = new Map<string, number>();
	for (const d of moving) seen.set(d.connection, (seen.get(d.connection) ?? 0) + 1);
	const split = new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
	const name = (d: Destination) => destinationName(d, split);
	const gateways = moving.filter((d) => d.path === 'gateway');
	if (gateways.length > 0) {
		steps.push({
			text:
				`On-premises data gateway for ${gateways.map(name).join('; ')}: install it on a computer that reaches ${gateways.length === 1 ? 'that system' : 'those systems'}, ` +
				`register the Microsoft.Web/connectionGateways resource (gateway admin), set ${gateways.map((d) => gatewayParameter(d.connection)).join(', ')} in infra/azuredeploy.parameters.json, and after deployment enter each connection's credentials and check it shows Connected. ` +
				'Their firewalls need no opening: the gateway connects outbound.',
		});
	}
	// Destinations whose firewall must change, grouped by the one instruction each gets.
	for (const [rule, list] of byAllowRule(moving.filter(firewallChanges), model)) steps.push({text: `${list.map(name).join('; ')}: ${rule}.`});
	return steps;
}

function settingsSteps(input: DocumentInput): CutoverStep[] {
	const {plan} = input;
	const steps: CutoverStep[] = [];
	const toFill = input.parametersToFill?.length ?? 0;
	if (toFill > 0) steps.push({text: `Fill in the ${toFill} empty app parameter${toFill === 1 ? '' : 's'} of parameters.json listed in the report (Parameters to fill in).`});
	const settings = input.appSettings.filter((s) => flowStateFolder(s.name) === undefined);
	const secrets = settings.filter((s) => s.secret).length;
	if (settings.length > 0) {
		steps.push({
			text:
				`Fill the ${settings.length} app setting${settings.length === 1 ? '' : 's'} listed in the report (App settings)${secrets > 0 ? `, the ${secrets} secret one${secrets === 1 ? '' : 's'} as Key Vault references` : ''}: ` +
				'in `appSettingValues` of infra/azuredeploy.parameters.json before deploying, or on the app afterwards. Nothing was copied from the ISE.',
		});
	}
	if (plan.integrationAccount === 'account') {
		steps.push({
			text:
				"Create a non-ISE integration account (the ISE's goes away with the ISE), import its partners, agreements, maps and schemas, and link it: its callback URL goes into the app setting " +
				`${code(PLATFORM_SETTING.integrationAccountCallbackUrl)} (a Key Vault reference; it carries a signature).`,
			detail: [`${code(`az rest --method post --url "${ARM}/subscriptions/$SUB/resourceGroups/<its resource group>/providers/Microsoft.Logic/integrationAccounts/<its name>/listCallbackUrl?api-version=2019-05-01" --query value -o tsv`)}`],
		});
	}
	if (plan.integrationAccount === 'artifacts') steps.push({text: 'Export maps and schemas from the integration account into Artifacts/ (Artifacts/README.md lists them).'});
	const connections = usableConnections(input.managedConnections ?? []);
	const {consent, keyless} = bySignIn(connections);
	if (consent.length > 0) {
		steps.push({
			text:
				`After deployment, authorise each managed API connection the template creates: sign in, or enter its credentials (nothing was copied from the ISE), until it shows Connected: ` +
				`${consent.map((c) => `${c.name} (${c.api}${c.gateway ? ', through the data gateway' : ''})`).join(', ')}. The template gives the app's identity an access policy on each.`,
		});
	}
	if (keyless.length > 0) {
		steps.push({
			text:
				`These managed API connections sign in with a managed identity, as in the ISE, and need no authorising: ` +
				`${keyless.map((c) => `${c.name} (${c.api}, ${signsInAs(c.managedIdentity!)})`).join(', ')}. ` +
				'Before cut-over, give that identity the access on each target the ISE connection had (the roles of the ISE workflow\'s identity or of the user-assigned one), and check each shows Connected.',
		});
	}
	const identity = input.workflows.filter((w) => w.included && w.identitySteps.length > 0);
	steps.push({
		text:
			"The app has a new system-assigned identity; each ISE workflow had its own. Grant the app's identity every role the ISE workflows' identities held (Key Vault, storage, Service Bus, APIs called with managed identity)" +
			(identity.length > 0 ? `; these steps sign in with it: ${identity.map((w) => `${w.folder} (${w.identitySteps.join(', ')})`).join('; ')}.` : '.'),
		detail: [
			`${code('PRINCIPAL=$(az webapp identity show --resource-group "$RG" --name "$APP" --query principalId -o tsv)')}`,
			`For each ISE workflow: ${code('az role assignment list --all --assignee "$(az resource show --ids <ISE workflow id> --query identity.principalId -o tsv)" -o table')}, then ${code('az role assignment create --assignee "$PRINCIPAL" --role "<role>" --scope "<scope>"')} for each row.`,
		],
	});
	const named = input.workflows.filter((w) => w.included).flatMap((w) => w.userAssigned.map((u) => ({...u, folder: w.folder})));
	// The ones the template attaches, worked out once where the template is made: steps' and connections' identities.
	const ids = input.userAssignedIdentities ?? [];
	if (named.length > 0 || ids.length > 0) {
		const literal = named.filter((u) => isUserAssignedIdentityId(u.identity));
		const byExpression = named.filter((u) => !isUserAssignedIdentityId(u.identity));
		const viaConnection = keyless.filter((c) => c.managedIdentity?.identity);
		const who = literal.length > 0 && viaConnection.length > 0 ? 'Steps and connections' : literal.length > 0 ? 'Steps' : 'Connections';
		const users = [...literal.map((u) => `${u.folder} › ${u.step}`), ...viaConnection.map((c) => `connection ${c.name}`)];
		steps.push({
			text:
				(ids.length > 0
					? `${who} that sign in with a user-assigned identity keep it, with the roles it holds: the template gives the app ${ids.map((id) => code(id.split('/').pop()!)).join(', ')} beside its own (${users.join(', ')}). Whoever deploys needs Managed Identity Operator on ${ids.length === 1 ? 'it' : 'each'}.`
					: '') +
				(byExpression.length > 0
					? `${ids.length > 0 ? ' ' : ''}These steps name their identity by an expression, so the template cannot attach it: add the identity it gives to the app by hand (${byExpression.map((u) => `${u.folder} › ${u.step}: ${u.identity.slice(0, 100)}`).join('; ')}).`
					: ''),
			detail: ids.length > 0 ? [`After deployment, check that the app carries ${ids.length === 1 ? 'it' : 'them'}: ${code('az webapp identity show --resource-group "$RG" --name "$APP" --query "keys(userAssignedIdentities)"')}`] : [],
		});
	}
	return steps;
}

function deploySteps(input: DocumentInput, tasks: FollowUp[]): CutoverStep[] {
	const included = input.workflows.filter((w) => w.included);
	const enabled = included.filter((w) => w.flowState === 'Enabled');
	const steps: CutoverStep[] = [
		{
			text:
				`Deploy infra/azuredeploy.json as infra/README.md says, once its parameters file holds the values above (gateway ids, app setting values). Its ${code(WORKFLOW_STATES)} parameter deploys ` +
				`${enabled.length === 0 ? `all ${included.length} workflows` : `${included.length - enabled.length} of the ${included.length} workflows`} **Disabled**` +
				(enabled.length > 0 ? `; ${enabled.map((w) => w.folder).join(', ')} Enabled, as decided (they run beside their ISE originals from the first deployment)` : '') +
				'.',
		},
		{
			text: `Deploy the project (zip deploy or the VS Code extension) to ${input.plan.appName}, and check that ${enabled.length === 0 ? 'every workflow is' : `every workflow but ${enabled.map((w) => w.folder).join(', ')} is`} disabled:`,
			detail: [`${code(`az logicapp config appsettings list --resource-group "$RG" --name "$APP" --query "[?ends_with(name, '.FlowState')].{workflow: name, state: value}" -o table`)} lists ${included.length} setting${included.length === 1 ? '' : 's'}.`],
		},
		{
			text:
				'Test before the switch: a disabled workflow starts no run, and an enabled one here would run beside its ISE original. Deploy the same project to a test app (another resource group, its ' +
				`${code(WORKFLOW_STATES)} Enabled, its connections pointing at test systems) and run each workflow with test data; compare the outputs with the ISE runs.`,
		},
	];
	for (const t of tasks.filter((x) => x.severity !== 'blocker')) steps.push({text: t.text});
	return steps;
}

/** Request triggers, and workflows without a trigger of their own: they only run when called. */
const answersCalls = (kind: TriggerKind | undefined) => !kind || !SWITCH_RISK[kind].startsByItself;

/** The workflows of the new app that call each workflow by name. */
function callersOf(input: DocumentInput): Map<string, string[]> {
	return groupPairs(input.workflows.filter((w) => w.included).flatMap((w) => w.calls.map((callee) => [callee, w.folder] as const)));
}

function calledBlock(callers: ReadonlyMap<string, string[]>, w: WorkflowOutcome): {title: string; intro?: string; steps: CutoverStep[]} {
	const trigger = w.trigger;
	const by = callers.get(w.folder) ?? [];
	const steps: CutoverStep[] = [];
	if (trigger?.kind === 'placeholder') steps.push({text: `Rebuild its trigger first: it ${trigger.starts.replace(/^never by itself: /, '')}.`});
	steps.push(
		w.flowState === 'Enabled'
			? {text: 'It was deployed enabled, as decided: nothing to switch on.'}
			: {text: 'Enable it:', detail: [code(enableCommand(w.folder, 'Enabled')), keepState(w.folder, 'Enabled')]},
	);
	if (trigger?.kind === 'request') {
		steps.push({
			text:
				(by.length > 0 ? `${by.join(', ')} call${by.length === 1 ? 's' : ''} it by name in the new app. ` : '') +
				'Anyone outside that calls the ISE URL must get the new one: look for the old URL in your API gateway, partner configurations and scripts.',
			detail: [`New URL: ${code(newUrlCommand(w, trigger.name))}`, `Old URL: ${code(oldUrlCommand(w, trigger.name))}`],
		});
	}
	return {title: `${w.folder}: ${trigger?.starts ?? 'runs when called'}`, intro: SWITCH_RISK[trigger?.kind ?? 'none'].onSwitch, steps};
}

const PREPARE: Partial<Record<TriggerKind, string>> = {
	watermark: 'Move or delete the items the ISE original has processed (or note the last one), so the new trigger neither repeats nor skips them.',
	stream: 'Check the consumer group and start position of the new trigger: it does not know how far the ISE original read.',
	recurrence: "Enable it just before its next scheduled time (or give its trigger a start time): a schedule may fire as soon as it is enabled, repeating a run the ISE original already made.",
	webhook: "Disabling the ISE original removes its subscription [U]: check in the service that only one subscription is left after enabling.",
};

function startsBlock(w: WorkflowOutcome): {title: string; intro?: string; steps: CutoverStep[]} {
	const trigger = w.trigger!;
	const risk = SWITCH_RISK[trigger.kind];
	const steps: CutoverStep[] = [];
	if (w.flowState === 'Enabled') steps.push({text: 'It was deployed enabled, as decided, and runs beside its ISE original until the next step: do this one first.'});
	steps.push({text: 'Disable the ISE original:', detail: [code(iseCommand(w, 'disable'))]});
	steps.push({text: 'Wait until its last run has ended: this answers 0.', detail: [code(runsCommand(w))]});
	const prepare = PREPARE[trigger.kind];
	if (prepare) steps.push({text: prepare});
	if (w.flowState !== 'Enabled') steps.push({text: 'Enable the new one:', detail: [code(enableCommand(w.folder, 'Enabled')), keepState(w.folder, 'Enabled')]});
	steps.push({text: "Watch its first runs (portal: the workflow → Run history) before switching the next workflow."});
	return {
		title: `${w.folder}: starts ${trigger.starts}`,
		intro: `${risk.onSwitch} [${risk.certainty}] Way back: ${code(enableCommand(w.folder, 'Disabled'))}, wait for its runs to end, then ${code(iseCommand(w, 'enable'))}.`,
		steps,
	};
}

function switchSections(input: DocumentInput): CutoverSection[] {
	const included = input.workflows.filter((w) => w.included).sort((a, b) => a.folder.localeCompare(b.folder));
	const called = included.filter((w) => answersCalls(w.trigger?.kind));
	const callers = callersOf(input);
	const starting = included.filter((w) => !answersCalls(w.trigger?.kind));
	const sections: CutoverSection[] = [];
	if (called.length > 0) {
		sections.push({
			title: 'Switch on the workflows that only run when called',
			intro: 'Nothing starts them by themselves, so they can run beside their ISE originals: each caller reaches the workflow whose URL or name it calls. Enable them first, so the workflows switched next find them.',
			steps: [],
			blocks: called.map((w) => calledBlock(callers, w)),
		});
	}
	if (starting.length > 0) {
		sections.push({
			title: 'Switch the workflows that start by themselves, one at a time',
			intro: 'For each: disable the ISE original, wait until its runs have ended, then enable the new one. Never the other way round: both would pick up the same items.',
			steps: [],
			blocks: starting.map(startsBlock),
		});
	}
	const requests = called.filter((w) => w.trigger?.kind === 'request');
	if (requests.length > 0) {
		sections.push({
			title: 'Retire the ISE originals that answered calls',
			intro: 'Once every caller uses the new URL and the workflows above are switched (an ISE original may still be called by another ISE workflow until then):',
			steps: requests.map((w) => ({text: `${w.folder}: when its ISE run history stays empty, disable it.`, detail: [code(iseCommand(w, 'disable'))]})),
		});
	}
	return sections;
}

function afterSection(input: DocumentInput): CutoverSection {
	return {
		title: 'After the switch',
		steps: [
			{
				text:
					'Run history stays in the ISE: the new app starts with none, and keeps its own for 90 days by default. Export the ISE runs you must keep before the ISE is deleted ' +
					`(${code(`az rest --method get --url "${ARM}<ISE workflow id>/runs?api-version=${LOGIC_API}"`)}, page by page through nextLink).`,
			},
			{text: 'Keep the ISE workflows disabled, not deleted, until that is done and the new ones have run through a full business cycle.'},
			{
				text:
					`Keep ${code(WORKFLOW_STATES)} in infra/azuredeploy.parameters.json current, and deploy app settings only with that template or \`az logicapp config appsettings set\`: ` +
					'an app-settings deployment replaces the whole set [C], and one without a `Workflows.<workflow>.FlowState` key enables that workflow at once, beside anything still running.',
			},
		],
	};
}

function rollbackSection(): CutoverSection {
	return {
		title: 'Rollback',
		intro:
			'Each switched workflow names its own way back. To go back for all of them, in the reverse order of the switch: disable the new workflow, wait until its runs have ended, enable the ISE original; ' +
			'then give callers the old URLs again. Items the new workflow processed are not known to the ISE trigger: a polling trigger there may take them again (see each workflow\'s note).',
		steps: [],
	};
}

/** The whole cut-over, in order. */
export function cutoverSections(input: DocumentInput): CutoverSection[] {
	const {tasks} = decisionFacts(input);
	return [
		blockerSection(input, tasks),
		{
			title: 'Build the hosting and the network',
			intro: 'infra/azuredeploy.json creates these; it is deployed in section 5, once the values of sections 3 and 4 are in its parameters file. Agree them with the network team first.',
			steps: hostingSteps(input.plan),
		},
		{
			title: 'Open the paths to every system',
			intro: 'One step per instruction of networking.md ("How each system is reached after migration"); connectors and workflows left out of the migration need nothing.',
			steps: pathSteps(input.reach),
		},
		{title: 'Settings, connections and identities', steps: settingsSteps(input)},
		{title: 'Deploy the project and test it: every workflow still disabled', steps: deploySteps(input, tasks)},
		...switchSections(input),
		afterSection(input),
		rollbackSection(),
	];
}

export function cutoverMarkdown(input: DocumentInput): StreamedContent {
	return streamedLines((L) => {
		const {plan} = input;
		L.push(`# Cut-over: ${plan.iseName} → ${plan.appName}`, '');
		const apps = plan.hosting.kind === 'ws' ? plan.hosting.apps : 1;
		L.push(
			'Work from top to bottom; the numbers run through the whole list. Every migrated workflow is deployed **disabled** unless the report says otherwise, ' +
				'and is switched on only once its ISE original has stopped, so no item is processed twice. The commands use these shell variables:',
			'',
			'```sh',
			"RG='<the resource group you deploy infra/azuredeploy.json to>'",
			`APP='${apps === 1 ? plan.appName : `${plan.appName}-1`}'${apps === 1 ? '' : `   # the app each workflow is deployed to: ${plan.appName}-1 … -${apps}`}`,
			'SUB=$(az account show --query id -o tsv)',
			...(input.workflows.some((w) => w.included && iseId(w).includes('$ISE_SUB')) ? ["ISE_SUB='<the subscription the ISE workflows run in: the source does not say>'"] : []),
			...(input.workflows.some((w) => w.included && iseId(w).includes('$ISE_RG')) ? ["ISE_RG='<their resource group: the source does not say>'"] : []),
			'```',
			'',
		);
		let n = 0;
		const step = (s: CutoverStep, indent = '') => {
			n++;
			L.push(`${indent}${n}. [ ] ${s.text}`);
			for (const d of s.detail ?? []) L.push(`${indent}   - ${d}`);
		};
		cutoverSections(input).forEach((section, i) => {
			L.push(`## ${i + 1}. ${section.title}`, '');
			if (section.intro) L.push(section.intro, '');
			for (const s of section.steps) step(s);
			if (section.steps.length > 0) L.push('');
			for (const block of section.blocks ?? []) {
				L.push(`### ${block.title}`, '');
				if (block.intro) L.push(block.intro, '');
				for (const s of block.steps) step(s);
				L.push('');
			}
		});
	}, {collapseBlankRuns: true});
}

/** Who a managed-identity connection signs in as, for the cut-over list. */
function signsInAs(m: ManagedIdentitySignIn): string {
	if (m.identity) return `user-assigned identity ${m.identity.split('/').pop()}`;
	if (m.unresolvedIdentity) return `a user-assigned identity the ISE named by ${m.unresolvedIdentity.slice(0, 80)}: attach it to the app and name it in connections.json by hand`;
	return "the app's identity";
}
