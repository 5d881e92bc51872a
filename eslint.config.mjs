import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['scratch/**', 'dist/**', 'models/**', 'coverage/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine is platform-free: adapters translate, the engine never knows the platform.
    files: ['src/engine/**/*.ts', 'src/nlu/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['grammy', '@slack/bolt', 'ioredis', '@grammyjs/runner'],
          patterns: ['../channels/*', '../store/redis*'],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
