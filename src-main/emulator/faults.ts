/**
 * Fault switches for the emulator, from a list such as
 * `throttle,500=0.05,drop=0.02,slow=150,malformed=3,cards,repeat=0.1,skew=120,slow-cancel=2000`.
 */
export interface Faults {
  /** A small cost bucket (capacity ≥ 1,000, restoring a quarter of it per second) so pacing matters. */
  throttle: { maximumAvailable: number; restoreRate: number } | null;
  /** Probability of answering 429 with Retry-After. */
  status429: number;
  status500: number;
  status502: number;
  status503: number;
  /** Milliseconds added to every reply. */
  slowMs: number;
  /** Probability of closing the connection without an answer. */
  drop: number;
  /** Orders whose records are broken on the wire. */
  malformed: number;
  /** Plant card numbers in an order note, a custom attribute and a customer address. */
  cards: boolean;
  /** Probability that a page repeats the previous page instead of moving on. */
  repeat: number;
  /** Seconds the emulator's clock runs behind when it stamps changes. */
  skewSeconds: number;
  /** Mutations: probability of applying the change and then dropping the connection before answering. */
  dropAfterMutation: number;
  /**
   * Mutations: milliseconds the answer is held after the change is made — the window
   * in which a test kills the client between send and acknowledgement.
   */
  holdAfterMutationMs: number;
  /**
   * orderCancel: milliseconds its job takes (the platform cancels in a background
   * job). Meanwhile the order shows no cancelledAt and a second orderCancel is
   * refused as already being cancelled; 0: done at once.
   */
  cancelJobMs: number;
}

export const NO_FAULTS: Faults = {
  throttle: null, status429: 0, status500: 0, status502: 0, status503: 0, slowMs: 0, drop: 0, malformed: 0, cards: false, repeat: 0, skewSeconds: 0, dropAfterMutation: 0, holdAfterMutationMs: 0, cancelJobMs: 0,
};

export const FAULT_NAMES = ['throttle', '429', '500', '502', '503', 'slow', 'drop', 'malformed', 'cards', 'repeat', 'skew', 'lost-ack', 'hold-ack', 'slow-cancel'] as const;

export function parseFaults(list: string | undefined): Faults {
  const f: Faults = { ...NO_FAULTS };
  if (!list) return f;
  for (const raw of list.split(',').map((x) => x.trim()).filter(Boolean)) {
    const [name, value] = raw.split('=', 2) as [string, string | undefined];
    const num = (def: number, max = Number.POSITIVE_INFINITY): number => {
      if (value === undefined) return def;
      const v = Number(value);
      if (!Number.isFinite(v) || v < 0 || v > max) throw new Error(`fault "${name}" needs a number between 0 and ${max}, got "${value}"`);
      return v;
    };
    switch (name) {
      case 'throttle': {
        // The bucket must still hold one maximal query (1,000 points), as the platform's does.
        const cap = Math.max(1000, num(1000));
        f.throttle = { maximumAvailable: cap, restoreRate: Math.round(cap / 4) };
        break;
      }
      case '429': f.status429 = num(0.05, 1); break;
      case '500': f.status500 = num(0.05, 1); break;
      case '502': f.status502 = num(0.05, 1); break;
      case '503': f.status503 = num(0.05, 1); break;
      case 'slow': f.slowMs = num(200, 60_000); break;
      case 'drop': f.drop = num(0.05, 1); break;
      case 'malformed': f.malformed = Math.floor(num(3, 1000)); break;
      case 'cards': f.cards = true; break;
      case 'repeat': f.repeat = num(0.1, 1); break;
      case 'skew': f.skewSeconds = num(120, 86_400); break;
      case 'lost-ack': f.dropAfterMutation = num(1, 1); break;
      case 'hold-ack': f.holdAfterMutationMs = num(2000, 600_000); break;
      case 'slow-cancel': f.cancelJobMs = num(2000, 600_000); break;
      default:
        throw new Error(`unknown fault "${name}"; known: ${FAULT_NAMES.join(', ')}`);
    }
  }
  return f;
}
