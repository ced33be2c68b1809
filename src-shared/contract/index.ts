export * from './errors';
export * from './roles';
export * from './methods';
export * from './events';
export type { OmsBridge } from './bridge';
