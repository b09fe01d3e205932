ALTER TABLE "bluesky_identities" ALTER COLUMN "resolved_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bluesky_identities" ADD COLUMN "hint" text;--> statement-breakpoint
ALTER TABLE "bluesky_identities" ADD COLUMN "pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "bluesky_identities_pending_idx" ON "bluesky_identities" USING btree ("expires_at") WHERE "bluesky_identities"."pending";