import { analyzeText, type Analysis, type AnalyzeOptions } from './analyze';
import { ChunkedParser } from '../markdown/chunkedParser';
import { createTemplate, defaultTemplate, type TemplateModel } from '../template/template';

const WHOLE_PARSE_LIMIT = 32 * 1024;

/** One request to analyse a document: plain data, so it can cross to a worker. */
export interface AnalysisRequest {
  /** Identifies the document across requests (its URI). */
  key: string;
  /** Without a BOM: the host strips it where the text comes in (decodeText, the extension's analyzer). */
  text: string;
  /** The active template's text; the default template when omitted. */
  templateText?: string;
  ignore: readonly string[];
  /** The host knows the document is notes (a `files` glob, or the editor's detection): look for missing sections. */
  notes?: boolean;
  /** `false`: never look for missing sections (the `missingSections` switch). */
  missingSections?: boolean;
  /** `false`: no references (the `references` switch); otherwise read in notes documents, as missing sections are. */
  references?: boolean;
  /** Endings that make an open task not apply; the built-in ones when omitted. */
  notApplicable?: readonly string[];
}

/** An analysis without the text it was made from (the requester has it). */
export type AnalysisResult = Omit<Analysis, 'text'>;

/**
 * Keeps a chunked parser per document and a model per template, so that
 * repeated requests for an edited document re-parse only what changed.
 * Runs wherever the host puts it: a worker thread, or inline.
 */
export class DocumentAnalyzer {
  private readonly parsers = new Map<string, ChunkedParser>();
  private readonly templates = new Map<string, TemplateModel>();

  /**
   * `once`: a document analysed a single time (the CLI's). Short ones get one
   * whole parse, which beats parsing section by section when nothing is reused;
   * long ones are still cut, since micromark slows down on long inputs.
   */
  analyze(request: AnalysisRequest, once = false): AnalysisResult {
    if (once) {
      const parser = request.text.length > WHOLE_PARSE_LIMIT ? new ChunkedParser() : undefined;
      const { placeholders, sections, missing, references } = analyzeText(request.text, { ...this.options(request), parser });
      return { placeholders, sections, missing, references };
    }
    let parser = this.parsers.get(request.key);
    if (!parser) {
      parser = new ChunkedParser();
      this.parsers.set(request.key, parser);
    }
    const { placeholders, sections, missing, references } = analyzeText(request.text, { ...this.options(request), parser });
    return { placeholders, sections, missing, references };
  }

  private options(request: AnalysisRequest): AnalyzeOptions {
    const notes = request.notes ? 'notes' : 'detect';
    return {
      template: this.template(request.templateText),
      ignore: request.ignore,
      missingSections: request.missingSections === false ? 'off' : notes,
      references: request.references === false ? 'off' : notes,
      notApplicable: request.notApplicable,
    };
  }

  forget(key: string): void {
    this.parsers.delete(key);
  }

  /** Documents whose parse is kept: what `forget` must bring back down (a leak otherwise). */
  get trackedDocuments(): number {
    return this.parsers.size;
  }

  private template(text: string | undefined): TemplateModel {
    // The default template's model is prebuilt: never parse its text again.
    if (text === undefined || text === defaultTemplate().text) return defaultTemplate();
    let model = this.templates.get(text);
    if (!model) {
      if (this.templates.size > 8) this.templates.clear();
      model = createTemplate(text);
      this.templates.set(text, model);
    }
    return model;
  }
}
