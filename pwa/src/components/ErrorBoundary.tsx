import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n';

/** Shows a plain message with a reload button instead of a blank screen when a page fails to render or its
 * code cannot be loaded. */
export class ErrorBoundary extends Component<{ children: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown): void {
    console.error(error);
    this.setState({ failed: true });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div class="page">
        <h1>{t('common.errorGeneric')}</h1>
        <p>
          <button type="button" class="button button-primary" onClick={() => location.reload()}>
            {t('common.retry')}
          </button>
        </p>
      </div>
    );
  }
}
