/**
 * The plain page shown instead of the app when the workspace cannot be opened
 * (too new, locked, damaged…) or the core keeps crashing. It has no script and
 * needs nothing from the core, so it always renders: never a blank window.
 */
export type StartupFailureKind = 'too_new' | 'locked' | 'corrupt' | 'unreadable' | 'foreign' | 'internal' | 'crashed' | 'no_renderer';

export interface StartupFailure {
  kind: StartupFailureKind;
  message: string;
}

const TITLES: Record<StartupFailureKind, string> = {
  too_new: 'This workspace needs a newer Orderhouse',
  locked: 'The workspace is in use',
  corrupt: 'The workspace database is damaged',
  unreadable: 'Orderhouse cannot read the workspace',
  foreign: 'This folder is not an Orderhouse workspace',
  internal: 'Orderhouse could not start',
  crashed: 'The Orderhouse core stopped',
  no_renderer: 'The Orderhouse window could not be loaded',
};

const ADVICE: Record<StartupFailureKind, string> = {
  too_new: 'Install the latest version of Orderhouse, then open it again. Your data was not changed.',
  locked: 'Close any other Orderhouse window or program that uses this workspace, then open Orderhouse again.',
  corrupt: 'Quit Orderhouse and restore the database from the backups folder inside the workspace, or ask your support contact.',
  unreadable: 'Check that the workspace folder exists and that your user account may read and write it, then open Orderhouse again.',
  foreign: 'Point Orderhouse at an empty folder or at an existing Orderhouse workspace.',
  internal: 'Quit and open Orderhouse again. If this keeps happening, send the files in the workspace logs folder to your support contact.',
  crashed: 'Quit and open Orderhouse again. If this keeps happening, send the files in the workspace logs folder to your support contact.',
  no_renderer: 'The installation looks incomplete. Reinstall Orderhouse (developers: run `npm run build`).',
};

export function failureTitle(kind: StartupFailureKind): string {
  return TITLES[kind];
}

export function failureAdvice(kind: StartupFailureKind): string {
  return ADVICE[kind];
}

export function renderErrorPage(failure: StartupFailure, workspaceDir: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Orderhouse — ${escapeHtml(TITLES[failure.kind])}</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f6f7f9; color: #1d2330; }
  main { max-width: 640px; margin: 12vh auto; background: #fff; border: 1px solid #d9dde3; border-radius: 8px; padding: 28px 32px; }
  h1 { font-size: 20px; margin: 0 0 12px; color: #a4262c; }
  p { margin: 0 0 12px; }
  code { font: 13px ui-monospace, Menlo, Consolas, monospace; background: #f0f2f5; padding: 2px 4px; border-radius: 3px; word-break: break-all; }
  .muted { color: #5b6475; font-size: 13px; }
</style>
</head>
<body>
<main role="alert">
  <h1>${escapeHtml(TITLES[failure.kind])}</h1>
  <p>${escapeHtml(failure.message)}</p>
  <p>${escapeHtml(ADVICE[failure.kind])}</p>
  <p class="muted">Workspace: <code>${escapeHtml(workspaceDir)}</code></p>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
