import { describe, expect, it } from 'vitest';
import { dueAt, SERVICE_TARGET_HOURS } from '../../src-main/core/cases/service-targets';
import { renderTemplate } from '../../src-main/core/cases/templates';

describe('case due times follow the type’s service target and the priority', () => {
  const from = new Date('2026-11-02T09:00:00.000Z');
  it.each([
    ['complaint', 'normal', '2026-11-02T17:00:00.000Z'],
    ['complaint', 'urgent', '2026-11-02T11:00:00.000Z'],
    ['question', 'normal', '2026-11-03T09:00:00.000Z'],
    ['question', 'low', '2026-11-04T09:00:00.000Z'],
    ['damaged_item', 'high', '2026-11-02T15:00:00.000Z'],
    ['other', 'normal', '2026-11-04T09:00:00.000Z'],
  ] as const)('%s at %s priority is due %s', (type, priority, due) => expect(dueAt(type, priority, from)).toBe(due));

  it('every type has a target', () => expect(Object.values(SERVICE_TARGET_HOURS).every((h) => h > 0)).toBe(true));
});

describe('reply templates', () => {
  it('fills customer name, order number and tracking link', () => {
    const r = renderTemplate('Hi {{customer_name}}, order {{order_number}}: {{tracking_link}}', { customer_name: 'Ana', order_number: '#1042', tracking_link: 'https://track.example/1Z9' });
    expect(r).toEqual({ text: 'Hi Ana, order #1042: https://track.example/1Z9', missing: [] });
  });

  it('leaves a visible gap and names what is missing', () => {
    const r = renderTemplate('Order {{order_number}}, {{tracking_link}} and {{tracking_link}}', { customer_name: 'Ana', order_number: null, tracking_link: null });
    expect(r.text).toBe('Order [order number], [tracking link] and [tracking link]');
    expect(r.missing).toEqual(['order_number', 'tracking_link']);
  });
});
