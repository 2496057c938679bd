// The whole contract behind one import path, as the renderer takes it.
export * from './errors';
export * from './schemas';
export * from './commands';
export * from './events';
export * from './wire';
export * from './client';
export * from './define';
export * from './people';
export * from './audit';
export * from './privacy';
export * from './roles';
export * from './classification';
export * from './vervanging';
export * from './selectielijst-settings';
