// Bundles the entry points into dist/: the VS Code client, the language server, the CLI and the
// extraction worker. One build serves both packages: the npm package (`npm pack`, bins image-trust
// and image-trust-server) and the VSIX (scripts/package-vsix.mjs). Each bundle carries its runtime
// packages, so neither package has anything left to install: package.json has no "dependencies"
// (runtime packages are devDependencies), and the build fails if a bundle would still import one.
import { readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
/** Left outside every bundle: `kerberos` is a native module that proxy-agent-negotiate loads with
 * import() inside try/catch, only for Negotiate proxy authentication, and says how to add it. */
const OPTIONAL = ['kerberos'];
/** `yaml` looks up its own debugging switches (process.env.LOG_TOKENS, LOG_STREAM) once per token
 * it reads: a getenv each time, a sixth of the CPU of reading a big manifest. The bundles read
 * them as unset. */
const yamlLogSwitches = {
  name: 'yaml-log-switches',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/\bnode_process\.env\.LOG_(TOKENS|STREAM)\b/g, 'undefined');
      if (contents === source)
        console.warn(`esbuild.mjs: ${args.path} no longer reads LOG_TOKENS/LOG_STREAM this way; drop yamlLogSwitches`);
      return { contents, loader: 'js' };
    });
  },
};

const common = {
  plugins: [yamlLogSwitches],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD "main" requires files by computed paths esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  define: { IMAGE_TRUST_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

const bundles = [
  // the extension host provides `vscode`
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ...OPTIONAL] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // big documents are extracted on a worker thread (server/src/extract/offThread.ts)
  { entryPoints: ['server/src/extract/worker.ts'], outfile: 'dist/extract-worker.js' },
];

rmSync('dist', { recursive: true, force: true });
const results = await Promise.all(bundles.map((b) => build({ ...common, external: OPTIONAL, ...b })));

const leftOver = results.flatMap((r, i) =>
  Object.values(r.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter(
      (imp) =>
        imp.external &&
        !isBuiltin(imp.path) &&
        !bundles[i].external?.includes(imp.path) &&
        !OPTIONAL.includes(imp.path),
    )
    .map((imp) => `${bundles[i].outfile} imports "${imp.path}"`),
);
if (leftOver.length) {
  console.error(`esbuild.mjs: a bundle must carry its packages, but\n  ${[...new Set(leftOver)].join('\n  ')}`);
  process.exit(1);
}
