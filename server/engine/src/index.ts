// The engine's public surface: the CLI, the language server and the tests import from here only.
export * from './model';
