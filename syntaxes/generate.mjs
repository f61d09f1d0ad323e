// Writes the two injection grammars from one image-reference pattern (distribution/reference grammar,
// simplified to what an editor needs: the first path component is a registry only if it has a dot, a
// port or is localhost). Run: node syntaxes/generate.mjs. The JSON files are committed; this script is
// not shipped (see .vscodeignore).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const S = '.image-trust';

const label = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const registry = `localhost(?::[0-9]+)?|${label}(?:\\.${label})+(?::[0-9]+)?|${label}:[0-9]+|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?`;
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repository = `${component}(?:/${component})*`;
const tag = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

/** The reference as 7 capture groups: registry, '/', repository, ':', tag, '@', digest. */
const reference = `(?:(${registry})(/))?(${repository})(?:(:)(${tag}))?(?:(@)(${digest}))?`;
const referenceCaptures = (first) => ({
  [first]: { name: `entity.name.image.registry${S}` },
  [first + 1]: { name: `punctuation.separator.registry${S}` },
  [first + 2]: { name: `entity.name.image.repository${S}` },
  [first + 3]: { name: `punctuation.separator.tag${S}` },
  [first + 4]: { name: `entity.name.image.tag${S}` },
  [first + 5]: { name: `punctuation.separator.digest${S}` },
  [first + 6]: { name: `entity.name.image.digest${S}` },
});

const dockerfile = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Image Trust: image references in Dockerfile FROM lines',
  scopeName: 'image-trust.injection.dockerfile',
  // L: wins over the base grammar's own FROM … AS rule at the start of the line
  injectionSelector: 'L:source.dockerfile -comment -string',
  patterns: [{ include: '#from-line' }],
  repository: {
    'from-line': {
      name: `meta.from${S}`,
      begin: '^\\s*(?i:(ONBUILD)\\s+)?(?i:(FROM))(?=\\s)',
      beginCaptures: { 1: { name: 'keyword.control.dockerfile' }, 2: { name: 'keyword.other.special-method.dockerfile' } },
      end: '$',
      patterns: [{ include: '#flag' }, { include: '#stage-name' }, { include: '#image-reference' }],
    },
    flag: {
      match: '(?<=\\s)(--[a-zA-Z][a-zA-Z-]*)(?:(=)(\\S*))?',
      captures: { 1: { name: `variable.parameter.flag${S}` }, 2: { name: `keyword.operator.assignment${S}` }, 3: { name: `string.unquoted.flag-value${S}` } },
    },
    'stage-name': {
      match: '(?<=\\s)(?i:(AS))\\s+(\\S+)',
      captures: { 1: { name: 'keyword.other.special-method.dockerfile' }, 2: { name: `entity.name.type.stage${S}` } },
    },
    'image-reference': {
      name: `meta.image-reference${S}`,
      match: `(?<=\\s)${reference}(?=\\s|$)`,
      captures: referenceCaptures(1),
    },
  },
};

const yaml = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Image Trust: image references in YAML image: values',
  scopeName: 'image-trust.injection.yaml',
  injectionSelector: 'L:source.yaml -comment -string',
  patterns: [{ include: '#image-value' }],
  repository: {
    'image-value': {
      // only the value after `image: ` (plain, "double" or 'single' quoted): the key, the indentation and
      // the block structure stay with the base grammar (VS Code's YAML grammar consumes indentation in
      // `while` rules, so a `^`-anchored rule would never match there); L: wins the tie at the value start
      match: `(?<=^image:[ \\t]|\\simage:[ \\t])[ \\t]*(["']?)${reference}(\\1)(?=[ \\t]*(?:#|$))`,
      captures: {
        1: { name: `punctuation.definition.string${S}` },
        ...referenceCaptures(2),
        9: { name: `punctuation.definition.string${S}` },
      },
    },
  },
};

for (const [file, grammar] of [
  ['image-trust.dockerfile.injection.tmLanguage.json', dockerfile],
  ['image-trust.yaml.injection.tmLanguage.json', yaml],
]) {
  writeFileSync(join(here, file), JSON.stringify(grammar, null, 2) + '\n');
}
