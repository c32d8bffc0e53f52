// The client's answer to a server that dies, without VS Code: the real vscode-languageclient
// (its DefaultErrorHandler and its handleConnectionClosed) runs against a small stand-in for the
// `vscode` module that records the notices shown and the commands run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface Notice {
  kind: 'warning' | 'error' | 'info';
  message: string;
  actions: string[];
  choose(action: string | undefined): void;
}

const fake = vi.hoisted(() => {
  const notices: Notice[] = [];
  const commands: string[] = [];
  class EventEmitter<T> {
    private readonly listeners = new Set<(event: T) => void>();
    readonly event = (listener: (event: T) => void) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
    fire(event: T): void {
      for (const listener of [...this.listeners]) listener(event);
    }
    dispose(): void {
      this.listeners.clear();
    }
  }
  const show =
    (kind: Notice['kind']) =>
    (message: string, ...actions: string[]) =>
      new Promise<string | undefined>((choose) => notices.push({ kind, message, actions, choose }));
  const api: Record<string, unknown> = {
    EventEmitter,
    window: { showWarningMessage: show('warning'), showErrorMessage: show('error'), showInformationMessage: show('info') },
    commands: { executeCommand: async (command: string) => void commands.push(command) },
  };
  // Everything else the library touches while loading is a class it may extend.
  const vscode = new Proxy(api, {
    get: (target, name) => (typeof name === 'string' && name in target ? target[name] : name === '__esModule' ? true : name === 'then' ? undefined : class {}),
  });
  // vscode-languageclient is plain CommonJS that requires 'vscode': resolve it to the stand-in.
  const Module = require('node:module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode } as unknown as NodeJS.Module;
  return { vscode, notices, commands };
});

vi.mock('vscode', () => fake.vscode);

import { BaseLanguageClient, CloseAction, type CloseHandlerResult } from 'vscode-languageclient/node';

// The client is a TypeScript project of its own, which the tests' project does not reference: the
// module under test is loaded by path (vitest still compiles it), typed by the part used here.
interface CrashHandler {
  attach(client: unknown): void;
  closed(): Promise<CloseHandlerResult>;
  onDidCrash(listener: (event: { restarted: boolean }) => void): unknown;
  dispose(): void;
}
const HANDLER_MODULE = '../../client/src/crash-notifying-error-handler';
const { CrashNotifyingErrorHandler, RESTART_SERVER, RESTARTED_MESSAGE, SHOW_OUTPUT } = (await import(HANDLER_MODULE)) as {
  CrashNotifyingErrorHandler: new (outputChannel: unknown) => CrashHandler;
  RESTART_SERVER: string;
  RESTARTED_MESSAGE: string;
  SHOW_OUTPUT: string;
};

let outputChannel: { show: ReturnType<typeof vi.fn> };
let handler: CrashHandler;
let crashes: { restarted: boolean }[];

beforeEach(() => {
  fake.notices.splice(0);
  fake.commands.splice(0);
  outputChannel = { show: vi.fn() };
  handler = new CrashNotifyingErrorHandler(outputChannel);
  // The library's own default handler (restart up to 4 times in 3 minutes), as the client builds it.
  handler.attach({ createDefaultErrorHandler: (max?: number) => BaseLanguageClient.prototype.createDefaultErrorHandler.call({ name: 'claimlint' } as never, max) } as never);
  crashes = [];
  handler.onDidCrash((event) => crashes.push(event));
});

afterEach(() => handler.dispose());

/** Lets the notices' then-callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the crash handler of the VS Code client', () => {
  it('restarts a server that died and tells the user, with the output one click away', async () => {
    const result = await handler.closed();
    expect(result).toEqual({ action: CloseAction.Restart, handled: true });
    expect(crashes).toEqual([{ restarted: true }]);
    expect(fake.notices.map(({ kind, message, actions }) => ({ kind, message, actions }))).toEqual([{ kind: 'warning', message: RESTARTED_MESSAGE, actions: [SHOW_OUTPUT] }]);
    fake.notices[0]!.choose(SHOW_OUTPUT);
    await settle();
    expect(outputChannel.show).toHaveBeenCalledWith(true);
  });

  it('shows one restart notice for a burst of crashes, and a new one once it was dismissed', async () => {
    await handler.closed();
    await handler.closed();
    expect(fake.notices).toHaveLength(1);
    fake.notices[0]!.choose(undefined);
    await settle();
    await handler.closed();
    expect(fake.notices).toHaveLength(2);
    expect(crashes).toEqual([{ restarted: true }, { restarted: true }, { restarted: true }]);
    expect(outputChannel.show).not.toHaveBeenCalled();
  });

  it('gives up on the fifth crash in three minutes, says so, and offers a restart', async () => {
    for (let crash = 0; crash < 4; crash++) expect((await handler.closed()).action).toBe(CloseAction.Restart);
    const last = await handler.closed();
    expect(last).toMatchObject({ action: CloseAction.DoNotRestart, handled: true });
    expect(crashes.at(-1)).toEqual({ restarted: false });
    const gaveUp = fake.notices.at(-1)!;
    expect(gaveUp.kind).toBe('error');
    expect(gaveUp.message).toBe('The claimlint server crashed 5 times in the last 3 minutes. The server will not be restarted. See the output for more information.');
    expect(gaveUp.actions).toEqual([RESTART_SERVER, SHOW_OUTPUT]);
    gaveUp.choose(RESTART_SERVER);
    await settle();
    expect(fake.commands).toEqual(['claimlint.restartServer']);
  });

  it('leads vscode-languageclient to start the server again after a crash, and to stop after giving up', async () => {
    // The library's own close handling, on a client stand-in: what it does with the handler's answers.
    const closeOnce = async () => {
      const client = Object.assign(Object.create(BaseLanguageClient.prototype), {
        _state: 'running',
        _stateChangeEmitter: { fire: () => undefined },
        _clientOptions: { errorHandler: handler },
        cleanUp: vi.fn(),
        start: vi.fn(async () => undefined),
        info: vi.fn(),
        error: vi.fn(),
      });
      await (BaseLanguageClient.prototype as unknown as { handleConnectionClosed(): Promise<void> }).handleConnectionClosed.call(client);
      return client as { _state: string; start: ReturnType<typeof vi.fn>; info: ReturnType<typeof vi.fn>; error: ReturnType<typeof vi.fn> };
    };
    const restarted = await closeOnce();
    expect(restarted.start).toHaveBeenCalledTimes(1);
    // handled: the library logs its line but shows no notice of its own next to ours.
    expect(restarted.info).toHaveBeenCalledWith(expect.stringContaining('will restart'), undefined, false);
    for (let crash = 0; crash < 3; crash++) await closeOnce();
    const stopped = await closeOnce();
    expect(stopped.start).not.toHaveBeenCalled();
    expect(stopped._state).toBe('stopped');
    expect(stopped.error).toHaveBeenCalledWith(expect.stringContaining('crashed 5 times'), undefined, false);
  });
});
