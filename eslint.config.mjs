// Flat config: typescript-eslint's recommended rules over src/, test/ and bench/.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // examples/*/src/gql is graphql-codegen's output, checked by the example's own tsc.
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'examples/*/dist/**',
      'examples/*/src/gql/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
