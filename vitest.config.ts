import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Says plainly when the corpus suite (../shared beside the repository) is skipped: test/helpers/corpus.ts.
		globalSetup: ['test/helpers/corpus-notice.ts'],
		// Ink prints differently under CI=true and with colours; tests read frames as plain text.
		env: {FORCE_COLOR: '0', CI: 'false'},
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
