// How Postkamer's code is linted (`npm run lint`, part of `npm test`). The layering (who may import whom) is not here
// but in .dependency-cruiser.cjs, which sees type-only imports and whole paths; this file keeps the code itself
// honest: the recommended JavaScript and TypeScript rules, import hygiene, the hooks rules in the UI, and nothing
// that argues with Prettier (formatting is Prettier's alone, `.prettierrc.json`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Built, generated or third-party: not ours to lint.
    ignores: ['node_modules/', '.build/', '.vite/', 'out/', 'renderer/dist/', 'src/sync/generated/', 'assets/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // One import statement per module, all imports at the top, no import of a file by itself.
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-only imports say so, which keeps them out of the ahead-of-time build and the renderer bundle.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }], // `x != null`: null or undefined, on purpose
      // A `let` read by a callback before its one assignment (a timer cleared in a handler) stays a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read untyped JSON from servers and processes, and poke at values on purpose.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS configuration files.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The UI runs in a sandboxed browser page.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    // The two classic hook rules; the React Compiler's newer ones (refs, set-state-in-effect) come with adopting it.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off: Prettier keeps code within 140 columns, this keeps comments
    // there too. A long string (a Dutch message, a URL, a pattern) stays whole, so that it can be found with grep.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
);
