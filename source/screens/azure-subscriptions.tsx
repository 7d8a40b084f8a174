// Step 1, live Azure: every subscription the identity can see, across tenants, narrowed by typing. Tenants that
// need a sign-in of their own are rows too: Enter on one signs in there.
import {Box, Text} from 'ink';
import {Indicator} from 'ink-select-input';
import Spinner from 'ink-spinner';
import type {DeviceCodePrompt} from '../azure/credentials.js';
import type {SubscriptionInfo, TenantFailure, TenantInfo} from '../sources/azure.js';
import {Frame} from '../ui/frame.js';
import {useKeyHandler, useScreenKeys, type KeyBinding} from '../ui/keys.js';
import {useSelectState} from '../ui/select.js';
import {printable, type TextEdit} from '../wizard/text.js';
import {DeviceCode} from './azure-signin.js';

type Message = {kind: 'error' | 'info'; text: string};

export type SubscriptionRow = {kind: 'subscription'; subscription: SubscriptionInfo} | {kind: 'tenant'; tenant: TenantInfo};

export interface AzureSubscriptionsScreenProps {
	/** "Service principal … as app … · tenant Contoso". */
	signedIn: string;
	/** Subscriptions matching the filter. */
	subscriptions: readonly SubscriptionInfo[];
	/** How many there are without the filter. */
	total: number;
	needsSignIn: readonly TenantInfo[];
	failures: readonly TenantFailure[];
	query: string;
	/** Set while the subscriptions are being listed. */
	loading?: string;
	/** A further tenant's sign-in in progress, with its device code once it is known. */
	tenantSignIn?: {tenant: TenantInfo; prompt?: DeviceCodePrompt};
	error?: string;
	message?: Message;
	/** Highlight this subscription at first (the one chosen before). */
	selectedId?: string;
	onType: (text: string) => void;
	onErase: () => void;
	onChoose: (subscription: SubscriptionInfo) => void;
	onSignInTenant: (tenant: TenantInfo) => void;
	onRetry: () => void;
	onBack: () => void;
}

const tenantLabel = (t: TenantInfo) => t.displayName ?? t.defaultDomain ?? t.tenantId;

/** The list under the filter: its own keys (↑↓ PgUp PgDn Enter), never letters, which belong to the filter. */
function RowList({rows, initialIndex, limit, onSelect}: {rows: readonly SubscriptionRow[]; initialIndex: number; limit: number; onSelect: (row: SubscriptionRow) => void}) {
	const state = useSelectState(rows.length, initialIndex, limit);
	useKeyHandler((_input, key) => {
		if (key.upArrow) state.move(state.index - 1);
		else if (key.downArrow) state.move(state.index + 1);
		else if (key.pageDown) state.move(state.index + limit);
		else if (key.pageUp) state.move(state.index - limit);
		else if (key.return) {
			const row = rows[state.index];
			if (row) onSelect(row);
		}
	});
	const visible = rows.slice(state.offset, state.offset + limit);
	return (
		<Box flexDirection="column">
			{state.offset > 0 && <Text dimColor>  ↑ {state.offset} more</Text>}
			{visible.map((row, i) => {
				const highlighted = state.offset + i === state.index;
				return (
					<Box key={row.kind === 'tenant' ? `t-${row.tenant.tenantId}` : row.subscription.subscriptionId}>
						<Indicator isSelected={highlighted} />
						{row.kind === 'subscription' ? (
							<Text color={highlighted ? 'cyan' : undefined}>
								{row.subscription.displayName}
								<Text dimColor>
									{' '}
									{row.subscription.subscriptionId} · {row.subscription.tenantName ?? row.subscription.tenantId}
									{row.subscription.state && row.subscription.state !== 'Enabled' ? ` · ${row.subscription.state}` : ''}
								</Text>
							</Text>
						) : (
							<Text color={highlighted ? 'cyan' : 'yellow'}>
								Sign in to tenant {tenantLabel(row.tenant)}
								<Text dimColor> to list its subscriptions ({row.tenant.tenantId})</Text>
							</Text>
						)}
					</Box>
				);
			})}
			{state.offset + limit < rows.length && <Text dimColor>  ↓ {rows.length - state.offset - limit} more</Text>}
		</Box>
	);
}

export function AzureSubscriptionsScreen(props: AzureSubscriptionsScreenProps) {
	const busy = Boolean(props.loading || props.tenantSignIn);
	const keys: KeyBinding[] = props.error
		? [
				{keys: ['r', 'enter'], hint: 'r', label: 'try again', run: props.onRetry},
				{keys: ['escape'], hint: 'Esc', label: 'sign out', run: props.onBack},
				{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
			]
		: busy
			? [
					{keys: ['escape'], hint: 'Esc', label: 'cancel', run: props.onBack},
					{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
				]
			: [
					{keys: [], hint: 'type', label: 'filter'},
					{keys: ['up', 'down'], hint: '↑↓', label: 'move'},
					{keys: ['enter'], hint: 'Enter', label: 'choose'},
					{keys: ['escape'], hint: 'Esc', label: props.query ? 'clear filter' : 'sign out', run: props.onBack},
					{keys: ['ctrl-c'], hint: 'Ctrl-C', label: 'quit'},
				];
	// The filter takes every printable key while the list is shown (so `q` types a q: Ctrl-C quits here).
	const filtering = !busy && !props.error;
	useScreenKeys(keys, {
		...(filtering
			? {
					text: (edit: TextEdit) => {
						if (edit.kind === 'backspace') props.onErase();
						else if (edit.kind === 'insert' && printable(edit.text)) props.onType(printable(edit.text));
					},
				}
			: {}),
	});

	const rows: SubscriptionRow[] = [
		...props.subscriptions.map((subscription) => ({kind: 'subscription' as const, subscription})),
		...props.needsSignIn.map((tenant) => ({kind: 'tenant' as const, tenant})),
	];
	const initial = Math.max(0, props.subscriptions.findIndex((s) => s.subscriptionId === props.selectedId));

	return (
		<Frame step="start" message={props.message} keys={keys}>
			<Text bold>Choose the subscription that holds the ISE</Text>
			<Text dimColor>{props.signedIn}</Text>
			<Box marginTop={1} flexDirection="column">
				{props.error ? (
					<Text color="red">{props.error}</Text>
				) : props.tenantSignIn ? (
					props.tenantSignIn.prompt ? (
						<DeviceCode prompt={props.tenantSignIn.prompt} tenantLabel={tenantLabel(props.tenantSignIn.tenant)} />
					) : (
						<Text>
							<Text color="cyan">
								<Spinner type="dots" />
							</Text>{' '}
							Signing in to tenant {tenantLabel(props.tenantSignIn.tenant)}…
						</Text>
					)
				) : props.loading ? (
					<Text>
						<Text color="cyan">
							<Spinner type="dots" />
						</Text>{' '}
						{props.loading}
					</Text>
				) : (
					<>
						<Text>
							Filter: <Text color="cyan">{props.query}</Text>
							<Text inverse> </Text>
							{props.query ? null : <Text dimColor>type part of a name, id or tenant</Text>}
							<Text dimColor>
								{'  '}
								{props.query ? `${props.subscriptions.length} of ${props.total}` : `${props.total}`} subscription{props.total === 1 ? '' : 's'}
							</Text>
						</Text>
						<Box marginTop={1} flexDirection="column">
							{props.subscriptions.length === 0 ? (
								<Text dimColor>{props.total === 0 ? 'This identity can see no subscription here.' : `No subscription matches "${props.query}".`}</Text>
							) : null}
							{rows.length === 0 ? null : (
								<RowList
									key={props.query}
									rows={rows}
									initialIndex={props.query ? 0 : initial}
									limit={10}
									onSelect={(row) => (row.kind === 'subscription' ? props.onChoose(row.subscription) : props.onSignInTenant(row.tenant))}
								/>
							)}
						</Box>
						{props.failures.map((f) => (
							<Text key={f.tenantId} color="red">
								{f.message}
							</Text>
						))}
					</>
				)}
			</Box>
		</Frame>
	);
}
