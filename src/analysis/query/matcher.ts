/**
 * One compiled index of all terms of all queries of all workspaces (DESIGN §5, ADR 0030).
 *
 * A post is normalised and tokenised once; each token is hashed once and looked up
 * in one table of every term value (no slicing, no allocation per token), while a
 * walk through a table of prefix-term prefixes finds `word*` terms. Phrases are
 * checked by position from their first word; fields are looked up once per post.
 * Each atom that is true marks the queries in which it occurs positively; only
 * those queries are evaluated (the parser guarantees that a query none of whose
 * positive atoms is true is false). Queries are added and removed one at a time.
 */
import { normalizeText } from '../text/normalize.ts';
import { scanTokens, TokenBuffer, KIND_HASHTAG, KIND_MENTION } from '../text/scan.ts';
import type { AtomNode, MatchablePost, QueryNode } from './ast.ts';
import { compileQuery, evaluate, programAtoms } from './program.ts';
import { TokenTable } from './token-table.ts';
import { PrefixTrie } from './prefix-trie.ts';
import { IdOrder } from './id-order.ts';
import { FieldIndex } from './field-index.ts';
import { MIN_PREFIX } from './terms.ts';
import { trueOnBlank } from './parse.ts';

export interface MatcherStats {
  readonly queries: number;
  readonly atoms: number;
  readonly vocabulary: number;
  readonly prefixes: number;
}

export interface Matcher {
  /** Adds a query, or replaces the query of the same id. `ast` must come from `parseQuery`. */
  add(id: string, ast: QueryNode): void;
  /** Removes a query; false when there was none of that id. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** Ids of the queries that match, sorted (code-unit order). */
  match(post: MatchablePost): string[];
  /**
   * The values of the `author:` terms of every query, normalised (`lea`, `lea@piaille.fr`,
   * `lea.bsky.social`): the authors whose other names (a DID's handle) a caller may look up to
   * pass as `authorAliases` (ADR 0240).
   */
  authorTerms(): string[];
  stats(): MatcherStats;
}

// What a vocabulary entry has postings for (bit flags).
const F_WORD = 1;
const F_HASHTAG = 2;
const F_MENTION = 4;
const F_SERVER = 8;
const F_PHRASE = 16;

interface ServerAtom {
  readonly server: string;
  readonly atom: number;
}

const growInt32 = (a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> => {
  if (a.length >= min) return a;
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
};

export const createMatcher = (): Matcher => {
  // Term values: words, hashtags, handles and phrase words.
  const vocab = new TokenTable();
  // Per vocabulary entry v, packed so one token costs one cache line:
  // entry[4v] = flags, [4v+1] = word atom, [4v+2] = hashtag atom, [4v+3] = mention atom (-1: none).
  let entry = new Int32Array(0);
  const serverAtoms: (ServerAtom[] | null)[] = [];
  const phraseAtoms: (number[] | null)[] = [];

  const prefixes = new PrefixTrie();

  const fields = new FieldIndex();

  // Atoms, deduplicated across all queries.
  const atomByKey = new Map<string, number>();
  const atomKey: string[] = [];
  const atomNode: (AtomNode | null)[] = [];
  const atomRefs: number[] = [];
  // Per atom a, packed: atomInfo[2a] = epoch when last true, [2a+1] = first trigger slot (-1: none);
  // further trigger slots, rare in practice, in atomMore.
  let atomInfo = new Int32Array(2048);
  const atomMore: (number[] | null)[] = [];
  const atomPhrase: (Int32Array | null)[] = [];
  const freeAtoms: number[] = [];

  // Queries by slot.
  const slotById = new Map<string, number>();
  const slotId: string[] = [];
  const slotProgram: (Int32Array | null)[] = [];
  const slotTriggers: (readonly number[] | null)[] = [];
  // 1 when the query is an atom or an OR of atoms: no evaluation needed once triggered.
  let slotDisjunctive = new Uint8Array(1024);
  const freeSlots: number[] = [];
  let queryEpoch = new Int32Array(1024);
  let stack = new Uint8Array(64);
  const order = new IdOrder();
  let outSlots = new Int32Array(256);

  // Per-post scratch, reused.
  const buf = new TokenBuffer();
  let tokVocab = new Int32Array(256);
  let candidates = new Int32Array(1024);
  let candCount = 0;
  let epoch = 0;

  const ensureVocab = (v: number): void => {
    if (entry.length < 4 * (v + 1)) {
      const bigger = new Int32Array(Math.max(4 * (v + 1), entry.length * 2));
      bigger.set(entry);
      bigger.fill(-1, entry.length);
      for (let i = entry.length; i < bigger.length; i += 4) bigger[i] = 0;
      entry = bigger;
    }
    while (serverAtoms.length <= v) {
      serverAtoms.push(null);
      phraseAtoms.push(null);
    }
  };
  const setFlag = (v: number, flag: number, on: boolean): void => {
    entry[4 * v] = on ? (entry[4 * v] as number) | flag : (entry[4 * v] as number) & ~flag;
  };
  const intern = (value: string): number => {
    const v = vocab.intern(value);
    ensureVocab(v);
    return v;
  };

  const keyOf = (n: AtomNode): string => {
    switch (n.type) {
      case 'word': return `w ${n.value}`;
      case 'phrase': return `p ${n.words.join(' ')}`;
      case 'prefix': return `x ${n.value}`;
      case 'hashtag': return `h ${n.value}`;
      case 'mention': return `m ${n.handle}${n.server === null ? '' : `@${n.server}`}`;
      case 'lang': return `l ${n.value}`;
      case 'source': return `s ${n.value}`;
      case 'author': return `a ${n.handle}${n.server === null ? '' : `@${n.server}`}`;
      case 'site': return `u ${n.host}`;
    }
  };

  /** Puts a new atom into the index structures (or takes it out, `on` false). */
  const index = (a: number, n: AtomNode, on: boolean): void => {
    const set = on ? a : -1;
    switch (n.type) {
      case 'word': {
        const v = intern(n.value);
        entry[4 * v + 1] = set;
        setFlag(v, F_WORD, on);
        return;
      }
      case 'hashtag': {
        const v = intern(n.value);
        entry[4 * v + 2] = set;
        setFlag(v, F_HASHTAG, on);
        return;
      }
      case 'mention': {
        const v = intern(n.handle);
        if (n.server === null) {
          entry[4 * v + 3] = set;
          setFlag(v, F_MENTION, on);
          return;
        }
        const list = (serverAtoms[v] ?? []).filter((s) => s.atom !== a);
        if (on) list.push({ server: n.server, atom: a });
        serverAtoms[v] = list.length > 0 ? list : null;
        setFlag(v, F_SERVER, list.length > 0);
        return;
      }
      case 'phrase': {
        const words = Int32Array.from(n.words, intern);
        const first = words[0] ?? 0;
        atomPhrase[a] = on ? words : null;
        const list = (phraseAtoms[first] ?? []).filter((p) => p !== a);
        if (on) list.push(a);
        phraseAtoms[first] = list.length > 0 ? list : null;
        setFlag(first, F_PHRASE, list.length > 0);
        return;
      }
      case 'prefix':
        prefixes.set(n.value, set);
        return;
      default:
        fields.set(n, set);
    }
  };

  const acquireAtom = (n: AtomNode): number => {
    const key = keyOf(n);
    const known = atomByKey.get(key);
    if (known !== undefined) {
      atomRefs[known] = (atomRefs[known] ?? 0) + 1;
      return known;
    }
    const a = freeAtoms.pop() ?? atomKey.length;
    atomByKey.set(key, a);
    atomKey[a] = key;
    atomNode[a] = n;
    atomRefs[a] = 1;
    atomMore[a] = null;
    atomInfo = growInt32(atomInfo, 2 * (a + 1));
    atomInfo[2 * a] = 0;
    atomInfo[2 * a + 1] = -1;
    index(a, n, true);
    return a;
  };

  const releaseAtom = (a: number): void => {
    const refs = (atomRefs[a] ?? 1) - 1;
    atomRefs[a] = refs;
    if (refs > 0) return;
    const n = atomNode[a];
    if (n) index(a, n, false);
    atomByKey.delete(atomKey[a] ?? '');
    atomNode[a] = null;
    atomMore[a] = null;
    atomInfo[2 * a + 1] = -1;
    freeAtoms.push(a);
  };

  const removeTrigger = (a: number, slot: number): void => {
    const more = atomMore[a];
    if (atomInfo[2 * a + 1] === slot) {
      atomInfo[2 * a + 1] = more && more.length > 0 ? (more.pop() as number) : -1;
      return;
    }
    if (!more) return;
    const i = more.indexOf(slot);
    if (i >= 0) {
      more[i] = more[more.length - 1] as number;
      more.pop();
    }
  };

  const remove = (id: string): boolean => {
    const slot = slotById.get(id);
    if (slot === undefined) return false;
    for (const a of slotTriggers[slot] ?? []) removeTrigger(a, slot);
    for (const a of programAtoms(slotProgram[slot] ?? new Int32Array(0))) releaseAtom(a);
    slotById.delete(id);
    order.remove(id);
    slotProgram[slot] = null;
    slotTriggers[slot] = null;
    freeSlots.push(slot);
    return true;
  };

  const add = (id: string, ast: QueryNode): void => {
    if (trueOnBlank(ast)) throw new Error(`query ${id} is true on a blank post: parse it with parseQuery first`);
    remove(id);
    const { program, triggers, disjunctive } = compileQuery(ast, acquireAtom);
    const slot = freeSlots.pop() ?? slotId.length;
    slotById.set(id, slot);
    order.add(id, slot);
    slotId[slot] = id;
    slotProgram[slot] = program;
    slotTriggers[slot] = triggers;
    queryEpoch = growInt32(queryEpoch, slot + 1);
    queryEpoch[slot] = 0;
    if (slotDisjunctive.length <= slot) {
      const d = new Uint8Array(slotDisjunctive.length * 2);
      d.set(slotDisjunctive);
      slotDisjunctive = d;
    }
    slotDisjunctive[slot] = disjunctive ? 1 : 0;
    if (stack.length < program.length) stack = new Uint8Array(program.length * 2);
    for (const a of triggers) {
      if (atomInfo[2 * a + 1] === -1) atomInfo[2 * a + 1] = slot;
      else (atomMore[a] ??= []).push(slot);
    }
  };

  const candidate = (q: number): void => {
    if (queryEpoch[q] === epoch) return;
    queryEpoch[q] = epoch;
    if (candCount === candidates.length) candidates = growInt32(candidates, candCount + 1);
    candidates[candCount++] = q;
  };

  const hit = (a: number): void => {
    const e = 2 * a;
    if (atomInfo[e] === epoch) return;
    atomInfo[e] = epoch;
    const first = atomInfo[e + 1] as number;
    if (first < 0) return;
    candidate(first);
    const more = atomMore[a];
    if (more) for (let i = 0; i < more.length; i++) candidate(more[i] as number);
  };

  const sameRange = (text: string, start: number, end: number, s: string): boolean => {
    if (end - start !== s.length) return false;
    for (let i = 0; i < s.length; i++) if (text.charCodeAt(start + i) !== s.charCodeAt(i)) return false;
    return true;
  };

  /** Hits the prefix terms that `text[s, e)` starts with, stopping at the first prefix no term has. */
  const walkPrefixTable = (text: string, s: number, e: number): void => {
    let node = prefixes.start(text.charCodeAt(s), text.charCodeAt(s + 1), text.charCodeAt(s + 2));
    for (let j = s + 3; ; j++) {
      if (node < 0) return;
      const a = prefixes.atomAt(node);
      if (a >= 0) hit(a);
      if (j === e || !prefixes.continues(node)) return;
      node = prefixes.next(node, text.charCodeAt(j));
    }
  };

  /** Looks up every token once; returns whether some token starts a phrase term. */
  const lookUpTokens = (text: string): boolean => {
    const n = buf.count;
    if (tokVocab.length < n) tokVocab = growInt32(tokVocab, n);
    const walkPrefixes = prefixes.size > 0;
    let phrases = false;
    for (let t = 0; t < n; t++) {
      const s = buf.start[t] as number;
      const e = buf.end[t] as number;
      if (walkPrefixes && e - s >= MIN_PREFIX) walkPrefixTable(text, s, e);
      const h = buf.hash[t] as number;
      const v = vocab.find(text, s, e, h);
      tokVocab[t] = v;
      if (v < 0) continue;
      const f = entry[4 * v] as number;
      if (f === 0) continue;
      if (f & F_WORD) hit(entry[4 * v + 1] as number);
      const kind = buf.kind[t];
      if (kind === KIND_HASHTAG) {
        if (f & F_HASHTAG) hit(entry[4 * v + 2] as number);
      } else if (kind === KIND_MENTION) {
        if (f & F_MENTION) hit(entry[4 * v + 3] as number);
        const ss = buf.serverStart[t] as number;
        if (f & F_SERVER && ss >= 0) {
          const se = buf.serverEnd[t] as number;
          for (const sa of serverAtoms[v] ?? []) if (sameRange(text, ss, se, sa.server)) hit(sa.atom);
        }
      }
      if (f & F_PHRASE) phrases = true;
    }
    return phrases;
  };

  const checkPhrases = (): void => {
    const n = buf.count;
    for (let t = 0; t < n; t++) {
      const v = tokVocab[t] as number;
      if (v < 0 || ((entry[4 * v] as number) & F_PHRASE) === 0) continue;
      for (const a of phraseAtoms[v] ?? []) {
        if (atomInfo[2 * a] === epoch) continue;
        const words = atomPhrase[a];
        if (!words || t + words.length > n) continue;
        let k = 1;
        while (k < words.length && tokVocab[t + k] === words[k]) k++;
        if (k === words.length) hit(a);
      }
    }
  };

  const match = (post: MatchablePost): string[] => {
    if (slotById.size === 0) return [];
    epoch++;
    if (epoch === 0x7fffffff) {
      for (let i = 0; i < atomInfo.length; i += 2) atomInfo[i] = 0;
      queryEpoch.fill(0);
      epoch = 1;
    }
    candCount = 0;
    const text = normalizeText(post.text);
    scanTokens(text, buf);
    if (lookUpTokens(text)) checkPhrases();
    fields.hits(post, text, buf, hit);
    if (outSlots.length < candCount) outSlots = growInt32(outSlots, candCount);
    let k = 0;
    for (let i = 0; i < candCount; i++) {
      const slot = candidates[i] as number;
      if (slotDisjunctive[slot] === 1) outSlots[k++] = slot;
      else {
        const program = slotProgram[slot];
        if (program && evaluate(program, atomInfo, epoch, stack)) outSlots[k++] = slot;
      }
    }
    if (k > 1) {
      if (order.dirty) order.settle(() => slotById.entries());
      order.sort(outSlots, k);
    }
    const out = new Array<string>(k);
    for (let i = 0; i < k; i++) out[i] = slotId[outSlots[i] as number] as string;
    return out;
  };

  return {
    add,
    remove,
    has: (id) => slotById.has(id),
    match,
    authorTerms: () => fields.authorTerms(),
    stats: () => ({ queries: slotById.size, atoms: atomByKey.size, vocabulary: vocab.size, prefixes: prefixes.size }),
  };
};
