import sanitizeHtml from 'sanitize-html';

/**
 * HTML from feeds: sanitised HTML for display, plain text for analysis.
 *
 * The display policy is an allow-list. What it keeps is inert markup: text-level and
 * structural elements, tables, lists, images and media without autoplay scripts, and the
 * presentational attributes that go with them. What it drops, whatever the feed says:
 *   - scripts, styles sheets, frames, objects, embeds, applets, `<base>`, `<meta>`, `<link>`;
 *   - every event handler (`on*`) and every URL whose scheme is not http, https, mailto
 *     (so `javascript:`, `vbscript:`, `data:` are gone);
 *   - form controls and the attributes that make markup interactive or addressable
 *     (`action`, `contenteditable`, `tabindex`, `id`, `name`, `class`, `target`…): a feed item
 *     must not be able to post a form, grab focus, clobber the page's DOM or borrow its CSS;
 *   - inline style properties outside a short list of presentational ones, and any value
 *     with `url(`, `expression(`, escapes or comments.
 * Relative URLs are made absolute against the base (xml:base or the feed URL).
 */

const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big',
  'blockquote', 'br', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'datagrid', 'dd',
  'del', 'details', 'dfn', 'dir', 'div', 'dl', 'dt', 'em', 'fieldset', 'figcaption', 'figure', 'font',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'label',
  'legend', 'li', 'm', 'map', 'mark', 'menu', 'meter', 'multicol', 'nav', 'nextid', 'ol', 'p', 'picture',
  'pre', 'progress', 'q', 's', 'samp', 'section', 'small', 'sound', 'source', 'spacer', 'span', 'strike',
  'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr',
  'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
];

/**
 * Attributes allowed on every kept element. URL-valued ones are scheme-checked and made absolute.
 * Form attributes (`action`, `method`, `value`…) are listed because they are inert once form
 * controls are gone; what stays out is what acts on the page around the item: `id`, `name`
 * (DOM clobbering), `class` (borrowing the app's CSS), `target`, `ping`, focus and editing
 * attributes, and legacy attributes that fetch URLs (`lowsrc`, `dynsrc`, `datasrc`, `data`, `vrml`).
 */
const ALLOWED_ATTRIBUTES = [
  'abbr', 'accept', 'accept-charset', 'action', 'align', 'alt', 'autocomplete', 'axis', 'background', 'balance',
  'bgcolor', 'bgproperties', 'border', 'bordercolor', 'bordercolordark', 'bordercolorlight', 'bottompadding',
  'cellpadding', 'cellspacing', 'ch', 'challenge', 'char', 'charoff', 'charset', 'checked', 'choff', 'cite', 'clear',
  'color', 'cols', 'colspan', 'compact', 'controls', 'coords', 'datetime', 'default', 'delay', 'dir', 'disabled',
  'enctype', 'end', 'face', 'for', 'form', 'frame', 'galleryimg', 'gutter', 'headers', 'height', 'hidden',
  'hidefocus', 'high', 'href', 'hreflang', 'hspace', 'icon', 'inputmode', 'ismap', 'keytype', 'kind', 'label',
  'lang', 'leftspacing', 'list', 'longdesc', 'loop', 'loopcount', 'loopend', 'loopstart', 'low', 'max',
  'maxlength', 'media', 'method', 'min', 'multiple', 'nohref', 'noshade', 'nowrap', 'open', 'optimum', 'pattern',
  'point-size', 'poster', 'pqg', 'preload', 'prompt', 'radiogroup', 'readonly', 'rel', 'repeat-max', 'repeat-min',
  'replace', 'required', 'rev', 'rightspacing', 'rows', 'rowspan', 'rules', 'scope', 'selected', 'shape', 'size',
  'span', 'src', 'srclang', 'start', 'step', 'style', 'summary', 'suppress', 'template', 'title', 'toppadding',
  'type', 'unselectable', 'urn', 'usemap', 'valign', 'value', 'variable', 'volume', 'vspace', 'width', 'wrap',
  'xml:lang',
];

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'longdesc', 'background', 'poster', 'usemap', 'xlink:href'];

/**
 * Inline MathML and SVG (ADR 0052, amended by ADR 0170): formulas and diagrams in technical
 * posts, which browsers render natively. Only presentation elements: no `script`, `style`,
 * `foreignObject` (HTML inside SVG), `use` or `image` (external fetches), `animate`/`set` (they
 * can rewrite a link) or `maction` (interactive); no event handlers; `xlink:href` is
 * scheme-checked like `href`. A prefixed name (`svg:circle`) loses its prefix, camelCase names
 * that the HTML parser lower-cased get their case back, the root gets its namespace, and the
 * attributes are written in sorted order (their order carries no meaning in either language).
 */
const MATHML_TAGS = [
  'math', 'annotation', 'menclose', 'merror', 'mfenced', 'mfrac', 'mi', 'mmultiscripts', 'mn', 'mo', 'mover', 'mpadded',
  'mphantom', 'mprescripts', 'mroot', 'mrow', 'ms', 'mspace', 'msqrt', 'mstyle', 'msub', 'msubsup', 'msup', 'mtable',
  'mtd', 'mtext', 'mtr', 'munder', 'munderover', 'none', 'semantics',
];
const MATHML_ATTRIBUTES = [
  'actiontype', 'align', 'close', 'columnalign', 'columnlines', 'columnspacing', 'columnspan', 'depth', 'display',
  'displaystyle', 'encoding', 'equalcolumns', 'equalrows', 'fence', 'fontstyle', 'fontweight', 'frame', 'height',
  'linethickness', 'lspace', 'mathbackground', 'mathcolor', 'mathsize', 'mathvariant', 'maxsize', 'minsize', 'notation',
  'open', 'other', 'rowalign', 'rowlines', 'rowspacing', 'rowspan', 'rspace', 'scriptlevel', 'selection', 'separator',
  'separators', 'stretchy', 'width', 'xlink:href', 'xlink:show', 'xlink:type', 'xmlns', 'xmlns:xlink',
];
const SVG_TAGS = [
  'svg', 'circle', 'defs', 'desc', 'ellipse', 'g', 'line', 'linearGradient', 'marker', 'metadata', 'path', 'polygon',
  'polyline', 'radialGradient', 'rect', 'stop', 'switch', 'text', 'textPath', 'tspan',
];
const SVG_ATTRIBUTES = [
  'baseProfile', 'class', 'cx', 'cy', 'd', 'dx', 'dy', 'fill', 'fill-opacity', 'fill-rule', 'font-family',
  'font-size', 'font-style', 'font-weight', 'fx', 'fy', 'gradientTransform', 'gradientUnits', 'height', 'markerHeight',
  'markerUnits', 'markerWidth', 'offset', 'opacity', 'orient', 'points', 'preserveAspectRatio', 'r', 'refX', 'refY',
  'rotate', 'rx', 'ry', 'spreadMethod', 'stop-color', 'stop-opacity', 'stroke', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity', 'stroke-width', 'text-anchor',
  'transform', 'version', 'viewBox', 'width', 'x', 'x1', 'x2', 'xlink:href', 'xlink:show', 'xlink:title', 'xlink:type',
  'xml:space', 'xmlns', 'xmlns:xlink', 'y', 'y1', 'y2',
].filter((a) => a !== 'class');
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Lower-cased name → the name SVG spells in camelCase. */
const SVG_CASE = new Map([...SVG_TAGS, ...SVG_ATTRIBUTES].filter((n) => /[A-Z]/.test(n)).map((n) => [n.toLowerCase(), n]));
const FOREIGN = new Set([...MATHML_TAGS, ...SVG_TAGS.map((t) => t.toLowerCase())]);

/** Presentational CSS properties; layout-breaking ones (position, z-index…) are not here. */
const ALLOWED_CSS = new Set([
  'azimuth', 'background', 'background-color', 'border', 'border-bottom', 'border-bottom-color',
  'border-bottom-style', 'border-bottom-width', 'border-collapse', 'border-color', 'border-left',
  'border-left-color', 'border-left-style', 'border-left-width', 'border-right', 'border-right-color',
  'border-right-style', 'border-right-width', 'border-spacing', 'border-style', 'border-top',
  'border-top-color', 'border-top-style', 'border-top-width', 'border-width', 'clear', 'color', 'cursor',
  'direction', 'display', 'elevation', 'float', 'font', 'font-family', 'font-size', 'font-style',
  'font-variant', 'font-weight', 'height', 'letter-spacing', 'line-height', 'margin', 'margin-bottom',
  'margin-left', 'margin-right', 'margin-top', 'overflow', 'padding', 'padding-bottom', 'padding-left',
  'padding-right', 'padding-top', 'pause', 'pause-after', 'pause-before', 'pitch', 'pitch-range',
  'richness', 'speak', 'speak-header', 'speak-numeral', 'speak-punctuation', 'speech-rate', 'stress',
  'text-align', 'text-decoration', 'text-indent', 'unicode-bidi', 'vertical-align', 'voice-family',
  'volume', 'white-space', 'width',
]);

/** A safe CSS value: keywords, numbers with units (at most 4 digits: no 99999em page-covering), colours. */
const SAFE_CSS_VALUE =
  /^(?:\s*(?:[a-z-]+|#[0-9a-f]{3,8}|[+-]?\d{0,4}(?:\.\d+)?(?:%|[a-z]{1,4})?(?=\s|,|!|$)|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(?:,\s*[\d.]+\s*)?\)|'[^'"\\<>;]*'|"[^'"\\<>;]*"|,|!important)\s*)+$/i;

/**
 * The background/border/margin/padding families (shorthands and their long forms, including
 * non-standard ones browsers ignore): their values must be lengths, colours or a few keywords,
 * so a shorthand cannot smuggle an image or a position in.
 */
const FAMILY = /^(?:background|border|margin|padding)(?:-[a-z]+)*$/;
const FAMILY_WORD =
  /^(?:!important|auto|none|inherit|initial|transparent|center|top|bottom|left|right|solid|dashed|dotted|double|groove|ridge|inset|outset|hidden|medium|thin|thick|collapse|separate|aqua|black|blue|fuchsia|gray|grey|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|#[0-9a-f]{3,8}|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(?:,\s*[\d.]+\s*)?\)|[+-]?\d{0,4}(?:\.\d+)?(?:%|px|pt|em|ex|in|cm|mm|pc|rem|vh|vw)?)$/i;

const familyValueOk = (value: string): boolean => {
  const words = value.replace(/\(\s*/g, '(').replace(/\s*,\s*/g, ',').trim().split(/\s+/);
  return words.length > 0 && words.every((w) => w !== '' && FAMILY_WORD.test(w));
};

/** Filters an inline style; returns '' when nothing safe remains. */
export const sanitizeStyle = (style: string): string => {
  // Escapes and comments can hide anything from a declaration-by-declaration reading: all or nothing.
  if (/expression\s*\(|\\|\/\*|<|@import|behavior|-moz-binding/i.test(style)) return '';
  const kept: string[] = [];
  for (const decl of style.split(';')) {
    if (/url\s*\(/i.test(decl)) continue;
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).replace(/^\s+/, '');
    const name = prop.toLowerCase();
    if (value.trim() === '') continue;
    if (FAMILY.test(name)) {
      if (!familyValueOk(value)) continue;
    } else if (!ALLOWED_CSS.has(name) || !SAFE_CSS_VALUE.test(value)) continue;
    kept.push(`${prop}: ${value};`);
  }
  return kept.join(' ');
};

const absolutise = (value: string, base: string | undefined): string => {
  const v = value.trim();
  if (!base || v === '' || v.startsWith('#')) return v;
  try {
    return new URL(v, base).href;
  } catch {
    return v;
  }
};

/**
 * Attribute allow-lists, applied by the transform below (sanitize-html is given no list of its
 * own: it rebuilds its per-tag tables on every call, which cost more than the parse itself once
 * SVG and MathML had theirs). sanitize-html still checks URL schemes after the transform.
 */
const HTML_ATTRIBUTE_SET = new Set(ALLOWED_ATTRIBUTES);
const XLINK_ATTRIBUTES = new Set(['xlink:href', 'xlink:show', 'xlink:title', 'xlink:type']);
const MATHML_ATTRIBUTE_SET = new Set(MATHML_ATTRIBUTES);
const SVG_ATTRIBUTE_SET = new Set(SVG_ATTRIBUTES);
const MATHML_TAG_SET = new Set(MATHML_TAGS);
const ALL_TAGS = [...ALLOWED_TAGS, ...MATHML_TAGS, ...SVG_TAGS, 'title'];

/** An SVG or MathML element: canonical names, its namespace on the root, sorted attributes. */
const foreignTag = (local: string, attribs: sanitizeHtml.Attributes, base: string | undefined): sanitizeHtml.Tag => {
  const tagName = SVG_CASE.get(local) ?? local;
  const allowed = MATHML_TAG_SET.has(local) ? MATHML_ATTRIBUTE_SET : SVG_ATTRIBUTE_SET;
  const named: Record<string, string> = {};
  for (const [raw, value] of Object.entries(attribs)) {
    const name = SVG_CASE.get(raw) ?? raw;
    if (!allowed.has(name) && name !== 'style' && !HTML_ATTRIBUTE_SET.has(name)) continue;
    if (name === 'style') {
      const style = sanitizeStyle(value);
      if (style) named[name] = style;
    } else named[name] = URL_ATTRIBUTES.includes(name) ? absolutise(value, base) : value;
  }
  if (tagName === 'svg') named.xmlns = SVG_NS;
  if (tagName === 'math') named.xmlns = MATHML_NS;
  if (Object.keys(named).some((n) => n.startsWith('xlink:'))) named['xmlns:xlink'] = XLINK_NS;
  const out: sanitizeHtml.Attributes = {};
  for (const name of Object.keys(named).sort()) out[name] = named[name] ?? '';
  return { tagName, attribs: out };
};

/**
 * `inSvg()`: whether the element being opened sits inside an `<svg>`. There a `<title>` is the
 * drawing's accessible name and stays; in HTML it is a document title, dropped with its text
 * (renamed to `template`, which is neither allowed nor shown).
 */
const transformFor = (base: string | undefined, inSvg: () => boolean) =>
  (rawName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const local = rawName.replace(/^(?:svg|math|m):/, '');
    if (local === 'title') return inSvg() ? { tagName: 'title', attribs: {} } : { tagName: 'template', attribs: {} };
    if (FOREIGN.has(local)) return foreignTag(local, attribs, base);
    const tagName = local;
    const out: sanitizeHtml.Attributes = {};
    for (const [raw, value] of Object.entries(attribs)) {
      const name = raw.toLowerCase();
      if (!HTML_ATTRIBUTE_SET.has(name) && !(tagName === 'a' && XLINK_ATTRIBUTES.has(name))) continue;
      if (URL_ATTRIBUTES.includes(name)) out[name] = absolutise(value, base);
      else if (name === 'style') {
        const s = sanitizeStyle(value);
        if (s) out[name] = s;
      } else out[name] = value;
    }
    if (Object.keys(out).some((n) => n.startsWith('xlink:'))) out['xmlns:xlink'] = XLINK_NS;
    return { tagName, attribs: out };
  };

/** sanitize-html options its published types do not list yet. */
type Options = sanitizeHtml.IOptions & { allowedEmptyAttributes?: string[] };

const isSvg = (name: string): boolean => name === 'svg' || name === 'svg:svg';

const displayOptions = (base: string | undefined): Options => {
  let svgDepth = 0;
  return {
    allowedTags: ALL_TAGS,
    // Filtered by the transform (see HTML_ATTRIBUTE_SET).
    allowedAttributes: false,
    allowedEmptyAttributes: ALLOWED_ATTRIBUTES,
    // Names keep their case (SVG's `viewBox`); the transform lower-cases HTML attribute names itself.
    parser: { lowerCaseAttributeNames: false },
    nonBooleanAttributes: [],
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
    allowProtocolRelative: true,
    parseStyleAttributes: false,
    transformTags: { '*': transformFor(base, () => svgDepth > 0) },
    onOpenTag: (name) => {
      if (isSvg(name)) svgDepth++;
    },
    onCloseTag: (name) => {
      if (isSvg(name) && svgDepth > 0) svgDepth--;
    },
    disallowedTagsMode: 'discard',
    // Content of these is code or invisible, never text to show. (The content of object, applet
    // and iframe is fallback text meant for readers that do not run them: it stays.)
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xml'],
    selfClosing: ['img', 'br', 'hr', 'area', 'col', 'source', 'track', 'wbr'],
    enforceHtmlBoundary: false,
  };
};

/**
 * The HTML parser closes tags by searching its stack, so its cost grows with the square of the
 * nesting depth: 100,000 nested `<div>`s (1.2 MB) take 30 s. No real post nests that deep;
 * beyond MAX_DEPTH the markup is dropped by a linear pass and the item is shown as text.
 */
export const MAX_DEPTH = 256;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'command']);

/** True when the element nesting of `html` goes deeper than MAX_DEPTH (a linear scan). */
export const tooDeep = (html: string): boolean => {
  if (html.length < MAX_DEPTH * 3) return false;
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has((m[2] ?? '').toLowerCase()) && ++depth > MAX_DEPTH) return true;
  }
  return false;
};

/** Numeric references and the common named ones (the fallback path has no full entity table). */
const decodeCommon = (s: string): string =>
  s.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos|nbsp);/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : all;
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[e] ?? all;
  });

/** Plain text of pathological markup in one linear pass: scripts and styles dropped, tags removed. */
const flattenToText = (html: string): string =>
  decodeCommon(html.replace(/<script\b[\s\S]*?<\/script\s*>|<style\b[\s\S]*?<\/style\s*>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(HTML_SPACE, ' ').trim();

const flatten = (html: string): string => escapeText(flattenToText(html));

/**
 * `<br></br>` is what XML serialisers write for an empty `br`; an HTML parser reads the end tag
 * as a second line break, so the pair is made one `<br>` first.
 */
const xmlBreaks = (html: string): string => (html.includes('</br') ? html.replace(/<br(\s[^>]*)?>\s*<\/br\s*>/gi, '<br$1>') : html);

/** Sanitised HTML for display; relative URLs made absolute against `base`. */
export const sanitizeForDisplay = (html: string, base?: string): string =>
  tooDeep(html) ? flatten(html) : sanitizeHtml(xmlBreaks(html), displayOptions(base)).trim();

const textOptions: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'xml'],
  enforceHtmlBoundary: false,
};

const BLOCK = /<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|tfoot|caption|blockquote|pre|section|article|aside|header|footer|nav|figure|figcaption|address|details|summary|img)\b[^>]*>/gi;

/** HTML's own whitespace; U+00A0 and other Unicode spaces are content and stay. */
const HTML_SPACE = /[ \t\n\f\r]+/g;

const unescapeBasic = (s: string): string =>
  s.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'amp' ? '&' : "'");

/** Plain text for analysis: tags removed (block boundaries become spaces), entities decoded, whitespace collapsed. */
export const htmlToText = (html: string): string => {
  if (tooDeep(html)) return flattenToText(html);
  // sanitize-html decodes every entity, then escapes the five markup characters back: undo that.
  const stripped = sanitizeHtml(html.replace(BLOCK, ' $& '), textOptions);
  return unescapeBasic(stripped).replace(HTML_SPACE, ' ').trim();
};

/**
 * Plain text of HTML that sanitizeForDisplay produced. That output is regular (no comments,
 * scripts or styles; `<`, `>`, `&`, `"` escaped in text and attribute values; every other
 * character literal), so stripping tags and undoing those escapes is enough, at a fraction of
 * the cost of a second HTML parse.
 */
export const sanitizedToText = (html: string): string =>
  unescapeBasic(html.replace(BLOCK, ' ').replace(/<[^>]*>/g, '')).replace(HTML_SPACE, ' ').trim();

/** Collapses a plain-text value (a title, a name) the same way, without touching markup characters. */
export const collapseText = (text: string): string => text.replace(HTML_SPACE, ' ').trim();

/** Escapes plain text for use as HTML. */
export const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
