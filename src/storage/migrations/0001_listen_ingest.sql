ALTER TABLE "mentions" ADD COLUMN "text_hash" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "near_duplicate_of" uuid;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "etag" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_modified" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "cursor" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "fetch_interval_seconds" integer DEFAULT 900 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "next_fetch_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
CREATE INDEX "mentions_workspace_text_hash_idx" ON "mentions" USING btree ("workspace_id","text_hash");--> statement-breakpoint
CREATE INDEX "sources_due_idx" ON "sources" USING btree ("status","next_fetch_at");