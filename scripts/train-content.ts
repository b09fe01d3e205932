// Trains the content-class model (src/analysis/content/model.weights.json) on the train split of
// src/analysis/content/testing/labelled-posts.json. Deterministic: same posts, same weights, byte
// for byte. Variants (cues alone, naive Bayes over words, + bigrams, + cues; smoothing) are compared
// by 5-fold cross-validation over the train split only; the test split is for the evaluation.
//
//   node scripts/train-content.ts            (writes the weights, prints the comparison)
//   node scripts/train-content.ts --check    (exit 1 if the committed weights differ)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentClasses, type ContentClass } from '../src/analysis/content/classes.ts';
import { cueScores } from '../src/analysis/content/cues.ts';
import { featuresOf, type FeatureOptions } from '../src/analysis/content/features.ts';
import { scoreNaiveBayes, trainNaiveBayes } from '../src/analysis/content/naive-bayes.ts';
import { accuracy, macroF1 } from '../src/analysis/sentiment/metrics.ts';
import { trainPosts, type LabelledPost } from '../src/analysis/content/testing/labelled-posts.ts';

const FOLDS = 5;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const file = `${repoRoot}src/analysis/content/model.weights.json`;

const argmax = (xs: readonly number[]): number => xs.reduce((best, x, i) => (x > (xs[best] ?? -Infinity) ? i : best), 0);

type Predictor = (train: readonly LabelledPost[]) => (text: string) => ContentClass;

const cuesAlone: Predictor = () => (text) => {
  const s = cueScores(text);
  return contentClasses[argmax(contentClasses.map((c) => s[c]))] as ContentClass;
};

const bayes =
  (features: FeatureOptions, alpha: number): Predictor =>
  (train) => {
    const model = trainNaiveBayes(
      train.map((p) => ({ features: featuresOf(p.text, features), label: p.label })),
      alpha,
    );
    return (text) => contentClasses[argmax(scoreNaiveBayes(model, featuresOf(text, features)))] as ContentClass;
  };

/**
 * Comparison only (not shipped unless it wins): softmax regression over the same features,
 * binary bag, seeded SGD with L2.
 */
const logistic =
  (features: FeatureOptions, l2: number): Predictor =>
  (train) => {
    const index = new Map<string, number>();
    const encode = (text: string, grow: boolean): number[] => {
      const ids = new Set<number>();
      for (const f of featuresOf(text, features)) {
        let id = index.get(f);
        if (id === undefined && grow) index.set(f, (id = index.size));
        if (id !== undefined) ids.add(id);
      }
      return [...ids];
    };
    const xs = train.map((p) => encode(p.text, true));
    const ys = train.map((p) => contentClasses.indexOf(p.label));
    const k = contentClasses.length;
    const w = new Float64Array(index.size * k);
    const b = new Float64Array(k);
    const scores = (x: readonly number[]): number[] => {
      const z = Array.from(b);
      for (const j of x) for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + (w[j * k + c] ?? 0);
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, v) => a + v, 0);
      return e.map((v) => v / sum);
    };
    let seed = 7;
    const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const order = xs.map((_, i) => i);
    for (let epoch = 0; epoch < 30; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const rate = 0.5 / (1 + epoch * 0.1);
      for (const i of order) {
        const x = xs[i] as number[];
        const p = scores(x);
        for (let c = 0; c < k; c++) {
          const g = (p[c] ?? 0) - (ys[i] === c ? 1 : 0);
          b[c] = (b[c] ?? 0) - rate * g;
          for (const j of x) w[j * k + c] = (w[j * k + c] ?? 0) * (1 - rate * l2) - rate * g;
        }
      }
    }
    return (text) => contentClasses[argmax(scores(encode(text, false)))] as ContentClass;
  };

const crossValidate = (predictor: Predictor): { accuracy: number; macroF1: number } => {
  const predicted: ContentClass[] = [];
  const gold: ContentClass[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const fit = trainPosts.filter((_, i) => i % FOLDS !== fold);
    const held = trainPosts.filter((_, i) => i % FOLDS === fold);
    const predict = predictor(fit);
    for (const p of held) {
      predicted.push(predict(p.text));
      gold.push(p.label);
    }
  }
  return { accuracy: accuracy(predicted, gold), macroF1: macroF1(predicted, gold, contentClasses) };
};

interface Variant {
  readonly name: string;
  readonly predictor: Predictor;
  readonly features?: FeatureOptions;
  readonly alpha?: number;
}
const variants: Variant[] = [{ name: 'cues alone', predictor: cuesAlone }];
for (const features of [
  { bigrams: false, cues: false },
  { bigrams: true, cues: false },
  { bigrams: false, cues: true },
  { bigrams: true, cues: true },
])
  for (const alpha of [0.1, 0.3, 0.5, 1])
    variants.push({
      name: `naive Bayes: words${features.bigrams ? ' + bigrams' : ''}${features.cues ? ' + cues' : ''}, alpha ${alpha}`,
      predictor: bayes(features, alpha),
      features,
      alpha,
    });

for (const l2 of [0.001, 0.01])
  variants.push({ name: `logistic regression (comparison): words + cues, l2 ${l2}`, predictor: logistic({ bigrams: false, cues: true }, l2) });

console.log(`${FOLDS}-fold cross-validation on the train split (${trainPosts.length} posts)\n`);
console.log('| variant | accuracy | macro-F1 |');
console.log('|---|---|---|');
let best: (Variant & { score: number }) | null = null;
for (const v of variants) {
  const r = crossValidate(v.predictor);
  console.log(`| ${v.name} | ${r.accuracy.toFixed(3)} | ${r.macroF1.toFixed(3)} |`);
  // Ties go to the earlier, simpler variant.
  if (v.features && (!best || r.macroF1 > best.score + 1e-9)) best = { ...v, score: r.macroF1 };
}
if (!best || !best.features || best.alpha === undefined) throw new Error('no model variant');
const model = trainNaiveBayes(
  trainPosts.map((p) => ({ features: featuresOf(p.text, best.features), label: p.label })),
  best.alpha,
);
const json = `${JSON.stringify({ features: best.features, alpha: best.alpha, model })}\n`;
console.log(`\nchosen: ${best.name} (cross-validated macro-F1 ${best.score.toFixed(3)}), ${Object.keys(model.logLikelihood).length} features`);
if (process.argv.includes('--check')) {
  const same = readFileSync(file, 'utf8') === json;
  console.log(same ? 'committed weights reproduced' : 'committed weights differ');
  process.exit(same ? 0 : 1);
}
writeFileSync(file, json);
console.log(`wrote ${file.slice(repoRoot.length)} (${json.length} bytes)`);
