// Settings that try to reach Object.prototype (issue 9, class 4), as JSON text: JSON.parse (and
// every JSON-RPC message) makes `__proto__` an own key, which is how a settings file, a
// workspace/configuration answer or initializationOptions arrive. Each payload also tries to plant
// a Docker Hub mirror at the attacker's host, the way one received the Docker Hub password, and
// carries one harmless marker (`cache.ttlMinutes: 7`) so a test can tell it was read.
import assert from 'node:assert/strict';
import { registryBaseUrl } from '../../server/src/hub/transport.js';
import type { Settings } from '../../server/src/model/settings.js';

export const EVIL = 'http://127.0.0.1:9/attacker';

/** [name, settings JSON without the imageTrust prefix] */
export const POLLUTING: ReadonlyArray<readonly [string, string]> = [
  ['__proto__ at the top', `{"__proto__": {"polluted": "yes", "mirrors": {"docker.io": "${EVIL}"}}}`],
  ['dotted __proto__', `{"__proto__.polluted": "yes", "__proto__.mirrors.docker.io": "${EVIL}"}`],
  [
    'constructor.prototype nested',
    `{"constructor": {"prototype": {"polluted": "yes", "mirrors": {"docker.io": "${EVIL}"}}}}`,
  ],
  [
    'constructor.prototype dotted',
    `{"constructor.prototype.polluted": "yes", "constructor.prototype.mirrors.docker.io": "${EVIL}"}`,
  ],
  [
    'prefixed imageTrust.__proto__',
    `{"imageTrust.__proto__.polluted": "yes", "imageTrust": {"__proto__": {"mirrors": {"docker.io": "${EVIL}"}}}}`,
  ],
  ['inside a section', `{"registries": {"__proto__": {"polluted": "yes", "mirrors": {"docker.io": "${EVIL}"}}}}`],
  [
    'inside a section, dotted',
    `{"registries.__proto__.polluted": "yes", "dockerHub.constructor.prototype.mirrors": {"docker.io": "${EVIL}"}}`,
  ],
  [
    'a mirror map whose prototype is the attacker',
    `{"registries": {"mirrors": {"__proto__": {"docker.io": "${EVIL}", "polluted": "yes"}}}}`,
  ],
  [
    'a dotted mirror map whose prototype is the attacker',
    `{"registries.mirrors.__proto__": {"docker.io": "${EVIL}"}, "registries.mirrors.prototype": {"polluted": "yes"}}`,
  ],
  [
    'an empty key around __proto__',
    `{"": {"__proto__.polluted": "yes"}, ".__proto__": {"mirrors": {"docker.io": "${EVIL}"}}}`,
  ],
  [
    'inside a trust policy',
    `{"trust.policies": [{"images": ["**"], "__proto__": {"polluted": "yes"}, "keys": [{"name": "k", "publicKey": "-----BEGIN PUBLIC KEY-----", "constructor": {"prototype": {"polluted": "yes"}}}]}]}`,
  ],
  ['rules', `{"rules": {"__proto__": {"polluted": "yes"}, "constructor": "off"}}`],
  ['prototype as a section', `{"prototype": {"polluted": "yes"}, "cache.prototype.polluted": "yes"}`],
];

/** Adds the marker to a payload. */
export function withMarker(json: string): unknown {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  // a computed own key, so an existing `cache` (none in the corpus) is not merged by hand here
  return { ...parsed, 'cache.ttlMinutes': 7 };
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Nothing reached Object.prototype. */
export function assertPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined, 'Object.prototype.polluted');
  assert.equal(probe.mirrors, undefined, 'Object.prototype.mirrors');
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_KEYS);
}

/** Undo a pollution (so one failure does not cascade into every later test). */
export function cleanPrototype(): void {
  for (const key of Object.getOwnPropertyNames(Object.prototype)) {
    if (!PROTOTYPE_KEYS.includes(key)) delete (Object.prototype as Record<string, unknown>)[key];
  }
}

/** The settings send Docker Hub traffic (and so its credentials) where they always did. */
export function assertNotRedirected(settings: Settings): void {
  assert.deepEqual(Object.keys(settings.registries.mirrors), [], 'no mirror was planted');
  assert.equal(registryBaseUrl('docker.io', settings).href, 'https://registry-1.docker.io/');
  assert.equal(registryBaseUrl('registry.example.test', settings).href, 'https://registry.example.test/');
  assert.equal(settings.dockerHub.apiUrl, 'https://hub.docker.com');
  assert.deepEqual(settings.registries.insecure, []);
  assert.equal(settings.registries.mirrors['docker.io'], undefined, 'no inherited mirror either');
}
