import type { z } from 'zod';
import { appMethods } from './methods/app';
import { authMethods } from './methods/auth';
import { orderMethods } from './methods/orders';
import { orderActionMethods } from './methods/order-actions';
import { orderViewMethods } from './methods/order-views';
import { returnMethods } from './methods/returns';
import { customerMethods } from './methods/customers';
import { customerImportMethods } from './methods/customer-import';
import { caseMethods } from './methods/cases';
import { caseSettingsMethods } from './methods/case-settings';
import { syncMethods } from './methods/sync';
import { stockMethods } from './methods/stock';

export type { MethodDef } from './methods/common';
export * from './methods/app';
export * from './methods/auth';
export * from './methods/orders';
export * from './methods/order-actions';
export * from './methods/order-views';
export * from './methods/returns';
export * from './methods/customers';
export * from './methods/customer-import';
export * from './methods/cases';
export * from './methods/case-settings';
export * from './methods/sync';
export * from './methods/stock';

/**
 * The contract: every method the renderer, the CLI and the browser bridge may
 * call. Each capability declares its methods in ./methods/<capability>.ts
 * (input schema, permission, output type); this map joins them.
 */
export const contract = {
  ...appMethods,
  ...authMethods,
  ...orderMethods,
  ...orderActionMethods,
  ...orderViewMethods,
  ...returnMethods,
  ...customerMethods,
  ...customerImportMethods,
  ...caseMethods,
  ...caseSettingsMethods,
  ...syncMethods,
  ...stockMethods,
} as const;


export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Outputs that carry a session token: transports keep the token and hand the rest on. */
export const SESSION_ISSUING_METHODS: readonly MethodName[] = ['auth.login', 'auth.setupOwner'];
