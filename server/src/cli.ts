// Process entry of `image-trust` (SPEC §1).
import { runCli } from './cli/main.js';

declare const IMAGE_TRUST_VERSION: string | undefined;
const version = typeof IMAGE_TRUST_VERSION === 'string' ? IMAGE_TRUST_VERSION : '0.0.0-dev';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  now: () => Date.now(),
  version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`image-trust: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
