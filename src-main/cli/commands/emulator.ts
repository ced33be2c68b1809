import { createEmulator, DEFAULT_EMULATOR_TOKEN, FAULT_NAMES, parseFaults, PLAN_BUCKETS, type ShopPlan } from '../../emulator';
import { intFlag, parseFlags, UsageError } from '../args';

export const EMULATOR_USAGE = `oms emulator --port P [--orders 2000] [--seed 42] [--faults LIST] [--plan standard|advanced|plus|enterprise] [--token T] [--live SECONDS]   (Shopify-wire emulator; faults: ${FAULT_NAMES.join(', ')})`;

/** Runs the Shopify-wire emulator until interrupted. */
export async function emulatorCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { port: { type: 'string' }, orders: { type: 'string' }, seed: { type: 'string' }, faults: { type: 'string' }, plan: { type: 'string' }, token: { type: 'string' }, live: { type: 'string' } });
  const port = intFlag(values.port, 'port', 5180, 0, 65535);
  const orders = intFlag(values.orders, 'orders', 2000, 1, 1_000_000);
  const seed = intFlag(values.seed, 'seed', 42, 0, 2 ** 31 - 1);
  const live = intFlag(values.live, 'live', 0, 0, 3600);
  const plan = (values.plan ?? 'standard') as ShopPlan;
  if (!(plan in PLAN_BUCKETS)) throw new UsageError(`--plan must be one of ${Object.keys(PLAN_BUCKETS).join(', ')}, got "${values.plan}"`);
  let faults;
  try {
    faults = parseFaults(values.faults);
  } catch (err) {
    throw new UsageError(`--faults: ${(err as Error).message}`);
  }
  const token = values.token ?? DEFAULT_EMULATOR_TOKEN;
  const started = Date.now();
  process.stderr.write(`emulator: generating a shop with ${orders} orders (seed ${seed})…\n`);
  const emu = createEmulator({ orders, seed, faults, plan, token });
  const { url } = await emu.listen(port);
  process.stderr.write(`emulator: ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`Shopify emulator at ${url}  (Admin API ${url}/admin/api/2026-04/graphql.json)\n  token: ${token}\n  plan: ${plan}${values.faults ? `  faults: ${values.faults}` : ''}\n  connect: ${token === DEFAULT_EMULATOR_TOKEN ? `SHOP_TOKEN=${token} ` : ''}oms connect shopify --workspace DIR --shop ${url} --token-env SHOP_TOKEN\n`);
  const timer = live ? setInterval(() => emu.simulate({ newOrders: 1 + Math.floor(Math.random() * 3), orderUpdates: 1, stockChanges: 1 }), live * 1000) : null;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  if (timer) clearInterval(timer);
  await emu.close();
  process.stderr.write(`emulator: stopped after ${emu.stats.requests} requests (${emu.stats.throttled} throttled)\n`);
  return 0;
}
