/** The Shopify-wire emulator: see server.ts. */
export { createEmulator, DEFAULT_EMULATOR_TOKEN, PLAN_BUCKETS, type ShopPlan, EMULATED_API_VERSIONS, PLANTED_CARD_NUMBERS, type Emulator, type EmulatorOptions } from './server';
export { parseFaults, NO_FAULTS, FAULT_NAMES, type Faults } from './faults';
export { seedShopData, type ShopData } from './shop-data';
