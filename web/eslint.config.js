// The console's lint: one rule, kept deliberately small. `v-html` would render text a person typed
// (a donor's name on the portal, a note) as HTML, so it is an error everywhere (issue 14).
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import tsParser from '@typescript-eslint/parser'

export default [
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['src/**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', extraFileExtensions: ['.vue'] },
    },
    plugins: { vue },
    rules: { 'vue/no-v-html': 'error' },
  },
]
