/**
 * Splits a query around the place an error points at, so the editor can underline it.
 * `offset` and `length` are UTF-16 indices as the API gives them; an error past the end
 * (a missing word after an operator) marks an empty span at the end.
 */
export interface QueryMarks {
  readonly before: string;
  readonly marked: string;
  readonly after: string;
  /** True when the span is empty: the editor then shows a caret where text is missing. */
  readonly missing: boolean;
}

export const queryMarks = (text: string, offset: number, length?: number): QueryMarks => {
  const start = Math.max(0, Math.min(offset, text.length));
  const end = Math.min(text.length, start + Math.max(0, length ?? (start < text.length ? 1 : 0)));
  return { before: text.slice(0, start), marked: text.slice(start, end), after: text.slice(end), missing: end === start };
};
