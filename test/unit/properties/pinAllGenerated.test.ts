// Pin-all never damages a file, over generated documents of every file type (documents.ts): see
// pinAllCheck.ts for the three properties. A failure prints the fast-check seed and the shrunk
// document to replay.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ReferenceSource } from '../../../server/src/model/reference.js';
import { ALL_KINDS } from '../../helpers/corpus.js';
import { documentOf, FILE_NAMES } from './documents.js';
import { checkPinAll } from './pinAllCheck.js';

const RUNS = Number(process.env.IMAGE_TRUST_PROPERTY_RUNS ?? 150);

describe('pin-all over generated documents', () => {
  for (const kind of ALL_KINDS as ReferenceSource[]) {
    test(`${kind}: edits only pin sites, re-extracts to the same references plus digests, idempotent`, (t) => {
      let references = 0;
      let edits = 0;
      fc.assert(
        fc.property(documentOf(kind), fc.integer(), (text, seed) => {
          const outcome = checkPinAll(FILE_NAMES[kind], text, kind, seed);
          references += outcome.references;
          edits += outcome.edits;
        }),
        { numRuns: RUNS },
      );
      t.diagnostic(`${RUNS} documents, ${references} references, ${edits} edits`);
      // the generators must actually produce something to pin, or the property says nothing
      assert.ok(edits > RUNS / 2, `only ${edits} edits in ${RUNS} documents`);
    });
  }
});
