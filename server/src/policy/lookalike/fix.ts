// The fix a lookalike verdict offers: the name it imitates, written in place of the imitating part
// (`ngnix:1.27` → `nginx:1.27`, `ghrc.io/acme/app` → `ghcr.io/acme/app`, `bitnarni/redis` →
// `bitnami/redis`). Never preferred: it changes what is pulled, so a person chooses it. Not offered
// where the reference pins a digest (a digest of one repository is not in another), where the
// reference is not written in one place, or where the imitated registry is a domain that serves no
// images itself.
import type { Fix } from '../../model/finding.js';
import { toImageName } from '../../model/imageName.js';
import type { ImageReference } from '../../model/reference.js';
import type { LookalikeVerdict } from './judge.js';

export function lookalikeFix(ref: ImageReference, v: LookalikeVerdict): Fix | null {
  const site = ref.pinSite;
  if (ref.digest || site?.kind !== 'reference') return null;
  const parsed = toImageName(site.text);
  if (!parsed.ok || parsed.value.digest) return null;
  const { spans } = parsed.value;
  const written = site.text;
  const domain = spans.domain ? written.slice(spans.domain.start, spans.domain.end) : null;
  const path = written.slice(spans.path.start, spans.path.end);
  const rest = written.slice(spans.name.end);
  const i = v.imitates;
  let name: string | null = null;
  let title: string;
  switch (i.kind) {
    case 'registry':
      if (i.meant === null || domain === null) return null;
      // a port belonged to the impostor's host, not to the registry meant
      name = `${i.meant}/${path}`;
      title = `Use the registry ${i.meant} (${i.name}) instead of ${v.part}`;
      break;
    case 'namespace': {
      const [ns = '', ...tail] = path.split('/');
      if (ns !== v.part || tail.length === 0) return null;
      name = `${domain ? `${domain}/` : ''}${[i.namespace, ...tail].join('/')}`;
      title = `Use ${[i.namespace, ...tail].join('/')} (namespace ${i.namespace}) instead`;
      break;
    }
    case 'official':
      // the official image lives on Docker Hub: a name on another registry keeps its registry
      if (parsed.value.registry !== 'docker.io') return null;
      name = domain ? `${domain}/${i.name}` : i.name;
      title = `Use the Docker Official Image ${i.name} instead`;
      break;
  }
  return {
    title: `${title} (check that it is what you meant)`,
    edit: { range: site.range, newText: `${name}${rest}` },
    preferred: false,
  };
}
