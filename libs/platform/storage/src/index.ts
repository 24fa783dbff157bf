export { openDatabase, transaction, migrate, type Database } from './open-database.js';
