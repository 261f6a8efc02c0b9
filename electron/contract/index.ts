export * from './languages.ts';
export * from './commands.ts';
export * from './state.ts';
export * from './messages.ts';
export * from './services.ts';
export * from './airport.ts';
export * from './hotel.ts';
