import { defineConfig, devices } from '@playwright/test';

// Browser tests against the real server on a fresh SQLite database seeded with the demo university.
// Debian's Chromium only: browsers are never downloaded (see docs ARCHITECTURE, "tests").
const PORT = Number(process.env.E2E_PORT ?? 3211);
const DATA = 'data/e2e';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    // No fades: axe must not read a toast's colours halfway through its transition (a contrast failure
    // that depends on timing). The app honours the preference (theme.respectReducedMotion).
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined, viewport: { width: 1280, height: 900 } } }],
  webServer: {
    // A new database every run: the demo seed is the known starting point of every spec.
    command: `rm -rf ${DATA} && mkdir -p ${DATA} && node --import tsx src/server/main.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${DATA}/presidio.sqlite`,
      ATTACHMENTS_DIR: `${DATA}/attachments`,
      PRESIDIO_DEMO: '1',
      LOG_LEVEL: 'warn',
      // Every spec logs in: keep the per-address login limit out of the way.
      LOGIN_RATE_LIMIT: '10000',
      // The SLA watcher would add notices for the demo's late work orders while specs run: off here,
      // covered by its own integration tests.
      SLA_WATCH_INTERVAL_SECONDS: '0',
      TZ: 'UTC',
    },
  },
});
