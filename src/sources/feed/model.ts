import { AppError } from '../../core/errors.ts';

/** What the feed parser produces (parse.ts), whatever the format. */

export interface FeedEnclosure {
  readonly url: string;
  readonly type?: string;
  readonly length?: number;
}

export interface ParsedItem {
  /** guid / id, else the link, else a stable hash of title and date. */
  readonly id: string;
  /** Plain text. */
  readonly title: string;
  /** Sanitised HTML of the title, when the feed gives it as HTML with markup in it. */
  readonly titleHtml?: string;
  /** Absolute URL, or '' when the item has none. */
  readonly link: string;
  readonly published?: Date;
  readonly updated?: Date;
  readonly author?: string;
  /** Plain text of the body (content, else summary), for analysis. */
  readonly text: string;
  /** Sanitised HTML of the body, for display. */
  readonly html?: string;
  /** Sanitised HTML of the summary, when the feed gives one. */
  readonly summary?: string;
  readonly categories: readonly string[];
  readonly enclosures: readonly FeedEnclosure[];
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Plain text. */
  readonly title: string;
  /** Sanitised HTML of the title, when the feed gives it as HTML with markup in it. */
  readonly titleHtml?: string;
  readonly link: string;
  readonly language?: string;
  /** Seconds the publisher asks to wait between reads (RSS ttl, sy:updatePeriod), capped at a day. */
  readonly refreshSeconds?: number;
  readonly items: readonly ParsedItem[];
}

export interface ParseFeedOptions {
  /** The URL the document came from: the last resort for relative links. */
  readonly url?: string;
  /** HTTP Content-Type (its charset is used when the input is bytes). */
  readonly contentType?: string;
  /** HTTP Content-Location: a better base than the request URL when present. */
  readonly contentLocation?: string;
  /** HTTP Content-Language: the feed language when the document declares none. */
  readonly contentLanguage?: string;
}

/** The document is not a feed relais can read; the message says why. */
export class FeedParseError extends AppError {
  constructor(message: string) {
    super('bad-request', message);
    this.name = 'FeedParseError';
  }
}

