/**
 * Three-class logistic regression (softmax) over the sentiment features: inference for the product,
 * and a seeded, deterministic trainer for scripts/train-sentiment.ts.
 * Class order everywhere: 0 negative, 1 neutral, 2 positive.
 */
import { seededRandom } from '../random.ts';
import { DENSE_SIZE, HASH_BITS, type Features } from './features.ts';

export const CLASSES = 3;

export interface LinearModel {
  readonly bias: Float64Array;
  /** CLASSES × DENSE_SIZE, row per class. */
  readonly dense: Float64Array;
  /** CLASSES × 2^HASH_BITS, row per bucket: weights of bucket b at 3b, 3b+1, 3b+2. */
  readonly hashed: Float32Array;
}

/** The committed form: only buckets seen in training, weights rounded. */
export interface StoredModel {
  readonly bias: number[];
  readonly dense: number[];
  /** Bucket ids, ascending, delta-encoded. */
  readonly buckets: number[];
  /** CLASSES weights per bucket, in bucket order, multiplied by 1000 and rounded. */
  readonly weights: number[];
}

export const emptyModel = (): LinearModel => ({
  bias: new Float64Array(CLASSES),
  dense: new Float64Array(CLASSES * DENSE_SIZE),
  hashed: new Float32Array(CLASSES << HASH_BITS),
});

/** Class probabilities for one example, written into `out`. */
export const predict = (model: LinearModel, f: Features, out: Float64Array = new Float64Array(CLASSES)): Float64Array => {
  // The hashed weights of a bucket sit side by side: one pass reads the three classes' (each
  // class's sum is added in the same order as a pass per class would).
  const w = model.hashed;
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  for (const b of f.hashed) {
    const at = b * CLASSES;
    h0 += w[at] as number;
    h1 += w[at + 1] as number;
    h2 += w[at + 2] as number;
  }
  let max = -Infinity;
  for (let c = 0; c < CLASSES; c++) {
    let z = model.bias[c] ?? 0;
    for (let j = 0; j < DENSE_SIZE; j++) z += (model.dense[c * DENSE_SIZE + j] ?? 0) * (f.dense[j] ?? 0);
    z += (c === 0 ? h0 : c === 1 ? h1 : h2) * f.hashedValue;
    out[c] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) {
    const e = Math.exp((out[c] ?? 0) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < CLASSES; c++) out[c] = (out[c] ?? 0) / sum;
  return out;
};

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty per example step on the weights an example touches. */
  readonly l2: number;
  readonly seed: number;
}

/** Seeded, so that training order (and so the weights) reproduce. */
const random = seededRandom;

/** Stochastic gradient descent on the cross-entropy, examples visited in a seeded order. */
export const train = (examples: readonly Features[], labels: readonly number[], options: TrainOptions): LinearModel => {
  const model = emptyModel();
  const next = random(options.seed);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(CLASSES);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const rate = options.learningRate / (1 + epoch * 0.2);
    for (const i of order) {
      const f = examples[i] as Features;
      predict(model, f, p);
      for (let c = 0; c < CLASSES; c++) {
        const g = (p[c] ?? 0) - (labels[i] === c ? 1 : 0);
        model.bias[c] = (model.bias[c] ?? 0) - rate * g;
        for (let k = 0; k < DENSE_SIZE; k++) {
          const at = c * DENSE_SIZE + k;
          const w = model.dense[at] ?? 0;
          model.dense[at] = w - rate * (g * (f.dense[k] ?? 0) + options.l2 * w);
        }
        for (const b of f.hashed) {
          const at = b * CLASSES + c;
          const w = model.hashed[at] ?? 0;
          model.hashed[at] = w - rate * (g * f.hashedValue + options.l2 * w);
        }
      }
    }
  }
  return model;
};

const SCALE = 1000;

export const storeModel = (model: LinearModel): StoredModel => {
  const buckets: number[] = [];
  const weights: number[] = [];
  let previous = 0;
  for (let b = 0; b < 1 << HASH_BITS; b++) {
    const ws = [0, 1, 2].map((c) => Math.round((model.hashed[b * CLASSES + c] ?? 0) * SCALE));
    if (ws.every((w) => w === 0)) continue;
    buckets.push(b - previous);
    previous = b;
    weights.push(...ws);
  }
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  return { bias: [...model.bias].map(round), dense: [...model.dense].map(round), buckets, weights };
};

export const loadModel = (stored: StoredModel): LinearModel => {
  const model = emptyModel();
  model.bias.set(stored.bias);
  model.dense.set(stored.dense);
  let b = 0;
  stored.buckets.forEach((delta, i) => {
    b += delta;
    for (let c = 0; c < CLASSES; c++) model.hashed[b * CLASSES + c] = (stored.weights[i * CLASSES + c] ?? 0) / SCALE;
  });
  return model;
};
