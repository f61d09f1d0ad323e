// fast-check arbitraries for whole documents of every file type: image references of every
// shape (registry, port, nested path, tag, digest, now and then an invalid one) written plain,
// double- or single-quoted, among comments and random text, with LF or CRLF line ends.
import fc from 'fast-check';
import type { ReferenceSource } from '../../../server/src/model/reference.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

export const imageRef: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          '',
          '',
          'ghcr.io/',
          'localhost:5000/',
          'registry.example.com:443/',
          'docker.io/',
          'mcr.microsoft.com/',
        ),
        fc.constantFrom('nginx', 'library/redis', 'org/app', 'team/sub/app', 'a-b_c.d', 'x'),
        fc.constantFrom('', ':1.27', ':v1.2.3-alpine', ':latest', ':3.12-slim', ':0'),
        fc.constantFrom('', '', '', `@${DIGEST}`),
      )
      .map(([r, p, t, d]) => `${r}${p}${t}${d}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'UPPER/case',
      'nginx:',
      ':1',
      'a//b',
      'nginx@sha256:12',
      '${IMAGE}',
      '$IMG:1',
      '{{ .Values.image }}',
    ),
  },
);

/** Text on one line: comments, quotes, template and variable characters, non-ASCII, tabs. */
export const lineText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    ' ',
    '#',
    '"',
    "'",
    ':',
    '$',
    '{',
    '}',
    '[',
    ']',
    '-',
    '\\',
    'é',
    '😀',
    '\t',
    '/',
    '@',
    '=',
    ',',
    '*',
    '&',
    '!',
  ),
  maxLength: 16,
});

/** A reference as a YAML value: plain (maybe with a trailing comment), double or single quoted. */
const yamlValue: fc.Arbitrary<string> = fc
  .tuple(imageRef, fc.constantFrom('plain', 'plain', 'double', 'single'), fc.option(lineText, { nil: undefined }))
  .map(([ref, style, comment]) => {
    const v = style === 'double' ? `"${ref}"` : style === 'single' ? `'${ref}'` : ref;
    return comment === undefined ? v : `${v} # ${comment}`;
  });

const comment = lineText.map((t) => `# ${t}`);
const lines = <T>(arb: fc.Arbitrary<T>, max = 4) => fc.array(arb, { minLength: 1, maxLength: max });

const dockerLine: fc.Arbitrary<string> = fc.oneof(
  imageRef.map((r) => `FROM ${r}`),
  fc.tuple(imageRef, fc.nat(3)).map(([r, n]) => `FROM ${r} AS s${n}`),
  imageRef.map((r) => `FROM --platform=linux/arm64 ${r}`),
  fc.tuple(imageRef, fc.nat(3)).map(([r, n]) => `ARG V${n}=${r}\nFROM \${V${n}}`),
  fc.tuple(imageRef, fc.nat(3)).map(([r, n]) => `ARG V${n}="${r}"\nFROM \${V${n}} AS t${n}\nFROM t${n}`),
  fc.tuple(imageRef, fc.nat(3)).map(([r, n]) => `FROM \${V${n}:-${r}}`),
  fc.tuple(imageRef, fc.nat(3)).map(([r, n]) => `ARG V${n}=${r}\nFROM \${V${n}}\nFROM \${V${n}} AS u${n}`),
  imageRef.map((r) => `FROM \\\n  ${r} \\\n  AS cont`),
  imageRef.map((r) => `FROM\t${r}\t`),
  fc.constant('# escape=`'),
  imageRef.map((r) => `FROM ${r} \`\n  AS tick`),
  imageRef.map((r) => `COPY --from=${r} /a /b`),
  imageRef.map((r) => `RUN --mount=type=cache,from=${r},target=/x true`),
  comment,
  lineText.map((t) => `RUN echo ${t}`),
  lineText.map((t) => `ENV X="${t}"`),
  fc.constant(''),
);

const composeService = fc
  .tuple(fc.nat(5), yamlValue, fc.boolean(), fc.boolean(), comment)
  .map(
    ([n, v, build, platform, c]) =>
      `  s${n}:\n    ${c}\n    image: ${v}${build ? '\n    build: .' : ''}${platform ? '\n    platform: linux/amd64' : ''}`,
  );

const compose = fc
  .tuple(comment, lines(composeService), fc.option(yamlValue, { nil: undefined }), fc.boolean())
  .map(([c, services, shared, useShared]) => {
    const head = shared ? `x-common: &common\n  image: ${shared}\nx-img: &img ${shared.replace(/ #.*$/, '')}\n` : '';
    const users = shared && useShared ? '  merged:\n    <<: *common\n  aliased:\n    image: *img\n' : '';
    return `${c}\n${head}services:\n${services.join('\n')}\n${users}`;
  });

const container = fc.tuple(fc.nat(9), yamlValue).map(([n, v]) => `    - name: c${n}\n      image: ${v}`);
const pod = fc
  .tuple(comment, lines(container), fc.array(container, { maxLength: 2 }))
  .map(
    ([c, cs, init]) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p ${c}\nspec:\n  containers:\n${cs.join('\n')}\n${init.length ? `  initContainers:\n${init.join('\n')}\n` : ''}`,
  );
const anchoredPod = yamlValue.map(
  (v) =>
    `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: &img ${v.replace(/ #.*$/, '')}\n    - name: b\n      image: *img\n`,
);
const kubernetes = lines(fc.oneof({ weight: 4, arbitrary: pod }, { weight: 1, arbitrary: anchoredPod }), 3).map(
  (docs) => docs.join('---\n'),
);

const helmMap = fc
  .tuple(
    fc.constantFrom('image', 'sidecarImage'),
    fc.option(fc.constantFrom('ghcr.io', 'docker.io', 'localhost:5000'), { nil: undefined }),
    fc.constantFrom('nginx', 'org/app', 'bitnami/redis'),
    fc.option(fc.constantFrom('1.27', '"1.27"', "'v2'", '3.12-slim # pinned soon'), { nil: undefined }),
    fc.constantFrom('absent', 'absent', 'empty-quoted', 'null', 'set'),
    fc.boolean(),
  )
  .map(([key, registry, repository, tag, digest, policy]) => {
    const out = [`${key}:`];
    if (registry) out.push(`  registry: ${registry}`);
    out.push(`  repository: ${repository}`);
    if (tag) out.push(`  tag: ${tag}`);
    if (digest === 'empty-quoted') out.push('  digest: ""');
    else if (digest === 'null') out.push('  digest:');
    else if (digest === 'set') out.push(`  digest: ${DIGEST}`);
    if (policy) out.push('  pullPolicy: IfNotPresent');
    return out.join('\n');
  });
const helmValues = lines(
  fc.oneof(
    yamlValue.map((v) => `image: ${v}`),
    helmMap,
    fc
      .tuple(fc.constantFrom('nginx', 'org/app'), fc.constantFrom('1.27', '"2"'))
      .map(([r, t]) => `flowImage: {repository: ${r}, tag: ${t}}`),
    fc.tuple(fc.nat(3), helmMap).map(
      ([n, m]) =>
        `sub${n}:\n${m
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n')}`,
    ),
    fc
      .constantFrom('nginx', 'org/app')
      .map((r) => `baseImage: &base\n  repository: ${r}\n  tag: "1"\nreuse:\n  otherImage: *base`),
    comment,
  ),
  5,
).map((ls) => `${ls.join('\n')}\n`);

const job = fc
  .tuple(
    fc.nat(5),
    fc.option(yamlValue, { nil: undefined }),
    fc.boolean(),
    fc.option(yamlValue, { nil: undefined }),
    fc.array(imageRef, { maxLength: 2 }),
    lineText,
  )
  .map(([n, c, mapForm, svc, uses, text]) => {
    const out = [`  j${n}:`, '    runs-on: ubuntu-latest'];
    if (c) out.push(mapForm ? `    container:\n      image: ${c}` : `    container: ${c}`);
    if (svc) out.push(`    services:\n      db:\n        image: ${svc}`);
    out.push(
      '    steps:',
      ...uses.map((u) => `      - uses: docker://${u}`),
      `      - run: echo '${text.replace(/'/g, "''")}'`,
    );
    return out.join('\n');
  });
const githubActions = fc
  .tuple(comment, lines(job, 3))
  .map(([c, jobs]) => `${c}\non: push\njobs:\n${jobs.join('\n')}\n`);

const gitlabEntry = fc.oneof(
  yamlValue.map((v) => `  - ${v}`),
  yamlValue.map((v) => `  - name: ${v}`),
);
const gitlabJob = fc
  .tuple(fc.nat(5), yamlValue, fc.boolean(), fc.array(gitlabEntry, { maxLength: 2 }))
  .map(
    ([n, v, named, services]) =>
      `job${n}:\n  image:${named ? `\n    name: ${v}` : ` ${v}`}\n${services.length ? `  services:\n${services.map((s) => `  ${s}`).join('\n')}\n` : ''}  script: [echo]`,
  );
const gitlabCi = fc
  .tuple(
    comment,
    fc.option(yamlValue, { nil: undefined }),
    fc.array(gitlabEntry, { maxLength: 2 }),
    fc.array(gitlabJob, { maxLength: 3 }),
  )
  .map(
    ([c, image, services, jobs]) =>
      `${c}\n${image ? `image: ${image}\n` : ''}${services.length ? `services:\n${services.join('\n')}\n` : ''}${jobs.join('\n')}\n`,
  );

const devcontainer = fc.tuple(lineText, imageRef, fc.boolean(), lineText).map(([t, ref, trailing, c]) => {
  const safe = (s: string) => s.replace(/\*\//g, '* /');
  return `// ${t}\n{\n  /* ${safe(c)} */ "name": "dev",\n  "image": "${ref}", // ${t}\n  "features": {}${trailing ? ',' : ''}\n}\n`;
});

const kustomizeEntry = fc
  .tuple(
    fc.constantFrom('nginx', 'org/app', 'nginx:1.2'),
    fc.option(fc.constantFrom('ghcr.io/org/app', 'registry.example.com:443/x'), { nil: undefined }),
    fc.option(fc.constantFrom('1.27', '"v2"'), { nil: undefined }),
    fc.constantFrom('absent', 'absent', 'null', 'set'),
  )
  // a tag written in `name` without newTag is left out here: pinning it drops the tag (a known
  // bug with its own test in pinAllFiles.test.ts)
  .filter(([name, , newTag]) => !name.includes(':') || newTag !== undefined)
  .map(([name, newName, newTag, digest]) => {
    const out = [`  - name: ${name}`];
    if (newName) out.push(`    newName: ${newName}`);
    if (newTag) out.push(`    newTag: ${newTag}`);
    if (digest === 'null') out.push('    digest:');
    else if (digest === 'set') out.push(`    digest: ${DIGEST}`);
    return out.join('\n');
  });
const kustomize = fc
  .tuple(comment, lines(kustomizeEntry))
  .map(([c, es]) => `${c}\nresources: [a.yaml]\nimages:\n${es.join('\n')}\n`);

const circleci = fc
  .tuple(comment, lines(yamlValue, 3), fc.option(yamlValue, { nil: undefined }))
  .map(([c, images, executor]) => {
    const docker = images.map((v) => `      - image: ${v}`).join('\n');
    const exec = executor ? `executors:\n  build:\n    docker:\n      - image: ${executor}\n` : '';
    return `${c}\nversion: 2.1\norbs:\n  node: circleci/node@5.2.0\n${exec}jobs:\n  test:\n    docker:\n${docker}\n    steps: [checkout]\n`;
  });

const bitbucketStep = fc
  .tuple(fc.option(yamlValue, { nil: undefined }), fc.option(imageRef, { nil: undefined }), fc.boolean())
  .map(([image, pipe, named]) => {
    const out = ['    - step:', '        name: s'];
    if (image) out.push(named ? `        image:\n          name: ${image}` : `        image: ${image}`);
    out.push('        script:', '          - pipe: atlassian/aws-s3-deploy:1.1.0');
    if (pipe) out.push(`          - pipe: docker://${pipe}`);
    return out.join('\n');
  });
const bitbucket = fc
  .tuple(comment, yamlValue, lines(bitbucketStep, 3))
  .map(([c, image, steps]) => `${c}\nimage: ${image}\npipelines:\n  default:\n${steps.join('\n')}\n`);

const azure = fc
  .tuple(comment, lines(yamlValue, 2), fc.option(yamlValue, { nil: undefined }), fc.boolean())
  .map(([c, resources, direct, useAlias]) => {
    const rs = resources.map((v, i) => `    - container: c${i}\n      image: ${v}`).join('\n');
    const job = `  - job: a\n    container: ${useAlias ? 'c0' : (direct ?? 'c0')}\n    services:\n      db: c0\n    steps:\n      - task: Docker@2\n        inputs:\n          repository: acme/app\n`;
    return `${c}\nresources:\n  containers:\n${rs}\njobs:\n${job}`;
  });

const droneEntry = fc.tuple(fc.nat(5), yamlValue).map(([n, v]) => `  - name: s${n}\n    image: ${v}`);
const drone = fc
  .tuple(comment, lines(droneEntry, 3), fc.array(droneEntry, { maxLength: 2 }), fc.boolean())
  .map(([c, steps, services, mapForm]) => {
    const asMap = (entries: string[]) =>
      entries.map((e) => e.replace(/^ {2}- name: (\S+)\n {4}/, '  $1:\n    ')).join('\n');
    const body = mapForm ? `steps:\n${asMap(steps)}\n` : `steps:\n${steps.join('\n')}\n`;
    return `${c}\nkind: pipeline\ntype: docker\n${body}${services.length ? `services:\n${services.join('\n')}\n` : ''}`;
  });

const cloudbuild = fc
  .tuple(comment, lines(yamlValue, 4))
  .map(
    ([c, names]) =>
      `${c}\nsteps:\n${names.map((v) => `  - name: ${v}\n    args: ['build', '-t', 'gcr.io/p/app', '.']`).join('\n')}\nimages: ['gcr.io/p/app']\n`,
  );

const quadlet = fc
  .tuple(lineText, imageRef, fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(
    ([t, ref, transport, pad]) =>
      `# ${t}\n[Unit]\nDescription=x\n\n[Container]\nLabel=image=${ref}\nImage=${pad}${transport ? 'docker://' : ''}${ref}${pad}\nExec=sleep 1\n\n[Install]\nWantedBy=default.target\n`,
  );

const BODIES: Record<ReferenceSource, fc.Arbitrary<string>> = {
  dockerfile: lines(dockerLine, 8).map((ls) => `${ls.join('\n')}\n`),
  compose,
  kubernetes,
  'helm-values': helmValues,
  'github-actions': githubActions,
  'gitlab-ci': gitlabCi,
  devcontainer,
  kustomize,
  circleci,
  'bitbucket-pipelines': bitbucket,
  'azure-pipelines': azure,
  drone,
  cloudbuild,
  quadlet,
};

export const FILE_NAMES: Record<ReferenceSource, string> = {
  dockerfile: 'Dockerfile',
  compose: 'compose.yaml',
  kubernetes: 'deploy.yaml',
  'helm-values': 'values.yaml',
  'github-actions': '.github/workflows/ci.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  devcontainer: '.devcontainer/devcontainer.json',
  kustomize: 'kustomization.yaml',
  circleci: '.circleci/config.yml',
  'bitbucket-pipelines': 'bitbucket-pipelines.yml',
  'azure-pipelines': 'azure-pipelines.yml',
  drone: '.drone.yml',
  cloudbuild: 'cloudbuild.yaml',
  quadlet: 'app.container',
};

/** A document of `kind`, with LF or CRLF line ends, sometimes a BOM, sometimes no final line end. */
export function documentOf(kind: ReferenceSource): fc.Arbitrary<string> {
  return fc
    .tuple(BODIES[kind], fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
    .map(([body, eol, final, bom]) => {
      const text = `${bom ? '\uFEFF' : ''}${body.replace(/\r?\n/g, eol)}`;
      return final ? text : text.replace(/(\r?\n)+$/, '');
    });
}
