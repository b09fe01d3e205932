/**
 * The labelled posts written for relais (labelled-posts.json: small-business posts in
 * French and English, by a bakery, a barber start-up, a repair shop and makers) and
 * their deterministic split: within each class and language, in id order, every
 * third post is test, the rest train.
 */
import posts from './labelled-posts.json' with { type: 'json' };
import { contentClasses, type ContentClass } from '../classes.ts';

export interface LabelledPost {
  readonly id: string;
  readonly lang: 'fr' | 'en';
  readonly label: ContentClass;
  readonly text: string;
}

const all: LabelledPost[] = posts.map((p) => {
  if (!(contentClasses as readonly string[]).includes(p.label)) throw new Error(`labelled-posts.json: ${p.id} has an unknown label ${p.label}`);
  if (p.lang !== 'fr' && p.lang !== 'en') throw new Error(`labelled-posts.json: ${p.id} has an unknown language ${p.lang}`);
  return { id: p.id, lang: p.lang, label: p.label as ContentClass, text: p.text };
});

const split = (): { train: LabelledPost[]; test: LabelledPost[] } => {
  const train: LabelledPost[] = [];
  const test: LabelledPost[] = [];
  const groups = new Map<string, LabelledPost[]>();
  for (const p of all) {
    const g = groups.get(`${p.label}/${p.lang}`) ?? [];
    g.push(p);
    groups.set(`${p.label}/${p.lang}`, g);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => (a.id < b.id ? -1 : 1));
    g.forEach((p, i) => (i % 3 === 2 ? test : train).push(p));
  }
  const byId = (a: LabelledPost, b: LabelledPost): number => (a.id < b.id ? -1 : 1);
  return { train: train.sort(byId), test: test.sort(byId) };
};

export const labelledPosts: readonly LabelledPost[] = all;
export const { train: trainPosts, test: testPosts } = split();
