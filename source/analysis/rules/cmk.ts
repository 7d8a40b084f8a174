// Customer-managed key: the ISE encrypted its data with a Key Vault key. Standard has no such property; its run state
// lives in the app's storage account, so the nearest equivalent is Storage encryption with the same key. That
// equivalence is our inference (domain.md §6), hence certainty U and the wording in the detail.
import {KEY_OPTION, type Finding, type Inventory} from '../../model/index.js';
import {iseSubject, makeFinding} from '../finding.js';

function vaultName(keyVaultId: string): string {
	const m = /\/vaults\/([^/]+)/i.exec(keyVaultId);
	return m?.[1] ?? keyVaultId;
}

function identityText(inv: Inventory): string {
	const id = inv.ise.identity;
	if (!id || id.type === 'None') return 'no managed identity recorded on the ISE';
	if (id.userAssignedIdentities && id.userAssignedIdentities.length > 0) {
		const names = id.userAssignedIdentities.map((i) => i.split('/').pop() ?? i);
		return `identity ${id.type} (${names.join(', ')})`;
	}
	return `identity ${id.type}`;
}

export function cmkFindings(inv: Inventory): Finding[] {
	const key = inv.ise.encryption;
	if (!key) return [];
	const subject = iseSubject(inv.ise.name);
	const name = subject.name;
	const vault = vaultName(key.keyVaultId);
	const version = key.keyVersion ? `version ${key.keyVersion}` : 'latest version';
	return [
		makeFinding({
			kind: 'cmk',
			severity: 'warning',
			certainty: 'U',
			subject,
			title: 'Customer-managed encryption key',
			detail:
				`${name} encrypts its data with key ${key.keyName} (${version}) in Key Vault ${vault}, with ${identityText(inv)} (ISE region: ${inv.ise.location || 'unknown'}). ` +
				'Standard has no such setting; by our inference the equivalent is encrypting the app’s storage account, where run state lives, with the same key. ' +
				'That account must be created with the key: it cannot be added later for queues and tables.',
			options: [
				{
					id: KEY_OPTION.storageCmk,
					label: `Encrypt the app's storage with ${key.keyName} from ${vault}`,
					consequence:
						'The storage account is created with a user-assigned identity that is granted Key Vault Crypto Service Encryption User on the vault, ' +
						'and uses the key for blobs, files, queues and tables, with double encryption like the ISE. ' +
						'The vault needs soft delete and purge protection; if the key is disabled or deleted, the workflows stop.',
					effects: [{type: 'storage-cmk', enabled: true, key}],
				},
				{
					id: KEY_OPTION.microsoftManaged,
					label: 'Use Microsoft-managed keys',
					consequence:
						'Storage is still encrypted at rest, but with keys Microsoft holds: you can no longer revoke access by disabling your key, ' +
						'which may breach a policy that required the ISE to use your own key. It cannot be switched to your key later for queues and tables.',
					effects: [{type: 'storage-cmk', enabled: false}],
				},
			],
			recommended: KEY_OPTION.storageCmk,
		}),
	];
}
