import { describe, expect, it } from 'vitest';
import { FAULT_NAMES, NO_FAULTS, parseFaults } from '../../src-main/emulator/faults';

/** `oms emulator --faults LIST`: each switch, its default, its bounds, and a clear refusal of anything else. */
describe('emulator: fault switches from a list', () => {
  it.each([
    ['', {}],
    ['throttle', { throttle: { maximumAvailable: 1000, restoreRate: 250 } }],
    ['throttle=4000', { throttle: { maximumAvailable: 4000, restoreRate: 1000 } }],
    ['500=0.2,503', { status500: 0.2, status503: 0.05 }],
    ['slow=150, drop=0.02', { slowMs: 150, drop: 0.02 }],
    ['malformed=3,cards,repeat=0.1,skew=120', { malformed: 3, cards: true, repeat: 0.1, skewSeconds: 120 }],
    ['lost-ack,hold-ack=500', { dropAfterMutation: 1, holdAfterMutationMs: 500 }],
    ['slow-cancel', { cancelJobMs: 2000 }],
    ['slow-cancel=1500', { cancelJobMs: 1500 }],
  ])('%j', (list, set) => {
    expect(parseFaults(list)).toEqual({ ...NO_FAULTS, ...set });
  });

  it.each([
    ['nope', /unknown fault "nope"; known: throttle, .*slow-cancel/],
    ['500=2', /fault "500" needs a number between 0 and 1, got "2"/],
    ['slow-cancel=-1', /fault "slow-cancel" needs a number between 0 and 600000, got "-1"/],
    ['slow=abc', /fault "slow" needs a number/],
  ])('refuses %j', (list, message) => {
    expect(() => parseFaults(list)).toThrow(message);
  });

  it('names every switch it knows', () => {
    for (const name of FAULT_NAMES) expect(() => parseFaults(name)).not.toThrow();
  });
});
