// The command line as data: every command, its flags, examples and exit codes. The parser checks flags
// against it and the help is written from it, so the two cannot disagree.

export const EXIT = {ok: 0, failed: 1, usage: 2, undecided: 3, cancelled: 130} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface FlagSpec {
	/** As typed, without the dashes. */
	name: string;
	type: 'boolean' | 'string';
	short?: string;
	/** Placeholder for the value in help, e.g. DIR. */
	value?: string;
	help: string;
}

export const FLAGS = {
	demo: {name: 'demo', type: 'boolean', help: 'the bundled sample ISE (Contoso)'},
	from: {name: 'from', type: 'string', value: 'PATH', help: 'a snapshot file (.json) or a folder of ARM templates'},
	session: {name: 'session', type: 'string', value: 'ID', help: 'the decisions (and source) of a saved session; a unique id prefix is enough'},
	out: {name: 'out', type: 'string', short: 'o', value: 'DIR', help: 'the folder to write the Standard project into'},
	snapshotOut: {name: 'out', type: 'string', short: 'o', value: 'FILE', help: 'the snapshot file (default <ise>.snapshot.json here; - for stdout)'},
	decisions: {name: 'decisions', type: 'string', value: 'FILE', help: 'decisions as JSON: {"<finding id>": "<option id>"}'},
	allowUnresolved: {name: 'allow-unresolved', type: 'boolean', help: 'write even when blockers are undecided (they are marked UNRESOLVED)'},
	location: {name: 'location', type: 'string', value: 'REGION', help: 'the Azure region (e.g. westeurope) when the source does not say where the ISE ran'},
	subscription: {name: 'subscription', type: 'string', value: 'S', help: 'subscription id or display name'},
	ise: {name: 'ise', type: 'string', value: 'NAME', help: 'ISE name or full resource id'},
	auth: {name: 'auth', type: 'string', value: 'METHOD', help: 'auto | cli | device | browser | env | msi (auto: env, msi, cli, then device)'},
	cloud: {name: 'cloud', type: 'string', value: 'CLOUD', help: 'AzureCloud | AzureUSGovernment | AzureChinaCloud'},
	tenant: {name: 'tenant', type: 'string', value: 'ID', help: 'sign in to this tenant'},
	concurrency: {name: 'concurrency', type: 'string', value: 'N', help: 'parallel ARM reads, 1 to 64 (default 8)'},
	allowPartial: {name: 'allow-partial', type: 'boolean', help: 'write the snapshot even when some items could not be read'},
	json: {name: 'json', type: 'boolean', help: 'machine-readable output on stdout; errors too, as {"error": {...}}'},
	help: {name: 'help', type: 'boolean', short: 'h', help: 'this help'},
	version: {name: 'version', type: 'boolean', help: 'the version of ise-migrate'},
	noColor: {name: 'no-color', type: 'boolean', help: 'no colours (as NO_COLOR=1 does)'},
} as const satisfies Record<string, FlagSpec>;

export type FlagKey = keyof typeof FLAGS;

/** Flags every command accepts. */
export const GLOBAL_FLAGS: readonly FlagKey[] = ['help', 'version', 'noColor'];

export type CommandId = 'wizard' | 'generate' | 'snapshot' | 'sessions' | 'sessions rm' | 'help';

export interface CommandSpec {
	id: CommandId;
	/** The words that name it on the command line (none for the wizard). */
	words: readonly string[];
	usage: readonly string[];
	summary: string;
	description?: string;
	flags: readonly FlagKey[];
	/** Positional arguments after the command words. */
	args?: {name: string; required: boolean};
	examples: readonly {command: string; does: string}[];
	exits: readonly {code: ExitCode; when: string}[];
}

const USAGE_EXIT = {code: EXIT.usage, when: 'bad usage: an unknown or missing flag, or a flag value that is not allowed'} as const;
const AZURE_FLAGS: readonly FlagKey[] = ['auth', 'cloud', 'tenant', 'concurrency'];

export const COMMANDS: readonly CommandSpec[] = [
	{
		id: 'wizard',
		words: [],
		usage: ['ise-migrate [--demo | --from PATH] [--auth METHOD] [--cloud CLOUD] [--tenant ID] [--concurrency N]'],
		summary: 'the interactive wizard (needs a terminal)',
		description:
			'Sign in to Azure (or open a snapshot, an ARM template folder or the sample), choose an ISE, review sizing, network, ' +
			'key and connectors, resolve every finding and write the Standard project. Every decision is saved at once; ' +
			'starting again offers to resume. Without a terminal (or with CI set) it exits 2 and names the headless commands.',
		flags: ['demo', 'from', ...AZURE_FLAGS],
		examples: [
			{command: 'ise-migrate', does: 'start (with no Azure at hand, the sample ISE is the default)'},
			{command: 'ise-migrate --demo', does: 'go straight to the sample ISE'},
			{command: 'ise-migrate --from contoso-ise.snapshot.json', does: 'review a captured ISE offline'},
			{command: 'ise-migrate --auth device --tenant contoso.onmicrosoft.com', does: 'sign in with a device code'},
		],
		exits: [
			{code: EXIT.ok, when: 'the wizard ended (quit or done); the session is saved'},
			{code: EXIT.failed, when: 'it could not start'},
			{code: EXIT.usage, when: 'bad usage, or no interactive terminal'},
		],
	},
	{
		id: 'generate',
		words: ['generate'],
		usage: ['ise-migrate generate (--demo | --from PATH | --session ID) --out DIR [--decisions FILE] [--location REGION] [--allow-unresolved] [--json]'],
		summary: 'write the Standard project without the UI',
		description:
			'Runs the same pipeline as the wizard. Decisions come from --session, from --decisions, or else every finding ' +
			"takes its recommended option (the report says they were not reviewed). `--json` lists every finding's id and " +
			'options, for a decisions file. Re-running into the same folder keeps files you edited and removes those of workflows left out since. ' +
			'A source that does not say its region needs --location. SOURCE_DATE_EPOCH sets the time the documents carry.',
		flags: ['demo', 'from', 'session', 'out', 'decisions', 'location', 'allowUnresolved', 'json'],
		examples: [
			{command: 'ise-migrate generate --demo --out ./contoso-standard', does: 'the sample ISE, recommended options'},
			{command: 'ise-migrate generate --from contoso-ise.snapshot.json --out ./out --json', does: 'a snapshot; JSON summary with finding ids'},
			{command: 'ise-migrate generate --session 3f2a --out ./out', does: 'the decisions of a wizard session'},
			{command: 'ise-migrate generate --from ./templates --decisions decisions.json --out ./out', does: 'decisions from a file'},
			{command: 'ise-migrate generate --from ./workflow-definitions --location westeurope --out ./out', does: 'a source that does not say its region'},
		],
		exits: [
			{code: EXIT.ok, when: 'the project was written'},
			{code: EXIT.failed, when: 'the source could not be read or the folder written (the message says why and what to do)'},
			USAGE_EXIT,
			{code: EXIT.undecided, when: 'blockers are undecided and --allow-unresolved was not given; nothing was written'},
		],
	},
	{
		id: 'snapshot',
		words: ['snapshot'],
		usage: ['ise-migrate snapshot --subscription S --ise NAME [-o FILE] [--auth METHOD] [--cloud CLOUD] [--tenant ID] [--concurrency N] [--allow-partial] [--json]'],
		summary: "capture an ISE's inventory from Azure into a snapshot file",
		description:
			'Signs in, reads the ISE, its connectors, every workflow that runs in it and its integration accounts, and writes ' +
			'them to a file that --from opens offline. No secret values are read or written.',
		flags: ['subscription', 'ise', 'snapshotOut', ...AZURE_FLAGS, 'allowPartial', 'json'],
		examples: [
			{command: 'ise-migrate snapshot --subscription "Contoso Production" --ise contoso-ise', does: 'writes ./contoso-ise.snapshot.json'},
			{command: 'ise-migrate snapshot --subscription 1111… --ise contoso-ise --auth env -o - > ise.json', does: 'as a service principal, to stdout'},
		],
		exits: [
			{code: EXIT.ok, when: 'the snapshot was written'},
			{code: EXIT.failed, when: 'sign-in or reading failed, or items were missing without --allow-partial'},
			USAGE_EXIT,
			{code: EXIT.cancelled, when: 'cancelled (Ctrl-C)'},
		],
	},
	{
		id: 'sessions',
		words: ['sessions'],
		usage: ['ise-migrate sessions [--json]', 'ise-migrate sessions rm ID'],
		summary: 'list saved sessions',
		description: 'Sessions live in the OS config folder (ISE_MIGRATE_CONFIG_DIR overrides it).',
		flags: ['json'],
		examples: [
			{command: 'ise-migrate sessions', does: 'id, ISE, step, decisions, last change and source of each'},
			{command: 'ise-migrate sessions --json', does: 'the same as JSON'},
		],
		exits: [{code: EXIT.ok, when: 'listed'}, {code: EXIT.failed, when: 'the session store could not be read'}, USAGE_EXIT],
	},
	{
		id: 'sessions rm',
		words: ['sessions', 'rm'],
		usage: ['ise-migrate sessions rm ID [--json]'],
		summary: 'remove a saved session',
		flags: ['json'],
		args: {name: 'ID', required: true},
		examples: [{command: 'ise-migrate sessions rm 3f2a', does: 'remove the session whose id starts with 3f2a'}],
		exits: [{code: EXIT.ok, when: 'removed'}, {code: EXIT.failed, when: 'the session store could not be written'}, {code: EXIT.usage, when: 'no id, or no session matches it'}],
	},
	{
		id: 'help',
		words: ['help'],
		usage: ['ise-migrate help [COMMAND]'],
		summary: "this help, or a command's",
		flags: [],
		args: {name: 'COMMAND', required: false},
		examples: [{command: 'ise-migrate help generate', does: 'the flags, examples and exit codes of generate'}],
		exits: [{code: EXIT.ok, when: 'shown'}, {code: EXIT.usage, when: 'no such command'}],
	},
];

export const ENVIRONMENT: readonly {name: string; help: string}[] = [
	{name: 'ISE_MIGRATE_CONFIG_DIR', help: 'where sessions are stored (default: the OS config folder)'},
	{name: 'ISE_MIGRATE_CLOUD', help: 'the Azure cloud when --cloud is not given (AzureCloud, AzureUSGovernment, AzureChinaCloud)'},
	{name: 'ISE_MIGRATE_CONCURRENCY', help: 'Azure requests in flight when --concurrency is not given'},
	{name: 'ISE_MIGRATE_CLIENT_ID', help: "the app registration device-code and browser sign-in use (default: Azure CLI's public client)"},
	{name: 'AZURE_*', help: 'AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or _CERTIFICATE_PATH): a service principal, tried first by --auth auto'},
	{name: 'ISE_MIGRATE_ARM_ENDPOINT', help: 'Azure Resource Manager endpoint (a proxy or a test double)'},
	{name: 'ISE_MIGRATE_AUTHORITY_HOST', help: 'sign-in authority host'},
	{name: 'NODE_EXTRA_CA_CERTS', help: 'a CA to trust for both'},
	{name: 'ISE_MIGRATE_CONNECT_TIMEOUT_MS', help: 'how long one Azure request may take to connect (default 15000)'},
	{name: 'ISE_MIGRATE_RESPONSE_TIMEOUT_MS', help: 'how long one Azure request may take to answer in full (default 60000)'},
	{name: 'ISE_MIGRATE_MAX_RETRIES', help: 'retries of a throttled or failed Azure request (default 3)'},
	{name: 'ISE_MIGRATE_RETRY_DELAY_MS', help: 'first delay between those retries, doubled each time (default 1000)'},
	{name: 'SOURCE_DATE_EPOCH', help: "the documents' date, in seconds since 1970 (default: the latest decision's time)"},
	{name: 'NO_COLOR', help: 'no colours; FORCE_COLOR=1 forces them (and wins), FORCE_COLOR=0 turns them off'},
	{name: 'ISE_MIGRATE_DEBUG', help: 'print the stack of an unexpected error'},
];

export function commandSpec(id: CommandId): CommandSpec {
	return COMMANDS.find((c) => c.id === id)!;
}
