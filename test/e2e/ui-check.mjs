// Looks at claimlint in the real VS Code UI, the way a user would: opens the rare-earths example in
// code-server in Debian's Chromium, checks that squiggles are drawn, that the Problems panel lists
// claimlint's problems, and that hovering the Russia figure shows the comparison table; then saves
// a screenshot (the README's). It relies on VS Code's CSS class names: code-server's version is pinned.
//
// node test/e2e/ui-check.mjs --url http://127.0.0.1:PORT --folder WORKSPACE --screenshot FILE.png
import { parseArgs } from 'node:util';
import { elapsed, launchChromium } from './chromium.mjs';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    folder: { type: 'string' },
    screenshot: { type: 'string' },
  },
});
for (const required of ['url', 'folder', 'screenshot']) {
  if (!options[required]) {
    console.error(`ui-check: --${required} is required`);
    process.exit(2);
  }
}

const REPORT = 'global-outlook.md';
const start = Date.now();
const log = (...parts) => console.log(elapsed(start), ...parts);
const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok });
  log(`${ok ? 'ok' : 'FAILED'}: ${name}${detail ? ` (${detail})` : ''}`);
  if (!ok) throw new Error(`${name}${detail ? `: ${detail}` : ''}`);
}

const browser = await launchChromium({ viewport: { width: 1440, height: 900 } });
const { page } = browser;
page.on('pageerror', (error) => log('page error:', error.message.slice(0, 200)));
let failed = false;
try {
  await page.goto(`${options.url}/?folder=${encodeURIComponent(options.folder)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  log('workbench loaded');

  // Open the report through Quick Open, as a user would with Ctrl+P.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type(REPORT);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: REPORT }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: REPORT }).waitFor({ timeout: 30_000 });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
  log(`${REPORT} open`);

  await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
  const squiggles = await editor.locator('.squiggly-error, .squiggly-warning').count();
  check('claimlint problems are underlined in the editor', squiggles > 0, `${squiggles} squiggles`);

  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: 'contradiction' }).first().waitFor({ timeout: 30_000 });
  const rowTexts = await rows.allInnerTexts();
  const claimlintRows = rowTexts.filter((text) => text.includes('claimlint'));
  check(
    'the Problems panel lists claimlint problems, the Russia contradiction among them',
    claimlintRows.some((text) => text.includes('Russia rare-earth reserves') && text.includes('contradiction')),
    `${claimlintRows.length} claimlint rows`,
  );

  // Bring line 30 (the Russia figure) to the middle of the editor, then hover the figure.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  const figure = await page.waitForFunction(() => {
    // The editor renders spaces as no-break spaces.
    const text = (node) => node.textContent.replace(/\u00a0/g, ' ');
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      if (!text(line).includes('[3.8 Mt]{subject=ru')) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = text(node).indexOf('3.8');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 1);
        range.setEnd(node, at + 3);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
    }
    return null;
  }, undefined, { timeout: 15_000 });
  const { x, y } = await figure.jsonValue();
  await page.mouse.move(x - 60, y);
  await page.mouse.move(x, y, { steps: 6 });
  const hover = page.locator('.monaco-hover', { hasText: 'Russia' });
  await hover.first().waitFor({ state: 'visible', timeout: 30_000 });
  await hover.locator('table').first().waitFor({ state: 'visible', timeout: 10_000 });
  const tableRows = await hover.locator('table tr').allInnerTexts();
  const hoverText = await hover.first().innerText();
  check(
    'hovering the Russia figure shows a table with every claim of the key',
    tableRows.length >= 4 && hoverText.includes('china-brief.zh.md') && hoverText.includes('reserves.claims.yaml'),
    `${tableRows.length} table rows`,
  );

  // Scroll the hover to its table, as a reader would with the wheel (moving onto the hover keeps it open).
  const hoverBox = await hover.first().boundingBox();
  if (hoverBox) {
    await page.mouse.move(hoverBox.x + hoverBox.width / 2, hoverBox.y + hoverBox.height / 2, { steps: 4 });
    for (let turn = 0; turn < 30; turn += 1) {
      const tableBox = await hover.locator('table').first().boundingBox();
      if (!tableBox || tableBox.y <= hoverBox.y + 24) break;
      await page.mouse.wheel(0, Math.min(120, tableBox.y - hoverBox.y - 16));
      const moved = await page
        .waitForFunction(
          ([before]) => (document.querySelector('.monaco-hover table')?.getBoundingClientRect().y ?? before) !== before,
          [tableBox.y],
          { timeout: 2_000 },
        )
        .then(() => true, () => false);
      if (!moved) break; // the hover is scrolled to its end
    }
  }
  await page.screenshot({ path: options.screenshot });
  log(`screenshot: ${options.screenshot}`);
} catch (error) {
  failed = true;
  log('FAILED:', error.message);
  await page.screenshot({ path: options.screenshot.replace(/\.png$/, '') + '-failed.png' }).catch(() => {});
} finally {
  await browser.close();
}
const passed = checks.filter((c) => c.ok).length;
console.log(`ui-check: ${passed} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
