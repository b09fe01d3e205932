CREATE TABLE "measure_author_folds" (
	"workspace_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"month" timestamp with time zone NOT NULL,
	"author_days" integer NOT NULL,
	"through_day" timestamp with time zone NOT NULL,
	CONSTRAINT "measure_author_folds_workspace_id_series_id_month_pk" PRIMARY KEY("workspace_id","series_id","month")
);
--> statement-breakpoint
CREATE TABLE "measure_author_last_days" (
	"workspace_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"author" uuid NOT NULL,
	"last_day" timestamp with time zone NOT NULL,
	CONSTRAINT "measure_author_last_days_workspace_id_series_id_author_pk" PRIMARY KEY("workspace_id","series_id","author")
);
--> statement-breakpoint
ALTER TABLE "measure_author_folds" ADD CONSTRAINT "measure_author_folds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_author_last_days" ADD CONSTRAINT "measure_author_last_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_author_last_days_day_idx" ON "measure_author_last_days" USING btree ("workspace_id","series_id","last_day");--> statement-breakpoint
-- ADR 0190: the cache filled from the day rows already stored, through yesterday (UTC).
INSERT INTO "measure_author_last_days" ("workspace_id", "series_id", "author", "last_day")
SELECT "workspace_id", "series_id", "author", max("bucket")
FROM "measure_authors" WHERE "grain" = 'day' AND "bucket" < date_trunc('day', now(), 'UTC')
GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "measure_author_folds" ("workspace_id", "series_id", "month", "author_days", "through_day")
SELECT "workspace_id", "series_id", date_trunc('month', "bucket", 'UTC'), sum("authors")::int, max("bucket")
FROM "measure_buckets" WHERE "grain" = 'day' AND "bucket" < date_trunc('day', now(), 'UTC')
GROUP BY 1, 2, 3;
