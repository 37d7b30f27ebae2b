// ESLint flat config: TypeScript rules plus the layering of STYLE.md, enforced per folder.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'net', 'url'];
const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'tests/artifacts/**', 'playwright-report/**', 'tests/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'off',
    },
  },
  {
    // The core is pure Node: no Electron, and nothing from the hosts or the UI.
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'main/core must run under plain Node: take host services as arguments.' },
        { group: ['**/shell/**', '**/serve/**', '**/cli/**', '**/preload/**', '**/renderer/**'], message: 'main/core may not import hosts or UI.' },
      ]),
    },
  },
  {
    // Hosts other than the Electron shell never import electron.
    files: ['main/serve/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'Only main/shell and preload/index.ts may import electron.' },
        { group: ['**/renderer/**', '**/shell/**'], message: 'Hosts do not import the UI or each other.' },
      ]),
    },
  },
  {
    files: ['preload/bridge.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', ...nodeBuiltins], message: 'The bridge is transport-agnostic: no Electron, no Node.' },
        { regex: '(^|/)main/(?!core/contract/)', message: 'Only the contract may be imported from main/.' },
      ]),
    },
  },
  {
    // The renderer sees neither Node nor main/ beyond the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        { group: [...nodeBuiltins, 'better-sqlite3', 'electron', 'ws', 'pino'], message: 'The renderer never reaches Node or Electron.' },
        { regex: '(^|/)main/(?!core/contract/)', message: 'The renderer may import only the contract from main/.' },
      ]),
    },
  },
);
