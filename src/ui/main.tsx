// Entry point of the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { ErrorBoundary } from './common/ErrorBoundary.tsx'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary name="page">
      <App />
    </ErrorBoundary>
  </StrictMode>,
)
