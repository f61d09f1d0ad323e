// Policy: pure functions from references and facts to findings, fixes and hover text.
export { evaluate } from './evaluate.js';
export { fixActions, pinAllEdits, isMultiArch, platformString, type FixAction } from './fixActions.js';
export { hoverMarkdown, DCT_NOTE } from './hover.js';
export { pinEdit, pinnedReferenceText, shortDigest } from './pinText.js';
export { escapeMarkdown } from './markdown.js';
export { RULES } from './rules.js';
