#!/usr/bin/env node
// Renews server/src/verify/data/public-good-trusted-root.json from the Sigstore public-good TUF
// repository. @sigstore/tuf verifies the download from the TUF root it embeds, so the file is what
// Sigstore's root-signing ceremony published. Needs the network; verification never does.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { getTrustedRoot } from '@sigstore/tuf';

const cachePath = mkdtempSync(join(tmpdir(), 'image-trust-tuf-'));
try {
  const root = await getTrustedRoot({ cachePath, force: true });
  const out = new URL('../server/src/verify/data/public-good-trusted-root.json', import.meta.url);
  writeFileSync(out, JSON.stringify(TrustedRoot.toJSON(root), null, 2) + '\n');
  console.log(
    `wrote ${out.pathname}; now update the dates in server/src/verify/data/README.md and PUBLIC_GOOD_ROOT_SOURCE`,
  );
} finally {
  rmSync(cachePath, { recursive: true, force: true });
}
