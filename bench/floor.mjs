// The floor: what any tool must pay to look at the workspace, run as its own process per sample.
//
//   node bench/floor.mjs read <workspace>         Node start-up + read every checked file (utf8)
//   node bench/floor.mjs tokenise <workspace>     + md4x for Markdown, js-yaml parseEvents for YAML
//   node bench/floor.mjs markdown-it <workspace>  + markdown-it parse for Markdown (reference only)
//
// "Checked files" are what claimlint reads in a generated workspace: claimlint.yaml, sources.yaml,
// reports/**/*.md and claims/**/*.claims.yaml. Prints one JSON line: counts, so the work is not
// optimised away, and the parser actually used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function walk(folder, keep, found = []) {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, keep, found);
    else if (keep(entry.name)) found.push(path);
  }
  return found;
}

function checkedFiles(workspace) {
  const markdown = walk(join(workspace, 'reports'), (name) => name.endsWith('.md'));
  const yaml = [join(workspace, 'claimlint.yaml'), join(workspace, 'sources.yaml'), ...walk(join(workspace, 'claims'), (name) => name.endsWith('.claims.yaml'))];
  return { markdown, yaml };
}

/** The fastest Markdown tokeniser that loads: md4x (native), else markdown-wasm, saying why. */
async function fastestMarkdownParser() {
  try {
    const { parseAST } = await import('md4x');
    parseAST('probe'); // the native binding loads lazily: fail here, not in the timed loop's first file
    return { name: 'md4x parseAST', parse: (text) => parseAST(text).nodes.length };
  } catch (error) {
    const markdownWasm = await import('markdown-wasm');
    const api = markdownWasm.default ?? markdownWasm;
    await api.ready;
    return { name: 'markdown-wasm parse', fallback: `md4x did not load: ${error.message}`, parse: (text) => api.parse(text).length };
  }
}

async function markdownItParser() {
  const { default: MarkdownIt } = await import('markdown-it');
  const markdownIt = new MarkdownIt();
  return { name: 'markdown-it parse', parse: (text) => markdownIt.parse(text, {}).length };
}

async function yamlTokeniser() {
  const { parseEvents } = await import('js-yaml');
  return { name: 'js-yaml parseEvents', parse: (text) => parseEvents(text, {}).length };
}

async function main() {
  const [mode, workspace] = process.argv.slice(2);
  if (!['read', 'tokenise', 'markdown-it'].includes(mode) || !workspace) {
    console.error('usage: node bench/floor.mjs read|tokenise|markdown-it <workspace>');
    process.exit(2);
  }
  const files = checkedFiles(workspace);
  const markdownParser = mode === 'tokenise' ? await fastestMarkdownParser() : mode === 'markdown-it' ? await markdownItParser() : undefined;
  const yamlParser = mode === 'tokenise' ? await yamlTokeniser() : undefined;
  let chars = 0;
  let tokens = 0;
  // Parse time inside the process, per language: says what the floor is made of.
  let markdownParseMs = 0;
  let yamlParseMs = 0;
  for (const file of files.markdown) {
    const text = readFileSync(file, 'utf8');
    chars += text.length;
    if (!markdownParser) continue;
    const started = performance.now();
    tokens += markdownParser.parse(text);
    markdownParseMs += performance.now() - started;
  }
  for (const file of files.yaml) {
    const text = readFileSync(file, 'utf8');
    chars += text.length;
    if (!yamlParser) continue;
    const started = performance.now();
    tokens += yamlParser.parse(text);
    yamlParseMs += performance.now() - started;
  }
  console.log(JSON.stringify({
    mode,
    markdownFiles: files.markdown.length,
    yamlFiles: files.yaml.length,
    chars,
    tokens,
    markdownParser: markdownParser?.name,
    yamlParser: yamlParser?.name,
    markdownParseMs,
    yamlParseMs,
    ...(markdownParser?.fallback ? { fallback: markdownParser.fallback } : {}),
  }));
}

await main();
