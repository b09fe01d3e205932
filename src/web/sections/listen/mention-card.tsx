import { useState } from 'react';
import type { Mention } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { AuthorName } from '../../ui/author-name.tsx';
import { Icon } from '../../ui/icons.tsx';
import { safeHref } from '../../ui/safe-href.ts';
import { excerpt, LONG_TEXT } from './excerpt.ts';
import { SentimentBadge } from './sentiment-badge.tsx';

/**
 * One mention. Its text is rendered as text (React escapes it), never as HTML,
 * and only http(s) links become clickable.
 */
export const MentionCard = ({ mention }: { mention: Mention }) => {
  const { t, dateTime, relative, language } = useI18n();
  const href = safeHref(mention.url);
  const authorHref = safeHref(mention.author.url);
  // A firehose author: its verified handle, or its DID shortened while none is known (ADR 0240).
  const whoName = mention.author.name || mention.author.handle;
  const who = whoName ? (mention.author.name ? whoName : <AuthorName author={whoName} did={mention.author.did} />) : t('listen.unknownAuthor');
  const handle = mention.author.name && mention.author.handle ? mention.author.handle : null;
  const lang = mention.lang && mention.lang !== 'und' ? mention.lang : null;
  const [expanded, setExpanded] = useState(false);
  const long = mention.text.length > LONG_TEXT;
  const text = long && !expanded ? excerpt(mention.text) : mention.text;
  return (
    <article className="mention" data-network={mention.network}>
      <header className="mention-head">
        <span className={`network-dot net-${mention.network}`} aria-hidden="true" />
        <div className="mention-who">
          {authorHref ? (
            <a className="mention-author" href={authorHref} target="_blank" rel="noopener noreferrer nofollow">
              {who}
            </a>
          ) : (
            <span className="mention-author">{who}</span>
          )}
          {handle ? <AuthorName className="mention-handle" author={handle} did={mention.author.did} /> : null}
        </div>
        <time className="mention-time" dateTime={mention.publishedAt} title={dateTime(mention.publishedAt)}>
          {relative(mention.publishedAt)}
        </time>
      </header>
      {mention.title ? <h2 className="mention-title">{mention.title}</h2> : null}
      <p className="mention-text">{text}</p>
      {long ? (
        <button type="button" className="button link more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('listen.less') : t('listen.more')}
        </button>
      ) : null}
      <footer className="mention-meta">
        <span className="badge badge-network">{t(`network.${mention.network}`)}</span>
        <span className="badge badge-lang" title={lang ? language(lang) : t('listen.langUnknown')}>
          {lang ? lang.toUpperCase() : '—'}
          <span className="visually-hidden"> ({lang ? language(lang) : t('listen.langUnknown')})</span>
        </span>
        {mention.sentiment ? <SentimentBadge sentiment={mention.sentiment} /> : null}
        <span className="meta-spacer" />
        {href ? (
          <a className="mention-link" href={href} target="_blank" rel="noopener noreferrer nofollow">
            <span>{t('listen.open')}</span>
            <span className="visually-hidden"> — {t(`network.${mention.network}`)}</span>
            <Icon name="external" size={16} />
          </a>
        ) : null}
      </footer>
    </article>
  );
};
