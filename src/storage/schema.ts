// The drizzle schema: every table carries workspace_id (except the global
// accounts tables), and migrations are generated from this file by drizzle-kit
// (`npm run db:generate`). Order is important: add new tables at the end.
export {};
