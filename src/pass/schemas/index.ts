export * from './open-enum';
export * from './dcr';
export * from './enhanced-error';
export * from './configuration';
export * from './session';
export * from './profiles';
export * from './decisions';
export * from './logout';
