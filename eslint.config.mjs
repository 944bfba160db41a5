// Flat config: typescript-eslint's recommended rules over src/, test/ and bench/, and
// eslint-plugin-regexp's recommended rules: a regular expression that backtracks
// super-linearly on input freezes the event loop for every client (issue 15), so those two
// rules are errors everywhere, tests included (a test's pattern is easily copied into src/).
import regexp from 'eslint-plugin-regexp';
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
  regexp.configs['flat/recommended'],
  {
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
