import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverAt, open, positionOf, usingSandbox } from './host.js';
import { screenshot } from './shared.js';

describe('hover (registry sandbox)', () => {
  const sandboxInfo = usingSandbox();

  it('FROM nginx:1.27 shows the Official badge, signature state, age and the digest the tag points to', async () => {
    const { document } = await open('Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'nginx:1.27', 2));
    assert.match(
      text.split('\n')[0] ?? '',
      /^\*\*`docker\.io\/library\/nginx:1\.27`\*\* — Docker Official Image · unsigned · pushed 3 days ago · 2 platforms$/,
      'the verdict at a glance first',
    );
    assert.match(text, /Docker Official Image/);
    assert.match(text, /Signatures: \*\*no signature found\*\*/);
    assert.match(text, /Last pushed: 3 days ago/);
    assert.ok(
      text.includes(`points to \`${sandboxInfo().nginx.digest}\``),
      `digest ${sandboxInfo().nginx.digest} not in hover:\n${text}`,
    );
    assert.match(text, /multi-arch index/);
  });

  it('a multi-arch image on Docker Hub (whose tag API lists no platforms): the hover reads its index and shows each platform with its digest', async () => {
    const { document } = await open('Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'nginx:1.27', 2));
    const platforms = sandboxInfo().nginx.platforms ?? [];
    assert.equal(platforms.length, 2);
    for (const p of platforms)
      assert.ok(text.includes(`| \`${p.platform}\` | \`${p.digest}\` |`), `${p.platform} missing:\n${text}`);
    assert.match(text, /Attestations: provenance, SBOM\./);
    assert.doesNotMatch(text, /in the index: not read/);
  });

  it('a compose image: value shows the Verified Publisher badge and a cosign signature no policy names a key for', async () => {
    const { document } = await open('compose.yaml');
    const text = await hoverAt(document.uri, positionOf(document, 'bitnami/redis', 3));
    assert.match(text, /docker\.io\/bitnami\/redis:7\.2/);
    assert.match(text, /Verified Publisher/);
    assert.match(
      text,
      /A cosign signature, \*\*not verified\*\*: it is signed with a key, and no trust policy names a key for this image/,
    );
    assert.ok(text.includes(sandboxInfo().redis.digest), 'redis digest missing');
  });

  it('a keyless-signed image: the hover names the verified GitHub workflow', async () => {
    const { document } = await open('signed/Dockerfile');
    const text = await hoverAt(document.uri, positionOf(document, 'acme/signed', 2));
    assert.match(
      text,
      /Signed by the GitHub workflow `github\.com\/acme\/app\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.2\.0` \(Sigstore, in the transparency log since \d{4}-\d{2}-\d{2}\)/,
    );
    assert.ok(text.includes(sandboxInfo().signedBundleGood.digest), 'the pinned digest is the one verified');
  });

  const VERDICTS: Array<{ tag: string; verdict: string; line: RegExp }> = [
    { tag: 'bundle-broken-chain', verdict: 'invalid', line: /⚠ A Sigstore bundle signature \*\*does not hold\*\*: / },
    {
      tag: 'bundle-other-identity',
      verdict: 'unverified',
      line: /A Sigstore bundle signature, \*\*not verified\*\*: /,
    },
  ];
  for (const v of VERDICTS) {
    it(`a signature that is ${v.verdict} (${v.tag}): the hover says so and why`, async () => {
      const { document } = await open('signed/Dockerfile');
      const text = await hoverAt(document.uri, positionOf(document, `acme/signed:${v.tag}`, 2));
      assert.match(text, v.line, text);
    });
  }

  it('the hover shows in the editor (screenshot when asked)', async () => {
    const editor = await open('Dockerfile');
    const at = positionOf(editor.document, 'nginx:1.27', 2);
    editor.selection = new vscode.Selection(at, at);
    // wait for the facts first, so the on-screen hover is the full one
    await hoverAt(editor.document.uri, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover.png');
  });
});
