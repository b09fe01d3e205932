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
