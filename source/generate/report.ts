// migration/report.md and report.json: what the admin takes to a change board. Blockers and required actions first;
// then every workflow (what converted, how it is deployed, what its trigger does on the switch, what is left to do);
// then every finding explained — why it matters, the option in force and its consequence, who decided it, the
// admin's note, certainty — and the questions that did not arise, with why. report.json carries the same for
// tooling. Pure.
import {SWITCH_RISK, type TriggerKind} from '../analysis/triggers.js';
import {REVIEW_AREAS, iseInferred, type StreamedContent} from '../model/index.js';
import type {Plan} from './plan-types.js';
import {AREA_TITLE, SEVERITY_LABEL, certaintyLabel, decidedByText, type DecidedFinding} from './decided.js';
import type {DocumentInput, WorkflowOutcome} from './document-input.js';
import {decisionFacts, type FollowUp} from './follow-ups.js';
import {flowStateFolder} from './app-settings.js';
import {bySignIn, usableConnections} from './infra.js';
import {allowRule, firewallChanges, reachable} from './reach.js';
import {MadeOnWrite, streamedLines, type LineSink} from './utf8-text.js';
import {groupBy, groupPairs} from '../model/text.js';

export type {DocumentInput as ReportInput, WorkflowOutcome} from './document-input.js';

/** Table cells and single lines: pipes escaped, line breaks flattened. */
function md(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const TRIGGER_LABEL: Record<TriggerKind, string> = {
	request: 'HTTP request',
	webhook: 'webhook',
	recurrence: 'schedule',
	queue: 'queue messages',
	stream: 'event stream',
	watermark: 'new or changed items',
	polling: 'polling',
	placeholder: 'left out (placeholder)',
	none: 'none',
};

interface WorkflowFacts {
	outcome: WorkflowOutcome;
	/** Operations the conversion changed (each has a note). */
	changed: number;
	leftToDo: string[];
}

function workflowFacts(input: DocumentInput, tasks: readonly FollowUp[]): WorkflowFacts[] {
	// Indexed once: an estate of thousands of workflows must not scan every task for each of them.
	const tasksOf = groupPairs(tasks.flatMap((t) => t.workflows.map((w) => [w, t.text] as const)));
	const paramsOf = groupBy(input.parametersToFill ?? [], (p) => p.workflow);
	return input.workflows.map((outcome) => {
		const params = [...new Set([...(paramsOf.get(outcome.name) ?? []), ...(outcome.folder !== outcome.name ? (paramsOf.get(outcome.folder) ?? []) : [])])];
		const leftToDo = outcome.included
			? [
					...(tasksOf.get(outcome.name) ?? []),
					...(outcome.trigger?.kind === 'placeholder' ? [`Rebuild its trigger: it ${outcome.trigger.starts.replace(/^never by itself: /, '')}.`] : []),
					...params.map((p) => `Fill in the app parameter ${p.name}: ${p.why}`),
				]
			: [];
		return {outcome, changed: new Set(outcome.notes.map((n) => n.operation)).size, leftToDo};
	});
}

/** The actions the migration requires, blockers first: what the cut-over list works through. */
function requiredActions(input: DocumentInput, decided: readonly DecidedFinding[], tasks: readonly FollowUp[]): {text: string; findingId?: string; severity?: string}[] {
	const actions: {text: string; findingId?: string; severity?: string}[] = [];
	for (const d of decided.filter((x) => x.unresolved)) actions.push({text: `Decide the blocker "${d.finding.title}" (${d.finding.id}).`, findingId: d.finding.id, severity: 'blocker'});
	for (const t of tasks) actions.push({text: t.text, findingId: t.findingId, severity: t.severity});
	const toFill = input.parametersToFill?.length ?? 0;
	if (toFill > 0) actions.push({text: `Fill in the ${toFill} empty app parameter${toFill === 1 ? '' : 's'} (Parameters to fill in).`});
	const settings = input.appSettings.filter((s) => flowStateFolder(s.name) === undefined).length;
	if (settings > 0) actions.push({text: `Fill the ${settings} app setting${settings === 1 ? '' : 's'} (App settings).`});
	const connections = bySignIn(usableConnections(input.managedConnections ?? [])).consent.length;
	if (connections > 0) actions.push({text: `Authorise the ${connections} managed API connection${connections === 1 ? '' : 's'} after deployment.`});
	const model = input.reach;
	if (model) {
		const gateway = reachable(model).filter((d) => d.path === 'gateway').length;
		const firewalls = reachable(model).filter(firewallChanges).length;
		if (gateway > 0) actions.push({text: `Set up the on-premises data gateway for ${gateway} connection${gateway === 1 ? '' : 's'} (networking.md).`});
		const unreachable = reachable(model).filter((d) => d.path === 'service-tag' && d.network === 'private');
		for (const d of unreachable) {
			actions.push({text: `${d.connection}${d.systems ? ` (${d.systems})` : ''}: ${allowRule(d, model).text} (networking.md).`});
		}
		if (firewalls > 0) actions.push({text: `Change the firewalls or routes of ${firewalls} system${firewalls === 1 ? '' : 's'} the new app reaches from other addresses than the ISE did (networking.md, "How each system is reached after migration").`});
	}
	const disabled = input.workflows.filter((w) => w.included && w.flowState === 'Disabled').length;
	if (disabled > 0) actions.push({text: `Switch the ${disabled} workflow${disabled === 1 ? '' : 's'} deployed disabled on, each after its ISE original is disabled (cutover.md).`});
	return actions;
}

function decidedJson(d: DecidedFinding) {
	const f = d.finding;
	return {
		id: f.id,
		kind: f.kind,
		area: f.area,
		severity: f.severity,
		certainty: f.certainty,
		title: f.title,
		explanation: f.detail,
		workflows: f.workflows ?? [],
		status: d.closed ? 'closed' : d.unresolved ? 'unresolved' : d.state.status,
		...(d.closed ? {closedBecause: d.closed} : {}),
		option: d.option?.id,
		optionLabel: d.option?.label,
		consequence: d.option?.consequence,
		decidedBy: d.by,
		...(f.group ? {group: {key: f.group.key, title: f.group.title}} : {}),
		...(d.note ? {note: d.note} : {}),
		...(d.value ? {value: d.value} : {}),
		followUps: d.followUps,
	};
}

export function reportJson(input: DocumentInput) {
	const {plan} = input;
	const {decided, tasks} = decisionFacts(input);
	const by = (b: DecidedFinding['by']) => decided.filter((d) => !d.closed && d.by === b).length;
	const inferred = iseInferred(plan.inventory.ise);
	return {
		generatedBy: `ise-migrate ${input.toolVersion}`,
		...(input.generatedAt ? {generatedAt: input.generatedAt} : {}),
		source: {...plan.inventory.source, iseResource: !inferred, ...(inferred ? {noIseBecause: inferred} : {})},
		ise: {
			name: plan.inventory.ise.name,
			id: plan.inventory.ise.id,
			location: plan.inventory.ise.location || undefined,
			...(inferred ? {} : {sku: plan.inventory.ise.sku, accessEndpoint: plan.inventory.ise.accessEndpoint}),
		},
		plan: {
			appName: plan.appName,
			location: plan.location || undefined,
			hosting: plan.hosting,
			inbound: plan.inbound,
			outbound: plan.outbound,
			subnets: plan.subnets,
			storageCmk: {enabled: plan.storageCmk.enabled, keyName: plan.storageCmk.key?.keyName},
			connectors: plan.connectors,
			connectorOverrides: plan.connectorOverrides,
			integrationAccount: plan.integrationAccount,
		},
		summary: {
			findings: decided.length,
			blockers: decided.filter((d) => d.finding.severity === 'blocker').length,
			unresolved: decided.filter((d) => d.unresolved).length,
			closed: decided.filter((d) => d.closed).length,
			decidedBy: {admin: by('admin'), accepted: by('accepted'), group: by('group'), 'recommended-by-headless': by('recommended-by-headless'), default: by('default')},
		},
		requiredActions: requiredActions(input, decided, tasks),
		// Made as the file is written, one at a time: together with their prose they were the largest part of the run's peak.
		findings: new MadeOnWrite(decided, decidedJson),
		unresolved: decided.filter((d) => d.unresolved).map((d) => d.finding.id),
		workflows: workflowFacts(input, tasks).map(({outcome: w, changed, leftToDo}) => ({
			name: w.name,
			id: w.id,
			folder: w.folder,
			included: w.included,
			kind: w.kind,
			...(w.included ? {flowState: w.flowState} : {}),
			...(w.trigger
				? {trigger: {name: w.trigger.name, kind: w.trigger.kind, starts: w.trigger.starts, onSwitch: SWITCH_RISK[w.trigger.kind].onSwitch, certainty: SWITCH_RISK[w.trigger.kind].certainty}}
				: {}),
			steps: {builtin: w.counts.builtin, managed: w.counts.managed, excluded: w.counts.excluded, changed},
			calls: w.calls,
			identitySteps: w.identitySteps,
			userAssignedIdentitySteps: w.userAssigned,
			leftToDo,
			notes: w.notes,
		})),
		parametersToFill: input.parametersToFill ?? [],
		// Where calls come from after migration: what every allow-list instruction of networking.md and cutover.md names.
		...(input.reach ? {paths: {region: input.reach.region || undefined, connectorTag: input.reach.connectorTag, egress: input.reach.egress}} : {}),
		reach: (input.reach?.destinations ?? []).map((d) => ({
			connection: d.connection,
			via: d.via,
			api: d.api,
			systems: d.systems,
			workflows: d.workflows,
			path: d.path,
			network: d.network,
			decided: d.decided,
			...(d.gatewayId ? {gatewayId: d.gatewayId} : {}),
		})),
		appSettings: input.appSettings.map((s) => ({name: s.name, description: s.description, secret: s.secret, ...(s.value !== undefined ? {value: s.value} : {})})),
		skippedInputs: input.skippedInputs ?? [],
	};
}

function findingBlock(d: DecidedFinding, L: LineSink): void {
	const f = d.finding;
	L.push(`#### ${SEVERITY_LABEL[f.severity]}: ${md(f.title)}`, '');
	L.push(`\`${f.id}\` · ${certaintyLabel(f.certainty)}${f.workflows && f.workflows.length > 0 ? ` · ${f.workflows.map((w) => `\`${w}\``).join(', ')}` : ''}`, '');
	L.push(`- **Why it matters.** ${md(f.detail)}`);
	L.push(`- **In force:** ${d.option ? `${md(d.option.label)}${d.value ? ` (\`${d.value}\`)` : ''}. ${md(d.option.consequence)}` : 'no option'}`);
	L.push(`- **Decided by:** ${decidedByText(d)}`);
	if (d.note) L.push(`- **Admin's note:** ${md(d.note)}`);
	L.push(`- **Follow-up:** ${d.followUps.length > 0 ? d.followUps.map(md).join(' ') : 'none'}`);
	L.push('');
}

/** The source and the ISE, honestly: a source without an ISE resource says so instead of showing made-up facts. */
function sourceSection(input: DocumentInput, L: LineSink): void {
	const {plan} = input;
	const ise = plan.inventory.ise;
	const inferred = iseInferred(ise);
	if (inferred) {
		L.push('## The source', '');
		L.push(
			`${plan.inventory.source.label} holds no ISE resource (${inferred}). What an ISE would say — its SKU and scale, access endpoint, network, outbound addresses and encryption key — is unknown: ` +
				'the hosting, inbound access and networking below come from decisions and defaults, not from an ISE. ' +
				`The name ${ise.name} stands in for it.`,
			'',
		);
		L.push(`- Region: ${ise.location || 'not in the source'}${plan.location && plan.location !== ise.location ? `; the app goes to ${plan.location}, as given` : ''}`);
	} else {
		L.push('## The ISE', '');
		L.push(`- SKU: ${ise.sku.name}, capacity ${ise.sku.capacity} extra scale unit(s)`);
		L.push(`- Access endpoint: ${ise.accessEndpoint}`);
		L.push(`- Region: ${ise.location || `not in the source${plan.location ? `; the app goes to ${plan.location}, as given` : ''}`}; resource group: ${ise.resourceGroup}`);
		L.push(`- Customer-managed key: ${ise.encryption ? ise.encryption.keyName : 'none recorded'}`);
	}
	L.push(`- Workflows: ${plan.inventory.workflows.length}; ISE connectors: ${plan.inventory.managedApis.length}; integration accounts: ${plan.inventory.integrationAccounts.length}`);
	L.push('');
}

function planSection(plan: Plan, L: LineSink): void {
	L.push('## The plan', '');
	L.push(`- Hosting: ${hostingText(plan)}`);
	L.push(`- Region: ${plan.location || 'not given: the template deploys to the region of its resource group'}`);
	L.push(`- Inbound: ${plan.inbound}`);
	L.push(
		plan.hosting.kind === 'ase'
			? `- Outbound: from the App Service Environment's subnet${plan.outbound.natGateway ? ' with a NAT gateway for a static IP' : " (the ASE's default outbound addresses)"}`
			: `- Outbound: VNet integration (/${plan.subnets.integrationPrefixLength})${plan.outbound.natGateway ? ' with a NAT gateway for a static IP' : ''}`,
	);
	L.push(`- Storage encryption: ${plan.storageCmk.enabled ? `customer-managed key ${plan.storageCmk.key?.keyName ?? ''} [U]` : 'Microsoft-managed keys'}`);
	L.push(`- Integration account: ${plan.integrationAccount}`);
	const overrides = Object.entries(plan.connectorOverrides).flatMap(([wf, apis]) => Object.entries(apis).map(([api, target]) => `${api} in ${wf} → ${target}`));
	if (overrides.length > 0) L.push(`- Connector choices for single workflows: ${overrides.sort().join('; ')}`);
	L.push('');
}

function workflowSections(facts: readonly WorkflowFacts[], L: LineSink): void {
	L.push('## Workflows', '');
	L.push(
		'Steps: built-in (run inside the app), managed (still a managed API connection), left out (replaced by a placeholder), changed (rewritten by the conversion: see the notes). ' +
			'"Deployed" is the FlowState the template sets.',
		'',
	);
	L.push('| workflow | folder | deployed | trigger | built-in | managed | left out | changed | left to do |', '|---|---|---|---|---|---|---|---|---|');
	for (const {outcome: w, changed, leftToDo} of facts) {
		if (!w.included) {
			L.push(`| ${md(w.name)} | — | left out of the migration | | | | | | stays in the ISE; it stops when the ISE is deleted |`);
			continue;
		}
		const trigger = w.trigger ? TRIGGER_LABEL[w.trigger.kind] : '';
		L.push(
			`| ${md(w.name)} | ${w.folder} | ${w.flowState === 'Enabled' ? '**enabled**' : 'disabled'} | ${trigger} | ${w.counts.builtin} | ${w.counts.managed} | ${w.counts.excluded} | ${changed} | ${leftToDo.length === 0 ? 'nothing' : `${leftToDo.length} task${leftToDo.length === 1 ? '' : 's'}`} |`,
		);
	}
	L.push('');
	const switching = facts.filter((x) => x.outcome.included && x.outcome.trigger);
	if (switching.length > 0) {
		L.push('### What each trigger does when it is switched', '');
		L.push(
			'A migrated trigger does not share the ISE trigger\'s state (the "watermark" of what it has seen): this is what happens to items when the ISE original is switched off and the new workflow on. ' +
				'cutover.md does it in this order, one workflow at a time.',
			'',
		);
		L.push('| workflow | starts | on the switch | certainty |', '|---|---|---|---|');
		for (const {outcome: w} of switching) {
			const risk = SWITCH_RISK[w.trigger!.kind];
			L.push(`| ${md(w.name)} | ${md(w.trigger!.starts)} | ${md(risk.onSwitch)} | [${risk.certainty}] |`);
		}
		L.push('');
	}
	const detailed = facts.filter((x) => x.outcome.included && (x.leftToDo.length > 0 || x.outcome.notes.length > 0));
	if (detailed.length > 0) {
		L.push('### Per workflow: what changed and what is left to do', '');
		for (const {outcome: w, leftToDo} of detailed) {
			L.push(`#### ${w.name}`, '');
			if (w.calls.length > 0) L.push(`Calls ${w.calls.map((c) => `\`${c}\``).join(', ')} by name in the new app.`, '');
			if (leftToDo.length > 0) {
				L.push('Left to do:', '');
				for (const t of leftToDo) L.push(`- ${md(t)}`);
				L.push('');
			}
			if (w.notes.length > 0) {
				L.push('Conversion notes:', '');
				for (const n of w.notes) L.push(`- \`${n.operation}\`: ${n.message} (${certaintyLabel(n.certainty)})`);
				L.push('');
			}
		}
	}
}

export function reportMarkdown(input: DocumentInput): StreamedContent {
	return streamedLines((L) => {
		const {plan} = input;
		const {decided, tasks} = decisionFacts(input);
		const open = decided.filter((d) => !d.closed);
		const count = (pred: (d: DecidedFinding) => boolean) => open.filter(pred).length;
		L.push(`# Migration report: ${plan.iseName} → ${plan.appName}`, '');
		L.push(`Generated by ise-migrate ${input.toolVersion} from ${plan.inventory.source.label}${input.generatedAt ? `, as of ${input.generatedAt}` : ''}.`, '');
		L.push(
			`${decided.length} findings: ${count((d) => d.finding.severity === 'blocker')} blocker(s) (${count((d) => d.unresolved)} unresolved), ` +
				`${count((d) => d.finding.severity === 'warning')} warning(s), ${count((d) => d.finding.severity === 'info')} info; ` +
				`${decided.length - open.length} did not arise. Decided by the admin: ${count((d) => d.by === 'admin')}; by accepting recommendations: ${count((d) => d.by === 'accepted')}; ` +
				`for a whole group: ${count((d) => d.by === 'group')}; taken by headless generate without review: ${count((d) => d.by === 'recommended-by-headless')}; ` +
				`not decided (the recommendation is in force): ${count((d) => d.by === 'default')}.`,
			'',
			'Tags: [C] confirmed in a primary source, [S] secondary source, [U] our inference, not Microsoft guidance: verify it before cut-over. Sizing is a starting point to load-test. ' +
				'networking.md says how each system is reached; cutover.md orders every step below, with the commands.',
			'',
		);

		const blockers = decided.filter((d) => d.finding.severity === 'blocker' && !d.closed).sort((a, b) => Number(b.unresolved) - Number(a.unresolved));
		L.push('## Blockers', '');
		if (blockers.length === 0) L.push('None.', '');
		for (const d of blockers) findingBlock(d, L);

		L.push('## Required actions', '');
		requiredActions(input, decided, tasks).forEach((a, i) => L.push(`${i + 1}. ${md(a.text)}`));
		L.push('');

		workflowSections(workflowFacts(input, tasks), L);
		sourceSection(input, L);
		const skipped = input.skippedInputs ?? [];
		if (skipped.length > 0) {
			L.push('## Input files not read', '');
			L.push(`${skipped.length} file${skipped.length === 1 ? ' was' : 's were'} found in the source and not used. If one of them holds workflows that should move, fix it and run again.`, '');
			L.push('| file | why |', '|---|---|');
			for (const f of skipped) L.push(`| ${md(f.file)} | ${md(f.reason)} |`);
			L.push('');
		}
		planSection(plan, L);

		L.push('## Decisions', '');
		L.push('Every finding that asked a question, by review area: why it matters, the option in force and what it does, who decided it, the admin\'s note and what it leaves to do.', '');
		for (const area of REVIEW_AREAS) {
			const inArea = open.filter((d) => d.finding.area === area && d.finding.severity !== 'blocker');
			if (inArea.length === 0) continue;
			L.push(`### ${AREA_TITLE[area]}`, '');
			for (const d of inArea) findingBlock(d, L);
		}
		const closed = decided.filter((d) => d.closed);
		if (closed.length > 0) {
			L.push('## Questions that did not arise', '');
			L.push('These findings ask nothing under the choices in force; each says why. Their options have no effect.', '');
			for (const d of closed) L.push(`- ${md(d.finding.title)} (\`${d.finding.id}\`): ${md(d.closed!)}`);
			L.push('');
		}

		const toFill = input.parametersToFill ?? [];
		if (toFill.length > 0) {
			L.push('## Parameters to fill in', '');
			L.push('These app parameters are empty in parameters.json: the source did not say their value. Fill each in before deploying.', '');
			for (const f of toFill) L.push(`- \`${f.name}\` (${md(f.workflow)}): ${md(f.why)}`);
			L.push('');
		}
		if (input.appSettings.length > 0) {
			L.push('## App settings', '');
			L.push(
				'Set these in local.settings.json to run locally and as app settings in Azure (the template takes them from `appSettingValues`; secrets as Key Vault references). ' +
					'The `Workflows.<workflow>.FlowState` settings come from the template\'s `workflowStates` parameter.',
				'',
			);
			for (const s of input.appSettings) L.push(`- \`${s.name}\`${s.secret ? ' (secret)' : s.value !== undefined ? ` = \`${s.value}\`` : ''}: ${s.description}`);
			L.push('');
		}
	});
}

/** The hosting in a line: the family, the plan size and count, and for an ASE which one. */
function hostingText(plan: Plan): string {
	const h = plan.hosting;
	if (h.kind === 'ws') return `Workflow Standard ${h.plan}, ${h.instances} instance(s), ${h.apps} app(s)`;
	const which = h.ase.source === 'new' ? `new \`${h.ase.name}\`` : h.ase.id ? `existing \`${h.ase.id}\`` : 'existing (resource id still to give)';
	return `App Service Environment v3 (${which}, ${h.ase.internal ? 'internal load balancer' : 'external'}), Isolated v2 ${h.plan}, ${h.instances} instance(s), 1 app`;
}
