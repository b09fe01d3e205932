/** PostgreSQL reports a unique violation as SQLSTATE 23505; drizzle wraps the driver error in `cause`. */
export const isUniqueViolation = (e: unknown): boolean => {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
};
