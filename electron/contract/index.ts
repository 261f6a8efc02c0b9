export * from './languages.ts';
export * from './commands.ts';
export * from './state.ts';
export * from './messages.ts';
