// initialize: what the server offers depends on what the client can do.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startClient, type ClientOptions } from './client.js';
import { scriptedFacts } from './fixtures.js';

const CASES: Array<{ name: string; options: ClientOptions; pull: boolean }> = [
  { name: 'a push-only client with workspace/configuration (Neovim 0.7, eglot 1.9)', options: {}, pull: false },
  { name: 'a push-only client without workspace/configuration', options: { configuration: false }, pull: false },
  { name: 'a pull client (VS Code)', options: { pull: true }, pull: true },
];

describe('initialize', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { client, init } = await startClient({ ...c.options, facts: scriptedFacts() });
      const caps = init.capabilities;
      assert.deepEqual(
        {
          hover: caps.hoverProvider,
          completion: caps.completionProvider,
          codeActions: caps.codeActionProvider,
          commands: caps.executeCommandProvider?.commands,
          sync: caps.textDocumentSync,
          diagnostics: caps.diagnosticProvider,
        },
        {
          hover: true,
          completion: { triggerCharacters: [':', '@'], resolveProvider: false },
          codeActions: {
            codeActionKinds: ['quickfix', 'source.fixAll.imageTrust', 'refactor.rewrite.imageTrust.update'],
          },
          commands: [
            'imageTrust.server.pinAll',
            'imageTrust.server.refresh',
            'imageTrust.server.clearCache',
            'imageTrust.server.images',
            'imageTrust.server.report',
          ],
          sync: { openClose: true, change: 2 },
          diagnostics: c.pull
            ? { identifier: 'image-trust', interFileDependencies: false, workspaceDiagnostics: false }
            : undefined,
        },
      );
      assert.equal(init.serverInfo?.name, 'image-trust-server');
      await client.shutdown();
    });
  }
});
