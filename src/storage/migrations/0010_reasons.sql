ALTER TABLE "import_refusals" ADD COLUMN "reason_problem" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "error_problem" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_error_problem" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "disabled_reason_problem" jsonb;