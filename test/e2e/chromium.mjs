// Debian's Chromium, headless, driven by playwright-core (which downloads no browser). Shared by the
// extension-suite runner and the UI check. The profile lives in a folder the caller owns, because
// Chromium writes under $HOME otherwise and Playwright refuses --user-data-dir in args.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launchChromium({ viewport = { width: 1400, height: 900 } } = {}) {
  const profile = mkdtempSync(join(process.env.CHROMIUM_PROFILES ?? tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Seconds since `start`, for log lines that show where the time goes. */
export function elapsed(start) {
  return `[${((Date.now() - start) / 1000).toFixed(1)}s]`;
}
