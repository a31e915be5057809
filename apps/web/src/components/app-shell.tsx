import type { ReactNode } from 'react';
import type { SessionUser } from '@/server/session';
import { NavLinks } from './nav-links';
import { SignOutButton } from './sign-out-button';

export interface NavItem {
  href?: string;
  label: string;
  /** A heading shown above the first item of each group ("Workspace", "Admin"). */
  group?: string;
}

export function AppShell({ user, nav, children }: { user: SessionUser; nav: NavItem[]; children: ReactNode }) {
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          LAE Studio<small>forgery masks · active learning</small>
        </div>
        <nav className="nav" aria-label="Main">
          <NavLinks nav={nav} />
        </nav>
        <div className="who">
          <div data-testid="current-user">{user.email}</div>
          <div>
            <span className="badge">{user.role}</span>
          </div>
          <div style={{ marginTop: 8 }}>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main>{children}</main>
    </div>
  );
}
