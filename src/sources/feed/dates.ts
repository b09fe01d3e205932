/**
 * Feed dates → Date, or undefined; never an Invalid Date. feedsmith leaves dates as the raw
 * strings, and feeds write them in every shape: RFC 822/1123 with or without the weekday,
 * two-digit years, named and military zones, `+hh:mm` offsets; ISO 8601 / W3C-DTF with
 * reduced precision (`2003`, `2003-12`), basic format (`20031231T101455Z`), a space instead
 * of `T`, fractions, ordinal dates; asctime (`Sun Jan  4 16:29:06 PST 2004`).
 * A time without a zone is read as UTC (RFC 822 requires a zone; W3C-DTF without one is
 * ambiguous, and UTC keeps the result independent of the machine's time zone).
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // French and German spellings seen in hand-written feeds.
  janv: 1, fev: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, aout: 8, déc: 12, févr: 2, août: 8, dez: 12, okt: 10, mär: 3, märz: 3,
};

/** Offsets in minutes east of UTC for the zone names RFC 822 defines and a few common ones. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nzst: 720, nzdt: 780, jst: 540, kst: 540,
  ist: 330, aest: 600, aedt: 660, acst: 570, awst: 480, msk: 180,
};

const militaryZone = (letter: string): number | undefined => {
  // RFC 822 got the signs of military zones backwards and RFC 1123 says to treat them as
  // unknown; in practice only `Z` is meaningful, so the others read as UTC.
  return /^[a-ik-z]$/i.test(letter) ? 0 : undefined;
};

const offsetOf = (zone: string | undefined): number | undefined => {
  if (zone === undefined || zone === '') return 0;
  const z = zone.trim();
  const num = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (num) {
    const sign = num[1] === '-' ? -1 : 1;
    const h = Number(num[2]);
    const m = Number(num[3] ?? '0');
    if (h > 23 || m > 59) return undefined;
    return sign * (h * 60 + m);
  }
  const named = ZONES[z.toLowerCase()];
  if (named !== undefined) return named;
  if (z.length === 1) return militaryZone(z);
  return undefined;
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

const build = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): Date | undefined => {
  if (!Number.isFinite(year) || year < 1 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  // 24:00:00 is the end of the day in ISO 8601; a leap second 60 is clamped to 59.
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined;
  const t = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  const d = new Date(t);
  if (year < 100) d.setUTCFullYear(year);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

const twoDigitYear = (y: string): number => {
  const n = Number(y);
  if (y.length > 2) return n;
  // RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999.
  return n < 50 ? 2000 + n : 1900 + n;
};

const fraction = (f: string | undefined): number => (f ? Math.round(Number(`0.${f}`) * 1000) : 0);

const parseIso = (s: string): Date | undefined => {
  // Extended (2003-12-31T10:14:55.123+01:00) and basic (20031231T101455Z) formats, reduced precision.
  const ext =
    /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{1,5})?$/.exec(s);
  if (ext) {
    const off = offsetOf(ext[8]);
    if (off === undefined) return undefined;
    return build(Number(ext[1]), Number(ext[2] ?? '1'), Number(ext[3] ?? '1'), Number(ext[4] ?? '0'), Number(ext[5] ?? '0'), Number(ext[6] ?? '0'), fraction(ext[7]), off);
  }
  const basic = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
  if (basic) {
    const off = offsetOf(basic[8]);
    if (off === undefined) return undefined;
    return build(Number(basic[1]), Number(basic[2]), Number(basic[3]), Number(basic[4] ?? '0'), Number(basic[5] ?? '0'), Number(basic[6] ?? '0'), fraction(basic[7]), off);
  }
  // Ordinal date: 2003-335 or 2003335, optionally with a time.
  const ord = /^(\d{4})-?(\d{3})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
  if (ord) {
    const year = Number(ord[1]);
    const doy = Number(ord[2]);
    const off = offsetOf(ord[6]);
    if (off === undefined || doy < 1 || doy > (isLeap(year) ? 366 : 365)) return undefined;
    const first = build(year, 1, 1, Number(ord[3] ?? '0'), Number(ord[4] ?? '0'), Number(ord[5] ?? '0'), 0, off);
    return first ? new Date(first.getTime() + (doy - 1) * 86_400_000) : undefined;
  }
  return undefined;
};

const month = (name: string): number | undefined => MONTHS[name.toLowerCase().replace(/\.$/, '')];

const parseTime = (t: string | undefined): [number, number, number] | undefined => {
  if (!t) return [0, 0, 0];
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
};

/** undefined: not this shape; null: this shape, but not a valid date. */
const parseRfc822 = (s: string): Date | null | undefined => {
  // Drop the weekday (any language, any punctuation), then read: day month year [time] [zone].
  const body = s.replace(/^[A-Za-zÀ-ÿ]{2,}\.?,?\s*/, '').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  const m = /^(\d{1,2})[\s-]([A-Za-zÀ-ÿ]{3,5}\.?)[\s-](\d{2,4})(?:\s+(\d{1,2}:\d{1,2}(?::\d{1,2})?))?(?:\s*(.+))?$/.exec(body);
  if (m) {
    const mo = month(m[2] ?? '');
    const time = parseTime(m[4]);
    const off = offsetOf(m[5]?.replace(/^\((.*)\)$/, '$1').replace(/\s*\(.*\)$/, ''));
    if (mo === undefined || !time || off === undefined) return null;
    return build(twoDigitYear(m[3] ?? ''), mo, Number(m[1]), time[0], time[1], time[2], 0, off) ?? null;
  }
  // Month first: "Jan 4 2004 16:29:06 +0000", or asctime "Jan 4 16:29:06 PST 2004".
  const mf = /^([A-Za-z]{3,5}\.?)\s+(\d{1,2})\s+(?:(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?)|(\d{1,2}:\d{2}(?::\d{2})?)(?:\s+([A-Za-z]{1,5}|[+-]\d{4}))?\s+(\d{4}))(?:\s+(.+))?$/.exec(body);
  if (mf) {
    const mo = month(mf[1] ?? '');
    const time = parseTime(mf[4] ?? mf[5]);
    const off = offsetOf(mf[6] ?? mf[8]);
    if (mo === undefined || !time || off === undefined) return null;
    return build(Number(mf[3] ?? mf[7]), mo, Number(mf[2]), time[0], time[1], time[2], 0, off) ?? null;
  }
  return undefined;
};

export const parseFeedDate = (raw: string | undefined | null): Date | undefined => {
  if (raw === undefined || raw === null) return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^\d{4}/.test(s)) {
    const iso = parseIso(s);
    // A date that looks ISO but is out of range stays invalid rather than being "corrected".
    if (iso || /^\d{4}-\d/.test(s)) return iso;
  }
  const rfc = parseRfc822(s);
  if (rfc !== undefined) return rfc ?? undefined;
  // A last resort for the rare shape neither reader knows, but only when it carries an explicit
  // year and a zone, so the machine's own time zone never leaks into the result.
  if (/\b\d{4}\b/.test(s) && /(?:Z|GMT|UTC|[+-]\d{2}:?\d{2})\s*$/i.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return undefined;
};
