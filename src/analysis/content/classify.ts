/**
 * The content class of a post (promotional, know-how, personal, community, news),
 * French and English: naive Bayes over its words and the hand-written cues,
 * weights trained by scripts/train-content.ts (choice and measurements in ADR 0071).
 * The cues that fired are returned as the reason.
 */
import weights from './model.weights.json' with { type: 'json' };
import { contentClasses, type ContentClass } from './classes.ts';
import { cuesOf } from './cues.ts';
import { featuresOf, type FeatureOptions } from './features.ts';
import { scoreNaiveBayes, toProbabilities, type NaiveBayesModel } from './naive-bayes.ts';

export interface ContentClassification {
  readonly label: ContentClass;
  /** Probability per class, in the order of `contentClasses`. */
  readonly probabilities: Readonly<Record<ContentClass, number>>;
  /** Names of the cues found, with their class, for the explanation. */
  readonly cues: readonly { readonly name: string; readonly cls: ContentClass }[];
}

const model: NaiveBayesModel = weights.model as NaiveBayesModel;
const featureOptions: FeatureOptions = weights.features;

export const classifyContent = (text: string): ContentClassification => {
  const p = toProbabilities(scoreNaiveBayes(model, featuresOf(text, featureOptions)));
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
  const probabilities = Object.fromEntries(contentClasses.map((c, i) => [c, p[i] ?? 0])) as Record<ContentClass, number>;
  return { label: contentClasses[best] as ContentClass, probabilities, cues: cuesOf(text) };
};
