// The pure core: text in, findings out. No `vscode`, no Node-only API.
export * from './analyze';
export * from './config';
export * from './placeholders';
export * from './report';
export * from './sections';
export * from './syntax';
export * from './template';
export * from './text';
export * from './detect';
export * from './glob';
export * from './edits';
export * from './snippet';
export * from './facts';
export * from './service';
export * from './blocks';
export * from './sarif';
export * from './checklist';
