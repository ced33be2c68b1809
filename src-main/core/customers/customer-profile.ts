import { OmsError, type CustomerAddress, type Role, type CustomerNote, type CustomerProfile, type TimelineEntry } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';
import { seesAllContact, showBirthDate, showEmail, showPhone } from './contact-policy';
import { rfmScores } from './rfm';

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

/** One customer's whole story: contact data, addresses, value, RFM, timeline of orders, fulfilments, refunds, returns, notes and merges. */
export function createCustomerProfile(sqlite: Sqlite) {
  const customer = sqlite.prepare(
    `SELECT id, ref, first_name AS firstName, last_name AS lastName, email, phone, birth_date AS birthDate, accepts_marketing AS acceptsMarketing,
            platform, merged_into_id AS mergedIntoId, created_at AS createdAt FROM customers WHERE id = ?`,
  );
  const addresses = sqlite.prepare(
    'SELECT id, address1, address2, city, postcode, region, country, is_default AS isDefault FROM customer_addresses WHERE customer_id = ? ORDER BY is_default DESC, id',
  );
  const stats = sqlite.prepare(
    `SELECT count(*) AS n, coalesce(sum(total_minor - refunded_minor), 0) AS value, min(created_at) AS first, max(created_at) AS last, max(currency) AS currency
       FROM orders WHERE customer_id = ? AND status <> 'cancelled'`,
  );
  const orders = sqlite.prepare('SELECT id, name, created_at AS at, total_minor AS total, currency, financial_status AS fin, status FROM orders WHERE customer_id = ? ORDER BY created_at DESC LIMIT 200');
  const fulfilments = sqlite.prepare(
    `SELECT f.created_at AS at, o.id AS orderId, o.name, f.tracking_company AS carrier, f.tracking_number AS tracking
       FROM fulfilments f JOIN orders o ON o.id = f.order_id WHERE o.customer_id = ? ORDER BY f.created_at DESC LIMIT 200`,
  );
  const refunds = sqlite.prepare(
    `SELECT r.created_at AS at, o.id AS orderId, o.name, r.amount_minor AS amount, r.currency, r.reason
       FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.customer_id = ? ORDER BY r.created_at DESC LIMIT 200`,
  );
  const returns = sqlite.prepare('SELECT created_at AS at, order_id AS orderId, number, status, resolution FROM returns WHERE customer_id = ? ORDER BY created_at DESC LIMIT 200');
  const cases = sqlite.prepare(
    "SELECT id, subject, type, status, created_at AS at, order_id AS orderId FROM service_cases WHERE customer_id = ? ORDER BY created_at DESC LIMIT 200",
  );
  const notes = sqlite.prepare(
    'SELECT n.id, n.body, u.display_name AS author, n.created_at AS createdAt FROM customer_notes n LEFT JOIN users u ON u.id = n.user_id WHERE n.customer_id = ? ORDER BY n.created_at DESC, n.id DESC',
  );
  const merges = sqlite.prepare(
    `SELECT m.id, m.at, m.survivor_id AS survivorId, m.merged_id AS mergedId, m.undone_at AS undoneAt, u.display_name AS who
       FROM customer_merges m LEFT JOIN users u ON u.id = m.user_id WHERE m.survivor_id = ? OR m.merged_id = ? ORDER BY m.at DESC`,
  );

  return (id: number, opts: { role: Role; now: Date; currency: string }): CustomerProfile => {
    const c = customer.get(id) as (Omit<CustomerProfile, 'addresses' | 'stats' | 'timeline' | 'notes' | 'contactMasked' | 'acceptsMarketing'> & { acceptsMarketing: number }) | undefined;
    if (!c) throw new OmsError('NOT_FOUND', `Customer ${id} does not exist.`, { field: 'id' });
    const s = stats.get(id) as { n: number; value: number; first: string | null; last: string | null; currency: string | null };
    const currency = s.currency ?? opts.currency;
    const days = s.last ? Math.floor((opts.now.getTime() - Date.parse(s.last)) / 86_400_000) : null;

    const timeline: TimelineEntry[] = [];
    for (const o of orders.all(id) as { id: number; name: string; at: string; total: number; currency: string; fin: string; status: string }[])
      timeline.push({ at: o.at, kind: 'order', title: `Order ${o.name}`, detail: `${money(o.total, o.currency)} · ${o.fin}${o.status === 'cancelled' ? ' · cancelled' : ''}`, orderId: o.id });
    for (const f of fulfilments.all(id) as { at: string; orderId: number; name: string; carrier: string | null; tracking: string | null }[])
      timeline.push({ at: f.at, kind: 'fulfilment', title: `Shipped ${f.name}`, detail: [f.carrier, f.tracking].filter(Boolean).join(' ') || null, orderId: f.orderId });
    for (const r of refunds.all(id) as { at: string; orderId: number; name: string; amount: number; currency: string; reason: string | null }[])
      timeline.push({ at: r.at, kind: 'refund', title: `Refund on ${r.name}`, detail: `${money(r.amount, r.currency)}${r.reason ? ` · ${r.reason}` : ''}`, orderId: r.orderId });
    for (const r of returns.all(id) as { at: string; orderId: number; number: string; status: string; resolution: string }[])
      timeline.push({ at: r.at, kind: 'return', title: `Return ${r.number}`, detail: `${r.status} · ${r.resolution.replace('_', ' ')}`, orderId: r.orderId });
    for (const k of cases.all(id) as { id: number; subject: string; type: string; status: string; at: string; orderId: number | null }[])
      timeline.push({ at: k.at, kind: 'case', title: `Case CASE-${String(k.id).padStart(6, '0')}: ${k.subject}`, detail: `${k.type.replace(/_/g, ' ')} · ${k.status.replace(/_/g, ' ')}`, orderId: k.orderId });
    const noteRows = notes.all(id) as CustomerNote[];
    for (const n of noteRows) timeline.push({ at: n.createdAt, kind: 'note', title: `Note${n.author ? ` by ${n.author}` : ''}`, detail: n.body, orderId: null });
    for (const m of merges.all(id, id) as { id: number; at: string; survivorId: number; mergedId: number; undoneAt: string | null; who: string | null }[]) {
      const other = m.survivorId === id ? m.mergedId : m.survivorId;
      const what = m.survivorId === id ? `Customer #${other} merged into this one` : `Merged into customer #${other}`;
      timeline.push({ at: m.at, kind: 'merge', title: what, detail: [m.who ? `by ${m.who}` : null, m.undoneAt ? `undone ${m.undoneAt.slice(0, 10)}` : null].filter(Boolean).join(' · ') || null, orderId: null });
    }
    timeline.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));

    return {
      ...c,
      email: showEmail(c.email, opts.role),
      phone: showPhone(c.phone, opts.role),
      birthDate: showBirthDate(c.birthDate, opts.role),
      contactMasked: !seesAllContact(opts.role),
      acceptsMarketing: c.acceptsMarketing === 1,
      addresses: (addresses.all(id) as (Omit<CustomerAddress, 'isDefault'> & { isDefault: number })[]).map((a) => ({ ...a, isDefault: a.isDefault === 1 })),
      stats: {
        currency,
        lifetimeValueMinor: s.value,
        orderCount: s.n,
        averageOrderMinor: s.n ? Math.round(s.value / s.n) : 0,
        firstOrderAt: s.first,
        lastOrderAt: s.last,
        rfm: rfmScores(days, s.n, s.value / 100),
      },
      timeline,
      notes: noteRows,
    };
  };
}
