// Lint: typescript-eslint's recommended rules, plus the import rules that keep the engine
// (model, extract, hub, policy) free of LSP and VS Code, and the views thin.
import tseslint from 'typescript-eslint';

const lspOnly = {
  group: ['vscode-languageserver', 'vscode-languageserver/*'],
  message: 'Only server/src/lsp/ may import vscode-languageserver.',
};
const noVscode = {
  group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
  message: 'The server never imports VS Code.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.vscode-test/**',
      '.vscode-host/**',
      'test-results/**',
      'test/grammar/**',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['server/src/model/**'],
    rules: restrict(lspOnly, noVscode, {
      group: ['**/extract/*', '**/hub/*', '**/policy/*', '**/lsp/*', '**/cli/*'],
      message: 'model imports nothing of the product.',
    }),
  },
  {
    files: ['server/src/extract/**'],
    rules: restrict(lspOnly, noVscode, {
      group: ['**/hub/*', '**/policy/*', '**/lsp/*', '**/cli/*'],
      message: 'extract knows only the model.',
    }),
  },
  {
    files: ['server/src/hub/**'],
    rules: restrict(lspOnly, noVscode, {
      group: ['**/extract/*', '**/policy/*', '**/lsp/*', '**/cli/*'],
      message: 'hub knows nothing of files, policy or LSP.',
    }),
  },
  {
    files: ['server/src/policy/**'],
    rules: restrict(lspOnly, noVscode, {
      group: ['**/hub/*', '**/extract/*', '**/lsp/*', '**/cli/*'],
      message: 'policy is pure: model only.',
    }),
  },
  {
    files: ['server/src/files/**'],
    rules: restrict(lspOnly, noVscode, {
      group: ['**/extract/*', '**/hub/*', '**/policy/*', '**/lsp/*', '**/cli/*'],
      message: 'files reads files; it knows nothing of the product.',
    }),
  },
  { files: ['server/src/cli/**', 'server/src/cli.ts'], rules: restrict(lspOnly, noVscode) },
  { files: ['server/src/lsp/**', 'server/src/main.ts'], rules: restrict(noVscode) },
  {
    files: ['client/src/**'],
    rules: restrict({
      // besides the protocol, only the plain data of which files hold images (extract/fileKinds*)
      group: ['**/server/src/*/**', '!**/server/src/protocol*', '!**/server/src/extract/fileKind*'],
      message: 'The client talks to the server through the protocol only.',
    }),
  },
);
