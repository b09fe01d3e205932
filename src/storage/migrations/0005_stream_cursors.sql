CREATE TABLE "stream_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"cursor" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
