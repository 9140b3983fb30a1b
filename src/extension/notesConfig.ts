import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, createTemplate, defaultTemplate, defaultTemplateText, parseConfig, type ConfigProblem, type TemplateModel } from '../core';
import { readSettings } from './settings';

/** What applies to one document: its template, ignore list and notes globs. */
export interface EffectiveConfig {
  /** Built on first use: the built-in template's model costs a parse on the main thread. */
  readonly template: TemplateModel;
  /** The template's text (what the analysis needs). */
  templateText: string;
  ignore: string[];
  files: string[];
  /** The `.impl-notes.yaml` that applies, if any; globs are relative to its folder. */
  configFile?: vscode.Uri;
}

interface LoadedConfigFile {
  uri: vscode.Uri;
  template?: TemplateModel;
  ignore: string[];
  files: string[];
}

/**
 * Finds `.impl-notes.yaml` by walking up from a document (within its
 * workspace folder), loads its template, and merges the settings. Cached
 * until a config file, a template or the settings change.
 */
export class NotesConfigService implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<LoadedConfigFile | undefined>>();
  private readonly templates = new Map<string, Promise<TemplateModel | undefined>>();
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a config file, template or setting changed: re-analyse. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
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
    this.cache.clear();
    this.templates.clear();
    this.reported.clear();
    this.changed.fire();
  }

  /** Restricted Mode: nothing from the workspace (template, config file) is loaded. */
  get restricted(): boolean {
    return !vscode.workspace.isTrusted;
  }

  async forDocument(uri: vscode.Uri): Promise<EffectiveConfig> {
    const settings = readSettings(uri);
    if (this.restricted) {
      return { get template() { return defaultTemplate(); }, templateText: defaultTemplateText, ignore: settings.ignore, files: settings.files };
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
      configFile: file?.uri,
    };
  }

  /** The template a new document gets: the same one its folder's notes are checked against. */
  async templateFor(uri: vscode.Uri | undefined): Promise<TemplateModel> {
    return uri ? (await this.forDocument(uri)).template : defaultTemplate();
  }

  private findConfig(dir: vscode.Uri, root: vscode.Uri): Promise<LoadedConfigFile | undefined> {
    const key = dir.toString();
    let found = this.cache.get(key);
    if (!found) {
      found = (async () => {
        const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
        const loaded = await this.loadConfigFile(candidate);
        if (loaded) return loaded;
        if (dir.path === root.path || dir.path.length <= root.path.length) return undefined;
        const parent = vscode.Uri.joinPath(dir, '..');
        return parent.path === dir.path ? undefined : this.findConfig(parent, root);
      })();
      this.cache.set(key, found);
    }
    return found;
  }

  private async loadConfigFile(uri: vscode.Uri): Promise<LoadedConfigFile | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined; // no config here
    }
    const { config, problems } = parseConfig(new TextDecoder().decode(bytes), uri.fsPath || uri.path);
    problems.forEach((p) => this.report(p));
    let template: TemplateModel | undefined;
    if (config.template) {
      const target = vscode.Uri.joinPath(uri, '..', config.template);
      const folder = vscode.Uri.joinPath(uri, '..').path.replace(/\/?$/, '/');
      if (!target.path.startsWith(folder)) {
        // A config file must not make the editor read files outside its own tree.
        this.report({ file: uri.fsPath || uri.path, key: 'template', message: `${config.template} is outside the folder of the config file; using the built-in template.` });
      } else {
        template = await this.loadTemplate(target, `${CONFIG_FILE_NAME} (template)`);
      }
    }
    return { uri, template, ignore: config.ignore, files: config.files };
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
    const text = `${problem.file}${problem.key ? `: ${problem.key}` : ''}: ${problem.message}`;
    this.log.warn(text);
    if (this.reported.has(text)) return;
    this.reported.add(text);
    void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: {0}', text));
  }
}
