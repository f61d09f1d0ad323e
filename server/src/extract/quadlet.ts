// Podman quadlet units: `Image=` in `[Container]` (x.container), `[Image]` (x.image) and
// `[Volume]` (x.volume, image-backed volumes). As in systemd, the last `Image=` of a section is
// the one that counts, so only it is reported. A `docker://` transport prefix is not part of the
// name; other transports (`docker-archive:`, `oci-archive:`, `containers-storage:`, …) name local
// files or storage, not registry images, and `Image=app.image` / `Image=app.build` names another
// quadlet unit: neither is reported. Labels, `Exec=` and the rest are never read. `%` specifiers
// are known only when systemd runs the unit.
import { LineIndex } from '../model/range.js';
import type { ImageReference } from '../model/reference.js';
import { buildReference } from './reference-builder.js';
import type { ExtractResult } from './types.js';
import { readUnitFile, type UnitEntry } from './unitFile.js';
import type { Resolver } from './variables.js';
import { referenceFromSpan } from './yamlReference.js';

const SECTIONS: Record<string, string> = { container: 'Container', image: 'Image', volume: 'Volume' };
const LOCAL_TRANSPORT = /^(docker-archive|oci-archive|oci|dir|containers-storage|docker-daemon|sif):/;

const specifierResolver: Resolver = (written) => {
  const m = /%(.)/.exec(written);
  return m
    ? { kind: 'unresolved', detail: `the systemd specifier %${m[1] ?? ''} is known only when the unit runs` }
    : { kind: 'literal' };
};

export function extractQuadlet(file: string, text: string): ExtractResult {
  const index = new LineIndex(text);
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const wanted = SECTIONS[ext];
  const last = new Map<string, UnitEntry>();
  for (const entry of readUnitFile(text)) {
    if (entry.key !== 'Image') continue;
    if (wanted ? entry.section === wanted : Object.values(SECTIONS).includes(entry.section))
      last.set(entry.section, entry);
  }
  const references: ImageReference[] = [];
  for (const entry of last.values()) {
    const ref = entryReference(file, index, entry);
    if (ref) references.push(ref);
  }
  return { references, problems: [] };
}

function entryReference(file: string, index: LineIndex, entry: UnitEntry): ImageReference | null {
  const value = entry.value;
  if (value === '' || LOCAL_TRANSPORT.test(value) || /\.(image|build)$/.test(value)) return null;
  if (entry.continued) {
    return buildReference({
      file,
      source: 'quadlet',
      text: index.text.slice(entry.start, entry.end),
      range: index.rangeOf(entry.start, entry.end),
      skip: 'invalid',
      skipDetail: 'the image is continued over several lines, so its characters cannot be mapped to a range exactly',
      pinSite: null,
      noFixReason: 'the written value cannot be mapped to an exact range',
    });
  }
  let start = entry.start;
  let end = entry.end;
  const quote = value[0];
  if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote)) {
    start++;
    end--;
  }
  if (index.text.startsWith('docker://', start)) start += 'docker://'.length;
  const ctx = { file, source: 'quadlet' as const, index, resolve: specifierResolver };
  return referenceFromSpan(ctx, { start, end, text: index.text.slice(start, end) });
}
