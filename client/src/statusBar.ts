// The status bar item: one glance at where facts come from (live / cached while offline / rate limited),
// whether Docker Hub is used signed in or anonymously, and whether the workspace is restricted.
// Clicking it shows the log.
import * as vscode from 'vscode';
import { ClientCommands, type ServerStatus } from '../../server/src/protocol.js';

interface StatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/** Pure: what the item shows for a server status (exported for tests). */
export function describeStatus(s: ServerStatus): StatusView {
  const account = s.signedIn ? 'signed in to Docker Hub' : 'anonymous (Docker Hub)';
  const lines: string[] = [];
  let text: string;
  let warning = false;
  if (!s.trusted) {
    text = '$(workspace-untrusted) Images: restricted';
    lines.push(
      'Untrusted workspace: only the registries in imageTrust.registries.allowedInUntrustedWorkspaces are contacted, without credentials.',
    );
  } else {
    switch (s.state) {
      case 'live':
        text = `$(verified) Images: live${typeof s.remaining === 'number' ? ` · ${s.remaining} pulls left` : ''}`;
        lines.push('Facts are live from the registries.');
        warning = s.pullsLow === true;
        break;
      case 'cached':
      case 'offline':
        text = '$(cloud-offline) Images: cached';
        lines.push(`Serving cached facts${s.since ? ` (offline since ${time(s.since)})` : ' (offline)'}.`);
        warning = true;
        break;
      case 'rate-limited': {
        const left = typeof s.remaining === 'number' ? `, ${s.remaining} left` : '';
        text = `$(watch) Images: rate limited${s.until ? ` until ${time(s.until)}` : ''}`;
        lines.push(
          `Docker Hub rate limit reached${s.until ? ` until ${time(s.until)}` : ''}${left}; cached facts are used meanwhile.`,
        );
        warning = true;
        break;
      }
      default:
        text = '$(shield) Images';
        lines.push('Waiting for the first lookup.');
    }
  }
  if (s.state !== 'rate-limited' && typeof s.remaining === 'number') {
    const of = typeof s.limit === 'number' ? ` of ${s.limit}` : '';
    lines.push(
      `Docker Hub pulls remaining: ${s.remaining}${of} in this 6-hour window${s.pullsLow ? ' (low)' : ''}. Reading an image index or a signature costs one; lookups (HEAD requests) are free.`,
    );
  }
  lines.push(s.trusted ? `Account: ${account}.` : 'Account: none (restricted).');
  if (s.message) lines.push(s.message);
  lines.push('Click to show the log.');
  return { text, tooltip: lines.join('\n'), warning };
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: ServerStatus | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('imageTrust.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Image Trust';
    this.item.command = ClientCommands.showLog;
    this.showText('$(sync~spin) Images', 'Image Trust is starting. Click to show the log.');
    this.item.show();
  }

  get status(): ServerStatus | undefined {
    return this.last;
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  update(s: ServerStatus): void {
    this.last = s;
    const v = describeStatus(s);
    this.item.text = v.text;
    this.item.tooltip = v.tooltip;
    this.item.backgroundColor = v.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  showText(text: string, tooltip: string, error = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
