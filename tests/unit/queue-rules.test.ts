import { describe, expect, it } from 'vitest';
import { derivedException, queueOf, type QueueInputs } from '../../src-shared/orders';

const base: QueueInputs = { status: 'open', financialStatus: 'paid', fulfillmentStatus: 'unfulfilled', onHold: false, readyToPack: false, exceptionReason: null };

describe('queue membership: every order sits in exactly one queue', () => {
  it.each<[string, Partial<QueueInputs>, string]>([
    ['a paid, unfulfilled order is new', {}, 'new'],
    ['marked ready to pack', { readyToPack: true }, 'ready_to_pack'],
    ['partly shipped', { fulfillmentStatus: 'partial' }, 'partially_fulfilled'],
    ['partly shipped beats ready to pack', { fulfillmentStatus: 'partial', readyToPack: true }, 'partially_fulfilled'],
    ['a hold beats ready to pack', { onHold: true, readyToPack: true }, 'on_hold'],
    ['a hold beats an exception (a person decided)', { onHold: true, exceptionReason: 'payment_pending' }, 'on_hold'],
    ['an exception beats the pipeline', { exceptionReason: 'address_problem', readyToPack: true }, 'exceptions'],
    ['not enough stock is an exception, even when marked ready to pack', { exceptionReason: 'stock_short', readyToPack: true }, 'exceptions'],
    ['a partly shipped order short of stock for the rest is an exception', { exceptionReason: 'stock_short', fulfillmentStatus: 'partial' }, 'exceptions'],
    ['a hold beats not enough stock', { exceptionReason: 'stock_short', onHold: true }, 'on_hold'],
    ['fully shipped is fulfilled even if held', { fulfillmentStatus: 'fulfilled', onHold: true }, 'fulfilled'],
    ['cancelled beats everything', { status: 'cancelled', fulfillmentStatus: 'partial', onHold: true }, 'cancelled'],
  ])('%s', (_name, change, queue) => {
    expect(queueOf({ ...base, ...change })).toBe(queue);
  });
});

describe('exceptions the store derives by itself', () => {
  const ship = { address1: '1 Main St', city: 'Springfield', postcode: '12345', country: 'US' };
  it.each<[string, Parameters<typeof derivedException>, string | null]>([
    ['paid with a full address: none', ['paid', ship], null],
    ['payment pending', ['pending', ship], 'payment_pending'],
    ['payment failed', ['failed', ship], 'payment_failed'],
    ['payment voided counts as failed', ['voided', ship], 'payment_failed'],
    ['no street', ['paid', { ...ship, address1: ' ' }], 'address_problem'],
    ['no city', ['paid', { ...ship, city: null }], 'address_problem'],
    ['no address at all', ['paid', null], 'address_problem'],
    ['no address needed for digital goods', ['paid', null, false], null],
    ['payment problems come before address problems', ['pending', null], 'payment_pending'],
  ])('%s', (_name, args, expected) => {
    expect(derivedException(...args)).toBe(expected);
  });
});
