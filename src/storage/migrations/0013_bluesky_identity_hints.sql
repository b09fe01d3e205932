CREATE TABLE "rollup_rebuilds" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bluesky_identities" ALTER COLUMN "resolved_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bluesky_identities" ADD COLUMN "hint" text;--> statement-breakpoint
ALTER TABLE "bluesky_identities" ADD COLUMN "pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_rebuilds" ADD CONSTRAINT "rollup_rebuilds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bluesky_identities_pending_idx" ON "bluesky_identities" USING btree ("expires_at") WHERE "bluesky_identities"."pending";