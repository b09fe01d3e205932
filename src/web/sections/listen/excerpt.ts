/** Long articles from feeds are cut to an excerpt until the reader asks for more. */
export const LONG_TEXT = 480;

/** At most LONG_TEXT characters, cut at a space when one is near the end, then an ellipsis. */
export const excerpt = (text: string, max = LONG_TEXT): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
};
