// The engine's public surface: the CLI, the language server and the tests import from here only.
export * from './model';
export { LineIndex, type Position } from './text/line-index';
export { ClaimWorkspace, type WorkspaceHost, type WorkspaceOptions } from './workspace/claim-workspace';
export { RULES, type Rule } from './rules';
export { sameFindings } from './workspace/same-findings';
