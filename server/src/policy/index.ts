// Policy: pure functions from references and facts to findings, fixes and hover text.
export { evaluate, RULE_DEFAULTS } from './evaluate.js';
export { fixActions, pinAllEdits, type FixAction } from './fixActions.js';
export { isMultiArch, platformString } from './platforms.js';
export { hoverDoc, hoverMarkdown, DCT_NOTE } from './hover.js';
export type { MarkdownDoc } from './markdown.js';
export { pinEdit, pinnedReferenceText, shortDigest } from './pinText.js';
export { DOCS_URL, docsUrl, RULES, RULE_CODES, ruleFor, type Rule, type RuleCode } from './rules/index.js';
