// Markup injection in hovers (issue 9, class 2): every string a registry, the Hub or a file
// controls is set to each payload of a hostile corpus, the hover is rendered as VS Code renders it
// (marked, GFM on, raw HTML allowed — the strictest case) and the HTML is parsed (parse5, as a
// browser would). No element, attribute or link may appear but the product's own (its one Docker
// Hub link), and what a person reads is exactly the plain-text hover: the same words, nothing
// swallowed, nothing formatted away. The plain-text hover (clients without Markdown) shows every
// control character as an escape.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Marked } from 'marked';
import { parseFragment } from 'parse5';
import { foundSignature, type ImageFacts } from '../../../server/src/model/facts.js';
import type { ImageReference } from '../../../server/src/model/reference.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { escapeControls } from '../../../server/src/model/controlChars.js';
import { hoverDoc, platformString } from '../../../server/src/policy/index.js';
import { D1, D2, NOW, facts, ref } from '../../helpers/facts.js';

const settings = normalizeSettings({});
const marked = new Marked({ gfm: true });

export const PAYLOADS: readonly string[] = [
  '[click me](command:workbench.action.terminal.new?%5B%22rm%20-rf%22%5D)',
  '[x][r]\n\n[r]: command:workbench.action.openSettings',
  '<a href="command:git.clone">clone</a>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://evil.example.test/pixel.png">',
  '![tracker](https://evil.example.test/pixel.png)',
  '<command:workbench.action.terminal.new>',
  '<https://evil.example.test/phish>',
  'https://evil.example.test/phish and http://evil.example.test',
  'www.evil.example.test WWW.Evil.example.test',
  'victim@evil.example.test, xmpp:chat@evil.example.test, mailto:a@evil.example.test',
  '``` \nclosing fence\n```',
  '`` ` `` break ` out `',
  '&lt;img src=x&gt; &#60;script&#62; &amp;',
  '**bold** _em_ ~~strike~~ ~one~ __b__ *i*',
  '\n# heading\n- list\n> quote',
  'a\r# heading after a lone CR',
  'a\r\n===\r\nsetext',
  'a\u2028# after a line separator',
  '# starts as a heading',
  '- starts as a list',
  '1. starts as an ordered list',
  '> starts as a quote',
  '    starts indented',
  '<div>starts as HTML</div>',
  '| a | b |\n|---|---|\n| c | d |',
  'x\\|y',
  'x\\',
  '\\[escaped\\](command:x)',
  '$(verified) Verified publisher',
  '<!-- hidden --><script>alert(1)</script><style>*{}</style><svg onload=alert(1)>',
  '\u001b[31mred\u001b[0m \u001b]8;;https://evil.example.test\u0007link\u001b]8;;\u0007',
  '\u202eevil\u202c \u0000 \u0085',
];
const ALL = PAYLOADS.join(' ');
/** what an HTTP header can carry: no line breaks */
const ONE_LINE = ALL.replace(/[\r\n]/g, ' ');

interface Element {
  tag: string;
  attrs: Array<{ name: string; value: string }>;
  children: Array<Element | string>;
}

type P5Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: P5Node[];
};

function toElement(n: P5Node): Element | string {
  if (n.nodeName === '#text') return n.value ?? '';
  if (n.nodeName === '#comment') return { tag: '#comment', attrs: [], children: [] };
  return { tag: n.tagName ?? n.nodeName, attrs: n.attrs ?? [], children: (n.childNodes ?? []).map(toElement) };
}

/** The hover's Markdown as a browser sees it: top-level elements. */
function render(md: string): Element[] {
  const html = marked.parse(md, { async: false });
  const root = parseFragment(html) as unknown as P5Node;
  return (root.childNodes ?? []).map(toElement).filter((e): e is Element => typeof e !== 'string');
}

function textOf(e: Element | string): string {
  return typeof e === 'string' ? e : e.children.map(textOf).join('');
}

/** Text as the plain-text hover writes it: a link is `label: href`. */
function shown(e: Element | string): string {
  if (typeof e === 'string') return e;
  if (e.tag === 'a') return `${textOf(e)}: ${e.attrs.find((a) => a.name === 'href')?.value ?? ''}`;
  return e.children.map(shown).join('');
}

function* walk(e: Element): Generator<Element> {
  yield e;
  for (const c of e.children) if (typeof c !== 'string') yield* walk(c);
}

const ALLOWED = new Set(['p', 'strong', 'em', 'code', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a']);

/** Element and attribute problems; the product's own link is allowed once, and links the product
 * builds from validated provenance where the case allows them. */
function foreignMarkup(blocks: Element[], hubLink: string | null, allowed: RegExp[] = []): string[] {
  const found: string[] = [];
  let hubLinks = 0;
  for (const b of blocks) {
    for (const e of walk(b)) {
      if (!ALLOWED.has(e.tag)) found.push(`<${e.tag}>`);
      if (e.tag === 'a') {
        const href = e.attrs.find((a) => a.name === 'href')?.value ?? '';
        const hub = href === hubLink && textOf(e) === 'Open on Docker Hub';
        if (hub) hubLinks++;
        if (e.attrs.length !== 1 || (!hub && !allowed.some((re) => re.test(href))))
          found.push(`<a ${JSON.stringify(e.attrs)}>${textOf(e)}`);
      } else {
        for (const a of e.attrs) found.push(`<${e.tag} ${a.name}=${JSON.stringify(a.value)}>`);
      }
    }
  }
  if (hubLinks !== (hubLink ? 1 : 0)) found.push(`${hubLinks} Docker Hub links`);
  return found;
}

/** What a reader of the rendered hover sees, block by block, in the plain-text layout. */
function readable(blocks: Element[]): string[] {
  return blocks.map((b) => {
    if (b.tag === 'ul')
      return [...walk(b)]
        .filter((e) => e.tag === 'li')
        .map((li) => `- ${shown(li).trim()}`)
        .join('\n');
    if (b.tag === 'table')
      return [...walk(b)]
        .filter((e) => e.tag === 'tr')
        .map((tr) =>
          [...walk(tr)]
            .filter((e) => e.tag === 'th' || e.tag === 'td')
            .map((c) => shown(c).trim())
            .join(' | '),
        )
        .join('\n');
    return shown(b).trim();
  });
}

/** The plain-text hover in the same layout (tables as `cell | cell`). */
function plainBlocks(plain: string, tableRows: string[][] | null): string[] {
  return plain.split('\n\n').map((b) => {
    if (tableRows && b.startsWith('platform')) return tableRows.map((r) => r.join(' | ')).join('\n');
    return b.trim();
  });
}

interface Case {
  name: string;
  ref?: ImageReference;
  facts: ImageFacts | undefined;
  /** links the product builds from validated provenance (besides its Docker Hub link) */
  links?: RegExp[];
}

const hostileRef = (field: Partial<ImageReference>) => ref('nginx:1.27', field);

const cases: Case[] = [
  {
    name: 'description',
    ref: ref('someone/tool:0.1'),
    facts: facts({ description: ALL, publisher: { namespace: 'someone', badge: 'none' } }),
  },
  ...PAYLOADS.map((p, i) => ({
    name: `description alone #${i}: ${JSON.stringify(p).slice(0, 40)}`,
    ref: ref('someone/tool:0.1'),
    facts: facts({ description: p, publisher: { namespace: 'someone', badge: 'none' } }),
  })),
  {
    name: 'error message (nothing cached)',
    facts: facts({ error: { kind: 'bad-response', message: ALL }, digest: null, platforms: [], signedDigest: null }),
  },
  { name: 'error message (stale facts)', facts: facts({ stale: true, error: { kind: 'network', message: ALL } }) },
  { name: 'partial facts message', facts: facts({ partial: { kind: 'network', message: ALL } }) },
  {
    name: 'rate-limited retryAt that is not a date',
    facts: facts({
      error: { kind: 'rate-limited', message: ALL, retryAt: '<img src=x>' },
      digest: null,
      platforms: [],
    }),
  },
  {
    name: 'platform os/architecture/variant',
    facts: facts({
      platforms: PAYLOADS.map((p, i) => ({ os: p, architecture: `arch|${i}\\`, variant: '`v8`|<b>', digest: D2 })),
    }),
  },
  {
    name: 'platform digest (from index JSON: any string)',
    facts: facts({ platforms: PAYLOADS.map((p) => ({ os: 'linux', architecture: 'amd64', digest: `sha256:${p}` })) }),
  },
  {
    name: 'tag digest (from a header: one line)',
    facts: facts({ digest: `sha256:${ONE_LINE}`, signedDigest: `sha256:${ONE_LINE}` }),
  },
  {
    name: 'signature kind, attestation kind',
    facts: facts({
      signatures: [{ ...foundSignature('cosign', D2), kind: ALL as 'cosign' }],
      attestations: [{ kind: ALL as 'sbom' }],
    }),
  },
  {
    name: 'signature digest and reason',
    facts: facts({
      signatures: [
        { kind: 'cosign', digest: `sha256:${ALL}`, verification: 'invalid', signer: null, reason: ALL },
        { kind: 'notation', digest: D2, verification: 'unverified', signer: null, reason: ALL },
      ],
    }),
  },
  {
    name: 'signer key and keyless identity',
    facts: facts({
      signatures: [
        {
          kind: 'cosign',
          digest: D2,
          verification: 'verified',
          signer: { key: ALL },
          reason: null,
          evidence: { method: 'key', loggedAt: ALL },
        },
        {
          kind: 'sigstore-bundle',
          digest: D2,
          verification: 'verified',
          signer: { issuer: ALL, identity: ALL },
          reason: null,
        },
        {
          kind: 'sigstore-bundle',
          digest: D2,
          verification: 'verified',
          signer: { issuer: 'https://token.actions.githubusercontent.com', identity: `https://github.com/${ALL}` },
          reason: null,
        },
        {
          kind: 'notation',
          digest: D2,
          verification: 'verified',
          signer: { key: ALL },
          reason: null,
          evidence: { method: 'key', subject: ALL },
        },
      ],
    }),
  },
  {
    name: 'provenance revision and builder (a linked repository)',
    facts: facts({
      provenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: ALL,
        builder: ALL,
        from: 'slsa-provenance',
      },
    }),
    links: [/^https:\/\/github\.com\/acme\/app\/tree\/[A-Za-z0-9\-._~/:%?=&#+]+$/],
  },
  {
    name: 'provenance repository that is not linked',
    facts: facts({
      provenance: {
        sourceRepository: `https://evil.example.test/${ALL}`,
        revision: ALL,
        builder: null,
        from: 'oci-annotations',
      },
    }),
  },
  {
    name: 'a drift compare view with hostile revisions',
    ref: ref(`acme/app:1.2.0@${D1}`),
    facts: facts({
      digest: D2,
      signedDigest: D1,
      pinnedDigestExists: true,
      provenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: ALL,
        builder: null,
        from: 'oci-annotations',
      },
      latestProvenance: {
        sourceRepository: 'https://github.com/acme/app',
        revision: `${ALL}2`,
        builder: null,
        from: 'oci-annotations',
      },
    }),
    links: [
      /^https:\/\/github\.com\/acme\/app\/tree\//,
      /^https:\/\/github\.com\/acme\/app\/compare\/[A-Za-z0-9\-._~/:%?=&#+]+$/,
    ],
  },
  { name: 'publisher namespace', facts: facts({ publisher: { namespace: ALL, badge: 'none' } }) },
  { name: 'lastPushed', facts: facts({ lastPushed: ALL }) },
  { name: 'reference text (a file names the image)', ref: ref(ALL), facts: facts() },
  { name: 'platform written in the file', ref: hostileRef({ platform: ALL }), facts: facts() },
  {
    name: 'no-fix reason naming a file variable',
    ref: hostileRef({ noFixReason: ALL, pinSite: undefined }),
    facts: facts(),
  },
  {
    name: 'skip detail (its own paragraph)',
    ref: ref('${X}', { skip: 'variable', image: null, skipDetail: ALL }),
    facts: undefined,
  },
  ...['# h', '- l', '1. o', '> q', '    i', '```x', '<div>', '[r]: command:x'].map((p) => ({
    name: `skip detail starting ${JSON.stringify(p)}`,
    ref: ref('${X}', { skip: 'variable' as const, image: null, skipDetail: p }),
    facts: undefined,
  })),
  {
    name: 'a registry outside Docker Hub',
    ref: ref('ghcr.io/acme/app:1', { registry: ALL }),
    facts: facts({ publisher: null }),
  },
];

describe('hostile registry and file text in hovers renders as text', () => {
  for (const c of cases) {
    test(c.name, () => {
      const r = c.ref ?? ref('nginx:1.27');
      const doc = hoverDoc(r, c.facts, settings, NOW);
      const md = doc.markdown();
      const blocks = render(md);
      const hub =
        r.registry === 'docker.io' && c.facts
          ? `https://hub.docker.com/${r.repository?.startsWith('library/') ? `_/${r.repository.slice(8)}` : `r/${r.repository}`}`
          : null;
      assert.deepEqual(foreignMarkup(blocks, hub, c.links), [], md);
      const platforms = c.facts?.platforms?.length ? c.facts.platforms.slice(0, 16) : null;
      const rows = platforms
        ? [['platform', 'digest'], ...platforms.map((p) => [platformString(p), p.digest].map(shownValue))]
        : null;
      for (const tr of blocks.flatMap((b) => [...walk(b)]).filter((e) => e.tag === 'tr')) {
        assert.equal(
          tr.children.filter((c) => typeof c !== 'string').length,
          2,
          `a table row keeps its two cells: ${textOf(tr)}`,
        );
      }
      // the same words as the plain-text hover: nothing swallowed, nothing turned into markup
      assert.deepEqual(readable(blocks), plainBlocks(doc.plainText(), rows), md);
    });
  }

  test('generated descriptions from a markup alphabet render as exactly their text', () => {
    const pieces = [
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '!',
      '*',
      '_',
      '~',
      '`',
      '\\',
      '|',
      '&',
      '#',
      ';',
      ':',
      '/',
      '.',
      '@',
      '$',
      '-',
      '+',
      '=',
      '1',
      'a',
      ' ',
      '\n',
      '\r',
      '\t',
      'www.',
      'http://',
      'https://x.y',
      'command:',
      'img',
      'a@b.c',
      '&lt;',
      '&#60;',
      '\u001b',
      '\u202e',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (chosen) => {
        const description = chosen.join('');
        const doc = hoverDoc(
          ref('someone/tool:0.1'),
          facts({ description, publisher: { namespace: 'someone', badge: 'none' }, platforms: [] }),
          settings,
          NOW,
        );
        const blocks = render(doc.markdown());
        assert.deepEqual(foreignMarkup(blocks, 'https://hub.docker.com/r/someone/tool'), []);
        assert.deepEqual(readable(blocks), plainBlocks(doc.plainText(), null));
      }),
      { numRuns: 400 },
    );
  });

  test('the renderer and checker see markup where there is some (control)', () => {
    const blocks = render('[a](command:x) <img src=x> ![a](b) www.example.test a@b.example.test\n\n# h');
    assert.deepEqual(foreignMarkup(blocks, null), [
      '<a [{"name":"href","value":"command:x"}]>a',
      '<img>',
      '<img src="x">',
      '<img>',
      '<img src="b">',
      '<img alt="a">',
      '<a [{"name":"href","value":"http://www.example.test"}]>www.example.test',
      '<a [{"name":"href","value":"mailto:a@b.example.test"}]>a@b.example.test',
      '<h1>',
    ]);
  });
});

/** A value as both hovers show it: one line, control characters as escapes. */
function shownValue(s: string): string {
  return escapeControls(s.replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ').replace(/\t/g, ' ')).trim();
}

describe('the plain-text hover', () => {
  test('shows values as written, control characters as escapes, no markup characters of its own', () => {
    const description = 'a *b* [c](command:x) \u001b[31mred\u001b]8;;https://e\u0007 \u202eevil\rline';
    const plain = hoverDoc(
      ref('someone/tool:0.1'),
      facts({ description, publisher: { namespace: 'someone', badge: 'none' } }),
      settings,
      NOW,
    ).plainText();
    assert.ok(
      plain.includes(
        'Description (from the registry): a *b* [c](command:x) \\x1b[31mred\\x1b]8;;https://e\\x07 \\u202eevil line',
      ),
      plain,
    );
    assert.ok(plain.includes('Publisher someone: No badge: nobody vouches'), plain);
    assert.ok(plain.includes('Open on Docker Hub: https://hub.docker.com/r/someone/tool'), plain);
    assert.doesNotMatch(plain, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.doesNotMatch(plain, /\*\*|`/);
  });
});
