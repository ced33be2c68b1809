import type { ReactNode } from 'react';
import type { Screen } from '../stores/nav';

// Tiny stroke icons drawn inline: no icon font, no network, nothing for the CSP to allow.
function Svg({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const SCREEN_ICONS: Record<Screen, ReactNode> = {
  orders: (
    <Svg>
      <rect x="2.5" y="2.5" width="11" height="11" rx="2" />
      <path d="M5 6h6M5 8.5h6M5 11h3.5" />
    </Svg>
  ),
  pack: (
    <Svg>
      <path d="M2.5 5 8 2.5 13.5 5v6L8 13.5 2.5 11z" />
      <path d="M2.5 5 8 7.5 13.5 5M8 7.5v6" />
    </Svg>
  ),
  customers: (
    <Svg>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 13.5c.6-2.6 2.6-4 5-4s4.4 1.4 5 4" />
    </Svg>
  ),
  inventory: (
    <Svg>
      <rect x="2.5" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="2.5" y="9" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="9" width="4.5" height="4.5" rx="1" />
    </Svg>
  ),
  returns: (
    <Svg>
      <path d="M6 4 3 7l3 3" />
      <path d="M3 7h6.5a3.5 3.5 0 0 1 0 7H7" />
    </Svg>
  ),
  reports: (
    <Svg>
      <path d="M2.5 13.5h11" />
      <path d="M4.5 11V8M8 11V4.5M11.5 11V6.5" />
    </Svg>
  ),
  sync: (
    <Svg>
      <path d="M13 6.5A5 5 0 0 0 3.8 4.8M3 9.5a5 5 0 0 0 9.2 1.7" />
      <path d="M13 3v3.5H9.5M3 13V9.5h3.5" />
    </Svg>
  ),
  users: (
    <Svg>
      <circle cx="6" cy="5.5" r="2.2" />
      <path d="M2 13c.5-2.2 2-3.5 4-3.5s3.5 1.3 4 3.5" />
      <path d="M10.5 3.5a2.2 2.2 0 0 1 0 4.2M12 9.8c1 .5 1.7 1.6 2 3.2" />
    </Svg>
  ),
  settings: (
    <Svg>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.8v1.7M8 12.5v1.7M1.8 8h1.7M12.5 8h1.7M3.6 3.6l1.2 1.2M11.2 11.2l1.2 1.2M3.6 12.4l1.2-1.2M11.2 4.8l1.2-1.2" />
    </Svg>
  ),
};

export function SearchIcon() {
  return (
    <Svg>
      <circle cx="7" cy="7" r="4.5" />
      <path d="m10.5 10.5 3 3" />
    </Svg>
  );
}

export function CloseIcon() {
  return (
    <Svg>
      <path d="m4 4 8 8M12 4l-8 8" />
    </Svg>
  );
}
