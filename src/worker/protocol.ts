// The messages between an analysis client and its worker: shared by every
// worker entry and every client, so this file imports types only.
import type { AnalysisRequest, AnalysisResult } from '../core';

export type WorkerMessage =
  /** `once`: a one-off document (the CLI's): keep no parser cache for it. */
  | { type: 'analyze'; id: number; request: AnalysisRequest; once?: boolean }
  | { type: 'forget'; key: string };

export type WorkerReply =
  /** The worker began this request: the client's watchdog starts counting. */
  | { started: number }
  | { id: number; result: AnalysisResult }
  | { id: number; error: string }
  /** A newer request for the same document took this one's place. */
  | { id: number; superseded: true };

/**
 * A worker as a client drives it: a worker thread (desktop extension, CLI) or
 * a web worker (web extension). Only the transport differs per host.
 */
export interface WorkerTransport {
  postMessage(message: WorkerMessage): void;
  terminate(): unknown;
  onReply(listener: (reply: WorkerReply) => void): void;
  /** `outOfMemory`: the worker went past its heap limit. */
  onError(listener: (error: Error, outOfMemory: boolean) => void): void;
  /** Worker threads exit; web workers only fail. */
  onExit(listener: (code: number) => void): void;
  /** Lets the process end with the worker still there (threads; nothing for a web worker). */
  unref(): void;
}
