import type { NavItem } from '../shell/nav-items';

/** A plain statement that the screen is coming and what it will do — no fake data. */
export function NotBuiltScreen({ item }: { item: NavItem }) {
  return (
    <div className="page page-centered">
      <section className="placeholder" data-testid="not-built">
        <div className="placeholder-tag">Not built yet</div>
        <h2 className="placeholder-title">{item.label}</h2>
        <p className="placeholder-purpose">{item.purpose}</p>
        {item.upcoming.length ? (
          <>
            <p className="placeholder-lead">What will be here:</p>
            <ul className="placeholder-list">
              {item.upcoming.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
