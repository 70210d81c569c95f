CREATE TYPE "public"."wechat_call_outcome" AS ENUM('success', 'retried', 'failed');--> statement-breakpoint
CREATE TYPE "public"."wechat_token_mode" AS ENUM('stable', 'classic');--> statement-breakpoint
CREATE TYPE "public"."wechat_account_kind" AS ENUM('miniprogram', 'officialaccount');--> statement-breakpoint
CREATE TABLE "wechat_account_links" (
	"account_id" uuid NOT NULL,
	"mini_program_appid" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appid" text NOT NULL,
	"kind" "wechat_account_kind" NOT NULL,
	"name" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"token_mode" "wechat_token_mode" DEFAULT 'stable' NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_accounts_appid_unique" UNIQUE("appid")
);
--> statement-breakpoint
CREATE TABLE "wechat_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"call_id" uuid NOT NULL,
	"action_id" uuid,
	"operator_id" uuid,
	"appid" text NOT NULL,
	"operation" text NOT NULL,
	"prefix" text,
	"request_body" jsonb,
	"response_body" jsonb,
	"errcode" integer,
	"errmsg" text,
	"rid" text,
	"failure" text,
	"note" text,
	"latency_ms" integer NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" "wechat_call_outcome" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_rate_slots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appid" text NOT NULL,
	"at" timestamp (6) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_tokens" (
	"appid" text PRIMARY KEY NOT NULL,
	"mode" "wechat_token_mode" NOT NULL,
	"token_sealed" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"fetched_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_account_links" ADD CONSTRAINT "wechat_account_links_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_calls" ADD CONSTRAINT "wechat_calls_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wechat_account_links_key" ON "wechat_account_links" USING btree ("account_id","mini_program_appid");--> statement-breakpoint
CREATE INDEX "wechat_calls_at_idx" ON "wechat_calls" USING btree ("at");--> statement-breakpoint
CREATE INDEX "wechat_calls_appid_at_idx" ON "wechat_calls" USING btree ("appid","at");--> statement-breakpoint
CREATE INDEX "wechat_calls_call_id_idx" ON "wechat_calls" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "wechat_rate_slots_appid_at_idx" ON "wechat_rate_slots" USING btree ("appid","at");