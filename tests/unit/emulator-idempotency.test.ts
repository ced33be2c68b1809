import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../src-main/emulator/admin-schema';
import { IDEMPOTENT_MUTATIONS } from '../../src-main/emulator/idempotency';
import { createMutationResolvers } from '../../src-main/emulator/mutations';

/**
 * The emulator honours `@idempotent` exactly where Shopify's 2026-04 schema
 * documents it: the directive is "Only supported on mutations that explicitly
 * document idempotency support in their description".
 */
describe('emulator: which mutations honour @idempotent', () => {
  const schema = loadAdminSchema()!;
  const documented = (name: string) => /@idempotent/.test(schema.getMutationType()!.getFields()[name]?.description ?? '');
  // The mutations the emulator answers (its resolvers), whatever their arguments.
  const emulated = Object.keys(createMutationResolvers({} as never, { keyOf: () => null, once: (_i: unknown, f: () => unknown) => f() } as never, {} as never));

  it('the directive says support must be documented per mutation', () => {
    expect(schema.getDirective('idempotent')?.description).toMatch(/Only supported on\s+mutations that explicitly document idempotency support/);
  });

  it.each(emulated)('%s: honoured by the emulator if and only if its description documents it', (name) => {
    expect(IDEMPOTENT_MUTATIONS.has(name)).toBe(documented(name));
  });

  it('fulfillmentCreate and orderCancel do not document it; refundCreate and inventoryAdjustQuantities require it', () => {
    expect(documented('fulfillmentCreate')).toBe(false);
    expect(documented('orderCancel')).toBe(false);
    expect(documented('orderUpdate')).toBe(false);
    expect(schema.getMutationType()!.getFields().refundCreate!.description).toMatch(/As of 2026-04, the idempotency key is required/);
    expect(schema.getMutationType()!.getFields().inventoryAdjustQuantities!.description).toMatch(/As of version `2026-04`, the idempotency key is required/);
  });
});
