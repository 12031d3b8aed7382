export * from './auth';
export * from './comments';
export * from './documents';
export * from './errors';
export * from './limits';
export * from './roles';
export * from './stakeholder-groups';
