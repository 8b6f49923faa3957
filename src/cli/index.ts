/** The CLI stage's public face. */
export { main, type Io } from './main.js';
