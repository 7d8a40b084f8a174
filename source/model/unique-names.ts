// Workflow names must be unique in one Standard app (they become folder names, on disks that may ignore
// case), but an ISE can host two workflows of the same name in different resource groups, and template
// folders often hold copies. Every source's inventory passes through here before analysis, so the rest of
// the pipeline can key workflows by name.
import type {Inventory} from './index.js';

export function uniqueWorkflowNames(inv: Inventory): Inventory {
	const taken = new Set<string>();
	const issues = [...(inv.issues ?? [])];
	let changed = false;
	const workflows = inv.workflows.map((w) => {
		const key = w.name.toLowerCase();
		if (!taken.has(key)) {
			taken.add(key);
			return w;
		}
		let candidate = `${w.name}-${w.resourceGroup}`.replace(/[^\w-]+/g, '-');
		for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${w.name}-${w.resourceGroup}-${i}`.replace(/[^\w-]+/g, '-');
		taken.add(candidate.toLowerCase());
		changed = true;
		issues.push({
			where: w.origin ?? w.id,
			message: `Another workflow is also named '${w.name}'; this one (resource group ${w.resourceGroup}) becomes '${candidate}' in the Standard app, where names must be unique. Rename it if you prefer another name.`,
		});
		return {...w, name: candidate};
	});
	return changed ? {...inv, workflows, issues} : inv;
}
