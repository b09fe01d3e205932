CREATE TABLE "bluesky_identities" (
	"did" text PRIMARY KEY NOT NULL,
	"handle" text,
	"resolved_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
