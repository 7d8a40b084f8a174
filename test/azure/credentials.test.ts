// A workflow read from Azure carries the credentials written into its steps (ARM returns them): the inventory keeps
// none of them (a snapshot of it goes to disk), and the places still become app settings in the project.
import {afterEach, expect, test} from 'vitest';
import {analyze} from '../../source/analysis/index.js';
import {generate, plan} from '../../source/generate/index.js';
import {listIses, loadInventory} from '../../source/sources/azure.js';
import {parseSnapshot, serializeSnapshot} from '../../source/sources/snapshot.js';
import {SECRET_MARKER, SUB_PROD, T_CONTOSO, sampleEstate} from '../fakes/azure/estate.js';
import {harness, type Harness} from './helpers.js';
import {fileText} from '../../source/model/fileset.js';

let h: Harness | undefined;
afterEach(async () => {
	await h?.close();
	h = undefined;
});

test('credentials in live workflow definitions are never kept, and still become app settings', async () => {
	const estate = sampleEstate();
	const resources = estate.resources.map((r) => {
		if (r.name !== 'sftp-drop') return r;
		const properties = structuredClone(r['properties']) as {definition: Record<string, any>; parameters: Record<string, any>};
		properties.definition.parameters.partnerKey = {type: 'String'};
		properties.parameters.partnerKey = {type: 'String', value: SECRET_MARKER};
		properties.definition.actions.Notify = {
			type: 'Http',
			runAfter: {},
			inputs: {
				method: 'POST',
				uri: `https://partner.example/hook?code=${SECRET_MARKER}`,
				headers: {'x-api-key': "@parameters('partnerKey')"},
				authentication: {type: 'Basic', username: 'svc', password: SECRET_MARKER},
			},
		};
		return {...r, properties};
	});
	h = await harness({resources});
	const session = await h.session();
	const ise = (await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO, displayName: 'Contoso Production'})).find((i) => i.name === 'contoso-ise')!;
	const {inventory} = await loadInventory(session, ise);
	expect(serializeSnapshot(inventory)).not.toContain(SECRET_MARKER);
	const wf = inventory.workflows.find((w) => w.name === 'sftp-drop')!;
	expect((wf.definition['actions'] as any).Notify.inputs.authentication.password).toBe('REDACTED-BY-ISE-MIGRATE');

	const findings = analyze(inventory);
	expect(findings.find((f) => f.id === 'workflow:sftp-drop:credentials')?.detail).toMatch(/Notify: authentication \(Basic\) password/);
	const files = generate(plan(inventory, findings, {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
	const out = JSON.parse(fileText(files.get('sftp-drop/workflow.json'))).definition.actions.Notify.inputs;
	expect(out.authentication.password).toBe("@appsetting('sftp_drop_Notify_password')");
	expect(out.uri).toBe("https://partner.example/hook?code=@{appsetting('sftp_drop_Notify_code')}");
	expect(JSON.parse(files.get('parameters.json')!).partnerKey.value).toBe("@appsetting('sftp_drop_partnerKey')");
	for (const [, text] of files) expect(fileText(text)).not.toContain('REDACTED-BY-ISE-MIGRATE');
});

test('defaults of parameters declared secure never reach the snapshot; other defaults stay', async () => {
	const estate = sampleEstate();
	const resources = estate.resources.map((r) => {
		if (r.name !== 'sftp-drop') return r;
		const properties = structuredClone(r['properties']) as {definition: Record<string, any>};
		Object.assign(properties.definition.parameters, {
			adminPassword: {type: 'SecureString', defaultValue: `p@ss-${SECRET_MARKER}`},
			partnerAccount: {type: 'secureobject', defaultValue: {user: 'svc', note: `object-${SECRET_MARKER}`}},
			region: {type: 'String', defaultValue: 'westeurope'},
		});
		return {...r, properties};
	});
	h = await harness({resources});
	const session = await h.session();
	const ise = (await listIses(session, {subscriptionId: SUB_PROD, tenantId: T_CONTOSO, displayName: 'Contoso Production'})).find((i) => i.name === 'contoso-ise')!;
	const {inventory} = await loadInventory(session, ise);
	const snapshot = serializeSnapshot(inventory);
	expect(snapshot).not.toContain(SECRET_MARKER);
	expect(parseSnapshot(snapshot).workflows).toHaveLength(inventory.workflows.length);
	const declared = inventory.workflows.find((w) => w.name === 'sftp-drop')!.definition['parameters'] as Record<string, any>;
	expect(declared.adminPassword).toEqual({type: 'SecureString', defaultValue: 'REDACTED-BY-ISE-MIGRATE'});
	expect(declared.partnerAccount).toEqual({type: 'secureobject', defaultValue: 'REDACTED-BY-ISE-MIGRATE'});
	expect(declared.region).toEqual({type: 'String', defaultValue: 'westeurope'});
	// The project is as before: secure parameters read app settings, and the marker is written nowhere.
	const files = generate(plan(inventory, analyze(inventory), {}), {generatedAt: '2026-01-01T00:00:00.000Z', toolVersion: 'test'});
	expect(JSON.parse(files.get('parameters.json')!).adminPassword.value).toMatch(/^@appsetting\('/);
	for (const [, text] of files) expect(fileText(text)).not.toContain('REDACTED-BY-ISE-MIGRATE');
});
