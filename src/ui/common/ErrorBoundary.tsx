// Catches a render error inside one pane and shows it there, so the rest of the page keeps working.

import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props { name: string; children: ReactNode; resetKey?: unknown }
interface State { error: Error | null; resetKey?: unknown }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // a new session (reset, profile switch) gives the pane another chance
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn(`kubelab: the ${this.props.name} pane failed`, error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="pane-error" role="alert">
        <strong>The {this.props.name} stopped working.</strong>
        <pre>{error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
