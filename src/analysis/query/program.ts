/**
 * A query compiled to a postfix program over atom ids, evaluated with a small
 * reusable stack. Atom ids are >= 0; negative codes are operators.
 */
import type { AtomNode, QueryNode } from './ast.ts';

export const OP_NOT = -1;
/** Followed by the number of operands. */
export const OP_AND = -2;
export const OP_OR = -3;

export interface CompiledQuery {
  readonly program: Int32Array;
  /**
   * Atoms such that the query is false whenever all of them are false: only
   * these trigger evaluation. Deduplicated; never empty for a parsed query.
   */
  readonly triggers: readonly number[];
  /** True when the query is one atom or an OR of atoms: triggered means matched. */
  readonly disjunctive: boolean;
}

/**
 * Rough relative frequency of an atom kind in posts, to pick cheap triggers:
 * `lang:fr` is true on most French posts, a hashtag or a phrase on few.
 */
const atomCost = (a: AtomNode): number => {
  switch (a.type) {
    case 'lang':
    case 'source':
      return 1000;
    case 'site':
    case 'author':
      return 5;
    case 'prefix':
      return 3;
    case 'word':
      return 1;
    default:
      return 0.5;
  }
};

interface Triggers {
  readonly atoms: Set<number>;
  readonly cost: number;
}

/**
 * Compiles `ast`, asking `atomId` for the id of each atom occurrence.
 *
 * Triggers are chosen on the tree in negation normal form (`positive` is the
 * polarity): an atom under positive polarity triggers itself; an AND needs the
 * triggers of one child only (the cheapest); an OR needs those of every child;
 * a negated atom has none. A node gets a trigger set exactly when it is false
 * on a blank post (induction on the tree), which the parser guarantees for the
 * whole query; and when every trigger is false the node is false.
 */
export const compileQuery = (ast: QueryNode, atomId: (atom: AtomNode) => number): CompiledQuery => {
  const code: number[] = [];
  let disjunctive = true;
  const union = (parts: (Triggers | null)[]): Triggers | null => {
    const atoms = new Set<number>();
    let cost = 0;
    for (const p of parts) {
      if (!p) return null;
      for (const a of p.atoms) atoms.add(a);
      cost += p.cost;
    }
    return { atoms, cost };
  };
  const cheapest = (parts: (Triggers | null)[]): Triggers | null => {
    let best: Triggers | null = null;
    for (const p of parts) if (p && (!best || p.cost < best.cost)) best = p;
    return best;
  };
  const walk = (n: QueryNode, positive: boolean): Triggers | null => {
    switch (n.type) {
      case 'not': {
        disjunctive = false;
        const t = walk(n.child, !positive);
        code.push(OP_NOT);
        return t;
      }
      case 'and':
      case 'or': {
        if (n.type === 'and') disjunctive = false;
        const parts = n.children.map((c) => walk(c, positive));
        code.push(n.type === 'and' ? OP_AND : OP_OR, n.children.length);
        // Under negation, AND behaves as OR and OR as AND (De Morgan).
        return (n.type === 'and') === positive ? cheapest(parts) : union(parts);
      }
      default: {
        const id = atomId(n);
        code.push(id);
        return positive ? { atoms: new Set([id]), cost: atomCost(n) } : null;
      }
    }
  };
  const t = walk(ast, true);
  if (!t) throw new Error('query is true on a blank post: parse it with parseQuery first');
  return { program: Int32Array.from(code), triggers: [...t.atoms], disjunctive };
};

/** Atom ids of every occurrence in `program` (with repetitions). */
export const programAtoms = (program: Int32Array): number[] => {
  const out: number[] = [];
  for (let i = 0; i < program.length; i++) {
    const op = program[i] ?? 0;
    if (op >= 0) out.push(op);
    else if (op !== OP_NOT) i++;
  }
  return out;
};

/** Evaluates `program` where atom `a` is true iff `atomInfo[2a] === epoch`. */
export const evaluate = (program: Int32Array, atomInfo: Int32Array, epoch: number, stack: Uint8Array): boolean => {
  let sp = 0;
  const len = program.length;
  for (let i = 0; i < len; i++) {
    const op = program[i] as number;
    if (op >= 0) stack[sp++] = atomInfo[2 * op] === epoch ? 1 : 0;
    else if (op === OP_NOT) stack[sp - 1] = (stack[sp - 1] as number) ^ 1;
    else {
      const n = program[++i] as number;
      sp -= n;
      let r = op === OP_AND ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const v = stack[sp + k] as number;
        r = op === OP_AND ? r & v : r | v;
      }
      stack[sp++] = r;
    }
  }
  return stack[0] === 1;
};
