// Entry point of the page.
import { createRoot } from 'react-dom/client'

createRoot(document.getElementById('root')!).render(<div id="app">kubelab</div>)
