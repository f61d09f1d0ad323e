// `npm run sandbox`: start the sandbox with the test seed and the images examples/ names (demo-seed.ts),
// write the product config, list the seeded images, and run until SIGINT/SIGTERM.
// Usage: node --import tsx test/harness/sandbox-cli.ts [--config-out FILE]
import { writeFileSync, rmSync } from 'node:fs';
import { DEMO_IMAGES, demoConfig, demoSeed } from './demo-seed.js';
import { startSandbox, type Sandbox, type SeededImage } from './sandbox.js';
import { sandboxTrustConfig, SIGNED_CASES, SIGNED_REPOSITORY } from './seed-signed.js';

function table(s: Sandbox): string {
  const hub = (img: SeededImage, tag: string): string => `docker.io/${img.repository.replace(/^library\//, '')}:${tag}`;
  const rows: Array<[string, string, string, string]> = [
    [hub(s.seed.nginx, '1.27'), 'official', 'unsigned, attestations', s.seed.nginx.digest],
    [
      hub(s.seed.python, '3.12'),
      'official',
      `moved (old ${s.seed.pythonOld.digest.slice(0, 19)}…)`,
      s.seed.python.digest,
    ],
    [hub(s.seed.pythonSlim, '3.12-slim'), 'official', 'docker v2 single-arch', s.seed.pythonSlim.digest],
    [hub(s.seed.alpine, '3.19'), 'official', 'docker manifest list', s.seed.alpine.digest],
    [hub(s.seed.redis, '7.2'), 'verified_publisher', 'cosign (.sig tags)', s.seed.redis.digest],
    [hub(s.seed.grafana, '11.0.0'), 'open_source', 'sigstore bundle referrer', s.seed.grafana.digest],
    [hub(s.seed.notaryApp, '2.0'), 'verified_publisher', 'notation referrer', s.seed.notaryApp.digest],
    [hub(s.seed.staleTool, '0.1'), 'none', 'pushed 2019-05-01', s.seed.staleTool.digest],
    [hub(s.seed.secret, '1.0'), 'none (private)', 'needs alice:wonderland', s.seed.secret.digest],
    [`${s.registryHost}/team/app:1.0`, '(not Hub)', 'cosign (.sig tag)', s.seed.teamApp.digest],
    ...Object.values(s.seed.signed.images).map((i): [string, string, string, string] => [
      `docker.io/${SIGNED_REPOSITORY}:${i.tag}`,
      'verified_publisher',
      `${i.kind}: ${SIGNED_CASES[i.tag].expect} under the trust policy`,
      i.digest,
    ]),
    [
      `docker.io/${SIGNED_REPOSITORY}:moved@${s.seed.signed.moved.signedDigest.slice(0, 19)}…`,
      'verified_publisher',
      'drift: signed → unsigned (trust-downgrade)',
      s.seed.signed.moved.digest,
    ],
    [`docker.io/${s.seed.missing.repository}:latest`, '-', 'missing repository', '-'],
    [`docker.io/nginx:${s.seed.missing.tag}`, '-', 'missing tag', '-'],
    [`docker.io/nginx@${s.seed.missing.digest.slice(0, 19)}…`, '-', 'missing digest', '-'],
  ];
  const head: [string, string, string, string] = ['reference', 'badge', 'notes', 'digest'];
  const widths = [0, 1, 2].map((i) => Math.max(head[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]): string => r.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const argIdx = process.argv.indexOf('--config-out');
  const configPath =
    argIdx > 0 ? (process.argv[argIdx + 1] ?? '/tmp/image-trust-sandbox.json') : '/tmp/image-trust-sandbox.json';
  const sandbox = await startSandbox({ extend: demoSeed });
  if (!sandbox.available) {
    console.error(`sandbox unavailable: ${sandbox.reason}`);
    process.exitCode = 1;
    return;
  }
  // the trust policy and the sandbox's Sigstore root, so acme/signed shows every verdict
  const config = { ...demoConfig(sandbox), trust: sandboxTrustConfig(sandbox.seed.signed.material) };
  writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n');
  const keyPath = configPath.replace(/\.json$/, '') + '-cosign.pub';
  writeFileSync(keyPath, sandbox.seed.cosign.publicKeyPem);
  console.log(`image-trust sandbox ready in ${sandbox.startMs} ms`);
  console.log(JSON.stringify(config, null, 2));
  console.log(`\nconfig written to ${configPath}`);
  console.log(`try it:  node dist/cli.js check --config ${configPath} examples`);
  console.log(`cosign public key: ${keyPath}`);
  console.log(
    `registry (via proxy): ${sandbox.registryUrl}   hub (via proxy): ${sandbox.hubUrl}   user: alice / wonderland\n`,
  );
  console.log(table(sandbox));
  console.log(
    `\nplus the ${DEMO_IMAGES.length} images examples/ names (test/harness/demo-seed.ts; their facts are invented for the demo)`,
  );
  console.log('\nCtrl-C to stop.');

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping sandbox`);
    void sandbox.stop().then(() => {
      rmSync(configPath, { force: true });
      rmSync(keyPath, { force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
