ALTER TYPE "public"."wechat_token_mode" ADD VALUE 'authorizer';--> statement-breakpoint
ALTER TYPE "public"."wechat_token_mode" ADD VALUE 'component';--> statement-breakpoint
CREATE TABLE "wechat_platform" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"component_appid" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"message_token_sealed" text NOT NULL,
	"aes_key_sealed" text NOT NULL,
	"verify_ticket_sealed" text,
	"verify_ticket_at" timestamp (3) with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wechat_platform_auth_requests" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"operator_id" uuid NOT NULL,
	"auth_type" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wechat_platform_authorizers" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"component_appid" text NOT NULL,
	"refresh_token_sealed" text NOT NULL,
	"permission_sets" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"service_type" integer,
	"verify_type" integer,
	"principal_name" text,
	"authorized_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"unauthorized_at" timestamp (3) with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wechat_accounts" ALTER COLUMN "secret_sealed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "wechat_platform" ADD CONSTRAINT "wechat_platform_updated_by_operators_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."operators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_platform_auth_requests" ADD CONSTRAINT "wechat_platform_auth_requests_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wechat_platform_authorizers" ADD CONSTRAINT "wechat_platform_authorizers_account_id_wechat_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."wechat_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The platform settings are one row.
ALTER TABLE "wechat_platform" ADD CONSTRAINT "wechat_platform_one_row" CHECK ("id" = 1);
