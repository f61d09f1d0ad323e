// Bundles the three entry points into dist/: the VS Code client, the language server and the CLI.
// Everything is bundled (no node_modules in the VSIX); only `vscode` stays external.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD "main" requires files by computed paths esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  define: { IMAGE_TRUST_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // big documents are extracted on a worker thread (server/src/extract/offThread.ts)
  build({ ...common, entryPoints: ['server/src/extract/worker.ts'], outfile: 'dist/extract-worker.js' }),
]);
