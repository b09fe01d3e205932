CREATE TABLE "rollup_epochs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"epoch" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rollup_epochs" ADD CONSTRAINT "rollup_epochs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;