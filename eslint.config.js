import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'dashboard/dist/', '.tmp/', 'agent-protocol/schemas/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // SQL pasting is checked by tests/server/no-pasted-sql.test.ts, which also runs in npm test.
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
