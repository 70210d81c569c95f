CREATE TABLE "login_throttle" (
	"email" text PRIMARY KEY NOT NULL,
	"slots" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	"locked_until" timestamp with time zone,
	"granted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operator_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_agent" text,
	"ip" "inet",
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
-- Hand-written: lock-outs still running carry over into the throttle before their table goes.
INSERT INTO "login_throttle" ("email", "locked_until")
  SELECT "email", "locked_until" FROM "login_lockouts" WHERE "locked_until" > now();--> statement-breakpoint
DROP TABLE "login_lockouts" CASCADE;--> statement-breakpoint
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_sessions_operator_idx" ON "operator_sessions" USING btree ("operator_id");