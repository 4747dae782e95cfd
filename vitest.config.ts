import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Above Playwright's own 30 s, so a stuck wait fails with its call log (which element, why).
    testTimeout: 45_000,
    hookTimeout: 60_000,
    // A poll that holds returns at once; the 1 s default failed a first print that a loaded
    // CI machine took longer to render, though the kiosk then said "printed" as it should.
    expect: { poll: { timeout: 5_000 } },
  },
});
