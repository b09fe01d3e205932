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
  /** Atoms with at least one occurrence under an even number of negations, deduplicated. */
  readonly triggers: readonly number[];
}

/**
 * Compiles `ast`, asking `atomId` for the id of each atom occurrence. Only the
 * positive atoms trigger evaluation: the query is monotone in them and
 * anti-monotone in the others, so when no positive atom is true it is at most
 * its value on a blank post, which the parser guarantees is false.
 */
export const compileQuery = (ast: QueryNode, atomId: (atom: AtomNode) => number): CompiledQuery => {
  const code: number[] = [];
  const triggers = new Set<number>();
  const walk = (n: QueryNode, positive: boolean): void => {
    switch (n.type) {
      case 'not':
        walk(n.child, !positive);
        code.push(OP_NOT);
        return;
      case 'and':
      case 'or':
        for (const c of n.children) walk(c, positive);
        code.push(n.type === 'and' ? OP_AND : OP_OR, n.children.length);
        return;
      default: {
        const id = atomId(n);
        if (positive) triggers.add(id);
        code.push(id);
      }
    }
  };
  walk(ast, true);
  return { program: Int32Array.from(code), triggers: [...triggers] };
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

/** Evaluates `program` where atom `a` is true iff `atomEpoch[a] === epoch`. */
export const evaluate = (program: Int32Array, atomEpoch: Int32Array, epoch: number, stack: Uint8Array): boolean => {
  let sp = 0;
  const len = program.length;
  for (let i = 0; i < len; i++) {
    const op = program[i] as number;
    if (op >= 0) stack[sp++] = atomEpoch[op] === epoch ? 1 : 0;
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
