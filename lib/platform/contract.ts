/**
 * What the Settings and Accounts pages and the server exchange about the third-party platform. Browser-safe:
 * no secret crosses, only whether each one is set.
 */

/** The platform settings as the Settings page shows them. */
export interface PlatformSettingsView {
  /** Null until the platform is configured. */
  componentAppid: string | null;
  secretSet: boolean;
  messageTokenSet: boolean;
  encodingAesKeySet: boolean;
  /** ISO time of the latest component_verify_ticket WeChat pushed (every 10 minutes), if any. */
  ticketReceivedAt: string | null;
  /** The authorization-event URL to enter in the WeChat Open Platform console. */
  eventUrl: string;
  /** The address merchants come back to after authorizing (its domain is the console's callback domain). */
  returnUrl: string;
}

/** An authorization link for one merchant, shown once to the admin who asked for it. */
export interface AuthorizationLink {
  url: string;
  /** ISO time after which the link's pre-auth code no longer works. */
  expiresAt: string;
}
