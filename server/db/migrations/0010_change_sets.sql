CREATE TABLE "change_set_items" (
	"change_set_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"source_row" integer,
	"action" text NOT NULL,
	"prefix" text NOT NULL,
	"target_appid" text NOT NULL,
	"desired" jsonb,
	"current" jsonb,
	"problems" jsonb,
	"state" text NOT NULL,
	"done_steps" integer DEFAULT 0 NOT NULL,
	"in_flight" boolean DEFAULT false NOT NULL,
	"error" jsonb,
	"end_state" text,
	"settled" boolean DEFAULT false NOT NULL,
	"action_id" uuid,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "change_set_items_change_set_id_seq_pk" PRIMARY KEY("change_set_id","seq")
);
--> statement-breakpoint
CREATE TABLE "change_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"source" jsonb,
	"delete_missing" boolean DEFAULT false NOT NULL,
	"summary" jsonb NOT NULL,
	"locale" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"applied_by" uuid,
	"decided_by" uuid,
	"decision_note" text,
	"queued_at" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"stop_request" text,
	"lease_owner" text,
	"lease_until" timestamp (3) with time zone,
	"action_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"retry_of" uuid
);
--> statement-breakpoint
CREATE TABLE "desired_rules" (
	"account_id" uuid NOT NULL,
	"target_appid" text NOT NULL,
	"prefix" text NOT NULL,
	"rule" jsonb NOT NULL,
	"change_set_id" uuid,
	CONSTRAINT "desired_rules_account_id_target_appid_prefix_pk" PRIMARY KEY("account_id","target_appid","prefix")
);
--> statement-breakpoint
CREATE TABLE "drift_checks" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"items" jsonb NOT NULL,
	"total" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "wechat_accounts" ADD COLUMN "changes_need_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "change_set_items" ADD CONSTRAINT "change_set_items_change_set_id_change_sets_id_fk" FOREIGN KEY ("change_set_id") REFERENCES "public"."change_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_created_by_operators_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_applied_by_operators_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_decided_by_operators_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desired_rules" ADD CONSTRAINT "desired_rules_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_set_items_state_idx" ON "change_set_items" USING btree ("change_set_id","state");--> statement-breakpoint
CREATE INDEX "change_set_items_finished_idx" ON "change_set_items" USING btree ("change_set_id","finished_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "change_sets_account_created_idx" ON "change_sets" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "change_sets_status_idx" ON "change_sets" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "change_sets_one_active_idx" ON "change_sets" USING btree ("account_id") WHERE status in ('queued', 'running', 'paused', 'cancelling');