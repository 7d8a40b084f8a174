// The live-Azure screens of steps 1 and 2 (sign-in, subscriptions, ISEs, reading the inventory), chosen by the
// phase of the Azure sub-flow in the wizard state. Presentational: the flow state in, events out.
import type {AppServices} from '../app-services.js';
import type {AuthChoice} from '../azure/credentials.js';
import type {AzureFlowEvent, AzureFlowState} from '../wizard/azure-flow.js';
import {AzureIsesScreen} from './azure-ises.js';
import {AzureLoadScreen} from './azure-load.js';
import {AzureMethodScreen, AzureSignInScreen} from './azure-signin.js';
import {AzureSubscriptionsScreen} from './azure-subscriptions.js';

export interface AzureViewProps {
	flow: AzureFlowState;
	azure: NonNullable<AppServices['azure']>;
	onFlow: (event: AzureFlowEvent) => void;
	onContinue: () => void;
	onNoIse: (choice: 'path' | 'demo') => void;
	onQuit: () => void;
}

export function AzureView({flow, azure: az, onFlow, onContinue, onNoIse, onQuit}: AzureViewProps) {
	const message = flow.message ?? (az.warnings.length > 0 ? {kind: 'error' as const, text: az.warnings.join(' ')} : undefined);
	const signedIn = flow.signedIn;
	const back = () => onFlow({type: 'back'});
	const tenantText = (tenantId: string | undefined): string | undefined => {
		if (!tenantId) return undefined;
		const name =
			flow.listing?.tenants.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase())?.displayName ??
			(signedIn?.tenantId?.toLowerCase() === tenantId.toLowerCase() ? signedIn.tenantName : undefined);
		return name ? `${name} (${tenantId})` : tenantId;
	};
	switch (flow.phase) {
		case 'method': {
			const {availability, auto} = az.methods();
			return (
				<AzureMethodScreen
					methods={availability}
					auto={auto}
					labels={az.labels}
					current={flow.choice}
					message={message}
					onChoose={(choice: AuthChoice) => onFlow({type: 'choose-method', choice})}
					onBack={back}
					onQuit={onQuit}
				/>
			);
		}
		case 'signing-in':
			return (
				<AzureSignInScreen
					choice={flow.choice ?? 'auto'}
					trying={flow.trying}
					labels={az.labels}
					prompt={flow.prompt}
					error={flow.error}
					message={message}
					onRetry={() => onFlow({type: 'retry'})}
					onBack={back}
				/>
			);
		case 'subscriptions': {
			const listing = flow.listing;
			const who = signedIn
				? [
						`Signed in with ${az.labels[signedIn.method]}${signedIn.account ? ` as ${signedIn.account}` : ''}${signedIn.tenantId ? ` · home tenant ${signedIn.tenantName ? `${signedIn.tenantName} (${signedIn.tenantId})` : signedIn.tenantId}` : ''}`,
						...signedIn.skipped.map((s) => `${az.labels[s.method]} was skipped: ${s.reason}`),
					].join('\n')
				: '';
			return (
				<AzureSubscriptionsScreen
					signedIn={who}
					subscriptions={listing ? az.filterSubscriptions(listing.subscriptions, flow.query) : []}
					total={listing?.subscriptions.length ?? 0}
					needsSignIn={listing?.needsSignIn ?? []}
					failures={listing?.failures ?? []}
					query={flow.query}
					loading={!listing && !flow.error ? 'Listing the subscriptions of every tenant you can see…' : undefined}
					tenantSignIn={flow.tenant ? {tenant: flow.tenant, ...(flow.prompt ? {prompt: flow.prompt} : {})} : undefined}
					error={flow.error}
					message={message}
					selectedId={flow.subscription?.subscriptionId}
					onType={(text) => onFlow({type: 'type', text})}
					onErase={() => onFlow({type: 'erase'})}
					onChoose={(subscription) => onFlow({type: 'choose-subscription', subscription})}
					onSignInTenant={(tenant) => onFlow({type: 'sign-in-tenant', tenant})}
					onRetry={() => onFlow({type: 'retry'})}
					onBack={back}
				/>
			);
		}
		case 'ises': {
			const sub = flow.subscription;
			const name = sub?.displayName ?? '';
			const tenant = tenantText(sub?.tenantId || undefined);
			return (
				<AzureIsesScreen
					subscriptionLabel={`${name}${sub && name !== sub.subscriptionId ? ` (${sub.subscriptionId})` : ''}${tenant ? ` · tenant ${tenant}` : ''}`}
					ises={flow.ises}
					loading={!flow.ises && !flow.error ? (flow.target ? `Looking for the saved ISE in ${name}…` : `Looking for integration service environments in ${name}…`) : undefined}
					emptyHelp={az.noIseHelp(name)}
					error={flow.error}
					message={message}
					onChoose={(ise) => onFlow({type: 'choose-ise', ise})}
					onNoIse={(choice) => (choice === 'subscriptions' ? back() : onNoIse(choice))}
					onRetry={() => onFlow({type: 'retry'})}
					onBack={back}
					onQuit={onQuit}
				/>
			);
		}
		case 'loading':
		case 'failures': {
			const ise = flow.ise;
			const tenant = tenantText(ise?.tenantId);
			return (
				<AzureLoadScreen
					iseName={ise?.name ?? ''}
					where={`${ise?.resourceGroup ?? ''} · subscription ${ise?.subscriptionName ?? ise?.subscriptionId ?? ''}${tenant ? ` · tenant ${tenant}` : ''}`}
					progress={flow.progress}
					retrying={flow.retrying}
					failures={flow.phase === 'failures' ? flow.load?.failures : undefined}
					error={flow.error}
					message={message}
					onRetry={() => onFlow({type: 'retry'})}
					onContinue={onContinue}
					onBack={back}
					onQuit={onQuit}
				/>
			);
		}
		default:
			return null;
	}
}
