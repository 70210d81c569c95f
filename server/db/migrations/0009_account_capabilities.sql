CREATE TABLE "account_capabilities" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"errcode" integer,
	"missing_set" integer,
	"checked_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_capabilities" ADD CONSTRAINT "account_capabilities_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;