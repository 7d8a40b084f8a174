// How every SDK pipeline (ARM clients and the identity library's sign-in requests) connects: which CAs it
// trusts, how long one attempt may take, and how it retries.
//
// Trust: tlsOptions.ca would do it, but Node then builds a TLS context from ~150 root certificates for every
// new connection (~20 ms each); one shared agent with one prebuilt context does the same job once.
// Timeouts: the SDK sets none, so an endpoint that accepted the connection and never answered hung the tool
// for good. The shared agent gives up on a connection (TCP + TLS) that is not up within connectMs, and a
// per-attempt policy gives up on an answer that is not complete within responseMs. Both fail the attempt with
// code ETIMEDOUT, which the SDK's retry policy retries like any network fault; after the last retry the
// error names the endpoint (errors.ts). With HTTPS_PROXY set the SDK's proxy agent must win, so there the
// CA goes in plain tlsOptions and only the per-attempt timeout applies.
import {createHash} from 'node:crypto';
import https from 'node:https';
import type {Duplex} from 'node:stream';
import {createSecureContext} from 'node:tls';
import type {LogicManagementClient} from '@azure/arm-logic';
import type {AzureConfig, TimeoutSettings} from './config.js';

type ClientOptions = NonNullable<ConstructorParameters<typeof LogicManagementClient>[2]>;
type AdditionalPolicy = NonNullable<ClientOptions['additionalPolicies']>[number];

export const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/**
 * A failed attempt's error, shaped as the SDK's own network errors are (a RestError with code ETIMEDOUT), so
 * its retry policy retries it.
 */
export function timeoutError(message: string, url?: string): Error {
	return Object.assign(new Error(message), {name: 'RestError', code: 'ETIMEDOUT', ...(url ? {request: {url}} : {})});
}

/** "no connection within 15 s" / "no answer within 60 s", when the message is one of ours. */
export function timeoutDetail(message: string): string | undefined {
	return /no (?:connection|answer) within \d+ m?s/.exec(message)?.[0];
}

/** An https.Agent whose connections fail with ETIMEDOUT when TCP + TLS are not up within `connectMs`. */
class TimedAgent extends https.Agent {
	constructor(
		options: https.AgentOptions,
		private readonly connectMs: number,
	) {
		super(options);
	}

	override createConnection(options: import('node:net').NetConnectOpts, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
		const socket = super.createConnection(options, callback) as import('node:tls').TLSSocket;
		const where = 'host' in options ? `${options.host}:${'port' in options ? options.port : ''}` : 'the endpoint';
		const timer = setTimeout(() => socket.destroy(timeoutError(`no connection within ${seconds(this.connectMs)} (${where})`)), this.connectMs);
		timer.unref();
		socket.once('secureConnect', () => clearTimeout(timer));
		socket.once('close', () => clearTimeout(timer));
		return socket;
	}
}

const agents = new Map<string, TimedAgent>();

function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
	return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => !!env[k]);
}

/** One agent per trust list and connect timeout, shared by every client and credential. */
function sharedAgent(ca: readonly string[] | undefined, connectMs: number): TimedAgent {
	const key = `${connectMs}|${ca ? createHash('sha256').update(ca.join('\n')).digest('hex') : 'default'}`;
	let agent = agents.get(key);
	if (!agent) {
		agent = new TimedAgent({keepAlive: true, ...(ca ? {secureContext: createSecureContext({ca: [...ca]})} : {})}, connectMs);
		agents.set(key, agent);
	}
	return agent;
}

/** Fails one attempt whose answer is not complete within `responseMs` (connecting included). */
function responseTimeoutPolicy(timeouts: TimeoutSettings): AdditionalPolicy {
	return {
		position: 'perRetry',
		policy: {
			name: 'iseMigrateResponseTimeout',
			async sendRequest(request, next) {
				const outer = request.abortSignal as AbortSignal | undefined;
				const timer = new AbortController();
				let timedOut = false;
				const handle = setTimeout(() => {
					timedOut = true;
					timer.abort();
				}, timeouts.responseMs);
				handle.unref();
				const original = request.abortSignal;
				request.abortSignal = outer ? AbortSignal.any([outer, timer.signal]) : timer.signal;
				try {
					return await next(request);
				} catch (error) {
					if (timedOut && !outer?.aborted) throw timeoutError(`no answer within ${seconds(timeouts.responseMs)}`, request.url);
					throw error;
				} finally {
					clearTimeout(handle);
					request.abortSignal = original;
				}
			},
		},
	};
}

/** Pipeline options that make a client trust config.ca, time out per config.timeouts and retry per config.retry. */
export function transportOptions(config: AzureConfig, options: {env?: NodeJS.ProcessEnv; sharedAgent?: boolean} = {}): {
	retryOptions: AzureConfig['retry'];
	tlsOptions?: {ca: string[]};
	additionalPolicies: AdditionalPolicy[];
} {
	const retryOptions = {...config.retry};
	const timeout = responseTimeoutPolicy(config.timeouts);
	// Some credentials (managed identity) replace additionalPolicies with their own; they get tlsOptions.
	if (options.sharedAgent === false || proxyConfigured(options.env ?? process.env)) {
		return {retryOptions, ...(config.ca ? {tlsOptions: {ca: config.ca}} : {}), additionalPolicies: [timeout]};
	}
	const agent = sharedAgent(config.ca, config.timeouts.connectMs);
	const useAgent: AdditionalPolicy = {
		position: 'perCall',
		policy: {
			name: 'iseMigrateAgent',
			sendRequest(request, next) {
				request.agent ??= agent;
				return next(request);
			},
		},
	};
	return {retryOptions, additionalPolicies: [useAgent, timeout]};
}
