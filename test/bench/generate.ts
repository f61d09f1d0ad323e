// Deterministic inputs for the benchmark: a multi-document Kubernetes YAML with an exact number of
// image references, and a long multi-stage Dockerfile. Same text on every run, so runs compare.

const REPOS = [
  'nginx',
  'python',
  'redis',
  'postgres',
  'alpine',
  'busybox',
  'node',
  'golang',
  'bitnami/redis',
  'grafana/grafana',
  'quay.io/prometheus/prometheus',
  'ghcr.io/acme/api',
  'registry.k8s.io/pause',
  'gcr.io/distroless/static',
  'envoyproxy/envoy',
  'mcr.microsoft.com/dotnet/aspnet',
  'public.ecr.aws/docker/library/nginx',
  'localhost:5000/team/app',
];
const TAGS = ['1.27', '3.12-slim', '7.2', '16', '3.19', 'latest', '20-alpine', '1.22', 'v2.53.0', '1.0.0'];
const DIGEST = 'sha256:' + 'ab12'.repeat(16);

/** The image written at reference number `i`: mostly tags, some digests, some variables. */
function imageText(i: number): string {
  const repo = REPOS[i % REPOS.length] ?? 'nginx';
  const tag = TAGS[(i * 7) % TAGS.length] ?? 'latest';
  if (i % 23 === 0) return `${repo}@${DIGEST}`;
  if (i % 17 === 0) return `${repo}:${tag}@${DIGEST}`;
  if (i % 41 === 0) return repo; // implied latest
  return `${repo}:${tag}`;
}

/** `references` image references in Deployments of four containers each (1 init + 3), plus a
 * Service document after every fourth Deployment, so the parser also sees documents without images. */
export function kubernetesYaml(references: number): string {
  const parts: string[] = [];
  let n = 0;
  let d = 0;
  while (n < references) {
    const perDoc = Math.min(4, references - n);
    const containers: string[] = [];
    for (let c = 0; c < perDoc; c++, n++) {
      const quote = n % 5 === 0 ? '"' : '';
      containers.push(
        [
          `      - name: c${c}`,
          `        image: ${quote}${imageText(n)}${quote}`,
          `        ports: [{ containerPort: ${8000 + c} }]`,
        ].join('\n'),
      );
    }
    const init = containers.slice(0, 1);
    const main = containers.slice(1);
    parts.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: app-${d}`,
        `  labels: { app: app-${d}, tier: backend }`,
        'spec:',
        '  replicas: 2',
        `  selector: { matchLabels: { app: app-${d} } }`,
        '  template:',
        `    metadata: { labels: { app: app-${d} } }`,
        '    spec:',
        '      # one init container, then the app containers',
        '      initContainers:',
        ...init,
        ...(main.length ? ['      containers:', ...main] : []),
      ].join('\n'),
    );
    if (d % 4 === 0)
      parts.push(
        [
          'apiVersion: v1',
          'kind: Service',
          `metadata: { name: app-${d} }`,
          'spec:',
          `  selector: { app: app-${d} }`,
          '  ports: [{ port: 80, targetPort: 8001 }]',
        ].join('\n'),
      );
    d++;
  }
  return parts.join('\n---\n') + '\n';
}

/**
 * One Kubernetes `kind: List` document (one YAML document, as `kubectl get -o yaml` writes) of
 * Pods with four containers each, exactly `references` images in all: about 90 bytes a
 * reference, so 400,000 references make a 36 MB file.
 */
export function kubernetesList(references: number): string {
  const out: string[] = ['apiVersion: v1', 'items:'];
  let n = 0;
  for (let p = 0; n < references; p++) {
    out.push(
      '- apiVersion: v1',
      '  kind: Pod',
      `  metadata: { name: pod-${p}, labels: { app: a${p % 97} } }`,
      '  spec:',
      '    containers:',
    );
    for (let c = 0; c < 4 && n < references; c++, n++) {
      const quote = n % 5 === 0 ? '"' : '';
      out.push(`    - name: c${c}`, `      image: ${quote}${imageText(n)}${quote}`);
      if (c === 0) out.push('      ports: [{ containerPort: 8080 }]');
    }
  }
  out.push('kind: List', 'metadata:', '  resourceVersion: ""');
  return out.join('\n') + '\n';
}

/** A multi-stage Dockerfile of exactly `lines` lines: ARG-based and literal FROMs, stage
 * references (FROM <stage>, COPY --from, RUN --mount from=), continuations, ENV and comments. */
export function dockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1.7', 'ARG BASE=python:3.12-slim', 'ARG TAG=1.27'];
  let s = 0;
  while (out.length < lines) {
    const stage = [
      s % 3 === 0
        ? `FROM \${BASE} AS s${s}`
        : s % 3 === 1
          ? `FROM --platform=linux/arm64 nginx:\${TAG} AS s${s}`
          : `FROM s${s - 1} AS s${s}`,
      `ARG VERSION=${s}`,
      `ENV APP_HOME=/srv/app-${s} \\`,
      '    PATH=/srv/bin:$PATH',
      `WORKDIR /srv/app-${s}`,
      '# install and build',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl ca-certificates \\',
      '    && rm -rf /var/lib/apt/lists/*',
      `COPY --from=${s > 0 ? `s${s - 1}` : 'alpine:3.19'} /srv /srv`,
      `COPY --from=${REPOS[s % REPOS.length] ?? 'busybox'}:${TAGS[s % TAGS.length] ?? 'latest'} /bin/tool /usr/local/bin/tool-${s}`,
      `RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=${s > 0 ? `s${s - 1}` : 'busybox:1.36'},target=/mnt make -C /mnt build`,
      'USER 1000:1000',
      `LABEL org.opencontainers.image.version="$VERSION" stage="s${s}"`,
      `EXPOSE ${8000 + (s % 100)}`,
      'HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1',
      `CMD ["serve", "--stage", "s${s}"]`,
      '',
    ];
    for (const line of stage) if (out.length < lines) out.push(line);
    s++;
  }
  return out.join('\n') + '\n';
}
