// Lifecycle: everything disposed on shutdown; the real process exits 0 after shutdown+exit (1
// without shutdown) over stdio and node IPC; runtime options rebuild the facts service and the
// status notification follows.
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { SetRuntimeNotification } from '../../server/src/protocol.js';
import { startClient } from './client.js';
import { DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

const MAIN = join(__dirname, '../../server/src/main.ts');
// The process's facts cache: a fresh folder, never the user's (facts cached there would answer
// the offline hover instead of "Offline").
const env = { ...process.env, IMAGE_TRUST_CACHE_DIR: mkdtempSync(join(tmpdir(), 'image-trust-lifecycle-')) };

function startProcess(transport: 'stdio' | 'ipc'): { child: ChildProcess; conn: MessageConnection } {
  if (transport === 'stdio') {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env,
    });
    return { child, conn: createMessageConnection(child.stdout!, child.stdin!) };
  }
  const child = fork(MAIN, ['--node-ipc'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env,
  });
  return { child, conn: createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)) };
}

describe('lifecycle', () => {
  test('shutdown disposes the facts service', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    await client.publication(DOCKERFILE_URI, 1);
    await client.shutdown();
    assert.equal(facts.disposed, 1);
  });

  const PROCESS_CASES = [
    { transport: 'stdio' as const, shutdown: true, code: 0 },
    { transport: 'stdio' as const, shutdown: false, code: 1 },
    { transport: 'ipc' as const, shutdown: true, code: 0 },
  ];
  for (const c of PROCESS_CASES) {
    test(`the server process over ${c.transport} exits ${c.code} on exit ${c.shutdown ? 'after' : 'without'} shutdown`, async (t) => {
      const { child, conn } = startProcess(c.transport);
      // a failed assertion must not leave the process (and the test run) hanging
      t.after(() => {
        conn.dispose();
        if (child.exitCode === null) child.kill();
      });
      const exited = once(child, 'exit');
      conn.onNotification('textDocument/publishDiagnostics', () => {});
      conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
      conn.listen();
      const init = (await conn.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {},
        // offline: this test must not reach any registry
        initializationOptions: { offline: true },
      })) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'image-trust-server');
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: DOCKERFILE_URI, languageId: 'dockerfile', version: 1, text: DOCKERFILE },
      });
      const hover = (await conn.sendRequest('textDocument/hover', {
        textDocument: { uri: DOCKERFILE_URI },
        position: { line: 0, character: 7 },
      })) as { contents: { value: string } };
      assert.match(hover.contents.value, /Offline/);
      if (c.shutdown) await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      const [code] = await exited;
      conn.dispose();
      assert.equal(code, c.code);
    });
  }

  test('setRuntime rebuilds the facts service with the credentials and announces the status', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({
      facts,
      now: NOW,
      initializationOptions: { cacheDir: '/tmp/it-cache', runtime: { trusted: true } },
    });
    const initial = await client.waitFor(() => client.statuses[0]);
    assert.deepEqual(initial, { state: 'live', signedIn: false, trusted: true });
    void client.conn.sendNotification(SetRuntimeNotification, {
      dockerHubCredentials: { username: 'alice', token: 'dckr_pat_x' },
      proxy: 'http://127.0.0.1:3128',
      proxyStrictSSL: false,
    });
    const next = await client.waitFor(() => client.statuses.find((s) => s.signedIn));
    assert.deepEqual(next, { state: 'live', signedIn: true, trusted: true });
    const built = facts.built.map((o) => ({
      cacheDir: o.cacheDir,
      creds: o.dockerHubCredentials?.username ?? null,
      proxy: o.proxy ?? null,
      strict: o.proxyStrictSSL,
    }));
    assert.deepEqual(built, [
      { cacheDir: '/tmp/it-cache', creds: null, proxy: null, strict: true },
      { cacheDir: '/tmp/it-cache', creds: 'alice', proxy: 'http://127.0.0.1:3128', strict: false },
    ]);
    assert.equal(facts.disposed, 1, 'the old service is disposed');
    void client.conn.sendNotification(SetRuntimeNotification, { trusted: false });
    const untrusted = await client.waitFor(() => client.statuses.find((s) => !s.trusted));
    assert.equal(untrusted.signedIn, false, 'credentials are not used in an untrusted workspace');
    assert.equal(facts.built[2]?.dockerHubCredentials ?? null, null, 'no credentials in an untrusted workspace');
    await client.shutdown();
  });
});
