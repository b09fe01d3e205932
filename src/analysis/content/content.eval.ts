/**
 * Content classes on the test split of the labelled posts (testing/labelled-posts.json,
 * every third post of each class and language): accuracy, per-class precision, recall
 * and F1, the confusion matrix, and the cues-alone baseline beside the model.
 */
import { contentClasses, type ContentClass } from './classes.ts';
import { classifyContent } from './classify.ts';
import { cueScores } from './cues.ts';
import { testPosts, trainPosts } from './testing/labelled-posts.ts';

const cuesAlone = (text: string): ContentClass => {
  const s = cueScores(text);
  let best: ContentClass = contentClasses[0];
  for (const c of contentClasses) if (s[c] > s[best]) best = c;
  return best;
};

const report = (name: string, predict: (text: string) => ContentClass, posts: typeof testPosts): void => {
  const confusion = contentClasses.map(() => contentClasses.map(() => 0));
  for (const p of posts) {
    const row = confusion[contentClasses.indexOf(p.label)] as number[];
    const col = contentClasses.indexOf(predict(p.text));
    row[col] = (row[col] ?? 0) + 1;
  }
  const correct = contentClasses.reduce((s, _, i) => s + (confusion[i]?.[i] ?? 0), 0);
  console.log(`\n${name}: accuracy ${(correct / posts.length).toFixed(3)} on ${posts.length} posts\n`);
  console.log('| class | precision | recall | F1 | support |');
  console.log('|---|---|---|---|---|');
  let macro = 0;
  contentClasses.forEach((c, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const predicted = confusion.reduce((s, row) => s + (row[i] ?? 0), 0);
    const support = (confusion[i] ?? []).reduce((s, x) => s + x, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    macro += f1 / contentClasses.length;
    console.log(`| ${c} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} | ${support} |`);
  });
  console.log(`| macro | | | ${macro.toFixed(3)} | ${posts.length} |`);
  console.log('\nConfusion (rows: labelled, columns: predicted)\n');
  console.log(`| | ${contentClasses.join(' | ')} |`);
  console.log(`|---|${contentClasses.map(() => '---').join('|')}|`);
  contentClasses.forEach((c, i) => console.log(`| ${c} | ${(confusion[i] ?? []).join(' | ')} |`));
};

console.log(`Content classes: ${trainPosts.length} train / ${testPosts.length} test posts written for relais (no published anchor exists for this label set).`);
report('Model (naive Bayes over words + cues), test split', (t) => classifyContent(t).label, testPosts);
for (const lang of ['fr', 'en'] as const) {
  const posts = testPosts.filter((p) => p.lang === lang);
  const ok = posts.filter((p) => classifyContent(p.text).label === p.label).length;
  console.log(`\nModel, ${lang} test posts only: accuracy ${(ok / posts.length).toFixed(3)} (${ok}/${posts.length})`);
}
report('Baseline: cues alone, test split', cuesAlone, testPosts);
