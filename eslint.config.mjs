import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'src-main/db/migrations/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain CommonJS launchers (bin/oms.js) load the built CLI with require().
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never imports Node or Electron: it talks to the core only through window.oms.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'better-sqlite3', '**/src-main/**'] }],
    },
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/db/**/*.ts', 'src-shared/**/*.ts'],
    rules: {
      // The core is plain Node: it must run unchanged in a utilityProcess, the CLI and browser mode.
      'no-restricted-imports': ['error', { paths: ['electron'] }],
    },
  },
);
