// Deterministic synthetic estates: the bundled sample ISE's workflows repeated under new names until the
// estate has the wanted size. The same inventory becomes a snapshot file (for `generate --from` and the
// wizard) and raw ARM resources (for the fake ARM), so every measurement reads the same estate.
import {createHash} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Inventory, Workflow} from '../source/model/index.js';
import {contosoInventory} from '../source/sources/demo/contoso.js';
import {serializeSnapshot} from '../source/sources/snapshot.js';
import type {ArmResource} from '../test/fakes/azure/types.js';

/** The sample's workflows repeated until there are `count`, each renamed `<name>-<round>` (ids follow). */
export function syntheticEstate(count: number): Inventory {
	const base = contosoInventory();
	const workflows: Workflow[] = [];
	for (let round = 0; workflows.length < count; round++) {
		for (const w of base.workflows) {
			if (workflows.length >= count) break;
			const name = `${w.name}-${round}`;
			workflows.push({...structuredClone(w), name, id: w.id.replace(/[^/]+$/, name)});
		}
	}
	return {...base, source: {kind: 'snapshot', label: `synthetic estate of ${count} workflows`}, workflows};
}

export interface EstateFile {
	count: number;
	file: string;
	bytes: number;
	/** sha256 of the snapshot text, so results name exactly what was measured. */
	sha256: string;
	text: string;
}

export function writeEstateSnapshot(count: number, dir: string): EstateFile {
	const text = serializeSnapshot(syntheticEstate(count));
	const file = path.join(dir, `estate-${count}.snapshot.json`);
	writeFileSync(file, text);
	return {count, file, bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex'), text};
}

/**
 * The same estate as the raw ARM resources the REST API returns (properties not flattened): the ISE, its
 * connectors, every workflow (definition, parameters and `$connections` values) and the integration accounts.
 */
export function armResources(inv: Inventory): ArmResource[] {
	const ise = inv.ise;
	const resources: ArmResource[] = [
		{
			id: ise.id,
			name: ise.name,
			type: 'Microsoft.Logic/integrationServiceEnvironments',
			location: ise.location,
			sku: {name: ise.sku.name, capacity: ise.sku.capacity},
			properties: {
				provisioningState: ise.provisioningState ?? 'Succeeded',
				state: ise.state ?? 'Enabled',
				endpointsConfiguration: {
					workflow: {outgoingIpAddresses: ise.outboundIps.workflow.map((address) => ({address}))},
					connector: {outgoingIpAddresses: ise.outboundIps.connector.map((address) => ({address}))},
				},
				networkConfiguration: {
					virtualNetworkAddressSpace: ise.virtualNetworkAddressSpace,
					accessEndpoint: {type: ise.accessEndpoint},
					subnets: ise.subnets.map((s) => ({id: s.id, name: s.name, type: 'Microsoft.Network/virtualNetworks/subnets'})),
				},
			},
		},
		...inv.managedApis.map((api) => ({
			id: `${ise.id}/managedApis/${api.name}`,
			name: api.name,
			type: 'Microsoft.Logic/integrationServiceEnvironments/managedApis',
			location: ise.location,
			properties: {
				name: api.name,
				connectionParameters: Object.fromEntries((api.connectionParameterNames ?? []).map((p) => [p, {type: 'string'}])),
				generalInformation: {displayName: api.displayName ?? api.name},
				...(api.category ? {category: api.category} : {}),
				integrationServiceEnvironment: {id: ise.id},
			},
		})),
		...inv.workflows.map((w) => ({
			id: w.id,
			name: w.name,
			type: 'Microsoft.Logic/workflows',
			location: w.location ?? ise.location,
			properties: {
				provisioningState: 'Succeeded',
				state: w.state ?? 'Enabled',
				definition: w.definition,
				parameters: {
					...Object.fromEntries(Object.entries(w.parameters).map(([k, p]) => [k, {type: p.type ?? 'String', ...('value' in p ? {value: p.value} : {})}])),
					...(w.connections.length
						? {$connections: {value: Object.fromEntries(w.connections.map((c) => [c.key, {id: c.apiId, connectionId: c.connectionId, connectionName: c.connectionName}]))}}
						: {}),
				},
				integrationServiceEnvironment: {id: ise.id, name: ise.name, type: 'Microsoft.Logic/integrationServiceEnvironments'},
				...(w.integrationAccountId ? {integrationAccount: {id: w.integrationAccountId}} : {}),
			},
		})),
	];
	// The API connections the workflows use (Microsoft.Web/connections), read once each by the inventory.
	const connections = new Map(inv.workflows.flatMap((w) => w.connections).map((c) => [c.connectionId.toLowerCase(), c]));
	for (const c of connections.values()) {
		if (!c.connectionId.includes('/providers/Microsoft.Web/connections/')) continue;
		resources.push({
			id: c.connectionId,
			name: c.connectionName,
			type: 'Microsoft.Web/connections',
			location: ise.location,
			properties: {
				api: {id: c.apiId},
				displayName: c.displayName ?? c.connectionName,
				...(c.values ? {nonSecretParameterValues: c.values} : {}),
			},
		});
	}
	for (const ia of inv.integrationAccounts) {
		const child = (kind: string, name: string, properties: Record<string, unknown>): ArmResource => ({id: `${ia.id}/${kind}/${name}`, name, type: `Microsoft.Logic/integrationAccounts/${kind}`, properties});
		resources.push(
			{id: ia.id, name: ia.name, type: 'Microsoft.Logic/integrationAccounts', location: ise.location, sku: {name: ia.sku ?? 'Standard'}, properties: {state: 'Enabled', integrationServiceEnvironment: {id: ise.id}}},
			...ia.maps.map((m) => child('maps', m.name, {mapType: m.type ?? 'Xslt'})),
			...ia.schemas.map((s) => child('schemas', s.name, {schemaType: s.type ?? 'Xml'})),
			...(ia.partners ?? []).map((p) => child('partners', p, {partnerType: 'B2B'})),
			...(ia.agreements ?? []).map((g) => child('agreements', g.name, {agreementType: g.type ?? 'X12'})),
		);
	}
	return resources;
}
