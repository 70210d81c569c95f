CREATE TABLE "type_b_add_budget" (
	"mini_program_appid" text PRIMARY KEY NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"uncertain" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
