// The string measures the lookalike check is built on, as tables.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editBudget, editDistance, skeleton, withoutVersion } from '../../../server/src/policy/lookalike/similarity.js';

describe('skeleton: look-alike characters and separators fold away', () => {
  const cases: [string, string][] = [
    ['nginx', 'nglnx'],
    ['ng1nx', 'nglnx'],
    ['alp1ne', 'alplne'],
    ['bitnarni', 'bltnaml'],
    ['bitnami', 'bltnaml'],
    ['vvordpress', 'wordpress'],
    ['m0ngo', 'mongo'],
    ['hello_world', 'helloworld'],
    ['hello-world', 'helloworld'],
    ['rocket.chat', 'rocketchat'],
    ['Docker', 'docker'],
  ];
  for (const [name, want] of cases) test(`${name} → ${want}`, () => assert.equal(skeleton(name), want));
  test('host names keep their dots', () => assert.equal(skeleton('docker.i0', 'dots'), skeleton('docker.io', 'dots')));
});

describe('editDistance: Levenshtein with adjacent transpositions, bounded', () => {
  const cases: [string, string, number, number][] = [
    ['nginx', 'nginx', 1, 0],
    ['ngnix', 'nginx', 1, 1], // swapped neighbours count once
    ['pyhton', 'python', 1, 1],
    ['alpline', 'alpine', 1, 1],
    ['ubunu', 'ubuntu', 1, 1],
    ['alpyne', 'alpine', 1, 1],
    ['mysql', 'mssql', 1, 1],
    ['redis', 'rabbitmq', 2, 3], // past the bound: max + 1
    ['a', 'abcdef', 2, 3],
    ['ca', 'abc', 3, 3], // optimal string alignment, not unrestricted Damerau
  ];
  for (const [a, b, max, want] of cases)
    test(`${a} ~ ${b} (max ${max}) = ${want}`, () => assert.equal(editDistance(a, b, max), want));
});

describe('editBudget: short names get no edits', () => {
  const cases: [number, number][] = [
    [3, 0],
    [4, 0],
    [5, 1],
    [8, 1],
    [9, 2],
    [20, 2],
  ];
  for (const [length, want] of cases) test(`${length} letters → ${want}`, () => assert.equal(editBudget(length), want));
});

describe('withoutVersion: a trailing version names what it versions', () => {
  const cases: [string, string][] = [
    ['python3', 'python'],
    ['tomcat11', 'tomcat'],
    ['ubuntu14.01', 'ubuntu'],
    ['mysql-8', 'mysql'],
    ['node-v18', 'node'],
    ['neo4j', 'neo4j'],
    ['k8s', 'k8s'],
    ['3', '3'],
  ];
  for (const [name, want] of cases) test(`${name} → ${want}`, () => assert.equal(withoutVersion(name), want));
});
