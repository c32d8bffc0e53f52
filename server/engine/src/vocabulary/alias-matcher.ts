// Finds alias occurrences in text with one trie over case-folded code units (see text-folding.ts),
// built once per vocabulary kind. From each start position the walk is bounded by the longest alias,
// so a search costs O(text length × longest alias) whatever the text: no regular expression, no
// backtracking. The trie is built from Maps, then flattened into typed arrays that the walk reads:
// one open-addressed table of (node, code unit) → child, about twice as fast as a Map per node.

import { CASE_FOLD, LATIN_WORD_CODES, SEPARATOR, WIDTH_FOLD, isUpperCaseCode, isWrittenInCapitals } from './text-folding';

/**
 * How an alias treats letter case: `exact` for aliases written in capitals (`US` is not "us");
 * `capitalised` for names that are also common lower-case words (`Turkey`, not "turkey");
 * `insensitive` otherwise.
 */
export type CaseRule = 'insensitive' | 'exact' | 'capitalised';

export interface MatcherAlias {
  /** The entry the alias names, or null for a phrase that only blocks shorter aliases inside it. */
  id: string | null;
  /** The alias as written. */
  alias: string;
  caseRule: CaseRule;
}

/** One alias list of a matcher, and the kind its hits are labelled with. */
export interface MatcherGroup<K extends string> {
  kind: K;
  aliases: readonly MatcherAlias[];
}

/** Made with its kind at once: a hit relabelled afterwards was a second object per alias found. */
export interface MatcherHit<K extends string = string> {
  kind: K;
  id: string;
  alias: string;
  start: number;
  end: number;
}

interface Terminal {
  /** Which of the matcher's alias lists the alias came from: each list is matched on its own. */
  group: number;
  id: string | null;
  alias: string;
  caseRule: CaseRule;
  /** The alias's width-folded code units without separators: what `exact` compares. */
  exactUnits: number[];
}

interface TrieNode {
  children: Map<number, TrieNode> | undefined;
  terminals: Terminal[] | undefined;
}

export function caseRuleFor(alias: string): CaseRule {
  return isWrittenInCapitals(alias) ? 'exact' : 'insensitive';
}

/** The alias's case-folded code units, each separator run reduced to one, none at either end. */
function foldedUnits(alias: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < alias.length; i++) {
    const c = CASE_FOLD[alias.charCodeAt(i)]!;
    if (c === SEPARATOR && (units.length === 0 || units[units.length - 1] === SEPARATOR)) continue;
    units.push(c);
  }
  if (units[units.length - 1] === SEPARATOR) units.pop();
  return units;
}

function exactUnitsOf(alias: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < alias.length; i++) {
    const w = WIDTH_FOLD[alias.charCodeAt(i)]!;
    if (w !== SEPARATOR) units.push(w);
  }
  return units;
}

function newNode(): TrieNode {
  return { children: undefined, terminals: undefined };
}

/** A trie of node numbers (the root is 0): transitions in an open-addressed table, terminals per node. */
interface FlatTrie {
  /**
   * What the walk asks of a node, in one number: the flags below, and above them, for a node with
   * exactly one child, the unit that leads to it plus one (the child is the next node; 0 when the
   * node has several, which are in `slots`). One read per letter, where four arrays were four
   * cache lines; and along a chain of only children (most of an alias past its first letters) no
   * probe into the table at all.
   */
  nodeInfo: Int32Array;
  terminals: (Terminal[] | undefined)[];
  /**
   * The table's slots, three numbers each: the parent node (-1 for an empty slot), the code unit,
   * the child node. One array, so that a probe reads one cache line, not one in each of three.
   */
  slots: Int32Array;
  /** Slot count - 1 (a power of two less one). */
  mask: number;
}

/** The node has at least one child. */
const HAS_CHILDREN = 1;
/** An alias ends at the node: read before `terminals`. */
const HAS_TERMINALS = 2;
/**
 * Every alias ending at the node must start with a capital (`IN`, `Turkey`): a match starting with
 * a small letter ("in", "turkey") is ruled out without looking at the aliases.
 */
const CAPITAL_ONLY = 4;
const ONLY_CHILD_SHIFT = 3;

function slotOf(node: number, unit: number, mask: number): number {
  return Math.imul(node * 0x10001 + unit, 0x9e3779b1) & mask;
}

/** The child of `node` (which has children; `info` is its nodeInfo) by `unit`, or -1. */
function childOf(trie: FlatTrie, node: number, info: number, unit: number): number {
  const only = info >>> ONLY_CHILD_SHIFT;
  if (only !== 0) return only === unit + 1 ? node + 1 : -1;
  const { slots, mask } = trie;
  let slot = slotOf(node, unit, mask);
  for (;;) {
    const at = slots[3 * slot]!;
    if (at === -1) return -1;
    if (at === node && slots[3 * slot + 1] === unit) return slots[3 * slot + 2]!;
    slot = (slot + 1) & mask;
  }
}

/** Whether every alias ending at a node needs a capital first letter where the match starts. */
function needsCapital(terminals: Terminal[] | undefined): boolean {
  if (terminals === undefined) return false;
  return terminals.every(
    (terminal) => terminal.caseRule === 'capitalised' || (terminal.caseRule === 'exact' && isUpperCaseCode(terminal.exactUnits[0] ?? 0)),
  );
}

function flatten(root: TrieNode): FlatTrie {
  // Depth first, children in insertion order: a node's first child is numbered next, so a chain of
  // only children (most of an alias past its first letters) is a run of consecutive nodes.
  const nodes: TrieNode[] = [];
  const pending: TrieNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    nodes.push(node);
    const children = [...(node.children?.values() ?? [])];
    for (let k = children.length - 1; k >= 0; k--) pending.push(children[k]!);
  }
  let transitions = 0;
  for (const node of nodes) if ((node.children?.size ?? 0) > 1) transitions += node.children!.size;
  let size = 16;
  while (size < transitions * 2) size *= 2;
  const trie: FlatTrie = {
    nodeInfo: Int32Array.from(nodes, (node) => (node.terminals === undefined ? 0 : HAS_TERMINALS) | (needsCapital(node.terminals) ? CAPITAL_ONLY : 0)),
    terminals: nodes.map((node) => node.terminals),
    slots: new Int32Array(3 * size).fill(-1),
    mask: size - 1,
  };
  const numberOf = new Map<TrieNode, number>(nodes.map((node, index) => [node, index]));
  nodes.forEach((node, index) => {
    if (node.children === undefined || node.children.size === 0) return;
    trie.nodeInfo[index]! |= HAS_CHILDREN;
    if (node.children.size === 1) {
      trie.nodeInfo[index]! |= (node.children.keys().next().value! + 1) << ONLY_CHILD_SHIFT;
      return;
    }
    for (const [unit, child] of node.children) {
      let slot = slotOf(index, unit, trie.mask);
      while (trie.slots[3 * slot] !== -1) slot = (slot + 1) & trie.mask;
      trie.slots[3 * slot] = index;
      trie.slots[3 * slot + 1] = unit;
      trie.slots[3 * slot + 2] = numberOf.get(child)!;
    }
  });
  return trie;
}

export class AliasMatcher<K extends string = string> {
  private readonly trie: FlatTrie;
  /** 1 for each folded code unit an alias starts with: most text positions are ruled out by one array read. */
  private readonly startUnits = new Uint8Array(0x10000);

  private readonly groupCount: number;
  private readonly kinds: K[];
  private readonly candidates: Candidates[] = [];
  private readonly bestEnds: Int32Array;
  /** All undefined between walks: each entry is cleared again when it is taken. */
  private readonly bests: (Terminal | undefined)[];

  /**
   * Earlier aliases win over later ones with the same folded form. Several lists (subjects and
   * metrics) share one trie and one walk over the text, and are still matched independently: a
   * subject alias never hides a metric alias or the other way round.
   */
  constructor(...groups: readonly MatcherGroup<K>[]) {
    this.groupCount = Math.max(1, groups.length);
    this.kinds = groups.map((group) => group.kind);
    for (let g = 0; g < this.groupCount; g++) this.candidates.push(emptyCandidates());
    this.bestEnds = new Int32Array(this.groupCount);
    this.bests = new Array<Terminal | undefined>(this.groupCount).fill(undefined);
    // The trie of Maps is only built here; the walk reads its flat copy.
    const root = newNode();
    groups.forEach(({ aliases }, group) => {
      for (const alias of aliases) this.add(root, alias, group);
    });
    this.trie = flatten(root);
  }

  private add(root: TrieNode, alias: MatcherAlias, group: number): void {
    const entry = { group, id: alias.id, alias: alias.alias, caseRule: alias.caseRule };
    const units = foldedUnits(entry.alias);
    if (units.length === 0) return;
    const exactUnits = exactUnitsOf(entry.alias);
    this.startUnits[units[0]!] = 1;
    let node = root;
    for (const unit of units) {
      node.children ??= new Map();
      let child = node.children.get(unit);
      if (child === undefined) {
        child = newNode();
        node.children.set(unit, child);
      }
      node = child;
    }
    (node.terminals ??= []).push({ ...entry, exactUnits });

    // `U.S.` also matches as "U.S": a sentence's full stop often swallows the abbreviation's dot,
    // and some writers drop it. The shorter form still needs a whole-word end.
    if (units.length > 1 && units[units.length - 1] === 0x2e && units[units.length - 2] !== SEPARATOR) {
      let prefix = root;
      for (let k = 0; k < units.length - 1; k++) prefix = prefix.children!.get(units[k]!)!;
      (prefix.terminals ??= []).push({ ...entry, exactUnits: exactUnits.slice(0, -1) });
    }
  }

  /** Every alias occurrence, left to right, non-overlapping; where matches overlap the longest wins. */
  find(text: string): MatcherHit<K>[] {
    return this.findInGroups(text)[0]!;
  }

  /** `find` for each alias list given to the constructor, in one walk over the text. */
  findInGroups(text: string): MatcherHit<K>[][] {
    // The longest match at each start, per list, in parallel arrays: hostile text can make millions.
    // They are reused from one call to the next (a sentence makes a call), emptied first.
    const candidates = this.candidates;
    // Emptied by their counts: truncating three arrays per list at every sentence was a runtime call each.
    for (const group of candidates) group.count = 0;
    if ((this.trie.nodeInfo[0]! & HAS_CHILDREN) !== 0) {
      const { bestEnds, bests } = this;
      const n = text.length;
      const startUnits = this.startUnits;
      let afterWord = 0;
      for (let i = 0; i < n; i++) {
        const first = CASE_FOLD[text.charCodeAt(i)]!;
        const inWord = LATIN_WORD_CODES[first]!;
        // Every alias starting here starts with this character, so the start boundary is decided
        // once: never inside a Latin word.
        if (startUnits[first] === 1 && (inWord & afterWord) === 0) this.longestAt(text, i, bestEnds, bests, candidates);
        afterWord = inWord;
      }
    }
    return candidates.map((group, index) => {
      const kind = this.kinds[index]!;
      const hits: MatcherHit<K>[] = [];
      // Most sentences have no candidate or one of a list: nothing overlaps, no flags to allocate.
      if (group.count === 1) {
        const terminal = group.terminals[0]!;
        if (terminal.id !== null) hits.push({ kind, id: terminal.id, alias: terminal.alias, start: group.starts[0]!, end: group.ends[0]! });
      } else if (group.count > 1) {
        const kept = resolveOverlaps(group);
        for (let k = 0; k < kept.length; k++) {
          const id = group.terminals[k]!.id;
          if (kept[k] === 1 && id !== null) hits.push({ kind, id, alias: group.terminals[k]!.alias, start: group.starts[k]!, end: group.ends[k]! });
        }
      }
      // A hostile text's millions of candidates are not kept for the next call.
      if (group.count > MAX_KEPT_CANDIDATES) candidates[index] = emptyCandidates();
      return hits;
    });
  }

  /** Appends, for each list, the longest match starting at `start`, if any. */
  private longestAt(text: string, start: number, bestEnds: Int32Array, bests: (Terminal | undefined)[], out: Candidates[]): void {
    // `bests` is all undefined here: each entry is cleared again when it is taken below.
    const n = text.length;
    const trie = this.trie;
    const nodeInfo = trie.nodeInfo;
    // `capitalised` and capital `exact` aliases compare the first letter as written.
    const startsWithCapital = isUpperCaseCode(WIDTH_FOLD[text.charCodeAt(start)]!);
    let found = false;
    let node = 0;
    let info = nodeInfo[0]!;
    let j = start;
    while (j < n && (info & HAS_CHILDREN) !== 0) {
      const c = CASE_FOLD[text.charCodeAt(j)]!;
      if (c === SEPARATOR) {
        const next = childOf(trie, node, info, SEPARATOR);
        if (next === -1) break;
        while (j < n && CASE_FOLD[text.charCodeAt(j)] === SEPARATOR) j++;
        node = next;
        info = nodeInfo[node]!;
        continue;
      }
      const next = childOf(trie, node, info, c);
      if (next === -1) break;
      node = next;
      info = nodeInfo[node]!;
      j++;
      if ((info & HAS_TERMINALS) === 0 || ((info & CAPITAL_ONLY) !== 0 && !startsWithCapital)) continue;
      const terminals = trie.terminals[node]!;
      if (LATIN_WORD_CODES[c] === 1 && j < n && LATIN_WORD_CODES[CASE_FOLD[text.charCodeAt(j)]!] === 1) continue;
      // The first allowed terminal of each list at this node; a deeper node (longer match) replaces it.
      let decided = 0;
      for (const terminal of terminals) {
        const bit = 1 << terminal.group;
        if ((decided & bit) !== 0 || !caseAllows(terminal, text, start, j)) continue;
        decided |= bit;
        bestEnds[terminal.group] = j;
        bests[terminal.group] = terminal;
        found = true;
      }
    }
    if (!found) return;
    for (let g = 0; g < bests.length; g++) {
      const best = bests[g];
      if (best === undefined) continue;
      bests[g] = undefined;
      const list = out[g]!;
      const at = list.count++;
      list.starts[at] = start;
      list.ends[at] = bestEnds[g]!;
      list.terminals[at] = best;
    }
  }
}

interface Candidates {
  /** How many of the entries are this call's; the arrays may hold more, left from earlier calls. */
  count: number;
  starts: number[];
  ends: number[];
  terminals: Terminal[];
}

/** Reused candidate lists longer than this are dropped after the call rather than kept. */
const MAX_KEPT_CANDIDATES = 4096;

function emptyCandidates(): Candidates {
  return { count: 0, starts: [], ends: [], terminals: [] };
}

function caseAllows(terminal: Terminal, text: string, start: number, end: number): boolean {
  switch (terminal.caseRule) {
    case 'insensitive':
      return true;
    case 'capitalised':
      return isUpperCaseCode(WIDTH_FOLD[text.charCodeAt(start)]!);
    case 'exact': {
      const want = terminal.exactUnits;
      let k = 0;
      for (let j = start; j < end; j++) {
        const w = WIDTH_FOLD[text.charCodeAt(j)]!;
        if (w === SEPARATOR) continue;
        if (k >= want.length || want[k] !== w) return false;
        k++;
      }
      return k === want.length;
    }
  }
}

/**
 * Keeps, among overlapping candidates, the longest (the leftmost on a tie), then the longest of
 * what remains, and so on. Candidates arrive sorted by start, at most one per start. Returns a
 * flag per candidate: 1 when kept.
 */
function resolveOverlaps(candidates: Candidates): Uint8Array {
  const { starts, ends, count } = candidates;
  const kept = new Uint8Array(count);
  let g = 0;
  while (g < count) {
    let groupEnd = ends[g]!;
    let h = g + 1;
    while (h < count && starts[h]! < groupEnd) {
      if (ends[h]! > groupEnd) groupEnd = ends[h]!;
      h++;
    }
    if (h === g + 1) kept[g] = 1;
    else keepLongestFirst(candidates, g, h, groupEnd, kept);
    g = h;
  }
  return kept;
}

/** Resolves one group of mutually overlapping candidates, indices [from, to). */
function keepLongestFirst(candidates: Candidates, from: number, to: number, groupEnd: number, kept: Uint8Array): void {
  const { starts, ends } = candidates;
  const groupStart = starts[from]!;
  // Bucket by length (few distinct lengths) so a hostile group of every position stays near-linear.
  const byLength = new Map<number, number[]>();
  for (let k = from; k < to; k++) {
    const length = ends[k]! - starts[k]!;
    let bucket = byLength.get(length);
    if (bucket === undefined) byLength.set(length, (bucket = []));
    bucket.push(k);
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  const taken = new Uint8Array(groupEnd - groupStart);
  for (const length of lengths) {
    for (const k of byLength.get(length)!) {
      const lo = starts[k]! - groupStart;
      const hi = ends[k]! - groupStart;
      let free = true;
      for (let p = lo; p < hi; p++) {
        if (taken[p] === 1) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      taken.fill(1, lo, hi);
      kept[k] = 1;
    }
  }
}
