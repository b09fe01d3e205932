/**
 * Alert detectors on seeded synthetic daily series with planted episodes: how many
 * planted episodes raise an alert, how many alerts each one raises (1 = no storm),
 * and false alarms per 1,000 quiet days. Volume spikes are planted as a multiple
 * of the usual rate over 1–3 days; negative spikes as a jump of the negative
 * share at the usual volume.
 */
import { seededRandom } from '../query/testing/synthetic-corpus.ts';
import { detectNegativeSpikes } from './negative-spike.ts';
import { detectVolumeSpikes } from './volume-spike.ts';
import type { Alert } from './alert.ts';
import type { Series, SeriesPoint } from './series.ts';

const DAY = 86_400_000;
const DAYS = 120;
const SEEDS = 60;

/** Poisson draw by inversion (rates here stay small enough). */
const poisson = (random: () => number, rate: number): number => {
  if (rate > 60) return Math.max(0, Math.round(rate + Math.sqrt(rate) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())));
  let k = 0;
  let p = Math.exp(-rate);
  let s = p;
  const u = random();
  while (u > s) {
    k++;
    p *= rate / k;
    s += p;
  }
  return k;
};
const binomial = (random: () => number, n: number, p: number): number => {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < p) k++;
  return k;
};

interface Planted {
  readonly first: number;
  readonly last: number;
}

const build = (seed: number, rate: number, kind: 'volume' | 'negative', strength: number): { series: Series; planted: Planted[] } => {
  const random = seededRandom(seed);
  const planted: Planted[] = [];
  // Three episodes, well apart, after the first 30 days of history.
  for (const at of [35, 65, 95]) {
    const first = at + Math.floor(random() * 10);
    planted.push({ first, last: first + Math.floor(random() * 3) });
  }
  const points: SeriesPoint[] = [];
  for (let d = 0; d < DAYS; d++) {
    const inside = planted.some((p) => d >= p.first && d <= p.last);
    const n = poisson(random, kind === 'volume' && inside ? rate * strength : rate);
    const share = kind === 'negative' && inside ? strength : 0.1;
    points.push({ start: d * DAY, mentions: n, negative: binomial(random, n, share) });
  }
  return { series: { span: DAY, points, subject: 'eval' }, planted };
};

const score = (alerts: readonly Alert[], planted: readonly Planted[]): { found: number; alertsOnFound: number; falseAlarms: number } => {
  let found = 0;
  let alertsOnFound = 0;
  let falseAlarms = 0;
  const overlaps = (a: Alert, p: Planted): boolean => {
    const from = a.startedAt / DAY;
    const to = a.endedAt === null ? DAYS : a.endedAt / DAY;
    return from <= p.last && to > p.first;
  };
  for (const p of planted) {
    const n = alerts.filter((a) => overlaps(a, p)).length;
    if (n > 0) {
      found++;
      alertsOnFound += n;
    }
  }
  for (const a of alerts) if (!planted.some((p) => overlaps(a, p))) falseAlarms++;
  return { found, alertsOnFound, falseAlarms };
};

const run = (kind: 'volume' | 'negative', rates: readonly number[], strengths: readonly number[]): void => {
  console.log(`\n${kind === 'volume' ? 'Volume spikes (strength = multiple of the usual daily rate)' : 'Negative-share spikes (usual share 10 %; strength = share during the episode)'}, ${SEEDS} series of ${DAYS} days per row, 3 planted episodes each\n`);
  console.log('| usual mentions/day | strength | episodes | found | recall | alerts per found episode | false alarms / 1,000 quiet days |');
  console.log('|---|---|---|---|---|---|---|');
  for (const rate of rates)
    for (const strength of strengths) {
      let planted = 0;
      let found = 0;
      let alertsOnFound = 0;
      let falseAlarms = 0;
      let quietDays = 0;
      for (let s = 1; s <= SEEDS; s++) {
        const { series, planted: p } = build(s * 7919 + rate * 31 + Math.round(strength * 100), rate, kind, strength);
        const alerts = kind === "volume" ? detectVolumeSpikes(series) : detectNegativeSpikes(series);
        const r = score(alerts, p);
        planted += p.length;
        found += r.found;
        alertsOnFound += r.alertsOnFound;
        falseAlarms += r.falseAlarms;
        quietDays += DAYS - p.reduce((a, e) => a + e.last - e.first + 1, 0);
      }
      console.log(
        `| ${rate} | ${kind === 'volume' ? `×${strength}` : `${Math.round(strength * 100)} %`} | ${planted} | ${found} | ${(found / planted).toFixed(3)} | ${found ? (alertsOnFound / found).toFixed(2) : '–'} | ${((falseAlarms / quietDays) * 1000).toFixed(2)} |`,
      );
    }
};

run('volume', [2, 10, 50, 200], [3, 5]);
run('negative', [10, 30, 100], [0.3, 0.5]);
