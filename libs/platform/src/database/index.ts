export * from './data-source';
export * from './database.module';
export * from './advisory-lock';
export * from './listen-drain-loop';
