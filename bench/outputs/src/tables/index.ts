export { cellText, numberText } from './cell-text.js';
export { gitPhrase, plainText } from './git-phrase.js';
export { htmlTable } from './html-table.js';
export { markdownTable } from './markdown-table.js';
export { terminalTable, type TerminalLayout } from './terminal-table.js';
