// Measures variants of the sentiment model by cross-validation on the UMSAB tweets' train+val
// splits only (ADR 0230): the shipped features and learner against other feature sets, learners and
// training data. Nothing here is written or shipped; the test splits are never read.
//
// Two fold schemes, two seeds each:
//  - `random`: fold = i mod 5, as scripts/train-sentiment.ts (ADR 0140);
//  - `topic`: a tweet's fold follows its topic word (the content word of 5+ letters, outside the
//    lexicon, that most train+val tweets share), so that a fold's topics are unseen in training:
//    a stricter estimate of how the model carries over to other subjects.
// Each cell is the best out-of-fold macro-F1 over the training script's calibration grid
// (class offsets and gamma), so every variant is calibrated the same way.
//
//   node scripts/sentiment-variants.ts [variant,variant…]     (all variants when none is named)
import { tokenize, type Token } from '../src/analysis/sentiment/tokens.ts';
import { scoreTokens, type RuleScore } from '../src/analysis/sentiment/rules.ts';
import { DENSE_SIZE, HASH_BITS, extractFeatures, type Features } from '../src/analysis/sentiment/features.ts';
import { CLASSES, emptyModel, predict, type LinearModel } from '../src/analysis/sentiment/logistic.ts';
import { decide } from '../src/analysis/sentiment/decide.ts';
import { macroF1 } from '../src/analysis/sentiment/metrics.ts';
import { lexiconFor } from '../src/analysis/sentiment/lexicon/lexicons.ts';
import { CONTRASTS, NEGATORS } from '../src/analysis/sentiment/lexicon/words.ts';
import { seededRandom } from '../src/analysis/random.ts';
import { missing, readTweets, readVader } from '../src/analysis/sentiment/testing/datasets.ts';

const FOLDS = 5;
const SEEDS = [20261122, 7];
const MASK = (1 << HASH_BITS) - 1;
const LABEL_NAMES = ['negative', 'neutral', 'positive'] as const;
const LABEL_INDEX = { negative: 0, neutral: 1, positive: 2 } as const;
/** The settings scripts/train-sentiment.ts selects (ADR 0140). */
const SHIPPED = { fr: { l2: 1e-3, learningRate: 0.6 }, en: { l2: 3e-3, learningRate: 0.3 } } as const;
type Code = keyof typeof SHIPPED;

interface Example {
  readonly tokens: Token[];
  readonly rules: RuleScore;
  readonly f: Features;
  readonly y: number;
}

const load = (code: Code): Example[] => {
  const lang = code === 'fr' ? 'french' : 'english';
  return [...readTweets(lang, 'train'), ...readTweets(lang, 'val')].map((t) => {
    const tokens = tokenize(t.text);
    const rules = scoreTokens(tokens, code);
    return { tokens, rules, f: extractFeatures(tokens, rules), y: LABEL_INDEX[t.label] };
  });
};

const hash32 = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};
const pairHash = (a: number, b: number): number => (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b) >>> 0;
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '');

/** Which hashed feature families to build (the shipped set: words, pairs, 5-letter stems, letter 4-grams of 5+ letter words). */
interface FeatureSet {
  readonly words: boolean;
  readonly pairs: boolean;
  readonly stems: boolean;
  /** Letter n-gram size, 0 for none. */
  readonly grams: number;
  /** Lexicon valence bins in their context (negated, after a contrast) as extra hashed features. */
  readonly lexiconBins: boolean;
}
const SHIPPED_FEATURES: FeatureSet = { words: true, pairs: true, stems: true, grams: 4, lexiconBins: false };

/** The hashed features of features.ts, rebuilt with families switched on or off (same hashes, so `shipped` reproduces it). */
const featuresOf = (e: Example, code: Code, set: FeatureSet): Features => {
  const units: string[] = [];
  let negationLeft = 0;
  for (const t of e.tokens) {
    if (t.kind === 'word') {
      const w = fold(t.short ?? t.text);
      if (NEGATORS.has(t.text)) {
        negationLeft = 3;
        units.push(w);
        continue;
      }
      if (CONTRASTS.has(t.text)) negationLeft = 0;
      units.push(negationLeft > 0 ? `!${w}` : w);
      if (negationLeft > 0) negationLeft--;
    } else if (t.kind === 'emoji') units.push(t.text);
    else {
      negationLeft = 0;
      units.push(t.kind === 'break' ? '|' : t.kind === 'bang' ? '!!' : '??');
    }
  }
  const ids = new Set<number>();
  let previous = -1;
  for (const a of units) {
    const h = hash32(a);
    if (set.words && a !== '|') ids.add(h & MASK);
    if (set.stems && a.length > 6) ids.add(hash32(`${a.slice(0, 5 + (a[0] === '!' ? 1 : 0))}~`) & MASK);
    if (set.pairs && previous >= 0) ids.add(pairHash(previous, h) & MASK);
    if (set.grams > 0 && a.length >= 5) for (let i = 0; i + set.grams <= a.length; i++) ids.add(hash32(`<${a.slice(i, i + set.grams)}`) & MASK);
    previous = h;
  }
  if (set.lexiconBins) for (const id of lexiconBins(e.tokens, code)) ids.add(id);
  const hashed = Uint32Array.from(ids).sort();
  return { hashed, hashedValue: hashed.length > 0 ? 1 / Math.sqrt(hashed.length) : 0, dense: e.f.dense };
};

/** `P2n` = a positive word of valence 2–3 under a negation; `N1c` = a mild negative word after a contrast. */
const lexiconBins = (tokens: readonly Token[], code: Code): number[] => {
  const lex = lexiconFor(code);
  const out: number[] = [];
  let negationLeft = 0;
  let afterContrast = false;
  let previous = '';
  for (const t of tokens) {
    if (t.kind === 'word') {
      if (NEGATORS.has(t.text)) {
        negationLeft = 3;
        previous = 'NEG';
        continue;
      }
      if (CONTRASTS.has(t.text)) {
        afterContrast = true;
        negationLeft = 0;
        previous = 'CONTRAST';
        continue;
      }
      const v = lex.words.get(t.text) ?? (t.short === undefined ? undefined : lex.words.get(t.short));
      if (v !== undefined && v !== 0) {
        const polarity = v > 0 ? 'P' : 'N';
        const bin = `${polarity}${Math.min(3, Math.floor(Math.abs(v)))}`;
        const context = `${negationLeft > 0 ? 'n' : ''}${afterContrast ? 'c' : ''}`;
        out.push(hash32(`§${bin}${context}`) & MASK, hash32(`§${polarity}${context}`) & MASK, hash32(`§${previous}_${bin}`) & MASK);
      }
      previous = t.short ?? t.text;
      if (negationLeft > 0) negationLeft--;
    } else if (t.kind === 'emoji') {
      const v = lex.words.get(t.text);
      if (v !== undefined && v !== 0) out.push(hash32(`§E${v > 0 ? 'P' : 'N'}`) & MASK);
    } else {
      negationLeft = 0;
      if (t.kind !== 'break') afterContrast = false;
    }
  }
  return out;
};

interface Learner {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Label smoothing: the target puts this mass evenly on the three classes. */
  readonly smoothing: number;
  /** Average the weights of the last N epochs (0: the last weights). */
  readonly average: number;
  /** Probability that a hashed feature is left out of one example's update. */
  readonly dropout: number;
}

/** scripts/train-sentiment.ts's SGD (same order, rate schedule and penalty), with the learner variants. */
const trainVariant = (xs: readonly Features[], ys: readonly number[], o: Learner, seed: number): LinearModel => {
  const model = emptyModel();
  const sum = o.average > 0 ? emptyModel() : undefined;
  const next = seededRandom(seed);
  const order = xs.map((_, i) => i);
  const p = new Float64Array(CLASSES);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const rate = o.learningRate / (1 + epoch * 0.2);
    for (const i of order) {
      const x = xs[i] as Features;
      const hashed = o.dropout > 0 ? x.hashed.filter(() => next() >= o.dropout) : x.hashed;
      predict(model, x, p);
      for (let c = 0; c < CLASSES; c++) {
        const target = (ys[i] === c ? 1 - o.smoothing : 0) + o.smoothing / CLASSES;
        const g = (p[c] ?? 0) - target;
        model.bias[c] = (model.bias[c] ?? 0) - rate * g;
        for (let k = 0; k < DENSE_SIZE; k++) {
          const at = c * DENSE_SIZE + k;
          const w = model.dense[at] ?? 0;
          model.dense[at] = w - rate * (g * (x.dense[k] ?? 0) + o.l2 * w);
        }
        for (const b of hashed) {
          const at = b * CLASSES + c;
          const w = model.hashed[at] ?? 0;
          model.hashed[at] = w - rate * (g * x.hashedValue + o.l2 * w);
        }
      }
    }
    if (sum && epoch >= o.epochs - o.average) {
      const add = (to: Float64Array | Float32Array, from: Float64Array | Float32Array): void => {
        for (let k = 0; k < to.length; k++) to[k] = (to[k] ?? 0) + (from[k] ?? 0) / o.average;
      };
      add(sum.bias, model.bias);
      add(sum.dense, model.dense);
      add(sum.hashed, model.hashed);
    }
  }
  return sum ?? model;
};

/** Fold of each example by its topic word (see the header); tweets without a shared one keep i mod 5. */
const topicFolds = (data: readonly Example[], code: Code): number[] => {
  const lex = lexiconFor(code);
  const words = data.map((e) => [
    ...new Set(
      e.tokens
        .filter((t) => t.kind === 'word' && t.text.length >= 5 && !lex.words.has(t.text) && !NEGATORS.has(t.text))
        .map((t) => fold(t.text).replace(/s$/u, '')),
    ),
  ]);
  const df = new Map<string, number>();
  for (const ws of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  return words.map((ws, i) => {
    let best = '';
    let bestDf = 0;
    for (const w of ws) {
      const d = df.get(w) ?? 0;
      if (d > bestDf || (d === bestDf && w < best)) [best, bestDf] = [w, d];
    }
    return bestDf >= 3 ? hash32(best) % FOLDS : i % FOLDS;
  });
};

interface Variant {
  readonly name: string;
  readonly features?: Partial<FeatureSet>;
  readonly learner?: Partial<Learner>;
  /** Add the other language's train+val tweets, with only their language-free features (rules, lexicon bins). */
  readonly otherLanguage?: boolean;
  /**
   * English only (ADR 0260): add VADER's human-rated Amazon and movie review snippets (never its
   * tweets, which the evaluation scores), mean rating above +band positive, below −band negative,
   * neutral between, with the shipped features.
   */
  readonly vaderSnippetsBand?: number;
  /** Keep every n-th snippet only (14,313 snippets against 2,163 tweets would otherwise dominate). */
  readonly vaderSnippetsEvery?: number;
}

const VARIANTS: Variant[] = [
  { name: 'shipped' },
  { name: 'no-grams', features: { grams: 0 } },
  { name: 'grams-3', features: { grams: 3 } },
  { name: 'no-pairs', features: { pairs: false } },
  { name: 'no-stems', features: { stems: false } },
  { name: 'words-only', features: { pairs: false, stems: false, grams: 0 } },
  { name: 'rules-only', features: { words: false, pairs: false, stems: false, grams: 0 } },
  { name: 'lexicon-bins', features: { lexiconBins: true } },
  { name: 'l2-x0.3', learner: { l2: 0.3 } },
  { name: 'l2-x3', learner: { l2: 3 } },
  { name: 'l2-x10', learner: { l2: 10 } },
  { name: 'average-15', learner: { average: 15 } },
  { name: 'epochs-60-average-30', learner: { epochs: 60, average: 30 } },
  { name: 'smoothing-0.1', learner: { smoothing: 0.1 } },
  { name: 'smoothing-0.2', learner: { smoothing: 0.2 } },
  { name: 'dropout-0.2', learner: { dropout: 0.2 } },
  { name: 'dropout-0.4', learner: { dropout: 0.4 } },
  { name: 'other-language', otherLanguage: true },
  { name: 'other-language-lexicon-bins', features: { lexiconBins: true }, otherLanguage: true },
  { name: 'vader-snippets-0.5', vaderSnippetsBand: 0.5 },
  { name: 'vader-snippets-1', vaderSnippetsBand: 1 },
  { name: 'vader-snippets-1-every-7', vaderSnippetsBand: 1, vaderSnippetsEvery: 7 },
  { name: 'vader-snippets-0.5-every-7', vaderSnippetsBand: 0.5, vaderSnippetsEvery: 7 },
];

/** VADER's rated Amazon and movie snippets as English examples (the `vader-snippets` variants). */
const vaderSnippets = (band: number): Example[] =>
  ['amazonReviewSnippets', 'movieReviewSnippets'].flatMap((name) =>
    readVader(name).map((t) => {
      const tokens = tokenize(t.text);
      const rules = scoreTokens(tokens, 'en');
      return { tokens, rules, f: extractFeatures(tokens, rules), y: t.rating > band ? 2 : t.rating < -band ? 0 : 1 };
    }),
  );

const calibratedF1 = (data: readonly Example[], probs: readonly Float64Array[]): number => {
  const gold = data.map((e) => LABEL_NAMES[e.y] ?? 'neutral');
  const steps = [0, -0.2, 0.2, -0.4, 0.4, -0.6, 0.6];
  let best = 0;
  for (const gamma of [0, 0.5, 1, 1.5, 2, 3])
    for (const a of steps)
      for (const b of steps) {
        const labels = data.map((e, i) => decide(probs[i] as Float64Array, e.rules.compound, { alpha: 0.4, offsets: [a, 0, b], gamma }).label);
        best = Math.max(best, macroF1(labels, gold, LABEL_NAMES));
      }
  return best;
};

const reason = missing('fr-en-tweets-sentiment-umsab/french/train_text.txt');
if (reason) {
  process.stderr.write(`${reason}: cannot measure\n`);
  process.exit(1);
}
const wanted = process.argv[2]?.split(',');
const data = { fr: load('fr'), en: load('en') };
const folds = { fr: topicFolds(data.fr, 'fr'), en: topicFolds(data.en, 'en') };
process.stdout.write('| variant | fr random | fr topic | en random | en topic |\n|---|---|---|---|---|\n');
for (const v of VARIANTS.filter((x) => !wanted || wanted.includes(x.name))) {
  const cells: string[] = [];
  for (const code of ['fr', 'en'] as const) {
    if (v.vaderSnippetsBand !== undefined && code === 'fr') {
      cells.push('—', '—');
      continue;
    }
    const set = { ...SHIPPED_FEATURES, ...v.features };
    const xs = data[code].map((e) => featuresOf(e, code, set));
    const ys = data[code].map((e) => e.y);
    const other = code === 'fr' ? 'en' : 'fr';
    const every = v.vaderSnippetsEvery ?? 1;
    const snippets = v.vaderSnippetsBand === undefined ? [] : vaderSnippets(v.vaderSnippetsBand).filter((_, i) => i % every === 0);
    const extraX = v.otherLanguage
      ? data[other].map((e) => featuresOf(e, other, { words: false, pairs: false, stems: false, grams: 0, lexiconBins: set.lexiconBins }))
      : snippets.map((e) => featuresOf(e, code, set));
    const extraY = v.otherLanguage ? data[other].map((e) => e.y) : snippets.map((e) => e.y);
    const base = SHIPPED[code];
    const learner: Learner = {
      epochs: v.learner?.epochs ?? 30,
      learningRate: base.learningRate,
      l2: base.l2 * (v.learner?.l2 ?? 1),
      smoothing: v.learner?.smoothing ?? 0,
      average: v.learner?.average ?? 0,
      dropout: v.learner?.dropout ?? 0,
    };
    for (const scheme of ['random', 'topic'] as const) {
      const foldOf = (i: number): number => (scheme === 'random' ? i % FOLDS : (folds[code][i] ?? 0));
      const scores = SEEDS.map((seed) => {
        const probs: Float64Array[] = new Array(xs.length);
        for (let f = 0; f < FOLDS; f++) {
          const keep = xs.map((_, i) => i).filter((i) => foldOf(i) !== f);
          const model = trainVariant([...keep.map((i) => xs[i] as Features), ...extraX], [...keep.map((i) => ys[i] as number), ...extraY], learner, seed);
          xs.forEach((x, i) => {
            if (foldOf(i) === f) probs[i] = predict(model, x);
          });
        }
        return calibratedF1(data[code], probs);
      });
      cells.push(scores.map((s) => s.toFixed(3)).join(' / '));
    }
  }
  process.stdout.write(`| ${v.name} | ${cells.join(' | ')} |\n`);
}
