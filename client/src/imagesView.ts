// The "Images" view: every image the workspace names (all files the product recognises, open or
// not), grouped by file or by image, each with its verdict icon and one-line glance; a click opens
// the reference. The server does the work (imageTrust.server.images); this only lays it out.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, type ImagesResult, type Verdict, type WorkspaceImage } from '../../server/src/protocol.js';
import { CANDIDATE_FILES, EXCLUDED_FILES, MAX_FILES } from './pinAll.js';

type Grouping = 'file' | 'image';

interface Located extends WorkspaceImage {
  uri: vscode.Uri;
}

export type ImageNode =
  | { kind: 'group'; label: string; description: string; verdict: Verdict; children: Located[]; uri?: vscode.Uri }
  | { kind: 'image'; image: Located; label: string };

const ORDER: Verdict[] = ['error', 'warning', 'information', 'hint', 'pending', 'ok', 'skipped'];
const ICON: Record<Verdict, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  skipped: new vscode.ThemeIcon('circle-slash'),
  pending: new vscode.ThemeIcon('loading~spin'),
};

function worst(images: readonly WorkspaceImage[]): Verdict {
  return images.reduce<Verdict>((w, i) => (ORDER.indexOf(i.verdict) < ORDER.indexOf(w) ? i.verdict : w), 'skipped');
}

export class ImagesView implements vscode.TreeDataProvider<ImageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ImageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private images: Located[] | undefined;
  private loading: Promise<void> | undefined;
  private grouping: Grouping = 'file';

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** has the view been filled once (so that it should follow changes)? */
  get loaded(): boolean {
    return this.loading !== undefined;
  }

  get groupedBy(): Grouping {
    return this.grouping;
  }

  groupBy(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'imageTrust.images.groupedBy', grouping);
    this.changed.fire(undefined);
  }

  /** Looks every file up again (after a refresh, a save, a settings change). */
  refresh(): Promise<void> {
    this.images = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
    return this.load();
  }

  /** Loads once; callers wait for the same load. */
  load(): Promise<void> {
    this.loading ??= this.fetch().then((images) => {
      this.images = images;
      this.changed.fire(undefined);
    });
    return this.loading;
  }

  getTreeItem(node: ImageNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.description;
      item.iconPath = ICON[node.verdict];
      if (node.uri) item.resourceUri = node.uri;
      item.contextValue = 'imageTrust.group';
      return item;
    }
    const i = node.image;
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = i.glance;
    item.iconPath = ICON[i.verdict];
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendText(`${i.image ?? i.text}\n${i.glance}`);
    for (const f of i.findings) md.appendText(`\n${f.severity} ${f.code}: ${f.message}`);
    item.tooltip = md;
    item.command = {
      command: 'vscode.open',
      title: 'Open',
      arguments: [
        i.uri,
        {
          selection: new vscode.Range(
            i.range.start.line,
            i.range.start.character,
            i.range.end.line,
            i.range.end.character,
          ),
        },
      ],
    };
    item.contextValue = 'imageTrust.image';
    return item;
  }

  async getChildren(node?: ImageNode): Promise<ImageNode[]> {
    if (node?.kind === 'group')
      return node.children.map((image) => ({
        kind: 'image',
        image,
        label: this.grouping === 'file' ? image.text : vscode.workspace.asRelativePath(image.uri),
      }));
    if (node) return [];
    // shown as it comes: each batch the server answers fires a change
    if (!this.loading) void this.load();
    const images = this.images ?? [];
    const groups = new Map<string, Located[]>();
    for (const i of images) {
      const key = this.grouping === 'file' ? i.uri.toString() : (i.image ?? i.text);
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    return [...groups]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, children]) => {
        const first = children[0] as Located;
        const label = this.grouping === 'file' ? vscode.workspace.asRelativePath(first.uri) : key;
        const description = `${children.length} reference${children.length === 1 ? '' : 's'}`;
        return {
          kind: 'group',
          label,
          description,
          verdict: worst(children),
          children,
          ...(this.grouping === 'file' ? { uri: first.uri } : {}),
        };
      });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async fetch(): Promise<Located[]> {
    const client = this.client();
    if (!client) return [];
    const files = await vscode.workspace.findFiles(CANDIDATE_FILES, EXCLUDED_FILES, MAX_FILES);
    const out: Located[] = [];
    // in batches, so a big workspace fills the view step by step and one slow file does not hold all
    for (let i = 0; i < files.length; i += 25) {
      const uris = files.slice(i, i + 25).map((u) => client.code2ProtocolConverter.asUri(u));
      const result = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: Commands.images,
        arguments: [{ uris }],
      })) as ImagesResult | null;
      for (const f of result?.files ?? []) {
        const uri = client.protocol2CodeConverter.asUri(f.uri);
        for (const image of f.images) out.push({ ...image, uri });
      }
      this.images = [...out];
      this.changed.fire(undefined);
    }
    return out;
  }
}

/** The Markdown report of every image in the workspace, opened as an untitled document. */
export async function openReport(client: LanguageClient): Promise<vscode.TextDocument> {
  const files = await vscode.workspace.findFiles(CANDIDATE_FILES, EXCLUDED_FILES, MAX_FILES);
  const args = {
    uris: files.map((u) => client.code2ProtocolConverter.asUri(u)),
    labels: files.map((u) => vscode.workspace.asRelativePath(u)),
  };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: Commands.report,
    arguments: [args],
  })) as { markdown: string } | null;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result?.markdown ?? '' });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}
