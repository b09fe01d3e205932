CREATE TABLE "measure_authors" (
	"workspace_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"author" uuid NOT NULL,
	CONSTRAINT "measure_authors_workspace_id_series_id_grain_bucket_author_pk" PRIMARY KEY("workspace_id","series_id","grain","bucket","author")
);
--> statement-breakpoint
CREATE TABLE "measure_buckets" (
	"workspace_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"volume" integer NOT NULL,
	"positive" integer NOT NULL,
	"neutral" integer NOT NULL,
	"negative" integer NOT NULL,
	"score_sum" double precision NOT NULL,
	"authors" integer NOT NULL,
	"reach" bigint NOT NULL,
	"reach_mentions" integer NOT NULL,
	CONSTRAINT "measure_buckets_workspace_id_series_id_grain_bucket_pk" PRIMARY KEY("workspace_id","series_id","grain","bucket"),
	CONSTRAINT "measure_buckets_grain_check" CHECK ("measure_buckets"."grain" in ('day', 'hour'))
);
--> statement-breakpoint
ALTER TABLE "measure_authors" ADD CONSTRAINT "measure_authors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_buckets" ADD CONSTRAINT "measure_buckets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_authors_hour_idx" ON "measure_authors" USING btree ("bucket") WHERE "measure_authors"."grain" = 'hour';--> statement-breakpoint
CREATE INDEX "measure_buckets_hour_idx" ON "measure_buckets" USING btree ("bucket") WHERE "measure_buckets"."grain" = 'hour';