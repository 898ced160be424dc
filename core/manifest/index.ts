export { loadRegistry, resolveRule, checkConditions, DEFAULT_MANIFEST_DIR, MANIFEST_SCHEMA_PATH } from './load.js';
export * from './model.js';
export * from './conditions.js';
export { relationCondition, USER_ENTITY } from './workflows.js';
export { DEFAULT_SYSTEM_TYPES_PATH, SYSTEM_TYPES_FILE } from './system-types.js';
export * from './paths.js';
export * from './dates.js';
export { roleKey, roleDisplayLabel, resolveRoleRef, roleFromInput } from './roles.js';
