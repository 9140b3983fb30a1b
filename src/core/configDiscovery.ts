import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type NotesConfig } from './config';
import { decodeText, describeHostError, isInside, joinPath, MAX_CONFIG_BYTES, MAX_NOTES_BYTES, parentPath, type NotesHost } from './host';

/** The `.impl-notes.yaml` that applies to a folder, with the text of the template it names. */
export interface LoadedConfig {
  file: string;
  config: NotesConfig;
  /**
   * The config's own template's text; undefined when it names none or it
   * cannot be used. Text, not a model: the CLI's main thread never parses
   * Markdown (its worker builds the model), so it does not load the parser.
   */
  templateText?: string;
}

export interface ConfigDiscoveryOptions {
  /** Called once per problem of each config loaded. */
  report: (problem: ConfigProblem) => void;
  /** The walk up stops at this folder (the extension's workspace folder); by default at `/`. */
  root?: string;
  /** False when a template given by the user wins anyway: the config's is then not read. */
  loadTemplates?: boolean;
}

/** `file: key: message`, the one way a config problem is shown. */
export function formatConfigProblem(problem: ConfigProblem): string {
  return `${problem.file}${problem.key ? `: ${problem.key}` : ''}: ${problem.message}`;
}

/**
 * Finds `.impl-notes.yaml` by walking up from a folder and loads it and its
 * template. Each folder, config and template is looked at once per instance,
 * so each problem is reported once. A config or template never makes the
 * tools read outside the config's folder, symbolic links included.
 */
export class ConfigDiscovery {
  private readonly byFolder = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly templates = new Map<string, Promise<string>>();

  constructor(
    private readonly host: NotesHost,
    private readonly options: ConfigDiscoveryOptions,
  ) {}

  /** The config of the nearest folder, from `folder` up, that has one. */
  forFolder(folder: string): Promise<LoadedConfig | undefined> {
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.lookIn(folder);
      this.byFolder.set(folder, found);
    }
    return found;
  }

  private async lookIn(folder: string): Promise<LoadedConfig | undefined> {
    const candidate = joinPath(folder, CONFIG_FILE_NAME);
    let stat;
    try {
      stat = await this.host.stat(candidate);
    } catch (err) {
      return this.unusable(candidate, `cannot read: ${describeHostError(err)}`);
    }
    if (stat) return this.load(folder, candidate, stat.kind === 'file' ? undefined : (stat.what ?? (stat.kind === 'directory' ? 'is a directory' : 'not a regular file')));
    const { root } = this.options;
    const parent = parentPath(folder);
    if (parent === folder || (root !== undefined && (folder === root || !isInside(root, parent)))) return undefined;
    return this.forFolder(parent);
  }

  /** A config that is there but cannot be used is an error, not silence; nothing of it applies. */
  private unusable(file: string, message: string): LoadedConfig {
    this.options.report({ file, message });
    return { file, config: { ignore: [], files: [], missingSections: true, references: true } };
  }

  private async load(folder: string, file: string, notAFile: string | undefined): Promise<LoadedConfig> {
    if (notAFile) return this.unusable(file, `cannot read: ${notAFile}`);
    let text: string;
    try {
      const [realFolder, realFile] = await Promise.all([this.host.realpath(folder), this.host.realpath(file)]);
      if (!isInside(realFolder, realFile)) return this.unusable(file, `cannot read: a link to ${realFile}, outside the folder of the config file`);
      text = decodeText(await this.host.readFile(file, MAX_CONFIG_BYTES));
    } catch (err) {
      return this.unusable(file, `cannot read: ${describeHostError(err)}`);
    }
    const { config, problems } = parseConfig(text, file);
    problems.forEach((p) => this.options.report(p));
    if (!config.template || this.options.loadTemplates === false) return { file, config };
    return { file, config, templateText: await this.templateOf(folder, file, config.template) };
  }

  private async templateOf(folder: string, file: string, named: string): Promise<string | undefined> {
    const report = (message: string) => this.options.report({ file, key: 'template', message: `${message}; using the built-in template` });
    const target = joinPath(folder, named);
    if (!isInside(folder, target)) {
      report(`${named} is outside the folder of the config file`);
      return undefined;
    }
    try {
      const [realFolder, realTarget] = await Promise.all([this.host.realpath(folder), this.host.realpath(target)]);
      if (isInside(realFolder, realTarget)) return await this.readTemplate(realTarget);
      report(`${named} is a link to ${realTarget}, outside the folder of the config file`);
    } catch (err) {
      report(`cannot read template ${target}: ${describeHostError(err)}`);
    }
    return undefined;
  }

  private readTemplate(realPath: string): Promise<string> {
    let template = this.templates.get(realPath);
    if (!template) {
      template = this.host.readFile(realPath, MAX_NOTES_BYTES).then(decodeText);
      this.templates.set(realPath, template);
    }
    return template;
  }
}
