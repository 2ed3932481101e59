// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdktf.out/',
      'aspects/dist/',
      'test/fixtures/consumer/',
      'dist/',
      'coverage/',
      'reports/',
      '.stryker-tmp*/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The gate's layers: the core and the rules know nothing of any CDK engine, so they can judge any
    // Terraform JSON (a plan, a cdktn or CDKTF synth); only aspects/cdk/ and the entry points may.
    files: ['aspects/core/**/*.ts', 'aspects/rules/**/*.ts', 'aspects/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'cdktf',
                'cdktf/*',
                'cdktn',
                'cdktn/*',
                'constructs',
                'constructs/*',
                '@cdktf/*',
                '@cdktn/*',
              ],
              message:
                'The gate core and rules must not import a CDK engine: put engine code in aspects/cdk/.',
            },
            {
              group: ['**/cdk', '**/cdk/*', '../index', '../../index'],
              message: 'The gate core, rules and CLI must not import the CDK adapter (aspects/cdk/).',
            },
          ],
        },
      ],
    },
  },
  {
    // The adapter reaches the engine through one module, so the cdktn build can rebind it there alone.
    files: ['aspects/cdk/**/*.ts'],
    ignores: ['aspects/cdk/engine.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['cdktf', 'cdktf/*', 'cdktn', 'cdktn/*'],
              message:
                'Import the engine through aspects/cdk/engine.ts (the cdktn build rebinds that module only).',
            },
          ],
        },
      ],
    },
  },
  {
    // The gate package ships nothing of the flagship: it may not import the app's code.
    files: ['aspects/**/*.ts'],
    ignores: ['aspects/core/**/*.ts', 'aspects/rules/**/*.ts', 'aspects/cdk/**/*.ts', 'aspects/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../resources/*', '../lambda/*', '../canary/*', '../main'],
              message: 'The gate package may not import the flagship.',
            },
          ],
        },
      ],
    },
  },
);
