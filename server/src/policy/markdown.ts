// Hovers and reports are built as small documents — headings, paragraphs, lists, tables — of spans,
// and rendered as Markdown or as plain text (for clients without Markdown). This is the one place
// where markup is written: a string handed to it is always shown as text, so no registry or file string can
// format, link, load an image, run a command or inject HTML, whatever it contains. The only markup
// is the product's own: the literal parts of `md` templates, code spans, strong/emphasis, and a
// link to an https URL the product built.
import { escapeControls, LINE_BREAKS } from '../model/controlChars.js';

type Part =
  | { kind: 'product' | 'value' | 'code'; text: string }
  | { kind: 'strong' | 'em'; parts: Part[] }
  | { kind: 'link'; label: string; href: string };

/** A run of inline content. Build it with `md`, `code`, `strong`, `em` and `link`. */
export class Span {
  constructor(readonly parts: readonly Part[]) {}
}

type SpanInput = string | Span;

const toParts = (x: SpanInput): Part[] => (typeof x === 'string' ? [{ kind: 'value', text: x }] : [...x.parts]);

/** `md\`Publisher ${code(ns)}: ${text}\``: the literal parts are product text; every interpolated
 * string is a value (shown as text, whatever it holds); interpolated spans keep their markup. */
export function md(strings: TemplateStringsArray, ...values: SpanInput[]): Span {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push({ kind: 'product', text: s });
    if (i < values.length) parts.push(...toParts(values[i] as SpanInput));
  });
  return new Span(parts);
}

export const text = (s: string): Span => new Span([{ kind: 'value', text: s }]);
export const code = (s: string): Span => new Span([{ kind: 'code', text: s }]);
export const strong = (x: SpanInput): Span => new Span([{ kind: 'strong', parts: toParts(x) }]);
export const em = (x: SpanInput): Span => new Span([{ kind: 'em', parts: toParts(x) }]);
/** A link; `href` must be an https URL the product built (anything else is shown as text). */
export const link = (label: string, href: string): Span => new Span([{ kind: 'link', label, href }]);

/** Spans joined by a product separator. */
export function join(spans: readonly SpanInput[], separator: string): Span {
  return new Span(
    spans.flatMap((s, i) => (i ? [{ kind: 'product' as const, text: separator }, ...toParts(s)] : toParts(s))),
  );
}

type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; span: Span }
  | { kind: 'para'; span: Span }
  | { kind: 'list'; items: Span[] }
  | { kind: 'table'; head: string[]; rows: Span[][] };

/** Folds line breaks (a lone CR included: CommonMark ends a line there) and shows other control
 * characters as escapes: registry text is one line of visible characters. */
function oneLine(s: string): string {
  return escapeControls(s.replace(LINE_BREAKS, ' ').replace(/\t/g, ' '));
}

/** Value text for Markdown: every character that can start markup anywhere inside a paragraph is
 * backslash-escaped (CommonMark: any ASCII punctuation may be), and GFM's extended autolinks are
 * broken up — `www.`, the `/` after a scheme's `:` (`https://`), every `@` (e-mail, `xmpp:`) — as is
 * VS Code's `$(icon)` syntax. What is left (letters, digits, `,.;:'"()/?%-+={}^` elsewhere) has no
 * meaning mid-paragraph once `[` `]` `<` are escaped. */
function escapeValue(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_~[\]<>&|!$@#]/g, (c) => `\\${c}`)
    .replace(/(?<=:)\//g, '\\/')
    .replace(/(?<=www)\./gi, '\\.');
}

/** Product text: written by us, escaped only so that a stray character cannot become markup. */
function escapeProduct(s: string): string {
  return oneLine(s).replace(/[\\`*_~[\]<>&|]/g, (c) => `\\${c}`);
}

/** A code span that cannot be broken out of: a fence longer than any backtick run inside. At the
 * start of a block a fence of three or more would open a fenced code block: shown as text then. */
function codeSpan(s: string, atBlockStart: boolean): string {
  const content = oneLine(s);
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  if (content.trim() === '' || (atBlockStart && longest >= 2)) return escapeValue(content);
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Only an https URL, percent-encoded down to characters that cannot end a link destination. */
function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  return url.href.replace(/[^A-Za-z0-9\-._~/:%?=&#+]/g, (c) =>
    encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

function markdownOf(parts: readonly Part[], inCell: boolean, atBlockStart = false): string {
  return parts
    .map((p, i) => {
      switch (p.kind) {
        case 'product':
          return atBlockStart && i === 0 ? guardStart(escapeProduct(p.text)) : escapeProduct(p.text);
        case 'value':
          return atBlockStart && i === 0 ? guardStart(escapeValue(p.text)) : escapeValue(p.text);
        case 'code':
          // In a GFM table a `|` ends the cell even inside a code span, and the backslash that
          // escapes it cannot itself be escaped there: such text is shown as escaped text instead.
          return inCell && /[|\\]/.test(p.text) ? escapeValue(p.text) : codeSpan(p.text, atBlockStart && i === 0);
        case 'strong':
          return `**${markdownOf(p.parts, inCell, atBlockStart && i === 0)}**`;
        case 'em':
          return `_${markdownOf(p.parts, inCell, atBlockStart && i === 0)}_`;
        case 'link': {
          const href = safeHref(p.href);
          // parentheses too: marked ends link text early at `\](` otherwise
          return href
            ? `[${escapeValue(p.label).replace(/[()]/g, '\\$&')}](${href})`
            : escapeValue(`${p.label} (${p.href})`);
        }
      }
    })
    .join('');
}

/** Text that starts a block must not make it a heading, quote, list or HTML block (values escape
 * most of these themselves; `-`, `+`, `=` and `1.` mean something only there). */
function guardStart(md: string): string {
  const s = md.replace(/^\s+/, '');
  if (/^[#>+\-=~|<[!]/.test(s)) return `\\${s}`;
  return s.replace(/^(\d+)([.)])/, '$1\\$2');
}

function plainOf(parts: readonly Part[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'product':
        case 'value':
        case 'code':
          return oneLine(p.text);
        case 'strong':
        case 'em':
          return plainOf(p.parts);
        case 'link': {
          // the URL the Markdown links to, or what Markdown shows when it does not link
          const href = safeHref(p.href);
          return href ? `${oneLine(p.label)}: ${href}` : oneLine(`${p.label} (${p.href})`);
        }
      }
    })
    .join('');
}

/** Blocks in order, rendered as Markdown or plain text. */
export class MarkdownDoc {
  private readonly blocks: Block[] = [];

  heading(level: 1 | 2 | 3, span: SpanInput): this {
    this.blocks.push({ kind: 'heading', level, span: typeof span === 'string' ? text(span) : span });
    return this;
  }

  para(span: SpanInput): this {
    this.blocks.push({ kind: 'para', span: typeof span === 'string' ? text(span) : span });
    return this;
  }

  list(items: Span[]): this {
    if (items.length) this.blocks.push({ kind: 'list', items });
    return this;
  }

  /** `head` is product text. */
  table(head: string[], rows: Span[][]): this {
    if (rows.length) this.blocks.push({ kind: 'table', head, rows });
    return this;
  }

  markdown(): string {
    return this.blocks
      .map((b) => {
        switch (b.kind) {
          case 'heading':
            return `${'#'.repeat(b.level)} ${markdownOf(b.span.parts, false, true)}`;
          case 'para':
            return markdownOf(b.span.parts, false, true);
          case 'list':
            return b.items.map((i) => `- ${markdownOf(i.parts, false, true)}`).join('\n');
          case 'table': {
            const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
            return [
              row(b.head.map(escapeProduct)),
              row(b.head.map(() => '---')),
              ...b.rows.map((r) => row(r.map((c) => markdownOf(c.parts, true)))),
            ].join('\n');
          }
        }
      })
      .join('\n\n');
  }

  plainText(): string {
    return this.blocks
      .map((b) => {
        switch (b.kind) {
          case 'heading':
          case 'para':
            return plainOf(b.span.parts);
          case 'list':
            return b.items.map((i) => `- ${plainOf(i.parts)}`).join('\n');
          case 'table': {
            const cells = [b.head, ...b.rows.map((r) => r.map((c) => plainOf(c.parts)))];
            const widths = b.head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
            return cells
              .map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join('  '))
              .join('\n');
          }
        }
      })
      .join('\n\n');
  }
}

/** Truncates untrusted text for display. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
