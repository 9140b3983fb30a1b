import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, ConfigDiscovery, createTemplate, defaultTemplate, defaultTemplateText, formatConfigProblem, HostError, tooLargeMessage, type ConfigProblem, type HostStat, type NotesHost, type TemplateModel } from '../../core';
import type { NotesSettings } from './settings';

/** What applies to one document: its template, ignore list and notes globs. */
export interface EffectiveConfig {
  /** Built on first use: the built-in template's model costs a parse on the main thread. */
  readonly template: TemplateModel;
  /** The template's text (what the analysis needs). */
  templateText: string;
  ignore: string[];
  files: string[];
  /** The config file's `missingSections` (true without one). */
  missingSections: boolean;
  /** The config file's `references` (true without one): check what notes documents name in the repository. */
  references: boolean;
  /** Endings that make an open task not apply: the config file's `notApplicable`, else the setting. */
  notApplicable: string[];
  /** The `.impl-notes.yaml` that applies, if any; globs are relative to its folder. */
  configFile?: vscode.Uri;
}

interface LoadedConfigFile {
  uri: vscode.Uri;
  template?: TemplateModel;
  ignore: string[];
  files: string[];
  missingSections: boolean;
  references: boolean;
  notApplicable?: string[];
}

/**
 * Finds `.impl-notes.yaml` by walking up from a document (within its
 * workspace folder), loads its template, and merges the settings. Cached
 * until a config file, a template or the settings change.
 */
export class NotesConfigService implements vscode.Disposable {
  private readonly discoveries = new Map<string, ConfigDiscovery>();
  private readonly templates = new Map<string, Promise<TemplateModel | undefined>>();
  /** Models of config files' templates, by text: one parse per template. */
  private readonly models = new Map<string, TemplateModel>();
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a config file, template or setting changed: re-analyse. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** The settings object every feature shares (extension.shared.ts). */
    readonly settings: NotesSettings,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const invalidate = () => this.invalidate();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(invalidate),
      watcher.onDidChange(invalidate),
      watcher.onDidDelete(invalidate),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.templates.has(doc.uri.toString())) invalidate();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('implementationNotes')) invalidate();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(invalidate),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private invalidate(): void {
    this.discoveries.clear();
    this.templates.clear();
    this.models.clear();
    this.reported.clear();
    this.changed.fire();
  }

  /** Restricted Mode: nothing from the workspace (template, config file) is loaded. */
  get restricted(): boolean {
    return !vscode.workspace.isTrusted;
  }

  async forDocument(uri: vscode.Uri): Promise<EffectiveConfig> {
    const settings = this.settings.for(uri);
    if (this.restricted) {
      return { get template() { return defaultTemplate(); }, templateText: defaultTemplateText, ignore: settings.ignore, files: settings.files, missingSections: true, references: true, notApplicable: settings.notApplicable };
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const file = folder ? await this.findConfig(vscode.Uri.joinPath(uri, '..'), folder.uri) : undefined;
    let template = file?.template;
    if (!template && settings.template.trim() !== '') {
      const base = folder?.uri;
      const target = /^([a-zA-Z]:[\\/]|\/)/.test(settings.template) || !base
        ? vscode.Uri.file(settings.template)
        : vscode.Uri.joinPath(base, settings.template);
      template = await this.loadTemplate(target, 'the implementationNotes.template setting');
    }
    const own = template;
    return {
      get template() { return own ?? defaultTemplate(); },
      templateText: own?.text ?? defaultTemplateText,
      ignore: [...(file?.ignore ?? []), ...settings.ignore],
      files: file?.files ?? [],
      missingSections: file?.missingSections ?? true,
      references: file?.references ?? true,
      notApplicable: file?.notApplicable ?? settings.notApplicable,
      configFile: file?.uri,
    };
  }

  /** The template a new document gets: the same one its folder's notes are checked against. */
  async templateFor(uri: vscode.Uri | undefined): Promise<TemplateModel> {
    return uri ? (await this.forDocument(uri)).template : defaultTemplate();
  }

  /** One discovery per workspace folder: its walk up stops at the folder, its paths are the folder's URI paths. */
  private findConfig(dir: vscode.Uri, root: vscode.Uri): Promise<LoadedConfigFile | undefined> {
    const key = root.toString();
    let discovery = this.discoveries.get(key);
    if (!discovery) {
      discovery = new ConfigDiscovery(workspaceHost(root), { root: root.path, report: (p) => this.report(p) });
      this.discoveries.set(key, discovery);
    }
    return discovery.forFolder(dir.path).then((loaded) => loaded && { uri: root.with({ path: loaded.file }), template: loaded.templateText === undefined ? undefined : this.modelOf(loaded.templateText), ignore: loaded.config.ignore, files: loaded.config.files, missingSections: loaded.config.missingSections, references: loaded.config.references, notApplicable: loaded.config.notApplicable });
  }

  private modelOf(text: string): TemplateModel {
    let model = this.models.get(text);
    if (!model) {
      model = createTemplate(text);
      this.models.set(text, model);
    }
    return model;
  }

  private loadTemplate(uri: vscode.Uri, origin: string): Promise<TemplateModel | undefined> {
    const key = uri.toString();
    let template = this.templates.get(key);
    if (!template) {
      template = (async () => {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          return createTemplate(new TextDecoder().decode(bytes));
        } catch (err) {
          this.report({ file: uri.fsPath || uri.path, message: `cannot read the template named by ${origin}: ${(err as Error).message}. Using the built-in template.` });
          return undefined;
        }
      })();
      this.templates.set(key, template);
    }
    return template;
  }

  /** Each problem reaches the user once; the log keeps them all. */
  private report(problem: ConfigProblem): void {
    const text = formatConfigProblem(problem);
    this.log.warn(text);
    if (this.reported.has(text)) return;
    this.reported.add(text);
    void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: {0}', text));
  }
}

function kindOf(type: vscode.FileType): HostStat {
  if (type & vscode.FileType.File) return { kind: 'file' };
  if (type & vscode.FileType.Directory) return { kind: 'directory' };
  if (type & vscode.FileType.SymbolicLink) return { kind: 'other', what: 'a dangling symbolic link' };
  return { kind: 'other', what: 'not a regular file' };
}

/**
 * The core's host over `workspace.fs`, for the paths of one workspace
 * folder's scheme and authority. `workspace.fs` reads whole files and has
 * no realpath: the size is checked before and after the read, and paths are
 * their own real paths.
 */
export function workspaceHost(base: vscode.Uri): NotesHost {
  const at = (path: string) => base.with({ path });
  return {
    async readFile(path, limit) {
      const stat = await vscode.workspace.fs.stat(at(path));
      const kind = kindOf(stat.type);
      if (kind.kind !== 'file') throw new HostError(kind.kind === 'directory' ? 'is a directory' : (kind.what ?? 'not a regular file'));
      if (stat.size > limit) throw new HostError(tooLargeMessage(limit, stat.size));
      const bytes = await vscode.workspace.fs.readFile(at(path));
      if (bytes.length > limit) throw new HostError(tooLargeMessage(limit));
      return bytes;
    },
    async readDirectory(path) {
      const entries = await vscode.workspace.fs.readDirectory(at(path));
      return entries.map(([name, type]) => ({ name, kind: kindOf(type).kind }));
    },
    async stat(path) {
      try {
        return kindOf((await vscode.workspace.fs.stat(at(path))).type);
      } catch (err) {
        // File systems of other schemes name "not found" in their own ways.
        if ((err instanceof vscode.FileSystemError && err.code === 'FileNotFound') || /EntryNotFound|FileNotFound|ENOENT/.test(String(err))) return undefined;
        throw err;
      }
    },
    async realpath(path) {
      return path;
    },
  };
}
