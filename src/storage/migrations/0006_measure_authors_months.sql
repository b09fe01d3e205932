ALTER TABLE "measure_authors" ADD CONSTRAINT "measure_authors_grain_check" CHECK ("measure_authors"."grain" in ('day', 'hour', 'month'));--> statement-breakpoint
-- ADR 0190: the month rows of the authors already counted by the day (backfill, idempotent).
INSERT INTO "measure_authors" ("workspace_id", "series_id", "grain", "bucket", "author")
SELECT DISTINCT "workspace_id", "series_id", 'month', date_trunc('month', "bucket", 'UTC'), "author"
FROM "measure_authors" WHERE "grain" = 'day'
ON CONFLICT DO NOTHING;
