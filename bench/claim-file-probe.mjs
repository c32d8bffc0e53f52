// How long one claim file takes to read as a writer edits it, in one process: the language server
// reads a claim file again at every edit, so a file that falls off the fast path pays at every
// keystroke. Each variant is the same file with one thing changed:
//
//   node bench/claim-file-probe.mjs [--kb 128] [--rounds 20]
//
// Prints the median and slowest read of each variant, and fails when a variant does not read as
// it must (its claims and findings), so that a fast wrong reading does not pass for a fast one.
import { loadEngine } from './engine-options.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const kilobytes = option('--kb', 128);
const rounds = option('--rounds', 20);
if (!(kilobytes > 0) || !(rounds > 0)) {
  console.error('usage: node bench/claim-file-probe.mjs [--kb 128] [--rounds 20]');
  process.exit(2);
}

const { parseClaimsFile } = await loadEngine(['yaml/claims-file']);

// A claim file in the plain style the benchmark's workspaces use, of about the size asked for.
const METRICS = ['production', 're-reserves', 'refining-capacity', 'ree-exports'];
let clean = '# Figures transcribed from the yearbooks.\nclaims:\n';
let count = 0;
while (clean.length < kilobytes * 1024) {
  const value = count % 3 === 0 ? `{amount: ${1000 + count}, unit: t}` : `${(count % 97) + 1},${String(count % 1000).padStart(3, '0')} t`;
  clean += `  - id: c${count}\n    subject: s${count % 50}\n    metric: ${METRICS[count % METRICS.length]}\n    value: ${value}\n    as_of: ${2015 + (count % 10)}\n    sources: [src-${count % 300}]\n    text: Figure ${count} as the yearbook reports it.\n`;
  count++;
}
const middle = clean.indexOf(`  - id: c${Math.floor(count / 2)}\n`);
const insert = (lines) => clean.slice(0, middle) + lines + clean.slice(middle);

// Each variant: its text, and how many claims and findings it must read to.
const variants = {
  'clean file': [clean, count, 0],
  'with a suppression comment': [insert('  # claimlint-disable-next-line missing-source\n'), count, 0],
  'a schema slip (unknown key)': [insert('  - id: typo\n    subjekt: s1\n    value: 3 t\n'), count + 1, 1],
  'a schema slip (bad date)': [clean.replace('as_of: 2015', 'as_of: 2015-13'), count, 1],
  'a syntax slip (claim half typed)': [insert('  - id: typing\n    valu\n'), count, 1],
  'a block scalar': [insert('  - id: quoted\n    value: 3 t\n    text: |\n      A quotation kept as written.\n'), count + 1, 0],
};

console.log(`claim file of ${(clean.length / 1024).toFixed(0)} KB, ${count} claims, ${rounds} rounds`);
// Rounds outside, variants inside: V8's warming up and the machine's drift fall on every variant alike.
const entries = Object.entries(variants);
const times = entries.map(() => []);
const reads = [];
for (let round = 0; round < rounds; round++) {
  entries.forEach(([, [text]], index) => {
    const started = performance.now();
    reads[index] = parseClaimsFile(text, 'probe.claims.yaml');
    times[index].push(performance.now() - started);
  });
}
let wrong = 0;
entries.forEach(([name, [, claims, findings]], index) => {
  const sorted = times[index].sort((a, b) => a - b);
  console.log(`${name.padEnd(34)} median ${sorted[Math.floor(rounds / 2)].toFixed(2).padStart(7)} ms   max ${sorted[rounds - 1].toFixed(2).padStart(7)} ms`);
  const read = reads[index];
  if (read.claims.length !== claims || read.findings.length !== findings) {
    console.error(`claim-file-probe: ${name} read to ${read.claims.length} claims and ${read.findings.length} findings, not ${claims} and ${findings}`);
    wrong++;
  }
});
if (wrong > 0) process.exit(1);
