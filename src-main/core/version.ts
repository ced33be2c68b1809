/** The app version, injected at build time by Vite from package.json; "dev" when run from source. */
declare const __OMS_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __OMS_VERSION__ === 'string' ? __OMS_VERSION__ : 'dev';
