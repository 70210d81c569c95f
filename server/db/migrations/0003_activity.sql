CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."activity_outcome" AS ENUM('success', 'failure');--> statement-breakpoint
CREATE TABLE "activity_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"action_id" uuid NOT NULL,
	"operator_id" uuid,
	"operator_email" text,
	"operator_name" text,
	"account_id" uuid,
	"appid" text,
	"account_name" text,
	"operation" text NOT NULL,
	"prefix" text,
	"target_appid" text,
	"outcome" "activity_outcome" NOT NULL,
	"errcode" integer,
	"errmsg" text,
	"rid" text,
	"latency_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"errcodes_seen" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"batch_id" uuid,
	"batch_size" integer,
	"request" jsonb,
	"result" jsonb,
	"summary" jsonb,
	CONSTRAINT "activity_entries_action_id_unique" UNIQUE("action_id")
);
--> statement-breakpoint
CREATE INDEX "activity_entries_at_idx" ON "activity_entries" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_entries_account_at_idx" ON "activity_entries" USING btree ("account_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_entries_operator_at_idx" ON "activity_entries" USING btree ("operator_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_entries_operation_at_idx" ON "activity_entries" USING btree ("operation","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "activity_entries_errcodes_idx" ON "activity_entries" USING gin ("errcodes_seen");--> statement-breakpoint
CREATE INDEX "activity_entries_prefix_trgm_idx" ON "activity_entries" USING gin ("prefix" gin_trgm_ops);--> statement-breakpoint
CREATE FUNCTION "activity_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('qrjump.pruning', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'activity entries are append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "activity_entries_append_only" BEFORE UPDATE OR DELETE ON "activity_entries"
  FOR EACH ROW EXECUTE FUNCTION "activity_entries_append_only"();
