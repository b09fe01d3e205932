import { Link } from '../router/router.tsx';

export interface TabLink {
  to: string;
  label: string;
  current: boolean;
}

/** Sub-navigation between views of one section; each view has its own URL. */
export const Tabs = ({ label, tabs }: { label: string; tabs: readonly TabLink[] }) => (
  <nav className="tabs" aria-label={label}>
    {tabs.map((tab) => (
      <Link key={tab.to} to={tab.to} className="tab" aria-current={tab.current ? 'page' : undefined}>
        {tab.label}
      </Link>
    ))}
  </nav>
);
