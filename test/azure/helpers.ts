// Shared set-up for the live-Azure tests: a fake estate, the env that points the tool at it, and
// configs with tiny retry delays so fault tests stay fast.
import {resolveAzureConfig, type AzureConfig, type AzureConfigInput} from '../../source/azure/config.js';
import {signIn, type AzureSession} from '../../source/azure/credentials.js';
import {startFakeAzure, type FakeAzure, type FakeAzureOptions} from '../fakes/azure/index.js';
import {APP, sampleEstate, T_CONTOSO} from '../fakes/azure/estate.js';

export const FAST_RETRY = {maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20};

export interface Harness {
	fake: FakeAzure;
	/** Env pointing the tool at the fakes (no credentials in it). */
	env: NodeJS.ProcessEnv;
	/** The same plus a service principal. */
	spEnv: NodeJS.ProcessEnv;
	config(input?: Partial<AzureConfigInput>): AzureConfig;
	/** Signed in as the sample service principal. */
	session(input?: Partial<AzureConfigInput>): Promise<AzureSession>;
	close(): Promise<void>;
}

export async function harness(overrides: Partial<FakeAzureOptions> = {}): Promise<Harness> {
	const fake = await startFakeAzure(sampleEstate(overrides));
	const env = {ISE_MIGRATE_ARM_ENDPOINT: fake.armUrl, ISE_MIGRATE_AUTHORITY_HOST: fake.authorityUrl};
	const spEnv = {...env, AZURE_TENANT_ID: T_CONTOSO, AZURE_CLIENT_ID: APP.clientId, AZURE_CLIENT_SECRET: APP.secret};
	const config = (input: Partial<AzureConfigInput> = {}) => resolveAzureConfig({env, ca: fake.ca, retry: FAST_RETRY, ...input});
	return {
		fake,
		env,
		spEnv,
		config,
		session: input => signIn(config({...input, env: {...env, ...input?.env}}), 'env', {env: spEnv}),
		close: () => fake.close(),
	};
}

/** ARM requests for paths containing `part`, in order. */
export function armRequests(fake: FakeAzure, part: string) {
	return fake.requests.filter(r => r.service === 'arm' && r.path.toLowerCase().includes(part.toLowerCase()));
}
