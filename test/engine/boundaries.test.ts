// The engine's tsconfig already refuses Node and editor types; this guards the boundary a second
// time, against imports that would slip through as `any` (a package without types, a require()).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const engine = resolve(__dirname, '../../server/engine/src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const FORBIDDEN = /(?:from\s+|require\(\s*|import\(\s*)['"](?:node:)?(fs|path|process|child_process|os|net|http|https|vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]/;

describe('the engine boundary', () => {
  const files = sourceFiles(engine);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => relative(engine, file)))('%s imports no I/O, LSP or VS Code module', (file) => {
    const text = readFileSync(join(engine, file), 'utf8');
    expect(FORBIDDEN.exec(text)?.[0]).toBeUndefined();
    expect(/\bprocess\.(env|argv|exit|cwd)/.test(text)).toBe(false);
  });
});
