// When each migrated workflow starts. A deployed Standard workflow starts at once, beside its ISE original, so a
// polling trigger would process the same queue, folder or table twice (../shared/infra-ase-gateway.md §2). Every
// workflow is therefore deployed disabled (`Workflows.<name>.FlowState` = `Disabled`) and enabled in cut-over once
// its original has stopped, unless the admin chooses otherwise: one finding per workflow, all in one group.
import {FLOW_STATE_OPTION, type Finding, type FindingGroupSpec, type Inventory, type Workflow} from '../../model/index.js';
import {makeFinding, type FindingTexts} from '../finding.js';
import {SWITCH_RISK, triggerOf, type TriggerKind} from '../triggers.js';

const GROUP: FindingGroupSpec = {
	key: 'workflow:flow-state',
	title: 'When the migrated workflows start',
	detail:
		'A deployed Standard workflow starts at once, while its ISE original still runs: both would poll the same queues, folders and tables. ' +
		'Deployed disabled, each waits until cut-over enables it after its original is disabled.',
	options: [
		{
			id: FLOW_STATE_OPTION.disabled,
			label: 'Deploy them disabled; enable each in cut-over',
			consequence: 'cutover.md enables them in a safe order after disabling their ISE originals, with the commands and a rollback.',
		},
		{
			id: FLOW_STATE_OPTION.enabled,
			label: 'Deploy them enabled (they start at once)',
			consequence: 'Every trigger runs from the first deployment, beside the ISE originals, until you disable those.',
		},
	],
	recommended: FLOW_STATE_OPTION.disabled,
};

function flowStateFinding(wf: Workflow): Finding {
	const trigger = triggerOf(wf.definition);
	return makeFinding({
		kind: 'workflow',
		aspect: 'flow-state',
		group: GROUP,
		severity: 'info',
		certainty: 'C',
		subject: {type: 'workflow', key: wf.name, name: wf.name},
		title: `When ${wf.name} starts in the Standard app`,
		workflows: [wf.name],
		options: [
			{id: FLOW_STATE_OPTION.disabled, label: 'Deploy it disabled; enable it in cut-over', effects: [{type: 'workflow', workflow: wf.name, flowState: 'Disabled'}]},
			{id: FLOW_STATE_OPTION.enabled, label: 'Deploy it enabled (it starts at once)', effects: [{type: 'workflow', workflow: wf.name, flowState: 'Enabled'}]},
		],
		texts: flowStateTexts(wf.name, trigger.starts, trigger.kind),
		recommended: FLOW_STATE_OPTION.disabled,
	});
}

/** Made when read (one finding per workflow: see DeferredFindingInput). */
function flowStateTexts(name: string, starts: string, kind: TriggerKind): () => FindingTexts {
	return () => {
		const risk = SWITCH_RISK[kind];
		const enabledMeans = risk.startsByItself
			? `it runs from the first deployment, beside its ISE original, which keeps running until you disable it. ${risk.onSwitch}`
			: 'nothing starts it by itself, so deploying it enabled is harmless until someone calls it.';
		return {
			detail:
				`${name} starts ${starts}. Deployed enabled, ${enabledMeans} ` +
				`Deployed disabled (app setting Workflows.<name>.FlowState = Disabled), it does nothing until cut-over enables it, after its ISE original is disabled.`,
			consequences: {
				[FLOW_STATE_OPTION.disabled]:
					'The template and local.settings.json set its FlowState to Disabled; cutover.md disables the ISE original first, then enables this one, with a rollback. ' +
					'Every later app-settings deployment must carry the FlowState setting: one without it enables the workflow.',
				[FLOW_STATE_OPTION.enabled]: risk.startsByItself
					? `It runs from the first deployment, beside the ISE original, until you disable that one: ${risk.onSwitch}`
					: 'It answers calls from the first deployment; nothing starts it by itself.',
			},
		};
	};
}

export function flowStateFindings(inv: Inventory): Finding[] {
	return inv.workflows.map(flowStateFinding);
}
