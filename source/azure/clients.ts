// The only place SDK clients are constructed: endpoint, token scope, trusted CAs and retry policy all
// come from the AzureConfig, so a sovereign cloud, a proxy or the test fakes change nothing else.
import {LogicManagementClient} from '@azure/arm-logic';
import {SubscriptionClient} from '@azure/arm-resources-subscriptions';
import type {TokenCredential} from '@azure/identity';
import type {AzureConfig} from './config.js';
import {transportOptions} from './transport.js';

const USER_AGENT = 'ise-migrate';

function pipelineOptions(config: AzureConfig) {
	return {...transportOptions(config), userAgentOptions: {userAgentPrefix: USER_AGENT}};
}

export function createLogicClient(config: AzureConfig, credential: TokenCredential, subscriptionId: string): LogicManagementClient {
	return new LogicManagementClient(credential, subscriptionId, {
		...pipelineOptions(config),
		endpoint: config.armEndpoint,
		// Without explicit scopes the SDK derives them from the endpoint, which is wrong for a proxy or fake.
		credentialScopes: [config.scope],
	});
}

export function createSubscriptionClient(config: AzureConfig, credential: TokenCredential): SubscriptionClient {
	return new SubscriptionClient(credential, {
		...pipelineOptions(config),
		endpoint: config.armEndpoint,
		credentials: {scopes: [config.scope]},
	});
}
