// Process entry of `image-trust`.
import { runCli } from './cli/main.js';
import { safeLine } from './cli/output.js';
import { VERSION } from './model/version.js';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  now: () => Date.now(),
  version: VERSION,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const text = `image-trust: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    process.stderr.write(`${text.split('\n').map(safeLine).join('\n')}\n`);
    process.exitCode = 2;
  },
);
