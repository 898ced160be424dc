/** The workflow engine's public entry: used by the admin, plugins, seeds and the CLI. */
export { WorkflowEngine, type WorkflowAction, type RunOptions, type RunResult, type InboxItem, type HistoryItem, type OpenRequest } from './engine.js';
export { installWorkflowHooks } from './hooks.js';
export type { RequestPlan, StepSnapshot } from './quorum.js';
