import * as path from 'node:path';
import { CONFIG_FILE_NAME, createTemplate, defaultTemplate, emptyConfig, parseConfig, type ConfigProblem, type NotesConfig, type TemplateModel } from '../core';
import { describeError, readText, type CliFileSystem } from './files';

export interface ResolvedConfig {
  /** The config file that applies, if any. */
  file?: string;
  config: NotesConfig;
  template: TemplateModel;
}

/**
 * Finds `.impl-notes.yaml` by walking up from each checked file, and loads
 * the template it names. Each directory, config and template is read once per
 * run, so a problem in one is reported once.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<string | undefined>>();
  private readonly byFile = new Map<string, Promise<ResolvedConfig>>();
  private readonly templates = new Map<string, Promise<TemplateModel>>();

  constructor(
    private readonly fs: CliFileSystem,
    private readonly report: (problem: ConfigProblem) => void,
    /** `--template`: wins over any config file's template. */
    private readonly templateOverride?: TemplateModel,
  ) {}

  async forFile(absoluteFile: string): Promise<ResolvedConfig> {
    const file = await this.findConfig(path.dirname(absoluteFile));
    if (!file) return { config: emptyConfig(), template: this.templateOverride ?? defaultTemplate() };
    let resolved = this.byFile.get(file);
    if (!resolved) {
      resolved = this.load(file);
      this.byFile.set(file, resolved);
    }
    return resolved;
  }

  private findConfig(dir: string): Promise<string | undefined> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_FILE_NAME);
        try {
          if ((await this.fs.stat(candidate)).isFile()) return candidate;
        } catch {
          // not here: look further up
        }
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.findConfig(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private async load(file: string): Promise<ResolvedConfig> {
    let text: string;
    try {
      text = await readText(this.fs, file);
    } catch (err) {
      this.report({ file, message: `cannot read: ${describeError(err)}` });
      return { file, config: emptyConfig(), template: this.templateOverride ?? defaultTemplate() };
    }
    const { config, problems } = parseConfig(text, file);
    problems.forEach(this.report);
    let template = this.templateOverride ?? defaultTemplate();
    if (!this.templateOverride && config.template) {
      const templateFile = path.resolve(path.dirname(file), config.template);
      const project = path.dirname(file);
      if (path.relative(project, templateFile).startsWith('..') || path.isAbsolute(path.relative(project, templateFile))) {
        // A config file must not make the tool read files outside its own tree.
        this.report({ file, key: 'template', message: `${config.template} is outside the folder of the config file; using the built-in template` });
        return { file, config, template };
      }
      try {
        template = await this.loadTemplate(templateFile);
      } catch (err) {
        this.report({ file, key: 'template', message: `cannot read template ${templateFile}: ${describeError(err)}` });
      }
    }
    return { file, config, template };
  }

  private loadTemplate(file: string): Promise<TemplateModel> {
    let template = this.templates.get(file);
    if (!template) {
      template = readText(this.fs, file).then(createTemplate);
      this.templates.set(file, template);
    }
    return template;
  }
}
