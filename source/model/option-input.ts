// Values an option can take (FindingOption.input): one validator per kind, shared by the wizard's prompt, the
// decisions file of `generate` and plan(), so a value that one accepts every other accepts too.
import type {OptionInput, OptionInputKind} from './finding.js';

export type OptionValueCheck = {ok: true; value: string} | {ok: false; message: string};

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// Resource group names: letters, digits, `-`, `_`, `.`, `(`, `)`, up to 90, not ending in a dot (ARM's rule).
const RESOURCE_GROUP = '[\\w\\-.()]{0,89}[\\w\\-()]';
// An App Service Environment name is a host label: letters, digits and hyphens.
const ASE_NAME = '[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?';
const ASE_ID = new RegExp(`^/subscriptions/(${GUID})/resourceGroups/(${RESOURCE_GROUP})/providers/Microsoft\\.Web/hostingEnvironments/(${ASE_NAME})$`, 'i');

export const ASE_ID_EXAMPLE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Web/hostingEnvironments/ase-integration';

/** The parts of a valid App Service Environment resource id. */
export function parseAseId(text: string): {subscriptionId: string; resourceGroup: string; name: string} | undefined {
	const m = ASE_ID.exec(text.trim().replace(/\/+$/, ''));
	return m ? {subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]!} : undefined;
}

export const REGION_EXAMPLE = 'westeurope';

/**
 * An Azure region's programmatic name (`westeurope`, `usgovvirginia`), also from its display name (`West Europe`):
 * lower-case letters and digits, starting with a letter. Well-formed names we do not know are accepted (new regions
 * appear); a value with anything else in it is refused.
 */
export function normalizeRegion(text: string): string | undefined {
	const value = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
	return /^[a-z][a-z0-9]{2,39}$/.test(value) ? value : undefined;
}

const CHECKS: Record<OptionInputKind, (text: string) => OptionValueCheck> = {
	'azure-region': (text) => {
		if (!text.trim()) return {ok: false, message: `Type the Azure region the app goes to (its name, e.g. ${REGION_EXAMPLE}: az account list-locations -o table lists them).`};
		const value = normalizeRegion(text);
		if (value) return {ok: true, value};
		return {ok: false, message: `'${text.trim()}' is not an Azure region name: letters and digits only, e.g. ${REGION_EXAMPLE} or eastus2 (az account list-locations -o table lists them).`};
	},
	'ase-resource-id': (text) => {
		const value = text.trim().replace(/\/+$/, '');
		if (!value) return {ok: false, message: 'Type the App Service Environment\'s resource id (portal: the ASE → Properties → Resource ID).'};
		if (parseAseId(value)) return {ok: true, value};
		const type = /\/providers\/([^/]+\/[^/]+)\//i.exec(`${value}/`)?.[1];
		const what =
			type && type.toLowerCase() !== 'microsoft.web/hostingenvironments'
				? `that is a ${type} id, not an App Service Environment's`
				: 'expected /subscriptions/<subscription guid>/resourceGroups/<group>/providers/Microsoft.Web/hostingEnvironments/<name>';
		return {ok: false, message: `Not an App Service Environment resource id: ${what}. Example: ${ASE_ID_EXAMPLE}`};
	},
};

/** Validates (and normalises) the value typed or given for an option's input. */
export function checkOptionValue(input: OptionInput, text: string): OptionValueCheck {
	return CHECKS[input.kind](text);
}
