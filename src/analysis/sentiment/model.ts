/**
 * The trained models, loaded from the committed weights (a static JSON import: no file I/O here).
 * Only French and English have one; other languages are scored by the rules alone.
 */
import weights from './model.weights.json' with { type: 'json' };
import type { Calibration } from './decide.ts';
import type { DocumentSettings } from './document.ts';
import { loadModel, type LinearModel, type StoredModel } from './logistic.ts';

export interface LanguageModel {
  readonly model: LinearModel;
  readonly calibration: Calibration;
  /** How long texts are scored (ADR 0260), when the language has settings for it. */
  readonly document: DocumentSettings | undefined;
}

interface StoredLanguage {
  readonly calibration: { readonly alpha: number; readonly gamma: number; readonly offsets: readonly number[] };
  readonly model: StoredModel;
  readonly document?: DocumentSettings;
}

const stored = weights.languages as Record<string, StoredLanguage | undefined>;
const cache = new Map<string, LanguageModel>();

/** The model of a language, built on first use, or undefined when there is none. */
export const modelFor = (lang: string): LanguageModel | undefined => {
  const hit = cache.get(lang);
  if (hit) return hit;
  const s = stored[lang];
  if (!s) return undefined;
  const [neg = 0, neu = 0, pos = 0] = s.calibration.offsets;
  const built: LanguageModel = {
    model: loadModel(s.model),
    calibration: { alpha: s.calibration.alpha, gamma: s.calibration.gamma, offsets: [neg, neu, pos] },
    // Always present (undefined when absent): one object shape for every language.
    document: s.document,
  };
  cache.set(lang, built);
  return built;
};
