import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          environment: 'node',
          // The migrated and the demo databases every test copies: made once per run.
          globalSetup: ['test/helpers/templates.ts'],
          // Generous: the machines are shared, and a test that plays a month of activity (statements,
          // the demo, a second server process) took over 30 s at load 20+ on 2 cores. A limit, not a goal.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
