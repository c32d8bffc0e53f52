// The one module run.mjs bundles (with esbuild, into a temp folder) for itself and its workers: the
// engine, the generators and the checks. The projects emit declarations only, so there is no
// compiled engine to import otherwise.
export { loadCorpus, type SeedDocument } from './corpus';
export { campaignRunOptions, runFuzzInput, ROLE_EXTENSIONS, ROLES, type FuzzInput, type Role } from './fuzz-workspace';
export { budgetFor, caseAt, generate, GENERATORS, type FuzzCase, type GeneratedInput } from './generators';
