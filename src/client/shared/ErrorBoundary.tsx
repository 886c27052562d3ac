import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  /** What to show instead of the part that failed to render. */
  fallback: ReactNode;
  /** A new value (the page's address) clears the error, so moving to another page works again. */
  resetKey?: unknown;
  children: ReactNode;
}

/**
 * Catches a render error below it (a bug, an answer of an unexpected shape, a page's code that
 * failed to load) and shows `fallback` instead of a white screen. Used by both apps.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback : this.props.children;
  }
}
