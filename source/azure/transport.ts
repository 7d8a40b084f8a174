// How every SDK pipeline (ARM clients and the identity library's sign-in requests) trusts extra CAs.
// tlsOptions.ca would do it, but Node then builds a TLS context from ~150 root certificates for every
// new connection (~20 ms each); one shared agent with one prebuilt context does the same job once.
// With HTTPS_PROXY set the SDK's proxy agent must win, so there we fall back to plain tlsOptions.
import https from 'node:https';
import {createSecureContext} from 'node:tls';
import type {LogicManagementClient} from '@azure/arm-logic';
import type {AzureConfig} from './config.js';

type ClientOptions = NonNullable<ConstructorParameters<typeof LogicManagementClient>[2]>;
type AdditionalPolicy = NonNullable<ClientOptions['additionalPolicies']>[number];

const agents = new WeakMap<readonly string[], https.Agent>();

function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
	return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(k => !!env[k]);
}

function sharedAgent(ca: readonly string[]): https.Agent {
	let agent = agents.get(ca);
	if (!agent) {
		agent = new https.Agent({keepAlive: true, secureContext: createSecureContext({ca: [...ca]})});
		agents.set(ca, agent);
	}
	return agent;
}

/** Pipeline options that make a client trust config.ca and retry per config.retry. */
export function transportOptions(config: AzureConfig, options: {env?: NodeJS.ProcessEnv; sharedAgent?: boolean} = {}): {
	retryOptions: AzureConfig['retry'];
	tlsOptions?: {ca: string[]};
	additionalPolicies?: AdditionalPolicy[];
} {
	const retryOptions = {...config.retry};
	if (!config.ca) return {retryOptions};
	// Some credentials (managed identity) replace additionalPolicies with their own; they get tlsOptions.
	if (options.sharedAgent === false || proxyConfigured(options.env ?? process.env)) return {retryOptions, tlsOptions: {ca: config.ca}};
	const agent = sharedAgent(config.ca);
	const policy: AdditionalPolicy['policy'] = {
		name: 'iseMigrateTrustedAgent',
		sendRequest(request, next) {
			request.agent ??= agent;
			return next(request);
		},
	};
	return {retryOptions, additionalPolicies: [{policy, position: 'perCall'}]};
}
