// What the wizard needs from the outside world, wired once in services.ts (tests pass a temp store or fakes).
import type {AuthChoice, AuthMethod, AzureSession, DeviceCodePrompt, MethodAvailability} from './azure/credentials.js';
import type {ProblemContext} from './azure/errors.js';
import type {DiskPort, SessionRepository, SourcePort} from './migration/index.js';
import type {filterSubscriptions, listIses, listSubscriptions, loadInventory, noIseHelp, retryFailed} from './sources/azure.js';

/**
 * Live Azure for the wizard: sign-in and the ARM readers of sources/azure.ts, configured once (flags, env, CA).
 * Tests build it with the same functions pointed at the fakes.
 */
export interface AzureService {
	/** --auth: sign in this way without showing the method screen. */
	preset?: AuthChoice;
	labels: Record<AuthMethod, string>;
	/** Configuration problems worth showing (an unreadable NODE_EXTRA_CA_CERTS file…). */
	warnings: readonly string[];
	methods: () => {availability: MethodAvailability[]; auto: AuthMethod[]};
	/** Sign in; `tenant` and `cloud` override the flags (a saved session knows where its ISE lives). */
	signIn: (
		choice: AuthChoice,
		input: {tenant?: string; cloud?: string; signal?: AbortSignal; onAttempt?: (method: AuthMethod) => void; onDeviceCode?: (prompt: DeviceCodePrompt) => void},
	) => Promise<AzureSession>;
	listSubscriptions: typeof listSubscriptions;
	filterSubscriptions: typeof filterSubscriptions;
	listIses: typeof listIses;
	loadInventory: typeof loadInventory;
	retryFailed: typeof retryFailed;
	noIseHelp: typeof noIseHelp;
	/** One readable line (message and what to do), secrets redacted. */
	describe: (error: unknown, ctx?: ProblemContext) => string;
	/** The tenant a sign-in with this method goes to when known beforehand (--tenant, AZURE_TENANT_ID), for messages. */
	tenantFor: (method: AuthChoice) => string | undefined;
}

export interface AppServices {
	store: SessionRepository;
	sources: SourcePort;
	disk: DiskPort;
	/** Tab completion for typed paths (folders and .json files), relative to cwd. */
	suggestPaths?: (partial: string) => Promise<{completion: string; matches: string[]}>;
	cwd: string;
	toolVersion: string;
	now: () => string;
	/** Live Azure sign-in; without it the Azure entry only shows `azureNote`. */
	azure?: AzureService;
	/** Text shown under the Azure entry when live sign-in is not available. */
	azureNote?: string;
}
