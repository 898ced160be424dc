/** The workflow engine's public entry: used by the admin, plugins, seeds and the CLI. */
export { WorkflowEngine } from './engine.js';
export type { WorkflowAction, RunOptions, RunResult, InboxItem, HistoryItem, OpenRequest } from './types.js';
export { installWorkflowHooks } from './hooks.js';
export type { RequestPlan, StepSnapshot } from './quorum.js';
