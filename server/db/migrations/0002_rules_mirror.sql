CREATE TABLE "wechat_rule_syncs" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone,
	"synced_at" timestamp (3) with time zone,
	"error_code" integer,
	"error_message" text,
	"failed_at" timestamp (3) with time zone,
	"feature_open" boolean,
	"publish_quota" integer
);
--> statement-breakpoint
CREATE TABLE "wechat_rules" (
	"account_id" uuid NOT NULL,
	"target_appid" text NOT NULL,
	"prefix" text NOT NULL,
	"path" text NOT NULL,
	"state" smallint NOT NULL,
	"permit_sub_rule" smallint,
	"open_version" smallint,
	"debug_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mirrored_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wechat_rules_account_id_target_appid_prefix_pk" PRIMARY KEY("account_id","target_appid","prefix")
);
--> statement-breakpoint
ALTER TABLE "wechat_rule_syncs" ADD CONSTRAINT "wechat_rule_syncs_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_rules" ADD CONSTRAINT "wechat_rules_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wechat_rules_account_prefix_idx" ON "wechat_rules" USING btree ("account_id","prefix");