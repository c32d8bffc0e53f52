// Runs the extension's mocha suite (out/test/e2e/suite/index.js) inside a real VS Code: the Node
// extension host of a running code-server. The workbench, started with
// `--vscode-option enable-smoke-test-driver`, reads extensionDevelopmentPath and extensionTestsPath
// from the URL's payload (the contract @vscode/test-electron and @vscode/test-web use), runs run(),
// and reports mocha's output and the exit code through codeAutomationLog / codeAutomationExit.
//
// node test/e2e/run-code-server.mjs --url http://127.0.0.1:PORT --folder WORKSPACE --extension EXT_DIR [--tests FILE]
// Exit status: 0 when every test passed, 1 otherwise (failures, a timeout, a page that never ran the suite).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { elapsed, launchChromium } from './chromium.mjs';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    folder: { type: 'string' },
    extension: { type: 'string' },
    tests: { type: 'string', default: resolve(import.meta.dirname, '../../out/test/e2e/suite/index.js') },
    timeout: { type: 'string', default: process.env.EXT_TEST_TIMEOUT_MS ?? '600000' },
  },
});
for (const required of ['url', 'folder', 'extension']) {
  if (!options[required]) {
    console.error(`run-code-server: --${required} is required`);
    process.exit(2);
  }
}

const start = Date.now();
// code-server serves the workspace as a remote whose authority is the page's host.
const remote = (path) => `vscode-remote://${new URL(options.url).host}${resolve(path)}`;
const payload = [
  ['extensionDevelopmentPath', remote(options.extension)],
  ['extensionTestsPath', remote(options.tests)],
  ['skipWelcome', 'true'],
];
const address = `${options.url}/?folder=${encodeURIComponent(resolve(options.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await launchChromium();
let exitCode;
try {
  exitCode = await new Promise((settle) => {
    const timer = setTimeout(() => {
      console.error(`run-code-server: no result after ${options.timeout} ms`);
      settle(2);
    }, Number(options.timeout));
    void (async () => {
      await browser.page.exposeFunction('codeAutomationLog', (type, args) => (console[type] ?? console.log)(...args));
      await browser.page.exposeFunction('codeAutomationExit', (code) => {
        clearTimeout(timer);
        settle(code);
      });
      if (process.env.DEBUG_PAGE_CONSOLE) browser.page.on('console', (message) => console.log('[page]', message.type(), message.text()));
      browser.page.on('pageerror', (error) => console.error('[page error]', error.message.slice(0, 300)));
      await browser.page.goto(address, { waitUntil: 'domcontentloaded' });
    })().catch((error) => {
      clearTimeout(timer);
      console.error('run-code-server:', error.message);
      settle(2);
    });
  });
} finally {
  await browser.close();
}
console.log(`${elapsed(start)} extension tests exited with code ${exitCode}`);
process.exit(exitCode === 0 ? 0 : 1);
