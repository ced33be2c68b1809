import { dialog } from 'electron';
import { failureAdvice, failureTitle, renderErrorPage, type StartupFailure } from './error-page';
import { ourWindows, showErrorPageEverywhere } from './windows';

/**
 * Remembers why Orderhouse cannot run (workspace too new, locked, damaged, core
 * crashing) and shows it: the error page in every window plus one dialog.
 * The first failure wins; later ones are consequences of it.
 */
export class StartupFailureScreen {
  private failure: StartupFailure | null = null;

  constructor(private readonly workspaceDir: string) {}

  has(): boolean {
    return this.failure !== null;
  }

  /** The error page's HTML for the app protocol, or null when all is well. */
  page(): string | null {
    return this.failure ? renderErrorPage(this.failure, this.workspaceDir) : null;
  }

  show(failure: StartupFailure): void {
    if (this.failure) return;
    this.failure = failure;
    console.error(`[orderhouse] ${failure.kind}: ${failure.message}`);
    showErrorPageEverywhere();
    const options = {
      type: 'error' as const,
      title: 'Orderhouse',
      message: failureTitle(failure.kind),
      detail: `${failure.message}\n\n${failureAdvice(failure.kind)}\n\nWorkspace: ${this.workspaceDir}`,
      buttons: ['OK'],
    };
    const parent = ourWindows()[0];
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)).catch(() => undefined);
  }
}
