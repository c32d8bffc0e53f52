// Renders images/icon.svg to the 128×128 images/icon.png the marketplace shows, in Debian's Chromium
// through playwright-core (no downloads). Run `node images/make-icon.mjs` after editing the SVG; the
// PNG is committed.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<body style="margin:0">${readFileSync(join(here, 'icon.svg'), 'utf8')}</body>`);
  await page.locator('svg').screenshot({ path: join(here, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
