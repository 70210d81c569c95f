/**
 * A picture of what a rule does: a phone scans a QR code → WeChat → a Mini Program page. Decorative
 * (aria-hidden): the steps under it say the same in words. Drawn in the theme's colours through
 * currentColor, so it reads in light and dark mode alike. Its three parts sit at the centres of three equal
 * columns, so a three-column caption lines up under them.
 */
export function ScanPicture({ className }: { className?: string }) {
  return (
    <svg
      aria-hidden
      focusable="false"
      viewBox="0 0 264 72"
      fill="none"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {/* A phone showing a QR code, with the scan line across it. */}
      <g className="text-muted-foreground">
        <rect x={26} y={4} width={36} height={64} rx={6} stroke="currentColor" />
        <path d="M40 10h8" stroke="currentColor" />
        {/* Three finder patterns and a few modules. */}
        <g stroke="currentColor" strokeWidth={1.5} strokeLinecap="butt" strokeLinejoin="miter">
          <rect x={32.75} y={22.75} width={6.5} height={6.5} />
          <rect x={48.75} y={22.75} width={6.5} height={6.5} />
          <rect x={32.75} y={38.75} width={6.5} height={6.5} />
        </g>
        <path
          d="M34 24h2v2h-2zM50 24h2v2h-2zM34 40h2v2h-2zM42 22h2v2h-2zM44 24h2v2h-2zM42 26h2v2h-2zM46 28h2v2h-2zM44 28h2v2h-2zM32 32h2v2h-2zM34 32h2v2h-2zM40 32h2v2h-2zM44 32h2v2h-2zM50 32h2v2h-2zM52 32h2v2h-2zM36 34h2v2h-2zM42 36h2v2h-2zM48 36h2v2h-2zM54 36h2v2h-2zM46 34h2v2h-2zM50 38h2v2h-2zM44 40h2v2h-2zM52 40h2v2h-2zM42 42h2v2h-2zM48 44h2v2h-2zM54 44h2v2h-2zM46 44h2v2h-2zM40 38h2v2h-2zM52 42h2v2h-2z"
          fill="currentColor"
          stroke="none"
        />
      </g>
      <path d="M29 34h30" className="text-primary" stroke="currentColor" />

      {/* Arrows between the parts. */}
      <g className="text-muted-foreground" stroke="currentColor">
        <path d="M72 36h30m-6-5 6 5-6 5" />
        <path d="M162 36h30m-6-5 6 5-6 5" />
      </g>

      {/* WeChat: two chat bubbles. */}
      <g className="text-primary" stroke="currentColor">
        <path
          d="M126 19c-9.4 0-17 6.3-17 14 0 4.3 2.3 8.1 6 10.7l-1.5 5.3 6.1-3.2c2 .5 4.1.8 6.4.8 9.4 0 17-6.3 17-14s-7.6-13.6-17-13.6Z"
          fill="currentColor"
          fillOpacity={0.12}
        />
        <path
          d="M145 35c7.2.5 12 5.2 12 10.6 0 3.2-1.8 6.1-4.6 8.1l1.1 4.1-4.7-2.5c-1.5.4-3.1.6-4.8.6-6 0-11-3.2-12.5-7.6"
          fill="currentColor"
          fillOpacity={0.12}
        />
        <g fill="currentColor" stroke="none">
          <circle cx={120} cy={30} r={2} />
          <circle cx={132} cy={30} r={2} />
        </g>
      </g>

      {/* A Mini Program page: its capsule at the top right, a picture and lines of text. */}
      <g className="text-muted-foreground" stroke="currentColor">
        <rect x={202} y={4} width={36} height={64} rx={6} />
        <rect x={222} y={11} width={11} height={5} rx={2.5} strokeWidth={1.5} />
        <path d="M208 50h24M208 56h16" />
      </g>
      <rect
        x={208}
        y={22}
        width={24}
        height={20}
        rx={2}
        className="text-primary"
        stroke="currentColor"
        fill="currentColor"
        fillOpacity={0.12}
      />
    </svg>
  );
}
