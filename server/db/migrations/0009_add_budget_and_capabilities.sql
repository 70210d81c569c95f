CREATE TABLE "account_capabilities" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"errcode" integer,
	"missing_set" integer,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "type_b_add_budget" (
	"mini_program_appid" text PRIMARY KEY NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"uncertain" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_capabilities" ADD CONSTRAINT "account_capabilities_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;