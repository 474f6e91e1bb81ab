/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-editor >= 0.56 has an exports map, so monaco-worker-manager's legacy deep import
      // 'monaco-editor/esm/vs/editor/editor.worker.js' no longer resolves on its own.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: here('./node_modules/monaco-editor/esm/vs/') + '$1' },
    ],
  },
  // Otherwise the dev server discovers the yaml worker's deps late and reloads the page.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 5000, rolldownOptions: { checks: { pluginTimings: false } } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
