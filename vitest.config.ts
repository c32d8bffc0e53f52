import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e runs inside VS Code (mocha), not under vitest.
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 30_000,
    globalSetup: ['test/cli/global-setup.ts'],
    // FC_SEED=<seed> replays a property test's failing run (docs/robustness.md).
    setupFiles: ['test/support/fast-check-seed.ts'],
  },
});
