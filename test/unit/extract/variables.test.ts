import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  composeResolver,
  githubResolver,
  gitlabResolver,
  templateResolver,
  type Resolution,
} from '../../../server/src/extract/variables.js';

const compose: Array<[string, Resolution | string]> = [
  ['nginx:1.27', { kind: 'literal' }],
  ['${TAG:-1.27}', { kind: 'resolved', value: '1.27' }],
  ['nginx:${TAG-1.27}', { kind: 'resolved', value: 'nginx:1.27' }],
  ['${A:-${B:-x}}/y', { kind: 'resolved', value: 'x/y' }],
  ['${EMPTY:-}nginx', { kind: 'resolved', value: 'nginx' }],
  ['price$$', { kind: 'resolved', value: 'price$' }],
  ['$ alone', { kind: 'literal' }],
  ['${IMG}', 'IMG has no default'],
  ['$IMG:1', 'IMG has no default'],
  ['${IMG:?must be set}', 'IMG is required'],
  ['${IMG?x}', 'IMG is required'],
  ['${IMG:+alt}', 'IMG selects'],
  ['${IMG:-x', 'unterminated'],
  ['${1BAD}', 'invalid variable syntax'],
];

const gitlabVars = new Map([
  ['REG', 'r.example.com'],
  ['IMG', '$REG/app'],
  ['LOOP', '$LOOP'],
]);
const gitlab: Array<[string, Resolution | string]> = [
  ['alpine', { kind: 'literal' }],
  ['$REG/x', { kind: 'resolved', value: 'r.example.com/x' }],
  ['${IMG}:1', { kind: 'resolved', value: 'r.example.com/app:1' }],
  ['%REG%/x', { kind: 'resolved', value: 'r.example.com/x' }],
  ['$CI_REGISTRY/x', 'predefined'],
  ['$NOPE', 'NOPE is not declared'],
  ['$LOOP', 'refers to itself'],
];

function check(r: Resolution, expected: Resolution | string): void {
  if (typeof expected === 'string') {
    assert.equal(r.kind, 'unresolved');
    assert.ok(r.kind === 'unresolved' && r.detail.includes(expected), JSON.stringify(r));
  } else assert.deepEqual(r, expected);
}

describe('compose interpolation', () => {
  for (const [input, expected] of compose) test(input, () => check(composeResolver(input), expected));
});

describe('GitLab variables', () => {
  const resolve = gitlabResolver((n) => gitlabVars.get(n));
  for (const [input, expected] of gitlab) test(input, () => check(resolve(input), expected));
});

describe('templates and expressions', () => {
  test('{{ }} is unresolved', () => check(templateResolver('{{ .Values.x }}'), 'template'));
  test('plain string is literal', () => check(templateResolver('nginx'), { kind: 'literal' }));
  test('${{ }} is unresolved, naming the expression', () => check(githubResolver('x:${{ matrix.v }}'), 'matrix.v'));
  test('no expression is literal', () => check(githubResolver('node:20'), { kind: 'literal' }));
});
