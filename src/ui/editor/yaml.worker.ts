// The YAML language worker (monaco-yaml's language server), bundled by Vite as its own worker file.
import 'monaco-yaml/yaml.worker.js'
