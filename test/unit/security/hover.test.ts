// Markdown injection in hovers: every string a registry or the Hub controls (description, error
// messages, platform os/arch/variant, digests, signature digests) is put into hostile facts, and the
// hover must contain no markup that came from them: no links (command: or otherwise), no images, no
// HTML, no autolinks, no broken-out code spans, no extra table cells. The only link is the product's
// own "Open on Docker Hub".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foundSignature, type ImageFacts } from '../../../server/src/model/facts.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import { hoverMarkdown } from '../../../server/src/policy/index.js';
import { D1, D2, NOW, facts, ref } from '../../helpers/facts.js';

const settings = normalizeSettings({});

const PAYLOADS = [
  '[click me](command:workbench.action.terminal.new?%5B%22rm%20-rf%22%5D)',
  '[x][r]\n\n[r]: command:workbench.action.openSettings',
  '<a href="command:git.clone">clone</a>',
  '<img src=x onerror=alert(1)>',
  '![tracker](https://evil.example.test/pixel.png)',
  '<command:workbench.action.terminal.new>',
  '<https://evil.example.test/phish>',
  '``` \nclosing fence\n```',
  '`` ` `` break ` out `',
  '&lt;img src=x&gt; &#60;script&#62;',
  '**bold** _em_ ~~strike~~',
  '\n# heading\n- list\n> quote',
  '| a | b |\n|---|---|\n| c | d |',
  '\\[escaped\\](command:x)',
];
const ALL = PAYLOADS.join(' ');
/** what an HTTP header (Docker-Content-Digest) can carry: no line breaks */
const ONE_LINE = ALL.replace(/[\r\n]/g, ' ');

/** Markup outside code spans, honouring backslash escapes: what a CommonMark/GFM renderer would act on. */
function markupOutsideCode(md: string): string[] {
  const found: string[] = [];
  // drop code spans first (a run of N backticks closes only at a run of N backticks)
  let text = '';
  for (let i = 0; i < md.length;) {
    if (md[i] === '\\') {
      text += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (md[i] === '`') {
      let n = 0;
      while (md[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let close = md.indexOf(fence, i + n);
      while (close >= 0 && md[close + n] === '`') close = md.indexOf(fence, close + n + 1);
      // a blank line ends the paragraph: a code span cannot cross it
      if (close >= 0 && /\n[ \t]*\n/.test(md.slice(i, close))) close = -1;
      if (close < 0) {
        found.push(`unclosed code span at ${i}`);
        text += md.slice(i);
        break;
      }
      text += ' ';
      i = close + n;
      continue;
    }
    text += md[i];
    i++;
  }
  const unescaped = (re: RegExp) => {
    for (const m of text.matchAll(re)) {
      const before = text.slice(0, m.index);
      const slashes = /\\*$/.exec(before)?.[0].length ?? 0;
      if (slashes % 2 === 0) found.push(m[0]);
    }
  };
  unescaped(/<[a-zA-Z!/][^>]*>?/g); // HTML and autolinks
  unescaped(/!\[/g); // images
  unescaped(/\]\([^)\s]*/g); // inline links (with their target, so the Hub link can be told apart)
  unescaped(/\]\[/g); // reference links
  unescaped(/^\s*\[[^\]]*\]:/gm); // link reference definitions
  unescaped(/&#?[a-zA-Z0-9]+;/g); // entities (could spell < and >)
  return found.filter((m) => !m.startsWith('](https://hub.docker.com/'));
}

interface Case { name: string; facts: ImageFacts; refText?: string }

const cases: Case[] = [
  { name: 'description', facts: facts({ description: ALL, publisher: { namespace: 'someone', badge: 'none' } }), refText: 'someone/tool:0.1' },
  { name: 'error message (nothing cached)', facts: facts({ error: { kind: 'bad-response', message: ALL }, digest: null, platforms: [], signedDigest: null }) },
  { name: 'error message (stale facts)', facts: facts({ stale: true, error: { kind: 'network', message: ALL } }) },
  { name: 'rate-limited retryAt that is not a date', facts: facts({ error: { kind: 'rate-limited', message: ALL, retryAt: '<img src=x>' }, digest: null, platforms: [] }) },
  {
    name: 'platform os/architecture/variant',
    facts: facts({ platforms: PAYLOADS.map((p, i) => ({ os: p, architecture: `arch|${i}`, variant: '`v8`|<b>', digest: D2 })) }),
  },
  {
    name: 'platform strings with links and HTML (no | or line break) stay inside code spans',
    facts: facts({ platforms: PAYLOADS.filter((p) => !/[|\n]/.test(p)).map((p) => ({ os: p, architecture: '<b>x</b>', variant: '[v](command:y)', digest: D2 })) }),
  },
  { name: 'platform digest (from index JSON: any string)', facts: facts({ platforms: PAYLOADS.map((p) => ({ os: 'linux', architecture: 'amd64', digest: `sha256:${p}` })) }) },
  { name: 'tag digest (from a header: one line)', facts: facts({ digest: `sha256:${ONE_LINE}`, signedDigest: `sha256:${ONE_LINE}` }) },
  { name: 'a digest that tries to close a code span and open a link', facts: facts({ digest: `sha256:${D1.slice(7)}\`) [x](command:y` }) },
  { name: 'signature digest', facts: facts({ signatures: [foundSignature('cosign', `sha256:${ALL}`)] }) },
  { name: 'lastPushed', facts: facts({ lastPushed: ALL }) },
];

describe('hostile registry text in hovers renders as text', () => {
  for (const c of cases) {
    test(c.name, () => {
      const md = hoverMarkdown(ref(c.refText ?? 'nginx:1.27'), c.facts, settings, NOW);
      assert.deepEqual(markupOutsideCode(md), [], md);
      assert.ok(md.includes('[Open on Docker Hub](https://hub.docker.com/'), 'the product\'s own link is intact');
      // every table row keeps exactly two cells: a `|` inside a code span still splits a GFM cell
      for (const row of md.split('\n').filter((l) => l.startsWith('| '))) {
        const pipes = [...row.matchAll(/(?<!\\)\|/g)].length;
        assert.equal(pipes, 3, `table row split into extra cells: ${row}`);
      }
    });
  }

  test('the checker itself sees markup (control)', () => {
    for (const p of ['[a](command:x)', '<img src=x>', '![a](b)', '`open', '&#60;', '`a\n\n[r]: command:x`']) {
      assert.notDeepEqual(markupOutsideCode(p), [], p);
    }
    assert.deepEqual(markupOutsideCode(`x \`${PAYLOADS[0]}\` [Open on Docker Hub](https://hub.docker.com/_/nginx)`), []);
  });
});
