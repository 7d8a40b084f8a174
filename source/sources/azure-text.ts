// The parts of the live-Azure source that are only words: the subscription filter and the no-ISE help. Kept
// apart from azure.ts so the wizard can use them without loading the Azure SDK.
/** A subscription the signed-in identity can see, in whichever tenant. */
export interface SubscriptionInfo {
	subscriptionId: string;
	displayName: string;
	tenantId: string;
	tenantName?: string;
	state?: string;
}

/** Type-to-filter: every word must appear in the name, id or tenant (case-insensitive). */
export function filterSubscriptions(subscriptions: SubscriptionInfo[], query: string): SubscriptionInfo[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (!words.length) return subscriptions;
	return subscriptions.filter(s => {
		const hay = `${s.displayName} ${s.subscriptionId} ${s.tenantName ?? ''} ${s.tenantId}`.toLowerCase();
		return words.every(w => hay.includes(w));
	});
}

/** What to tell the admin when a subscription holds no ISE: why that is likely, and the offline ways in. */
export function noIseHelp(subscriptionLabel: string): string[] {
	return [
		`No integration service environment (ISE) was found in ${subscriptionLabel}.`,
		'ISEs were retired on 31 August 2024 (none could be created after 1 November 2022), so Azure may already have removed this one.',
		'If the ISE still exists in another subscription, choose that subscription instead.',
		'If you have its ARM templates (an exported resource group or source control): ise-migrate --from <folder>',
		'If someone captured a snapshot earlier: ise-migrate --from <snapshot.json>',
	];
}
