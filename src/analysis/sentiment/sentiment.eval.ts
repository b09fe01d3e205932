// Evaluation of relais' sentiment (npm run eval -- sentiment). Prints one table with the published
// anchors beside our results, plus the measured alternatives of ADR 0041 (rules alone, bag of words
// alone, both). Test splits are only scored here: everything tunable was fixed on train/val, except
// the three French long-text settings, tuned on the book reviews (ADR 0260) and reported honestly below.
import vader from 'vader-sentiment';
import { analyzeSentiment } from './sentiment.ts';
import { decide, decideByRules } from './decide.ts';
import { extractFeatures, type Features } from './features.ts';
import { predict, train, type TrainOptions } from './logistic.ts';
import weights from './model.weights.json' with { type: 'json' };
import { accuracy, f1Of, macroF1, pearson } from './metrics.ts';
import { modelFor } from './model.ts';
import { scoreRules, scoreTokens } from './rules.ts';
import { tokenize } from './tokens.ts';
import { crossValidateDocument, longText, seededFolds } from './testing/long-texts.ts';
import { LABELS, missing, readBookReviews, readTweets, readVader, type Label, type TweetLanguage } from './testing/datasets.ts';

interface Row {
  set: string;
  metric: string;
  anchor: string;
  target: string;
  result: string;
}
const rows: Row[] = [];
const REVIEW_FOLDS = 10;
const REVIEW_FOLD_SEED = 20261207;

const fmt = (x: number): string => x.toFixed(3);
const started = performance.now();

// --- VADER tweets: Pearson r of the score against the mean human rating.
const vaderMissing = missing('vader-icwsm2014/tweets_GroundTruth.txt');
if (vaderMissing) process.stdout.write(`${vaderMissing}\n`);
else {
  const tweets = readVader('tweets');
  const gold = tweets.map((t) => t.rating);
  const ours = pearson(tweets.map((t) => analyzeSentiment(t.text, 'en').score), gold);
  const rules = pearson(tweets.map((t) => scoreRules(t.text, 'en').compound), gold);
  const npmVader = pearson(tweets.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t.text).compound), gold);
  rows.push({ set: `VADER tweets (${tweets.length}, English)`, metric: 'Pearson r, score vs human mean', anchor: 'VADER 0.881 (paper)', target: '≥ 0.88', result: fmt(ours) });
  rows.push({ set: '  alternative: our rules alone', metric: 'Pearson r', anchor: '', target: '', result: fmt(rules) });
  rows.push({ set: '  baseline: npm vader-sentiment, this run', metric: 'Pearson r', anchor: 'DESIGN §7: 0.879', target: '', result: fmt(npmVader) });
}

// --- UMSAB tweets (DEFT 2017 French, SemEval-2017 English): macro-F1 on the test split.
const umsabMissing = missing('fr-en-tweets-sentiment-umsab/french/test_text.txt');
if (umsabMissing) process.stdout.write(`${umsabMissing}\n`);
else {
  const anchors: Record<TweetLanguage, string> = { french: 'FastText 0.548, XLM-R 0.720', english: 'FastText 0.509, XLM-R 0.682' };
  for (const [name, code] of [
    ['french', 'fr'],
    ['english', 'en'],
  ] as const) {
    const test = readTweets(name, 'test');
    const gold = test.map((t) => t.label);
    const ours = macroF1(test.map((t) => analyzeSentiment(t.text, code).label), gold, LABELS);
    rows.push({ set: `${name} tweets test (${test.length})`, metric: 'macro-F1, 3 classes', anchor: anchors[name], target: '≥ 0.65', result: fmt(ours) });

    // Alternative 1: the rules alone, with the neutral band that is best on val.
    const val = readTweets(name, 'val');
    const band = (items: typeof val, b: number): Label[] =>
      items.map((t) => {
        const c = scoreRules(t.text, code).compound;
        return c > b ? 'positive' : c < -b ? 'negative' : 'neutral';
      });
    let bestBand = 0.05;
    let bestVal = -1;
    for (const b of [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4]) {
      const f = macroF1(band(val, b), val.map((t) => t.label), LABELS);
      if (f > bestVal) [bestVal, bestBand] = [f, b];
    }
    rows.push({ set: `  alternative: rules alone (band ±${bestBand} from val)`, metric: 'macro-F1', anchor: '', target: '', result: fmt(macroF1(band(test, bestBand), gold, LABELS)) });

    // Alternative 2: the same logistic regression over hashed words only (no lexicon, no rules),
    // trained in this run on train+val with the committed model's settings.
    const trainSet = [...readTweets(name, 'train'), ...val];
    const noRules = scoreTokens([], code);
    const bag = (text: string): Features => extractFeatures(tokenize(text), noRules);
    const index = { negative: 0, neutral: 1, positive: 2 } as const;
    const settings = (weights.languages as Record<string, { training: TrainOptions } | undefined>)[code]?.training;
    if (!settings) throw new Error(`no committed model for ${code}`);
    const model = train(trainSet.map((t) => bag(t.text)), trainSet.map((t) => index[t.label]), {
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2: settings.l2,
      seed: settings.seed,
    });
    const bagLabels = test.map((t) => {
      const p = predict(model, bag(t.text));
      const best = [0, 1, 2].reduce((a, c) => ((p[c] ?? 0) > (p[a] ?? 0) ? c : a), 0);
      return LABELS[best] as Label;
    });
    rows.push({ set: '  alternative: bag of words alone (same LR)', metric: 'macro-F1', anchor: name === 'french' ? 'DESIGN §7 TF-IDF+LR 0.604' : 'DESIGN §7 TF-IDF+LR 0.516', target: '', result: fmt(macroF1(bagLabels, gold, LABELS)) });
    if (name === 'english') {
      const vaderLabels = test.map((t) => decideByRules(vader.SentimentIntensityAnalyzer.polarity_scores(t.text).compound).label);
      rows.push({ set: '  baseline: npm vader-sentiment, this run', metric: 'macro-F1', anchor: 'DESIGN §7: 0.559', target: '', result: fmt(macroF1(vaderLabels, gold, LABELS)) });
    }
  }
}

// --- French book reviews: binary accuracy, out of domain (no model weight trained on them; the three
// long-text settings tuned on them, hence the nested cross-validation line).
const booksMissing = missing('fr-book-reviews-pattern/polarity-fr-amazon.csv');
if (booksMissing) process.stdout.write(`${booksMissing}\n`);
else {
  const reviews = readBookReviews();
  const gold = reviews.map((r) => r.label);
  // Binary decision, as in Pattern's protocol: positive when the score is above zero. The shipped
  // score aggregates long texts by sentence (ADR 0260) with three settings tuned on these very
  // reviews, so that line is in-sample; the honest figures are the whole-text line (nothing tuned
  // on the reviews) and the nested cross-validation of the tuning.
  const ours = reviews.map((r): Label => (analyzeSentiment(r.text, 'fr').score > 0 ? 'positive' : 'negative'));
  const rules = reviews.map((r): Label => (scoreRules(r.text, 'fr').compound > 0 ? 'positive' : 'negative'));
  const fr = modelFor('fr');
  if (!fr) throw new Error('no committed model for fr');
  const items = reviews.map((r) => {
    const tokens = tokenize(r.text);
    const rs = scoreTokens(tokens, 'fr');
    const whole = decide(predict(fr.model, extractFeatures(tokens, rs)), rs.compound, fr.calibration).score;
    return longText(tokens, rs, whole, 'fr', r.label === 'positive');
  });
  const wholeText = items.map((t): Label => (t.whole > 0 ? 'positive' : 'negative'));
  const folds = seededFolds(reviews.length, REVIEW_FOLDS, REVIEW_FOLD_SEED);
  rows.push({ set: `French book reviews (${reviews.length}), shipped model, in-sample`, metric: 'accuracy, 2 classes (score > 0)', anchor: 'Pattern 0.75', target: '≥ 0.85', result: fmt(accuracy(ours, gold)) });
  rows.push({ set: '  same, F1 of the positive class', metric: 'F1', anchor: 'Pattern 0.75', target: '', result: fmt(f1Of(ours, gold, 'positive')) });
  rows.push({ set: '  long-text settings tuned by nested 10-fold CV', metric: 'accuracy, cross-validated', anchor: '', target: '≥ 0.85', result: fmt(crossValidateDocument(items, folds, REVIEW_FOLDS)) });
  rows.push({ set: '  each review as one post (nothing tuned on them)', metric: 'accuracy (score > 0)', anchor: 'ADR 0041: 0.728', target: '', result: fmt(accuracy(wholeText, gold)) });
  rows.push({ set: '  alternative: rules alone', metric: 'accuracy', anchor: 'DESIGN §7 Pattern 0.73', target: '', result: fmt(accuracy(rules, gold)) });

  // A review-domain model, NOT shipped (the reviews' licence forbids deriving product weights from
  // them): the same features and learner, trained on the reviews themselves, scored by 10-fold
  // cross-validation. Folds are fixed by a seed; each fold's reviews are predicted by the model
  // trained on the nine others, never on themselves. Settings are the French model's, not tuned here.
  const settings = (weights.languages as Record<string, { training: TrainOptions } | undefined>).fr?.training;
  if (!settings) throw new Error('no committed model for fr');
  const examples = reviews.map((r) => {
    const tokens = tokenize(r.text);
    return extractFeatures(tokens, scoreTokens(tokens, 'fr'));
  });
  const predicted: Label[] = new Array<Label>(reviews.length);
  for (let k = 0; k < REVIEW_FOLDS; k++) {
    const inTraining = reviews.map((_, i) => folds[i] !== k);
    const model = train(
      examples.filter((_, i) => inTraining[i]),
      reviews.filter((_, i) => inTraining[i]).map((r) => (r.label === 'positive' ? 2 : 0)),
      { epochs: settings.epochs, learningRate: settings.learningRate, l2: settings.l2, seed: settings.seed },
    );
    reviews.forEach((_, i) => {
      if (inTraining[i]) return;
      const p = predict(model, examples[i] as Features);
      predicted[i] = (p[2] ?? 0) > (p[0] ?? 0) ? 'positive' : 'negative';
    });
  }
  rows.push({
    set: `  review-domain model, ${REVIEW_FOLDS}-fold CV, not shipped`,
    metric: 'accuracy, cross-validated',
    anchor: 'DESIGN §7 TF-IDF+LR 0.873 (CV)',
    target: '',
    result: fmt(accuracy(predicted, gold)),
  });
}

const widths = (['set', 'metric', 'anchor', 'target', 'result'] as const).map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |\n`;
process.stdout.write(line(['set', 'metric', 'anchor', 'target', 'result']));
process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) process.stdout.write(line([r.set, r.metric, r.anchor, r.target, r.result]));
process.stdout.write(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
