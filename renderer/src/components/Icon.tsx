/** Small stroke icons drawn inline (no icon font, nothing loaded at run time; CSP-safe). */
type Shape = string | { circle: readonly [number, number, number] };

const shapes = {
  inbox: ['M3 13h5l1.5 2.5h5L16 13h5', 'M5.5 5h13L21 13v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-6z'],
  review: ['M4 4h16v16H4z', 'M8 12l3 3 5-6'],
  accounts: ['M3 10h18', 'M5 10v8M9.5 10v8M14.5 10v8M19 10v8', 'M3 20h18', 'M12 3l9 5H3z'],
  reports: ['M5 3h10l4 4v14H5z', 'M9 17v-4M12 17v-7M15 17v-2'],
  rules: ['M4 7h9M17 7h3M4 17h3M11 17h9', { circle: [15, 7, 2] }, { circle: [9, 17, 2] }],
  audit: ['M12 3l8 3v6c0 4.5-3.5 8-8 9-4.5-1-8-4.5-8-9V6z', 'M9 12l2 2 4-4'],
  settings: [{ circle: [12, 12, 3] }, 'M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9L7 7M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1'],
  companies: ['M4 21V5l8-2v18', 'M12 8h8v13', 'M3 21h18', 'M7 8h2M7 12h2M7 16h2M15 12h2M15 16h2'],
  users: [{ circle: [9, 8, 3.5] }, 'M2.5 20c.8-3.5 3.4-5.5 6.5-5.5s5.7 2 6.5 5.5', { circle: [17, 9, 2.5] }, 'M16.5 14.6c2.4.2 4.2 2 4.8 4.9'],
  logout: ['M15 4h4v16h-4', 'M10 8l-4 4 4 4', 'M6 12h10'],
  keyboard: ['M3 6h18v12H3z', 'M6.5 10h1M10.5 10h1M14.5 10h1M8 14h8'],
  plus: ['M12 5v14M5 12h14'],
  close: ['M6 6l12 12M18 6L6 18'],
  chevron: ['M6 9l6 6 6-6'],
  file: ['M6 3h8l5 5v13H6z', 'M14 3v5h5', 'M9 13h6M9 17h6'],
  folder: ['M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z'],
  upload: ['M12 16V4', 'M7 9l5-5 5 5', 'M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4'],
  search: [{ circle: [11, 11, 6] }, 'M20 20l-4.5-4.5'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  warning: ['M12 4L2.8 20h18.4z', 'M12 10v4.5', 'M12 17.5v.5'],
  back: ['M15 5l-7 7 7 7'],
  columns: ['M4 5h16v14H4z', 'M9.5 5v14M14.5 5v14'],
} satisfies Record<string, readonly Shape[]>;

export type IconName = keyof typeof shapes;

/** A decorative icon; the control it sits in carries the accessible name. */
export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  const parts: readonly Shape[] = shapes[name];
  return (
    <svg
      className={['icon', className ?? ''].join(' ').trim()}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {parts.map((shape, index) =>
        typeof shape === 'string' ? (
          <path key={index} d={shape} />
        ) : (
          <circle key={index} cx={shape.circle[0]} cy={shape.circle[1]} r={shape.circle[2]} />
        ),
      )}
    </svg>
  );
}
