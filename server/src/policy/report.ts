// The workspace at a glance as data (the Images view) and as Markdown people attach to a review.
// Registry and file text in the Markdown is inert: it is built as a MarkdownDoc (markdown.ts).
import type { ImageFacts } from '../model/facts.js';
import { severityRank, type Finding } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import type { Settings } from '../model/settings.js';
import type { Verdict, WorkspaceImage } from '../protocol.js';
import { evaluate } from './evaluate.js';
import { glanceLine } from './glance.js';
import { clip, code, MarkdownDoc, md, strong } from './markdown.js';
import { utcTime } from './time.js';

export function workspaceImage(
  ref: ImageReference,
  facts: ImageFacts | undefined,
  settings: Settings,
  now: number,
): WorkspaceImage {
  const findings = evaluate(ref, facts, settings, now);
  return {
    range: ref.range,
    text: ref.text,
    image: ref.image,
    source: ref.source,
    verdict: verdictOf(ref, facts, findings),
    glance: glanceLine(ref, facts, now, findings),
    findings: findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
  };
}

function verdictOf(ref: ImageReference, facts: ImageFacts | undefined, findings: Finding[]): Verdict {
  if (ref.skip) return 'skipped';
  const worst = findings.reduce<Finding | null>(
    (w, f) => (!w || severityRank(f.severity) > severityRank(w.severity) ? f : w),
    null,
  );
  if (worst) return worst.severity;
  return facts ? 'ok' : 'pending';
}

const VERDICT_TEXT: Record<Verdict, string> = {
  error: '⛔ error',
  warning: '⚠️ warning',
  information: 'ℹ️ information',
  hint: '💡 hint',
  ok: '✅ no finding',
  skipped: '— skipped',
  pending: '… not looked up',
};

/** A Markdown report: one table row per image, then the findings of each file. */
export function reportMarkdown(files: Array<{ file: string; images: WorkspaceImage[] }>, now: number): string {
  const images = files.flatMap((f) => f.images.map((i) => ({ file: f.file, ...i })));
  const counts = (['error', 'warning', 'information', 'hint'] as const)
    .map((s) => [s, images.reduce((n, i) => n + i.findings.filter((f) => f.severity === s).length, 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const doc = new MarkdownDoc()
    .heading(1, md`Image Trust report`)
    .para(
      md`${String(images.length)} image reference${images.length === 1 ? '' : 's'} in ${String(files.length)} file${files.length === 1 ? '' : 's'}, ${utcTime(now)}${counts.length ? md`: ${counts.join(', ')}` : ''}.`,
    )
    .table(
      ['file', 'image', 'verdict', 'at a glance'],
      images.map((i) => [
        code(`${i.file}:${i.range.start.line + 1}`),
        code(clip(i.image ?? i.text, 200)),
        md`${VERDICT_TEXT[i.verdict]}`,
        md`${i.glance}`,
      ]),
    );
  for (const f of files) {
    const withFindings = f.images.filter((i) => i.findings.length > 0);
    if (!withFindings.length) continue;
    doc.heading(2, f.file);
    doc.list(
      withFindings.flatMap((i) =>
        i.findings.map(
          (fd) =>
            md`line ${String(i.range.start.line + 1)}, ${code(clip(i.text, 200))}: ${strong(fd.severity)} ${code(fd.code)}: ${fd.message}`,
        ),
      ),
    );
  }
  return `${doc.markdown()}\n`;
}
